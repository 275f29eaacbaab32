package org.irflow.postmortem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.spin.json.SpinJsonNode;
import org.irflow.incident.Severity;
import org.irflow.incident.TimelineKind;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** ActionItemProcess: completion, then the reminder, the overdue escalation and the waivers. */
class ActionItemProcessTest extends PostMortemTestSupport {

  /** committed by 2026-12-04: overdue from 2026-12-05T00:00Z, reminder two days earlier */
  static final Instant OVERDUE = Instant.parse("2026-12-05T00:00:00Z");
  static final Instant REMINDER = Instant.parse("2026-12-03T00:00:00Z");

  ProcessInstance committed;
  ProcessInstance optional;

  @BeforeEach
  void defineItems() {
    ProcessInstance postMortem = startPostMortem(Severity.SEV1, false);
    draft(postMortem);
    defineItems(postMortem, """
        Add replay protection to the verifier | P1 | dave | 2026-12-04
        Blog post on signature replays | P3 | carol | 2026-12-18 | optional""");
    committed = itemProcess(1);
    optional = itemProcess(2);
  }

  @Test
  void ownerCompletesTheItem() {
    assertThat(committed).hasPassed("Task_ScheduleActionItem").isWaitingAt("Task_CompleteActionItem");
    Task task = openTask(committed, "Task_CompleteActionItem");
    assertThat(task.getAssignee()).isEqualTo("dave");
    assertThat(runtime.getVariables(committed.getId())).containsEntry("actionItemTitle",
        "Add replay protection to the verifier").containsEntry("actionItemDueDate", "2026-12-04")
        .containsEntry("actionItemKind", "committed").containsEntry("incidentId", incident.id());

    submit(task, Map.of("actionItemOutcome", "DONE", "completionNotes", "merged in PR 42"));

    assertThat(committed).isEnded().hasPassed("Task_RecordCompletion", "EndEvent_ActionItemDone");
    ActionItem done = item(1);
    assertThat(done.status()).isEqualTo(ActionItemStatus.DONE);
    assertThat(done.completedAt()).isEqualTo(MONDAY_10_UTC);
    assertThat(done.completedBy()).isEqualTo("dave");
    assertThat(done.completionNotes()).isEqualTo("merged in PR 42");
    assertThat(incidentService.timelineOf(incident.id()))
        .anyMatch(e -> e.kind() == TimelineKind.ACTION_ITEM_COMPLETED && e.summary().contains("merged in PR 42"));
  }

  @Test
  void ownerIsRemindedTwoDaysBeforeTheDeadline() {
    assertThat(timerDue(committed.getId(), "BoundaryEvent_ReminderDue")).isEqualTo(REMINDER);
    fireTimer(committed.getId(), "BoundaryEvent_ReminderDue", REMINDER);

    assertThat(committed).hasPassed("Task_RecordReminder", "EndEvent_OwnerReminded")
        .isWaitingAt("Task_CompleteActionItem");
    assertThat(item(1).remindedAt()).isEqualTo(REMINDER);
    assertThat(incidentService.timelineOf(incident.id()))
        .anyMatch(e -> e.kind() == TimelineKind.ACTION_ITEM_REMINDER && e.summary().contains("dave"));
  }

