package org.irflow.readiness.training;

import static org.irflow.process.TrainingVariables.ATTENDANCE_CONFIRMED;
import static org.irflow.process.TrainingVariables.ATTENDED_ON;
import static org.irflow.process.TrainingVariables.NOTES_LOCATION;
import static org.irflow.process.TrainingVariables.TRAINEE;
import static org.irflow.process.TrainingVariables.TRAINING_RECORD_ID;

import java.time.Clock;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.irflow.process.Actors;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/** Attendance and where the notes are, recorded on the round. */
@Component("recordTrainingCompletedDelegate")
public class RecordTrainingCompletedDelegate implements JavaDelegate {

  private final TrainingRecords records;
  private final IdentityService identity;
  private final Clock clock;

  public RecordTrainingCompletedDelegate(TrainingRecords records, @Lazy IdentityService identity,
      Clock clock) {
    this.records = records;
    this.identity = identity;
    this.clock = clock;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String by = Actors.current(identity);
    if (Actors.SYSTEM.equals(by)) {
      by = (String) execution.getVariable(TRAINEE);
    }
    records.completed(((Number) execution.getVariable(TRAINING_RECORD_ID)).longValue(), clock.instant(),
        CompleteTrainingFormRule.date(execution.getVariable(ATTENDED_ON)),
        (String) execution.getVariable(NOTES_LOCATION),
        Boolean.TRUE.equals(execution.getVariable(ATTENDANCE_CONFIRMED)), by);
  }
}
