package org.irflow.response;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.Variables;
import org.irflow.incident.Incident;
import org.irflow.incident.IncidentService;
import org.irflow.incident.IncidentStatus;
import org.irflow.incident.Severity;
import org.irflow.incident.TimelineEntry;
import org.irflow.incident.TimelineKind;
import org.irflow.process.ProcessKeys;
import org.irflow.support.ProcessTest;
import org.irflow.support.TestIncidents;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** IncidentResponseProcess: the happy path, then each detour. */
class IncidentResponseProcessTest extends ProcessTest {

  @Autowired TestIncidents testIncidents;
  @Autowired IncidentService incidentService;

  Incident incident;

  ProcessInstance startResponse(Severity severity) {
    incident = testIncidents.declare("Vault drain " + severity, severity, "alice");
    ProcessInstance response = runtime.startProcessInstanceByKey(ProcessKeys.INCIDENT_RESPONSE, incident.id(),
        Variables.createVariables().putValue("incidentId", incident.id())
            .putValue("incidentTitle", incident.title()).putValue("severity", severity.name())
            .putValue("incidentSupervisor", "alice"));
    incidentService.responseStarted(incident.id(), response.getId());
    return response;
  }

  void runUpToExecution(ProcessInstance response) {
    submit(openTask(response, "Task_TakeCommand"),
        Map.of("warRoomChannel", "#inc-war-room", "backupChannel", "signal:inc-backup",
            "responders", "dave", "communicationsOfficer", "carol",
            "objective", "Stop the outflow and secure remaining funds"));
    submit(openTask(response, "Task_DevelopActionPlan"),
        Map.of("actionPlan", "1. pause vault 2. trace funds"));
  }

  void executeAndReview(ProcessInstance response, String achieved) {
    submit(openTask(response, "Task_ExecuteActionPlan"), Map.of("executionNotes", "step done"));
    submit(openTask(response, "Task_ReviewProgress"), Map.of("actionPlan", "1. pause vault 2. trace funds",
        "progressNotes", "reviewed", "objectivesAchieved", achieved));
  }

  @Test
  void responseRunsFromWarRoomToResolution() {
    ProcessInstance response = startResponse(Severity.SEV1);
    runWarRoomSteps(response);
    assertThat(response).isWaitingAt("Task_TakeCommand")
        .hasPassed("Task_ApplyResponsePolicy", "Task_ScheduleCadences");
    assertThat(runtime.getVariable(response.getId(), "teamLeadSyncCycle")).isEqualTo("R/PT2H");
    assertThat(runtime.getVariable(response.getId(), "postMortemMandatory")).isEqualTo(true);

    runUpToExecution(response);
    Task execute = openTask(response, "Task_ExecuteActionPlan");
    assertThat(tasks.getIdentityLinksForTask(execute.getId()))
        .anyMatch(link -> "dave".equals(link.getUserId()));
    executeAndReview(response, "YES");
    submit(openTask(response, "Task_DeclareResolved"), Map.of("resolutionSummary", "vault paused, funds traced"));

    assertThat(response).isEnded()
        .hasPassed("EndEvent_ObjectivesAchieved", "Task_RecordResolution", "Task_StartPostMortem",
            "EndEvent_IncidentResolved");
    assertThat(engine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(response.getId())
        .variableName("postMortemOwed").singleResult().getValue()).isEqualTo(true);
    ProcessInstance postMortem = postMortemOf(incident.id());
    assertThat(postMortem).isNotNull().isWaitingAt("Task_DraftPostMortem");
    assertThat(openTask(postMortem, "Task_DraftPostMortem").getAssignee()).isEqualTo("alice");
    Incident resolved = incidentService.get(incident.id());
    assertThat(resolved.status()).isEqualTo(IncidentStatus.RESOLVED);  // a SEV1 owes a post-mortem
    assertThat(resolved.resolvedAt()).isEqualTo(MONDAY_10_UTC);
    assertThat(resolved.closedAt()).isNull();
    assertThat(resolved.objective()).isEqualTo("Stop the outflow and secure remaining funds");
    assertThat(resolved.warRoomChannel()).isEqualTo("#inc-war-room");
    assertThat(resolved.backupChannel()).isEqualTo("signal:inc-backup");

    List<TimelineEntry> timeline = incidentService.timelineOf(incident.id());
    assertThat(timeline).extracting(TimelineEntry::kind).containsSubsequence(
        TimelineKind.INCIDENT_DECLARED, TimelineKind.DECISION, TimelineKind.WAR_ROOM_OPENED,
        TimelineKind.RESPONDERS_ACTIVATED, TimelineKind.OBJECTIVE_STATED, TimelineKind.TASK_COMPLETED,
        TimelineKind.INCIDENT_RESOLVED);
    assertThat(timeline).anyMatch(e -> e.summary().equals("Incident Objective: Stop the outflow and secure remaining funds"));
  }

