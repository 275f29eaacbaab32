package org.irflow.readiness.training;

import static org.irflow.process.TrainingVariables.RESPONSE_GROUP;
import static org.irflow.process.TrainingVariables.ROUND_KIND;
import static org.irflow.process.TrainingVariables.STILL_IN_RESPONSE_GROUP;
import static org.irflow.process.TrainingVariables.TRAINEE;
import static org.irflow.process.TrainingVariables.TRAINING_DUE_AT;
import static org.irflow.process.TrainingVariables.TRAINING_KIND;
import static org.irflow.process.TrainingVariables.TRAINING_RECORD_ID;
import static org.irflow.process.TrainingVariables.TRAINING_REMINDER_AT;

import java.time.Clock;
import java.time.Instant;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.irflow.process.CadenceProperties;
import org.irflow.process.Cadences;
import org.springframework.stereotype.Component;

/**
 * Opens a training round (row in training_record) and sets the dates of its timers: the deadline
 * (irflow.cadences.training-deadline after joining, or after the refresher or radical change) and
 * the reminder (irflow.cadences.training-reminder-before the deadline). A refresher or retraining of
 * someone who has left every response group opens no round: the training ends.
 */
@Component("scheduleTrainingDelegate")
public class ScheduleTrainingDelegate implements JavaDelegate {

  private final TrainingRecords records;
  private final ResponseGroupMembers members;
  private final CadenceProperties cadences;
  private final Clock clock;

  public ScheduleTrainingDelegate(TrainingRecords records, ResponseGroupMembers members,
      CadenceProperties cadences, Clock clock) {
    this.records = records;
    this.members = members;
    this.cadences = cadences;
    this.clock = clock;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String trainee = (String) execution.getVariable(TRAINEE);
    TrainingKind kind = TrainingKind.valueOf((String) execution.getVariable(ROUND_KIND));
    String group = (String) execution.getVariable(RESPONSE_GROUP);
    if (kind != TrainingKind.INITIAL) {
      group = members.members().get(trainee);
      if (group == null) {
        execution.setVariable(STILL_IN_RESPONSE_GROUP, false);
        return;
      }
    }
    Instant now = clock.instant();
    Instant joinedAt = records.enrolment(trainee).map(TrainingRecords.Enrolment::joinedAt).orElse(now);
    Instant dueAt = Cadences.plus(kind == TrainingKind.INITIAL ? joinedAt : now, cadences.trainingDeadline());
    Instant reminderAt = Cadences.minus(dueAt, cadences.trainingReminderBefore());
    long roundId = records.startRound(trainee, group, kind, joinedAt, now, dueAt,
        execution.getProcessInstanceId());
    execution.setVariable(STILL_IN_RESPONSE_GROUP, true);
    execution.setVariable(RESPONSE_GROUP, group);
    execution.setVariable(TRAINING_RECORD_ID, roundId);
    execution.setVariable(TRAINING_KIND, kind.name());
    execution.setVariable(TRAINING_DUE_AT, dueAt.toString());
    execution.setVariable(TRAINING_REMINDER_AT, reminderAt.toString());
  }
}