  @Test
  void overdueItemEscalatesAndTheSupervisorsWaiverEndsTheOwnersTask() {
    assertThat(timerDue(committed.getId(), "BoundaryEvent_CommittedDatePassed")).isEqualTo(OVERDUE);
    fireTimer(committed.getId(), "BoundaryEvent_CommittedDatePassed", OVERDUE);

    Task followUp = openTask(committed, "Task_FollowUpOverdue");
    assertThat(followUp.getAssignee()).isEqualTo("alice");
    assertThat(committed).isWaitingAt("Task_CompleteActionItem", "Task_FollowUpOverdue");
    assertThat(item(1).overdueAt()).isEqualTo(OVERDUE);
    assertThat(incidentService.timelineOf(incident.id())).anyMatch(e -> e.kind() == TimelineKind.ACTION_ITEM_OVERDUE);

    assertThatThrownBy(() -> submit(followUp, Map.of("followUpOutcome", "WAIVE")))
        .hasMessageContaining("Notes");
    submit(followUp, Map.of("followUpOutcome", "WAIVE", "followUpNotes", "superseded by the new verifier"));

    assertThat(committed).isEnded().hasPassed("Task_RecordSupervisorWaiver", "EndEvent_ActionItemWaivedBySupervisor");
    assertThat(tasks.createTaskQuery().processInstanceId(committed.getId()).count()).isZero();
    ActionItem waived = item(1);
    assertThat(waived.status()).isEqualTo(ActionItemStatus.WAIVED);
    assertThat(waived.waivedBy()).isEqualTo("alice");
    assertThat(waived.waiverReason()).isEqualTo("superseded by the new verifier");
    assertThat(incidentService.timelineOf(incident.id()))
        .anyMatch(e -> e.kind() == TimelineKind.ACTION_ITEM_WAIVED && e.summary().contains("superseded"));
  }

  @Test
  void supervisorMayKeepAnOverdueItemOpen() {
    fireTimer(committed.getId(), "BoundaryEvent_CommittedDatePassed", OVERDUE);
    submit(openTask(committed, "Task_FollowUpOverdue"), Map.of("followUpOutcome", "KEEP_OPEN",
        "followUpNotes", "dave needs one more week"));

    assertThat(committed).hasPassed("EndEvent_ActionItemKeptOpen").isWaitingAt("Task_CompleteActionItem");
    assertThat(item(1).status()).isEqualTo(ActionItemStatus.OPEN);
  }

  @Test
  void ownerCannotWaiveACommittedItemButMayWaiveAnOptionalOne() {
    Task task = openTask(committed, "Task_CompleteActionItem");
    // what the form offers, as Tasklist reads it: waiving only for the optional item
    assertThat(offeredOutcomes(task)).containsExactly("DONE");
    assertThat(offeredOutcomes(openTask(optional, "Task_CompleteActionItem"))).containsExactly("DONE", "WAIVED");
    assertThatThrownBy(() -> submit(task, Map.of("actionItemOutcome", "SKIPPED")))
        .hasMessageContaining("'actionItemOutcome'").hasMessageContaining("'SKIPPED' is not an outcome");
    assertThatThrownBy(() -> submit(task, Map.of("actionItemOutcome", "WAIVED", "completionNotes", "no time")))
        .hasMessageContaining("Outcome").hasMessageContaining("cannot be waived");
    // pretending in the submission that the item is optional changes nothing
    assertThatThrownBy(() -> submit(task, Map.of("actionItemOutcome", "WAIVED", "completionNotes", "no time",
        "actionItemKind", "optional")))
        .hasMessageContaining("cannot be waived");
    assertThat(item(1).status()).isEqualTo(ActionItemStatus.OPEN);
    assertThat(committed).isWaitingAt("Task_CompleteActionItem");

    Task optionalTask = openTask(optional, "Task_CompleteActionItem");
    assertThatThrownBy(() -> submit(optionalTask, Map.of("actionItemOutcome", "WAIVED")))
        .hasMessageContaining("Notes");
    submit(optionalTask, Map.of("actionItemOutcome", "WAIVED", "completionNotes", "covered by the release notes"));
    assertThat(optional).isEnded().hasPassed("Task_RecordOwnerWaiver", "EndEvent_ActionItemWaivedByOwner");
    assertThat(item(2).status()).isEqualTo(ActionItemStatus.WAIVED);
    assertThat(item(2).waivedBy()).isEqualTo("carol");
    assertThat(item(2).waiverReason()).isEqualTo("covered by the release notes");
  }

  /** The values of the outcome options in the task's form variables (the JSON the form's radio group reads). */
  private List<String> offeredOutcomes(Task task) {
    SpinJsonNode options = (SpinJsonNode) tasks.getVariableTyped(task.getId(), "actionItemOutcomes").getValue();
    return options.elements().stream().map(option -> option.prop("value").stringValue()).toList();
  }
}
