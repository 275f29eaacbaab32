package org.irflow.readiness.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.irflow.process.Cadences;
import org.irflow.process.TrainingVariables;
import org.irflow.support.ProcessTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** ResponderTrainingProcess (IR-2): a new member is trained in time, then each detour. */
class ResponderTrainingProcessTest extends ProcessTest {

  static final Period DEADLINE = Period.ofDays(60);

  @Autowired IdentityService identity;
  @Autowired MembershipCheck membershipCheck;
  @Autowired TrainingRecords records;
  @Autowired TrainingStatusService statuses;

  String member;

  ProcessInstance newMember(String group) {
    member = TestMembers.join(identity, "trainee", group);
    assertThat(membershipCheck.run()).contains(member);
    ProcessInstance training = runtime.createProcessInstanceQuery()
        .processDefinitionKey(TrainingVariables.RESPONDER_TRAINING_PROCESS)
        .processInstanceBusinessKey(member).singleResult();
    assertThat(training).isNotNull();
    return training;
  }

  void complete(ProcessInstance training, String attendedOn) {
    Task task = openTask(training, "Task_CompleteTraining");
    assertThat(task.getAssignee()).isEqualTo(member);
    submit(task, Map.of("attendedOn", attendedOn, "notesLocation", "https://notes.example/ir-training",
        "attendanceConfirmed", true));
  }

  TrainingStatus statusOf(String userId) {
    return statuses.all().stream().filter(s -> s.userId().equals(userId)).findFirst().orElseThrow();
  }

  @Test
  void newMemberGetsTheTrainingTaskAndCompletesItInTime() {
    ProcessInstance training = newMember("responders");
    assertThat(training).isWaitingAt("Task_CompleteTraining").hasPassed("Task_ScheduleInitialTraining");
    Instant due = MONDAY_10_UTC.plus(Duration.ofDays(60));
    assertThat(runtime.getVariable(training.getId(), "trainingDueAt")).isEqualTo(due.toString());
    assertThat(timerDue(training.getId(), "BoundaryEvent_TrainingReminder")).isEqualTo(due.minus(Duration.ofDays(7)));
    assertThat(timerDue(training.getId(), "BoundaryEvent_TrainingOverdue")).isEqualTo(due);
    assertThat(records.enrolment(member).orElseThrow().joinedAt()).isEqualTo(MONDAY_10_UTC);
    assertThat(statusOf(member).status()).isEqualTo(TrainingStatus.Status.PENDING);
    // the next check leaves the member alone
    assertThat(membershipCheck.run()).doesNotContain(member);

    setClock(MONDAY_10_UTC.plus(Duration.ofDays(20)));
    complete(training, "2026-12-12");

    assertThat(training).isWaitingAt("Gateway_AwaitNextTraining").hasPassed("Task_RecordTrainingCompleted")
        .hasNotPassed("Task_RecordTrainingReminder", "Task_RecordTrainingOverdue");
    TrainingRound round = records.roundsOf(member).get(0);
    assertThat(records.roundsOf(member)).hasSize(1);
    assertThat(round.kind()).isEqualTo(TrainingKind.INITIAL);
    assertThat(round.responseGroup()).isEqualTo("responders");
    assertThat(round.joinedAt()).isEqualTo(MONDAY_10_UTC);
    assertThat(round.dueAt()).isEqualTo(due);
    assertThat(round.completedAt()).isEqualTo(MONDAY_10_UTC.plus(Duration.ofDays(20)));
    assertThat(round.attendedOn()).isEqualTo(LocalDate.parse("2026-12-12"));
    assertThat(round.notesLocation()).isEqualTo("https://notes.example/ir-training");
    assertThat(round.attendanceConfirmed()).isTrue();
    assertThat(round.completedBy()).isEqualTo(member);
    assertThat(round.remindedAt()).isNull();
    assertThat(round.escalatedAt()).isNull();
    TrainingStatus status = statusOf(member);
    assertThat(status.status()).isEqualTo(TrainingStatus.Status.CURRENT);
    assertThat(status.dueAt()).isEqualTo(Cadences.plus(round.completedAt(), Period.ofYears(1)));
  }

