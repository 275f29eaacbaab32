package org.irflow.readiness.training;

import static org.irflow.process.TrainingVariables.TRAINING_RECORD_ID;

import java.time.Clock;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** The reminder before the training deadline: recorded on the round (notification comes with comms). */
@Component("recordTrainingReminderDelegate")
public class RecordTrainingReminderDelegate implements JavaDelegate {

  private final TrainingRecords records;
  private final Clock clock;

  public RecordTrainingReminderDelegate(TrainingRecords records, Clock clock) {
    this.records = records;
    this.clock = clock;
  }

  @Override
  public void execute(DelegateExecution execution) {
    records.reminded(((Number) execution.getVariable(TRAINING_RECORD_ID)).longValue(), clock.instant());
  }
}