  @Test
  void theWarRoomGetsTheObjectivePinnedAndTheResolutionPosted() {
    ProcessInstance response = startResponse(Severity.SEV2);
    runUpToExecution(response);

    Map<String, Object> objective = jdbc.queryForMap(
        "select * from outbound_message where incident_id = ? and body like 'Incident Objective:%'", incident.id());
    assertThat(objective.get("channel")).isEqualTo("CHAT");
    assertThat(objective.get("recipients")).isEqualTo("#inc-war-room");
    assertThat(objective.get("body")).isEqualTo("Incident Objective: Stop the outflow and secure remaining funds");
    assertThat(objective.get("pin")).isEqualTo(true);
    assertThat(objective.get("responsible")).isEqualTo("alice");

    executeAndReview(response, "YES");
    submit(openTask(response, "Task_DeclareResolved"), Map.of("resolutionSummary", "vault paused, funds traced"));
    assertThat(jdbc.queryForList("select body from outbound_message where incident_id = ? and channel = 'CHAT'"
        + " order by id", String.class, incident.id()))
        .containsExactly("Incident Objective: Stop the outflow and secure remaining funds",
            "Resolved: vault paused, funds traced");
    assertThat(incidentService.timelineOf(incident.id())).filteredOn(e -> e.kind() == TimelineKind.MESSAGE_QUEUED)
        .hasSize(2);
  }

  @Test
  void aPublicUpdateGoesOutOnlyOnceTheSupervisorStatesItDisclosesNothingExploitable() {
    ProcessInstance response = startResponse(Severity.SEV1);
    runUpToExecution(response);
    assertThat(runtime.getVariable(response.getId(), "publicUpdateCycle")).isEqualTo("R/PT1H");

    fireTimer(response.getId(), "StartEvent_PublicUpdateDue", MONDAY_10_UTC.plus(Duration.ofHours(1)));
    Task draft = openTask(response, "Task_DraftPublicUpdate");
    assertThat(draft.getAssignee()).isEqualTo("carol");
    submit(draft, Map.of("publicUpdateTitle", "Vault paused",
        "publicUpdateText", "The vault is paused: a missing check in withdraw() lets anyone drain it."));
    // before deciding, the supervisor reads which channels would carry it: none is set up in this test
    Task approval = openTask(response, "Task_ApprovePublicUpdate");
    assertThat(forms.getTaskFormVariables(approval.getId()).getValue("deliveryChannels", String.class)).isEqualTo("""
        Discord: not configured — only recorded on the timeline
        Statuspage: not configured — only recorded on the timeline
        Website: not configured — only recorded on the timeline""");
    submit(approval, Map.of("publicUpdateApproval", "SEND_BACK",
        "publicUpdateReturnReason", "It describes the unremedied bug"));
    assertThat(publicMessages()).isEmpty();

    Task redraft = openTask(response, "Task_DraftPublicUpdate");
    assertThat(runtime.getVariable(response.getId(), "publicUpdateReturnReason")).isEqualTo("It describes the unremedied bug");
    submit(redraft, Map.of("publicUpdateTitle", "Vault paused",
        "publicUpdateText", "The vault is paused while we investigate. Funds in other contracts are not affected."));
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> submit(openTask(response, "Task_ApprovePublicUpdate"),
        Map.of())).hasMessageContaining("Your decision: required");
    submit(openTask(response, "Task_ApprovePublicUpdate"), Map.of("publicUpdateApproval", "APPROVED_NOTHING_EXPLOITABLE"));

