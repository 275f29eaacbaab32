package org.irflow.postmortem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.irflow.incident.Incident;
import org.irflow.incident.IncidentStatus;
import org.irflow.incident.Severity;
import org.irflow.incident.TimelineEntry;
import org.irflow.incident.TimelineKind;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** PostMortemProcess: the happy path, then each detour. */
class PostMortemProcessTest extends PostMortemTestSupport {

  static final Duration WEEK = Duration.ofDays(7);
  static final String TWO_COMMITTED_ONE_OPTIONAL = """
      Add replay protection to the verifier | P1 | dave | 2027-01-15
      Rotate the signer keys | P2 | bob | 2027-01-20
      Blog post on signature replays | P3 | carol | 2027-02-01 | optional
      """;

  @Autowired RepositoryService repository;

  @Test
  void postMortemRunsFromTimelineToClosure() {
    ProcessInstance postMortem = startPostMortem(Severity.SEV1, false);

    assertThat(postMortem).hasPassed("Task_GatherTimeline").isWaitingAt("Task_DraftPostMortem");
    Task draft = openTask(postMortem, "Task_DraftPostMortem");
    assertThat(draft.getAssignee()).isEqualTo("alice");
    String timeline = (String) runtime.getVariable(postMortem.getId(), "postMortemTimeline");
    // sentences as the incident page tells them, each person named once
    assertThat(timeline).contains("UTC: Event reported by dave (MONITORING_ALERT): Vault drain SEV1\n",
        "UTC: Incident " + incident.id() + " declared, SEV1, incident command supervisor alice\n",
        "UTC: Incident Objective: Stop the outflow and secure remaining funds (alice)\n",
        "UTC: Incident resolved: vault paused, funds traced (alice)\n");
    assertThat(postMortemService.get(incident.id()).gatheredTimeline()).isEqualTo(timeline);

    draft(postMortem);
    defineItems(postMortem, TWO_COMMITTED_ONE_OPTIONAL);

    assertThat(postMortem).hasPassed("Task_CreateActionItems")
        .isWaitingAt("Task_DecidePublication", "IntermediateCatchEvent_WeeklyReviewDue");
    assertThat(actionItems.ofIncident(incident.id())).extracting(ActionItem::title, ActionItem::owner,
            ActionItem::optional, ActionItem::status)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("Add replay protection to the verifier", "dave", false, ActionItemStatus.OPEN),
            org.assertj.core.groups.Tuple.tuple("Rotate the signer keys", "bob", false, ActionItemStatus.OPEN),
            org.assertj.core.groups.Tuple.tuple("Blog post on signature replays", "carol", true, ActionItemStatus.OPEN));
    assertThat(runtime.createProcessInstanceQuery().processDefinitionKey("ActionItemProcess")
        .processInstanceBusinessKey(incident.id()).count()).isEqualTo(3);
    assertThat(openTask(item(1).processInstanceId(), "Task_CompleteActionItem").getAssignee()).isEqualTo("dave");
    assertThat(timerDue(postMortem.getId(), "IntermediateCatchEvent_WeeklyReviewDue"))
        .isEqualTo(MONDAY_10_UTC.plus(WEEK));

    completeItem(1);
    completeItem(2);
    decidePublish(postMortem);
    // published where the supervisor said, and announced on the public channels
    assertThat(jdbc.queryForList("select channel from outbound_message where incident_id = ? and subject like"
        + " 'Post-mortem: %' order by id", String.class, incident.id()))
        .containsExactly("DISCORD", "STATUSPAGE", "WEBSITE");
    assertThat(jdbc.queryForObject("select body from outbound_message where incident_id = ? and channel = 'DISCORD'"
        + " and subject like 'Post-mortem: %'", String.class, incident.id()))
        .endsWith("The full post-mortem: https://blog.example.org/inc");
    Task close = openTask(postMortem, "Task_ClosePostMortem");
    assertThat(runtime.getVariable(postMortem.getId(), "actionItemSummary").toString())
        .startsWith("0 of 2 committed items open").contains("Blog post on signature replays");
    submit(close, Map.of("closingNotes", "all committed items done"));