  @Test
  void traineeIsRemindedSevenDaysBeforeTheDeadline() {
    ProcessInstance training = newMember("communications");
    fireTimer(training.getId(), "BoundaryEvent_TrainingReminder", MONDAY_10_UTC.plus(Duration.ofDays(53)));

    assertThat(training).hasPassed("Task_RecordTrainingReminder", "EndEvent_TraineeReminded")
        .isWaitingAt("Task_CompleteTraining");
    assertThat(records.roundsOf(member).get(0).remindedAt()).isEqualTo(MONDAY_10_UTC.plus(Duration.ofDays(53)));
    assertThat(tasks.createTaskQuery().processInstanceId(training.getId())
        .taskDefinitionKey("Task_FollowUpOverdueTraining").count()).isZero();
  }

  @Test
  void overdueTrainingEscalatesToTheManagersAtDaySixtyAndStaysOpen() {
    ProcessInstance training = newMember("signers");
    Instant deadline = MONDAY_10_UTC.plus(Duration.ofDays(60));
    fireTimer(training.getId(), "BoundaryEvent_TrainingOverdue", deadline);

    Task followUp = openTask(training, "Task_FollowUpOverdueTraining");
    assertThat(tasks.getIdentityLinksForTask(followUp.getId()))
        .anyMatch(link -> "managers".equals(link.getGroupId()));
    assertThat(openTask(training, "Task_CompleteTraining").getAssignee()).isEqualTo(member);
    assertThat(records.roundsOf(member).get(0).escalatedAt()).isEqualTo(deadline);
    assertThat(statusOf(member).status()).isEqualTo(TrainingStatus.Status.OVERDUE);

    submit(followUp, Map.of("followUpNotes", "called; attends the session on Friday"));
    assertThat(training).hasPassed("EndEvent_OverdueTrainingFollowedUp").isWaitingAt("Task_CompleteTraining");
    setClock(deadline.plus(Duration.ofDays(4)));
    complete(training, "2027-01-25");
    assertThat(statusOf(member).status()).isEqualTo(TrainingStatus.Status.CURRENT);
  }

  @Test
  void yearlyRefresherOpensANewRoundOfTheSameTraining() {
    ProcessInstance training = newMember("incident-commanders");
    complete(training, "2026-11-23");
    Instant refresherDue = Cadences.plus(MONDAY_10_UTC, Period.ofYears(1));
    assertThat(timerDue(training.getId(), "Event_RefresherDue")).isEqualTo(refresherDue);

    fireTimer(training.getId(), "Event_RefresherDue", refresherDue);

    assertThat(training).hasPassed("Task_ScheduleRefresher").isWaitingAt("Task_CompleteTraining");
    assertThat(runtime.getVariable(training.getId(), "trainingKind")).isEqualTo("REFRESHER");
    TrainingRound refresher = records.roundsOf(member).get(1);
    assertThat(refresher.kind()).isEqualTo(TrainingKind.REFRESHER);
    assertThat(refresher.startedAt()).isEqualTo(refresherDue);
    assertThat(refresher.dueAt()).isEqualTo(Cadences.plus(refresherDue, DEADLINE));
    assertThat(refresher.completedAt()).isNull();
    assertThat(statusOf(member).status()).isEqualTo(TrainingStatus.Status.DUE);
    // the refresher has its own reminder and deadline
    assertThat(timerDue(training.getId(), "BoundaryEvent_TrainingOverdue")).isEqualTo(refresher.dueAt());
  }

  @Test
  void memberWhoLeftTheResponseGroupsIsNotRefreshed() {
    ProcessInstance training = newMember("responders");
    complete(training, "2026-11-23");
    identity.deleteMembership(member, "responders");

    fireTimer(training.getId(), "Event_RefresherDue", Cadences.plus(MONDAY_10_UTC, Period.ofYears(1)));

    assertThat(training).isEnded().hasPassed("EndEvent_LeftResponseGroups");
    assertThat(records.roundsOf(member)).hasSize(1);
  }

  @Test
  void attendanceDateInTheFutureIsRefused() {
    ProcessInstance training = newMember("responders");
    Task task = openTask(training, "Task_CompleteTraining");
    assertThatThrownBy(() -> submit(task, Map.of("attendedOn", "2027-03-01",
        "notesLocation", "https://notes.example/ir-training", "attendanceConfirmed", true)))
        .hasMessageContaining("Date attended");
    assertThatThrownBy(() -> submit(task, Map.of("attendedOn", "2026-11-20",
        "notesLocation", "https://notes.example/ir-training", "attendanceConfirmed", false)))
        .hasMessageContaining("I attended the training and have read the notes");
    assertThat(training).isWaitingAt("Task_CompleteTraining");
  }
}
