package org.irflow.readiness.training;

import static org.irflow.process.TrainingVariables.TRAINING_RECORD_ID;

import java.time.Clock;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** The deadline passed: the escalation to the programme manager is recorded on the round. */
@Component("recordTrainingOverdueDelegate")
public class RecordTrainingOverdueDelegate implements JavaDelegate {

  private final TrainingRecords records;
  private final Clock clock;

  public RecordTrainingOverdueDelegate(TrainingRecords records, Clock clock) {
    this.records = records;
    this.clock = clock;
  }

  @Override
  public void execute(DelegateExecution execution) {
    records.escalated(((Number) execution.getVariable(TRAINING_RECORD_ID)).longValue(), clock.instant());
  }
}