    assertThat(postMortem).isEnded().hasPassed("Task_CloseIncident", "EndEvent_PostMortemClosed")
        .hasNotPassed("Task_ReviewActionItems", "IntermediateThrowEvent_DrillPostMortemClosed");
    Incident closed = incidentService.get(incident.id());
    assertThat(closed.status()).isEqualTo(IncidentStatus.CLOSED);
    assertThat(closed.closedAt()).isEqualTo(MONDAY_10_UTC);
    PostMortem row = postMortemService.get(incident.id());
    assertThat(row.status()).isEqualTo(PostMortem.CLOSED);
    assertThat(row.rootCause()).isEqualTo("The verifier accepted replayed signatures.");
    assertThat(row.publication()).isEqualTo(Publication.PUBLISHED);
    assertThat(row.publishedWhere()).isEqualTo("https://blog.example.org/inc");
    assertThat(row.closedBy()).isEqualTo("alice");
    assertThat(item(3).status()).isEqualTo(ActionItemStatus.OPEN);  // optional: did not hold the closure
    assertThat(incidentService.timelineOf(incident.id())).extracting(TimelineEntry::kind).containsSubsequence(
        TimelineKind.INCIDENT_RESOLVED, TimelineKind.POST_MORTEM_STARTED, TimelineKind.POST_MORTEM_DRAFTED,
        TimelineKind.ACTION_ITEM_DEFINED, TimelineKind.ACTION_ITEM_COMPLETED, TimelineKind.POST_MORTEM_PUBLICATION,
        TimelineKind.POST_MORTEM_CLOSED, TimelineKind.INCIDENT_CLOSED);
  }

  @Test
  void aHundredActionItemsAreAllCreatedAndTheirSummaryFitsAVariable() {
    ProcessInstance postMortem = startPostMortem(Severity.SEV2, false);
    draft(postMortem);
    StringBuilder lines = new StringBuilder();
    for (int i = 1; i <= 100; i++) {
      lines.append("Harden ").append(i).append(" | P2 | dave | 2027-01-15\n");
    }
    assertThat(lines.length()).isLessThanOrEqualTo(4000);   // within the form's own limit

    defineItems(postMortem, lines.toString());

    assertThat(actionItems.ofIncident(incident.id())).hasSize(100);
    String summary = runtime.getVariable(postMortem.getId(), "actionItemSummary").toString();
    assertThat(summary).hasSizeLessThanOrEqualTo(4000).startsWith("100 of 100 committed items open")
        .endsWith("(cut; the whole text is on GET /api/action-items?incidentId=" + incident.id() + ")");
  }

  @Test
  void weeklyReviewRepeatsUntilTheLastCommittedItemCloses() {
    ProcessInstance postMortem = startPostMortem(Severity.SEV2, false);
    draft(postMortem);
    defineItems(postMortem, TWO_COMMITTED_ONE_OPTIONAL);

    Instant firstReview = MONDAY_10_UTC.plus(WEEK);
    fireTimer(postMortem.getId(), "IntermediateCatchEvent_WeeklyReviewDue", firstReview);
    Task review = openTask(postMortem, "Task_ReviewActionItems");
    assertThat(review.getAssignee()).isEqualTo("alice");
    assertThat(runtime.getVariable(postMortem.getId(), "actionItemSummary").toString())
        .startsWith("2 of 2 committed items open")
        .contains("#1 [P1] Add replay protection to the verifier, owner dave, due 2027-01-15, committed: OPEN");
    submit(review, Map.of("reviewNotes", "both on track"));
    completeItem(1);

    Instant secondReview = firstReview.plus(WEEK);
    assertThat(timerDue(postMortem.getId(), "IntermediateCatchEvent_WeeklyReviewDue")).isEqualTo(secondReview);
    fireTimer(postMortem.getId(), "IntermediateCatchEvent_WeeklyReviewDue", secondReview);
    assertThat(runtime.getVariable(postMortem.getId(), "actionItemSummary").toString())
        .startsWith("1 of 2 committed items open");
    submit(openTask(postMortem, "Task_ReviewActionItems"), Map.of("reviewNotes", "key rotation slipped a week"));
    completeItem(2);

    // the last committed item ends the weekly reviews at once, not at the next weekly check
    assertThat(postMortem).hasPassed("BoundaryEvent_LastCommittedItemClosed").isWaitingAt("Task_DecidePublication");
    assertThat(management.createJobQuery().processInstanceId(postMortem.getId()).timers().count()).isZero();
    assertThat(engine.getHistoryService().createHistoricActivityInstanceQuery().processInstanceId(postMortem.getId())
        .activityId("Task_ReviewActionItems").count()).isEqualTo(2);
    assertThat(incidentService.timelineOf(incident.id()))
        .filteredOn(entry -> entry.kind() == TimelineKind.ACTION_ITEMS_REVIEWED).hasSize(2);
  }

  @Test
  void anOpenOptionalItemDoesNotHoldTheReview() {
    ProcessInstance postMortem = startPostMortem(Severity.SEV1, false);
    draft(postMortem);
    defineItems(postMortem, """
        Add replay protection to the verifier | P1 | dave | 2027-01-15
        Blog post on signature replays | P3 | carol | 2027-02-01 | optional""");
    completeItem(1);

    assertThat(postMortem).hasPassed("BoundaryEvent_LastCommittedItemClosed")
        .hasNotPassed("Task_CheckActionItems", "Task_ReviewActionItems");
    assertThat(management.createJobQuery().processInstanceId(postMortem.getId()).timers().count()).isZero();
    assertThat(item(2).status()).isEqualTo(ActionItemStatus.OPEN);
    assertThat(itemProcess(2)).isWaitingAt("Task_CompleteActionItem");
  }

  @Test
  void closureIsOfferedOnlyOnceEveryCommittedItemIsClosed() {
    ProcessInstance postMortem = startPostMortem(Severity.SEV1, false);
    draft(postMortem);
    defineItems(postMortem, TWO_COMMITTED_ONE_OPTIONAL);
    completeItem(1);
    decidePublish(postMortem);

    // the publication is decided, a committed item is open: nothing to close yet, the reviews go on
    assertThat(tasks.createTaskQuery().processInstanceId(postMortem.getId())
        .taskDefinitionKey("Task_ClosePostMortem").count()).isZero();
    assertThat(postMortem).isWaitingAt("IntermediateCatchEvent_WeeklyReviewDue", "Gateway_ReadyToClose");
    assertThat(incidentService.get(incident.id()).status()).isEqualTo(IncidentStatus.RESOLVED);

    // the owner's "done" on the last committed item offers the closure at once, with its summary of that moment
    completeItem(2);
    Task close = openTask(postMortem, "Task_ClosePostMortem");
    assertThat(runtime.getVariable(postMortem.getId(), "actionItemSummary").toString())
        .startsWith("0 of 2 committed items open").contains("Rotate the signer keys, owner bob, due 2027-01-20,"
            + " committed: DONE");
    submit(close, Map.of("closingNotes", "now complete"));
    assertThat(postMortem).isEnded().hasPassed("EndEvent_PostMortemClosed");
    // the terminate end event also ended the waiting weekly review
    assertThat(management.createJobQuery().processInstanceId(postMortem.getId()).count()).isZero();
    assertThat(incidentService.get(incident.id()).status()).isEqualTo(IncidentStatus.CLOSED);
  }

  @Test
  void withholdingNeedsAReasonWhichIsRecorded() {
    ProcessInstance postMortem = startPostMortem(Severity.SEV1, false);
    draft(postMortem);
    defineItems(postMortem, "Add replay protection to the verifier | P1 | dave | 2027-01-15");
    Task decide = openTask(postMortem, "Task_DecidePublication");

    assertThatThrownBy(() -> submit(decide, Map.of("publicationDecision", "WITHHOLD")))
        .hasMessageContaining("Why it is withheld");
    assertThat(postMortemService.get(incident.id()).publication()).isNull();

    submit(decide, Map.of("publicationDecision", "WITHHOLD",
        "withholdReason", "The same flaw is live in a fork we have warned privately"));
    PostMortem row = postMortemService.get(incident.id());
    assertThat(row.publication()).isEqualTo(Publication.WITHHELD);
    assertThat(row.withheldReason()).isEqualTo("The same flaw is live in a fork we have warned privately");
    assertThat(row.publicationDecidedBy()).isEqualTo("alice");
    completeItem(1);
    assertThat(postMortem).isWaitingAt("Task_ClosePostMortem");
  }

  @Test
  void twoItemsAddedAsRowsThenThatsAllCreateExactlyThoseTwo() {
    ProcessInstance postMortem = startPostMortem(Severity.SEV1, false);
    draft(postMortem);
    assertThat(runtime.getVariable(postMortem.getId(), "actionItemsSoFar")).isEqualTo("No action items yet.");
    Task first = openTask(postMortem, "Task_AddActionItem");
    // the owner is chosen from the programme's members, by name
    assertThat(tasks.getVariableLocal(first.getId(), "actionItemOwnerOptions").toString())
        .contains("{\"value\":\"dave\",\"label\":\"Dave (demo) (dave)\"}", "\"value\":\"carol\"");

    addItem(postMortem, "Add replay protection to the verifier", "P1", "dave", "2027-01-15", false, "ADD_ANOTHER");
    assertThat(postMortem).isWaitingAt("Task_AddActionItem");
    assertThat(runtime.getVariable(postMortem.getId(), "actionItemsSoFar"))
        .isEqualTo("1. Add replay protection to the verifier: P1, Dave (demo) (dave), committed by 2027-01-15");
    // the next round starts empty: nothing of the first item is offered again
    assertThat(runtime.getVariables(postMortem.getId())).doesNotContainKeys("newActionItemTitle",
        "newActionItemOwner", "actionItemsNext");
    assertThat(actionItems.ofIncident(incident.id())).isEmpty();

    addItem(postMortem, "Blog post on signature replays", "P3", "carol", "2027-02-01", true, "ADD_LAST");

    assertThat(postMortem).hasPassed("Task_CreateActionItems")
        .isWaitingAt("Task_DecidePublication", "IntermediateCatchEvent_WeeklyReviewDue");
    assertThat(engine.getHistoryService().createHistoricActivityInstanceQuery().processInstanceId(postMortem.getId())
        .activityId("Task_AddActionItem").count()).isEqualTo(2);
    assertThat(jdbc.queryForList("select item_number, title, priority, owner_id, due_date, optional_item, status"
        + " from action_item where incident_id = ? order by item_number", incident.id()))
        .extracting(row -> row.get("item_number") + " | " + row.get("title") + " | " + row.get("priority") + " | "
            + row.get("owner_id") + " | " + row.get("due_date") + " | " + row.get("optional_item") + " | "
            + row.get("status"))
        .containsExactly("1 | Add replay protection to the verifier | P1 | dave | 2027-01-15 | false | OPEN",
            "2 | Blog post on signature replays | P3 | carol | 2027-02-01 | true | OPEN");
    assertThat(postMortemService.get(incident.id()).noActionItems()).isFalse();
    assertThat(openTask(item(1).processInstanceId(), "Task_CompleteActionItem").getAssignee()).isEqualTo("dave");
    assertThat(openTask(item(2).processInstanceId(), "Task_CompleteActionItem").getAssignee()).isEqualTo("carol");
  }

  @Test
  void aWrongOwnerOrAPastDateIsRefusedWithTheFieldNamed() {
    ProcessInstance postMortem = startPostMortem(Severity.SEV1, false);
    draft(postMortem);
    Task add = openTask(postMortem, "Task_AddActionItem");

    assertThatThrownBy(() -> submit(add, itemRound("Rotate keys", "P4", "nobody", "2026-01-01", false, "ADD_LAST")))
        .hasMessageContaining("Priority: P4 is not a choice here; choose one of P1: first; P2; P3: when there is time")
        .hasMessageContaining("Owner: nobody is not a member of the incident response programme: choose one of")
        .hasMessageContaining("Committed date: 2026-01-01 is in the past; choose 2026-11-23 or later");
    assertThatThrownBy(() -> submit(add, itemRound("", "P1", "dave", "2027-01-15", false, "ADD_ANOTHER")))
        .hasMessageContaining("Title: required");
    // an item filled in is never dropped: a step that adds nothing is refused
    assertThatThrownBy(() -> submit(add, itemRound("Rotate keys", "P1", "dave", "2027-01-15", false, "FINISH")))
        .hasMessageContaining("Next step: \"That's all: add nothing more\" adds nothing, but an item is filled in");
    assertThatThrownBy(() -> submit(add, Map.of("actionItemsNext", "REMOVE_LAST")))
        .hasMessageContaining("Next step: the list is empty, there is no item to remove");
    // API users' lines are checked by the same rules, each naming its line
    assertThatThrownBy(() -> submit(add, Map.of("actionItemsNext", "ADD_LAST", "actionItemsToAdd", """
        Add replay protection | P1 | dave | 2027-01-15
        Rotate keys | P4 | nobody | 2026-01-01""")))
        .hasMessageContaining("Action items to add, line 2 ('Rotate keys | P4 | nobody | 2026-01-01'), priority: P4")
        .hasMessageContaining("line 2 ('Rotate keys | P4 | nobody | 2026-01-01'), owner: nobody is not a member");
    assertThatThrownBy(() -> submit(add, Map.of("actionItemsNext", "ADD_LAST", "actionItemsToAdd", "[{\"title\": ")))
        .hasMessageContaining("Action items to add: not a JSON array");

    assertThat(postMortem).isWaitingAt("Task_AddActionItem");
    assertThat(runtime.getVariable(postMortem.getId(), "actionItems")).isNull();
    assertThat(actionItems.ofIncident(incident.id())).isEmpty();
  }

  @Test
  void aPostMortemMayEndWithNoActionItems() {
    ProcessInstance postMortem = startPostMortem(Severity.SEV1, false);
    draft(postMortem);

    nextStep(postMortem, "FINISH");

    assertThat(postMortem).hasPassed("Task_CreateActionItems", "Gateway_CommittedItemsClosed")
        .hasNotPassed("SubProcess_WeeklyReviews").isWaitingAt("Task_DecidePublication");
    assertThat(actionItems.ofIncident(incident.id())).isEmpty();
    assertThat(postMortemService.get(incident.id()).noActionItems()).isTrue();
    assertThat(postMortemService.document(incident.id())).contains("No action items are needed.");
  }

  @Test
  void theLastItemCanBeRemovedAndEnteredAgain() {
    ProcessInstance postMortem = startPostMortem(Severity.SEV2, false);
    draft(postMortem);
    addItem(postMortem, "Add replay protection to the verifier", "P1", "dave", "2027-01-15", false, "ADD_ANOTHER");
    addItem(postMortem, "Rotate the signer keys", "P2", "carol", "2027-01-20", false, "ADD_ANOTHER");

    nextStep(postMortem, "REMOVE_LAST");
    assertThat(runtime.getVariable(postMortem.getId(), "actionItemsSoFar"))
        .isEqualTo("1. Add replay protection to the verifier: P1, Dave (demo) (dave), committed by 2027-01-15");
    addItem(postMortem, "Rotate the signer keys", "P2", "bob", "2027-01-20", false, "ADD_LAST");

    assertThat(actionItems.ofIncident(incident.id())).extracting(ActionItem::title, ActionItem::owner)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("Add replay protection to the verifier", "dave"),
            org.assertj.core.groups.Tuple.tuple("Rotate the signer keys", "bob"));
  }

  @Test
  void drillIsPublishedInternallyAndItsClosureSignalsThePlanReview() {
    Deployment receiver = repository.createDeployment().name("drill signal receiver (test)")
        .addModelInstance("DrillSignalReceiverTest.bpmn", Bpmn.createExecutableProcess("DrillSignalReceiverTest")
            .camundaHistoryTimeToLive(1).startEvent().signal("drill-post-mortem-closed").userTask().endEvent().done())
        .deploy();
    try {
      ProcessInstance postMortem = startPostMortem(Severity.SEV2, true);
      draft(postMortem);
      defineItems(postMortem, "Page the signers by phone too | P2 | alice | 2027-01-15");

      assertThat(postMortem).hasPassed("Task_RecordInternalPublication").isWaitingAt("Gateway_ReadyToClose");
      assertThat(postMortemService.get(incident.id()).publication()).isEqualTo(Publication.INTERNAL);
      completeItem(1);
      assertThat(postMortem).isWaitingAt("Task_ClosePostMortem");
      submit(openTask(postMortem, "Task_ClosePostMortem"), Map.of());

      assertThat(postMortem).isEnded().hasNotPassed("Task_DecidePublication")
          .hasPassed("IntermediateThrowEvent_DrillPostMortemClosed", "EndEvent_DrillPostMortemClosed");
      ProcessInstance planReview = runtime.createProcessInstanceQuery()
          .processDefinitionKey("DrillSignalReceiverTest").variableValueEquals("drillIncidentId", incident.id())
          .singleResult();
      assertThat(planReview).isNotNull();
      assertThat(incidentService.get(incident.id()).status()).isEqualTo(IncidentStatus.CLOSED);
    } finally {
      repository.deleteDeployment(receiver.getId(), true);
    }
  }

  @Test
  void documentHasEverySectionAndTheItems() {
    ProcessInstance postMortem = startPostMortem(Severity.SEV1, false);
    draft(postMortem);
    defineItems(postMortem, TWO_COMMITTED_ONE_OPTIONAL);
    completeItem(1);
    submit(openTask(item(2).processInstanceId(), "Task_CompleteActionItem"),
        Map.of("actionItemOutcome", "DONE"));
    decidePublish(postMortem);
    submit(openTask(postMortem, "Task_ClosePostMortem"), Map.of());

    String markdown = postMortemService.document(incident.id());
    assertThat(markdown).startsWith("# Post-mortem " + incident.id() + ": Vault drain SEV1")
        .containsSubsequence("## Summary", "A signature replay drained part of the vault.",
            "## Timeline", "declared, SEV1", "## Root cause", "The verifier accepted replayed signatures.",
            "## What went well", "## What went wrong", "three signers", "## Action items",
            "| 1 | Add replay protection to the verifier | P1 | dave | 2027-01-15 | committed | done 2026-11-23 by dave |",
            "| 2 | Rotate the signer keys | P2 | bob | 2027-01-20 | committed | done 2026-11-23 by bob |",
            "| 3 | Blog post on signature replays | P3 | carol | 2027-02-01 | optional | open |",
            "## Publication", "Published by alice", "https://blog.example.org/inc");
  }

  @Test
  void anOperatorDeletesAPostMortemWaitingForItsActionItems() {
    ProcessInstance postMortem = startPostMortem(Severity.SEV1, false);
    draft(postMortem);
    assertThat(postMortem).isWaitingAt("Task_AddActionItem");

    // the task ends without a round: nothing is taken from its empty fields, and the deletion goes through
    runtime.deleteProcessInstance(postMortem.getId(), "opened in error");

    assertThat(runtime.createProcessInstanceQuery().processInstanceId(postMortem.getId()).count()).isZero();
  }
}