    List<Map<String, Object>> published = publicMessages();
    assertThat(published).extracting(row -> row.get("channel")).containsExactly("DISCORD", "STATUSPAGE", "WEBSITE");
    assertThat(published).allSatisfy(row -> {
      assertThat(row.get("subject")).isEqualTo("Vault paused");
      assertThat((String) row.get("body")).startsWith("The vault is paused while we investigate.");
      assertThat(row.get("drill")).isEqualTo(false);
      assertThat(row.get("status")).isEqualTo("QUEUED");
      assertThat(row.get("responsible")).isEqualTo("carol");
    });
    assertThat(tasks.createTaskQuery().processInstanceId(response.getId()).taskDefinitionKey("Task_DraftPublicUpdate")
        .count()).isZero();
  }

  @Test
  void aDrillsPublicUpdateGoesToTheDrillChannelAndNowherePublic() {
    ProcessInstance response = startResponse(Severity.SEV1);
    runtime.setVariable(response.getId(), "drill", true);
    runUpToExecution(response);

    fireTimer(response.getId(), "StartEvent_PublicUpdateDue", MONDAY_10_UTC.plus(Duration.ofHours(1)));
    submit(openTask(response, "Task_DraftPublicUpdate"), Map.of("publicUpdateTitle", "Drill: vault paused",
        "publicUpdateText", "This is a drill."));
    submit(openTask(response, "Task_ApprovePublicUpdate"), Map.of("publicUpdateApproval", "APPROVED_REMEDIATED"));

    assertThat(publicMessages()).isEmpty();
    List<Map<String, Object>> rerouted = jdbc.queryForList(
        "select * from outbound_message where incident_id = ? and rerouted_from is not null order by id", incident.id());
    assertThat(rerouted).extracting(row -> row.get("rerouted_from")).containsExactly("DISCORD", "STATUSPAGE", "WEBSITE");
    assertThat(rerouted).allSatisfy(row -> {
      assertThat(row.get("channel")).isEqualTo("CHAT");
      assertThat(row.get("recipients")).isEqualTo("C0DRILL");
      assertThat((String) row.get("body")).startsWith("[DRILL: would have gone to " + row.get("rerouted_from") + "]");
    });
  }

  @Test
  void theSupervisorFindsCustomersAffectedInAReviewAndANotificationStartsOnce() {
    ProcessInstance response = startResponse(Severity.SEV2);
    runUpToExecution(response);
    submit(openTask(response, "Task_ExecuteActionPlan"), Map.of("executionNotes", "step done"));
    submit(openTask(response, "Task_ReviewProgress"), Map.of("actionPlan", "1. pause vault 2. trace funds",
        "progressNotes", "customer balances exposed", "objectivesAchieved", "NO", "notifyCustomers", true));

    assertThat(runtime.createProcessInstanceQuery().processDefinitionKey("CustomerNotificationProcess")
        .processInstanceBusinessKey(incident.id()).count()).isEqualTo(1);
    assertThat(runtime.getVariable(response.getId(), "notifyCustomers")).isEqualTo(false);

    // the next review, box unticked, starts nothing more
    executeAndReview(response, "NO");
    assertThat(runtime.createProcessInstanceQuery().processDefinitionKey("CustomerNotificationProcess")
        .processInstanceBusinessKey(incident.id()).count()).isEqualTo(1);
  }

  private List<Map<String, Object>> publicMessages() {
    return jdbc.queryForList("select * from outbound_message where incident_id = ? and channel in"
        + " ('DISCORD', 'STATUSPAGE', 'WEBSITE', 'EMAIL') order by id", incident.id());
  }

  @Test
  void theSupervisorCanPauseRegisteredContractsAtAnyTimeAndIsOfferedItAgain() {
    ProcessInstance response = startResponse(Severity.SEV1);
    Task pause = openTask(response, "Task_PauseContracts");
    assertThat(pause.getAssignee()).isEqualTo("alice");

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> submit(pause, Map.of("selectedContracts", "Vault, Nowhere")))
        .hasMessageContaining("Contracts to pause: Nowhere is not a registered contract; choose from");
    // the checklist offers every registered contract with its chain, address, state and pause path
    assertThat(String.valueOf(tasks.getVariableLocal(pause.getId(), "contractOptions")))
        .contains("\"value\":\"Vault\"").contains("\"value\":\"Bridge\"").contains("paused now: ");
    // Tasklist sends the ticked contracts as a JSON array
    submit(pause, Map.of("selectedContracts", org.camunda.spin.Spin.JSON("[\"Vault\", \"Bridge\"]")));

    // one batch: both on chain 1 with the same Safe
    List<ProcessInstance> pauses = runtime.createProcessInstanceQuery().processDefinitionKey("ContractPauseProcess")
        .processInstanceBusinessKey(incident.id()).list();
    assertThat(pauses).hasSize(1);
    assertThat(jdbc.queryForObject("select contract_names from pause_batch where incident_id = ?", String.class,
        incident.id())).isEqualTo("Vault,Bridge");
    assertThat(response).hasPassed("Task_StartContractPauses");
    Task again = openTask(response, "Task_PauseContracts");
    assertThat(again.getId()).isNotEqualTo(pause.getId());
    long batch = jdbc.queryForObject("select id from pause_batch where incident_id = ?", Long.class, incident.id());
    assertThat((String) tasks.getVariableLocal(again.getId(), "pauseSummary"))
        .contains("Pause " + batch + " of Vault (").contains("Bridge (");
    assertThat(runtime.getVariable(response.getId(), "selectedContracts")).isNull();

    // resolution ends the offer
    runUpToExecution(response);
    executeAndReview(response, "YES");
    submit(openTask(response, "Task_DeclareResolved"), Map.of("resolutionSummary", "paused and traced"));
    assertThat(response).isEnded();
    assertThat(tasks.createTaskQuery().processInstanceId(response.getId()).count()).isZero();
  }

  @Test
  void aLongIncidentsPauseListKeepsItsNewestPausesWithinWhatAVariableHolds() {
    ProcessInstance response = startResponse(Severity.SEV1);
    // a day of pauses: more than the 4,000 characters a string variable holds, listed one a line
    for (int i = 0; i < 45; i++) {
      submit(openTask(response, "Task_PauseContracts"), Map.of("selectedContracts", i % 2 == 0 ? "Vault" : "Bridge"));
    }
    Task again = openTask(response, "Task_PauseContracts");
    String shown = (String) tasks.getVariableLocal(again.getId(), "pauseSummary");
    long newest = jdbc.queryForObject("select max(id) from pause_batch where incident_id = ?", Long.class,
        incident.id());
    long oldest = jdbc.queryForObject("select min(id) from pause_batch where incident_id = ?", Long.class,
        incident.id());
    assertThat(shown).hasSizeLessThanOrEqualTo(4_000)
        .startsWith("… (earlier lines on the incident's timeline and /api/pauses)\n")
        .contains("\nPause " + newest + " of Vault (")
        .doesNotContain("Pause " + oldest + " of ");
    assertThat(tasks.createTaskQuery().processInstanceId(response.getId()).taskDefinitionKey("Task_PauseContracts")
        .count()).isEqualTo(1);
  }

  @Test
  void lowSeverityIncidentOwesNoPostMortemAndClosesOnResolution() {
    ProcessInstance response = startResponse(Severity.SEV3);
    runUpToExecution(response);
    executeAndReview(response, "YES");
    submit(openTask(response, "Task_DeclareResolved"), Map.of("resolutionSummary", "false positive confirmed"));

    Incident closed = incidentService.get(incident.id());
    assertThat(closed.status()).isEqualTo(IncidentStatus.CLOSED);
    assertThat(closed.closedAt()).isEqualTo(closed.resolvedAt());
    assertThat(response).isEnded().hasPassed("EndEvent_IncidentClosed").hasNotPassed("Task_StartPostMortem");
    assertThat(postMortemOf(incident.id())).isNull();
  }

  @Test
  void lowSeverityIncidentGetsAPostMortemWhenTheSupervisorAsksForOne() {
    ProcessInstance response = startResponse(Severity.SEV3);
    runUpToExecution(response);
    executeAndReview(response, "YES");
    submit(openTask(response, "Task_DeclareResolved"), Map.of("resolutionSummary", "config fixed",
        "postMortemRequested", true));

    assertThat(response).isEnded().hasPassed("Task_StartPostMortem", "EndEvent_IncidentResolved");
    Incident resolved = incidentService.get(incident.id());
    assertThat(resolved.status()).isEqualTo(IncidentStatus.RESOLVED);
    assertThat(resolved.closedAt()).isNull();
    assertThat(postMortemOf(incident.id())).isNotNull().isWaitingAt("Task_DraftPostMortem");
  }

  ProcessInstance postMortemOf(String incidentId) {
    return runtime.createProcessInstanceQuery().processDefinitionKey("PostMortemProcess")
        .processInstanceBusinessKey(incidentId).singleResult();
  }

  @Test
  void actionPlanIteratesUntilTheObjectivesAreAchieved() {
    ProcessInstance response = startResponse(Severity.SEV2);
    runUpToExecution(response);
    executeAndReview(response, "NO");
    assertThat(response).isWaitingAt("Task_ExecuteActionPlan");
    executeAndReview(response, "NO");
    assertThat(response).isWaitingAt("Task_ExecuteActionPlan");
    executeAndReview(response, "YES");

    assertThat(response).isWaitingAt("Task_DeclareResolved");
    assertThat(engine.getHistoryService().createHistoricActivityInstanceQuery()
        .processInstanceId(response.getId()).activityId("Task_ExecuteActionPlan").count()).isEqualTo(3);
  }

  @Test
  void syncCallsComeDueOnThePolicyCadenceAndTheirNotesReachTheTimeline() {
    ProcessInstance response = startResponse(Severity.SEV1);
    assertThat(timerDue(response.getId(), "StartEvent_TeamLeadSyncDue"))
        .isEqualTo(MONDAY_10_UTC.plus(Duration.ofHours(2)));
    assertThat(timerDue(response.getId(), "StartEvent_CommsSyncDue"))
        .isEqualTo(MONDAY_10_UTC.plus(Duration.ofHours(4)));

    fireTimer(response.getId(), "StartEvent_TeamLeadSyncDue", MONDAY_10_UTC.plus(Duration.ofHours(2)));
    Task call = openTask(response, "Task_HoldTeamLeadSyncCall");
    assertThat(call.getAssignee()).isEqualTo("alice");
    submit(call, Map.of("syncCallNotes", "leads agree: pause first, then trace"));

    // the cycle repeats while the response runs
    assertThat(timerDue(response.getId(), "StartEvent_TeamLeadSyncDue"))
        .isEqualTo(MONDAY_10_UTC.plus(Duration.ofHours(4)));
    runWarRoomSteps(response);
    runWarRoomSteps(response);
    assertThat(response).isWaitingAt("Task_TakeCommand");
    assertThat(incidentService.timelineOf(incident.id()))
        .anyMatch(e -> e.kind() == TimelineKind.TASK_COMPLETED
            && e.details().contains("leads agree: pause first, then trace"));

    fireTimer(response.getId(), "StartEvent_CommsSyncDue", MONDAY_10_UTC.plus(Duration.ofHours(4)));
    assertThat(tasks.getIdentityLinksForTask(openTask(response, "Task_HoldCommsSyncCall").getId()))
        .anyMatch(link -> link.getGroupId() != null || link.getUserId() != null);
  }

  @Test
  void handOffAtTheEndOfTheBusinessDayMovesCommandAndOpenTasksToTheIncomingSupervisor() {
    ProcessInstance response = startResponse(Severity.SEV1);
    runUpToExecution(response);
    assertThat(openTask(response, "Task_ExecuteActionPlan")).isNotNull();
    Instant endOfDay = Instant.parse("2026-11-23T17:00:00Z");  // 17:00 in alice's zone (UTC rotation)
    assertThat(timerDue(response.getId(), "StartEvent_EndOfBusinessDay")).isEqualTo(endOfDay);

    // a sync call is open for alice when her day ends
    fireTimer(response.getId(), "StartEvent_TeamLeadSyncDue", MONDAY_10_UTC.plus(Duration.ofHours(2)));
    fireTimer(response.getId(), "StartEvent_EndOfBusinessDay", endOfDay);

    Task briefing = openTask(response, "Task_WriteHandOffBriefing");
    assertThat(briefing.getAssignee()).isEqualTo("alice");
    assertThat(runtime.getVariable(briefing.getExecutionId(), "incomingSupervisor")).isEqualTo("bob");
    submit(briefing, Map.of("handOffBriefing", "vault paused; tracing funds with chain analysts"));
    Task accept = openTask(response, "Task_AcceptHandOff");
    assertThat(accept.getAssignee()).isEqualTo("bob");
    submit(accept, Map.of("handOffAccepted", true));

    assertThat(response).hasPassed("Task_TransferIncidentCommand", "EndEvent_IncidentCommandHandedOff");
    assertThat(incidentService.get(incident.id()).primarySupervisor()).isEqualTo("bob");
    assertThat(openTask(response, "Task_HoldTeamLeadSyncCall").getAssignee()).isEqualTo("bob");
    assertThat(runtime.getVariable(response.getId(), "incidentSupervisor")).isEqualTo("bob");
    assertThat(runtime.getVariable(response.getId(), "lastBriefing"))
        .isEqualTo("vault paused; tracing funds with chain analysts");
    executeAndReview(response, "YES");
    assertThat(openTask(response, "Task_DeclareResolved").getAssignee()).isEqualTo("bob");
    assertThat(incidentService.timelineOf(incident.id()))
        .anyMatch(e -> e.kind() == TimelineKind.HAND_OFF && e.summary().contains("from alice to bob"));
    // the next hand-off is due a day later
    assertThat(timerDue(response.getId(), "StartEvent_EndOfBusinessDay")).isEqualTo(endOfDay.plus(Duration.ofDays(1)));
  }

  @Test
  void handOffIsRefusedUntilTheIncomingSupervisorConfirms() {
    ProcessInstance response = startResponse(Severity.SEV2);
    fireTimer(response.getId(), "StartEvent_EndOfBusinessDay", Instant.parse("2026-11-23T17:00:00Z"));
    submit(openTask(response, "Task_WriteHandOffBriefing"), Map.of("handOffBriefing", "all quiet"));
    Task accept = openTask(response, "Task_AcceptHandOff");

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> submit(accept, Map.of("handOffAccepted", false)))
        .hasMessageContaining("I have read the briefing and take over incident command");
    assertThat(incidentService.get(incident.id()).primarySupervisor()).isEqualTo("alice");
  }
}
