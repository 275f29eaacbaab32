package org.irflow.triage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.irflow.incident.Incident;
import org.irflow.incident.IncidentService;
import org.irflow.incident.IncidentStatus;
import org.irflow.incident.Incidents;
import org.irflow.incident.SecurityEvents;
import org.irflow.incident.Severity;
import org.irflow.incident.TimelineEntry;
import org.irflow.incident.TimelineKind;
import org.irflow.process.ProcessKeys;
import org.irflow.support.ProcessTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** IncidentTriageProcess: the happy path, then each detour. */
class IncidentTriageProcessTest extends ProcessTest {

  @Autowired SecurityEvents events;
  @Autowired Incidents incidents;
  @Autowired IncidentService incidentService;
  @Autowired HistoryService history;

  /** What a person enters in "Report security event". */
  static Map<String, Object> report(String title, String channel, String suspectedSeverity) {
    Map<String, Object> report = new HashMap<>();
    report.put("eventTitle", title);
    report.put("reporter", "dave");
    report.put("channel", channel);
    report.put("description", "Outflow from the vault far above its daily average");
    report.put("affectedSystems", "0xVault");
    report.put("suspectedSeverity", suspectedSeverity);
    report.put("fundsAtRisk", false);
    report.put("activelyExploited", false);
    return report;
  }

  ProcessInstance reportEvent(Map<String, Object> report) {
    String definitionId = engine.getRepositoryService().createProcessDefinitionQuery()
        .processDefinitionKey(ProcessKeys.INCIDENT_TRIAGE).latestVersion().singleResult().getId();
    return forms.submitStartForm(definitionId, report);
  }

  static String uniqueTitle(String what) {
    return what + " " + UUID.randomUUID().toString().substring(0, 8);
  }

  @Test
  void onCallPrimaryTriagesAndDeclaresAnIncidentWhichStartsTheResponse() {
    String title = uniqueTitle("Unusual outflow");
    ProcessInstance triage = reportEvent(report(title, "MONITORING_ALERT", "SEV2"));

    assertThat(triage).isWaitingAt("Task_TriageEvent")
        .hasPassed("Task_RecordEvent", "Task_DecideTriage", "Task_FindOnCallSupervisor");
    Task triageTask = openTask(triage, "Task_TriageEvent");
    assertThat(triageTask.getAssignee()).isEqualTo("alice");
    // Tasklist shows when the triage escalates (SEV2: 30 minutes)
    assertThat(triageTask.getDueDate().toInstant()).isEqualTo(MONDAY_10_UTC.plus(Duration.ofMinutes(30)));
    assertThat(tasks.getIdentityLinksForTask(triageTask.getId()))
        .anyMatch(link -> "incident-commanders".equals(link.getGroupId()));
    assertThat(runtime.getVariable(triage.getId(), "severity")).isEqualTo("SEV2");

    submit(triageTask, Map.of("triageOutcome", "DECLARE", "severity", "SEV1",
        "incidentCommander", "alice", "triageNotes", "confirmed drain, contract still active"));

    assertThat(triage).isEnded().hasPassed("Task_DeclareIncident", "Task_StartResponse")
        .hasNotPassed("Task_RecordNotAnIncident");
    long eventId = (Long) history.createHistoricVariableInstanceQuery()
        .processInstanceId(triage.getId()).variableName("eventId").singleResult().getValue();
    String incidentId = events.find(eventId).orElseThrow().incidentId();
    assertThat(incidentId).matches("INC-2026-\\d{4}");
    Incident incident = incidents.find(incidentId).orElseThrow();
    assertThat(incident.title()).isEqualTo(title);
    assertThat(incident.severity()).isEqualTo(Severity.SEV1);
    assertThat(incident.status()).isEqualTo(IncidentStatus.DECLARED);
    assertThat(incident.primarySupervisor()).isEqualTo("alice");
    assertThat(incident.drill()).isFalse();

    ProcessInstance response = runtime.createProcessInstanceQuery()
        .processDefinitionKey(ProcessKeys.INCIDENT_RESPONSE).processInstanceBusinessKey(incidentId)
        .singleResult();
    assertThat(response).isNotNull();
    assertThat(incident.responseProcessInstanceId()).isEqualTo(response.getId());
    assertThat(openTask(response, "Task_TakeCommand").getAssignee()).isEqualTo("alice");

    List<TimelineEntry> timeline = incidentService.timelineOf(incidentId);
    assertThat(timeline).extracting(TimelineEntry::kind).containsSubsequence(
        TimelineKind.EVENT_REPORTED, TimelineKind.DECISION, TimelineKind.TASK_COMPLETED,
        TimelineKind.INCIDENT_DECLARED);
    TimelineEntry decision = timeline.stream().filter(e -> e.kind() == TimelineKind.DECISION)
        .findFirst().orElseThrow();
    assertThat(decision.details()).contains("\"decision\":\"TriageDecision\"")
        .contains("MONITORING_ALERT").contains("NEEDS_TRIAGE");
    assertThat(timeline.stream().filter(e -> e.kind() == TimelineKind.TASK_COMPLETED).findFirst()
        .orElseThrow().details()).contains("confirmed drain");
  }

  @Test
  void eventJudgedNotAnIncidentIsRecordedWithoutIncident() {
    ProcessInstance triage = reportEvent(report(uniqueTitle("Phishing look-alike"), "SECURITY_EMAIL", "SEV3"));
    submit(openTask(triage, "Task_TriageEvent"), Map.of("triageOutcome", "NOT_AN_INCIDENT",
        "severity", "SEV3", "incidentCommander", "alice", "triageNotes", "known scam site, reported to abuse roster"));

    assertThat(triage).isEnded().hasPassed("Task_RecordNotAnIncident", "EndEvent_EventRecorded")
        .hasNotPassed("Task_DeclareIncident");
    long eventId = eventIdOf(triage);
    var event = events.find(eventId).orElseThrow();
    assertThat(event.disposition()).isEqualTo("NOT_AN_INCIDENT");
    assertThat(event.incidentId()).isNull();
    assertThat(event.decidedBy()).isNotNull();
    assertThat(jdbc.queryForObject("select count(*) from timeline_entry where event_id = ? and kind = 'EVENT_RECORDED'",
        Integer.class, eventId)).isEqualTo(1);
  }

  @Test
  void exploitInProgressIsDeclaredAtOnceByTheDecisionTable() {
    Map<String, Object> report = report(uniqueTitle("Reentrancy drain"), "MONITORING_ALERT", "SEV2");
    report.put("activelyExploited", true);
    report.put("fundsAtRisk", true);
    ProcessInstance triage = reportEvent(report);

    assertThat(triage).isEnded().hasPassed("Task_DeclareIncident", "Task_StartResponse")
        .hasNotPassed("Task_TriageEvent");
    Incident incident = incidents.find(events.find(eventIdOf(triage)).orElseThrow().incidentId()).orElseThrow();
    assertThat(incident.severity()).isEqualTo(Severity.SEV1);
    assertThat(incident.primarySupervisor()).isEqualTo("alice");
    assertThat(incidentService.timelineOf(incident.id()))
        .anyMatch(e -> e.kind() == TimelineKind.INCIDENT_DECLARED && e.actor().contains("TriageDecision"));
  }

  @Test
  void minorCommunityReportIsRecordedOnlyWithoutATask() {
    ProcessInstance triage = reportEvent(report(uniqueTitle("Typo on docs site"), "COMMUNITY", "SEV4"));

    assertThat(triage).isEnded().hasPassed("Task_RecordNotAnIncident").hasNotPassed("Task_TriageEvent");
    assertThat(events.find(eventIdOf(triage)).orElseThrow().disposition()).isEqualTo("RECORD_ONLY");
  }

  @Test
  void overdueTriageIsHandedToTheSecondaryAndTheEscalationRecorded() {
    ProcessInstance triage = reportEvent(report(uniqueTitle("Oracle deviation"), "MONITORING_ALERT", "SEV2"));
    assertThat(timerDue(triage.getId(), "BoundaryEvent_TriageOverdue"))
        .isEqualTo(MONDAY_10_UTC.plus(Duration.ofMinutes(30)));

    fireTimer(triage.getId(), "BoundaryEvent_TriageOverdue", MONDAY_10_UTC.plus(Duration.ofMinutes(31)));

    assertThat(triage).hasPassed("Task_EscalateTriage", "EndEvent_TriageEscalated")
        .isWaitingAt("Task_TriageEvent");
    assertThat(openTask(triage, "Task_TriageEvent").getAssignee()).isEqualTo("bob");
    assertThat(jdbc.queryForObject("select summary from timeline_entry where event_id = ? and kind = 'ESCALATION'",
        String.class, eventIdOf(triage))).contains("alice").contains("bob").contains("PT30M");
    // and bob is paged, since he may not be looking at Tasklist
    Map<String, Object> page = jdbc.queryForMap("select * from outbound_message where channel = 'PAGE'"
        + " and subject like ? order by id desc limit 1", "Triage overdue: Oracle deviation%");
    assertThat(page.get("recipients")).isEqualTo("bob");
    assertThat(page.get("severity")).isEqualTo("SEV2");
    assertThat((String) page.get("body")).contains("alice").contains("PT30M");
  }

  @Test
  void aReportToTheSecurityAddressIsAcknowledgedToItsSender() {
    String title = uniqueTitle("Signature replay in the bridge");
    Map<String, Object> report = report(title, "SECURITY_EMAIL", "SEV3");
    report.put("reporterEmail", "researcher@example.net");
    ProcessInstance triage = reportEvent(report);

    Map<String, Object> ack = jdbc.queryForMap("select * from outbound_message where subject = ?",
        "We received your security report: " + title);
    assertThat(ack.get("channel")).isEqualTo("EMAIL");
    assertThat(ack.get("recipients")).isEqualTo("researcher@example.net");
    assertThat((String) ack.get("body")).contains("reference " + eventIdOf(triage));

    // an address that is none is refused naming the field, and nothing starts
    Map<String, Object> bad = report(uniqueTitle("Another report"), "SECURITY_EMAIL", "SEV3");
    bad.put("reporterEmail", "not an address");
    long before = runtime.createProcessInstanceQuery().processDefinitionKey(ProcessKeys.INCIDENT_TRIAGE).count();
    assertThatThrownBy(() -> reportEvent(bad))
        .hasMessage("The sender's e-mail address: not an address is not an e-mail address (name@example.org)");
    assertThat(runtime.createProcessInstanceQuery().processDefinitionKey(ProcessKeys.INCIDENT_TRIAGE).count())
        .isEqualTo(before);
  }

  @Test
  void startFormWithAMissingRequiredFieldIsRefusedNamingTheFieldAndStartsNothing() {
    String title = uniqueTitle("Incomplete report");
    Map<String, Object> report = report(title, "COMMUNITY", "SEV3");
    report.remove("reporter");
    long before = runtime.createProcessInstanceQuery().processDefinitionKey(ProcessKeys.INCIDENT_TRIAGE).count();

    assertThatThrownBy(() -> reportEvent(report))
        .isInstanceOf(FormFieldValidationException.class)
        .hasMessageContaining("Reported by").hasMessageContaining("required");

    assertThat(runtime.createProcessInstanceQuery().processDefinitionKey(ProcessKeys.INCIDENT_TRIAGE).count())
        .isEqualTo(before);
    assertThat(jdbc.queryForObject("select count(*) from security_event where title = ?", Integer.class, title))
        .isZero();
  }

  @Test
  void triageNamingSomeoneOutsideTheSupervisorsIsRefused() {
    ProcessInstance triage = reportEvent(report(uniqueTitle("Admin key rotation"), "SECURITY_EMAIL", "SEV2"));
    Task triageTask = openTask(triage, "Task_TriageEvent");

    assertThatThrownBy(() -> submit(triageTask, Map.of("triageOutcome", "DECLARE", "severity", "SEV2",
        "incidentCommander", "dave", "triageNotes", "n")))
        .isInstanceOf(FormFieldValidationException.class)
        .hasMessageContaining("Incident command supervisor: dave is not an incident command supervisor: choose one of");
    assertThatThrownBy(() -> submit(triageTask, Map.of("triageOutcome", "MAYBE", "severity", "SEV2",
        "incidentCommander", "alice", "triageNotes", "n")))
        .isInstanceOf(FormFieldValidationException.class).hasMessageContaining("Is it an incident?");
    assertThat(triage).isWaitingAt("Task_TriageEvent");
  }

  @Test
  void aPersonsReportOfAnExploitProposesEveryPauseAndStartsNone() {
    Map<String, Object> report = report(uniqueTitle("Vault drained"), "MONITORING_ALERT", "SEV1");
    report.put("affectedSystems", "Vault and bridge 0x000000000000000000000000000000000000B41D, frontend");
    report.put("activelyExploited", true);
    report.put("fundsAtRisk", true);
    ProcessInstance triage = reportEvent(report);

    assertThat(triage).isEnded().hasPassed("Task_DeclareIncident", "Task_FindContractsToPause", "Task_StartResponse");
    String incidentId = events.find(eventIdOf(triage)).orElseThrow().incidentId();
    // the Vault allows an automatic pause, but only on monitoring's alerts: a person's report is proposed
    assertThat(runtime.createProcessInstanceQuery().processDefinitionKey("ContractPauseProcess")
        .processInstanceBusinessKey(incidentId).count()).isZero();
    ProcessInstance proposal = runtime.createProcessInstanceQuery().processDefinitionKey("PauseProposalProcess")
        .processInstanceBusinessKey(incidentId).singleResult();
    Task pauseVault = openTask(proposal, "Task_DecideProposedPause");
    assertThat(pauseVault.getName()).startsWith(incidentId + " · Pause Vault now? · ");
    assertThat(pauseVault.getAssignee()).isEqualTo("alice");
    // the Bridge is left to a person by the registry: pre-selected in the response's "Pause contracts"
    ProcessInstance response = runtime.createProcessInstanceQuery().processDefinitionKey(ProcessKeys.INCIDENT_RESPONSE)
        .processInstanceBusinessKey(incidentId).singleResult();
    assertThat(runtime.getVariable(response.getId(), "contractsToPause")).isEqualTo("Vault, Bridge");
    assertThat(org.irflow.process.forms.FormValues.list(runtime.getVariable(response.getId(), "selectedContracts")))
        .containsExactly("Bridge");
    assertThat((String) runtime.getVariable(response.getId(), "pauseSummary"))
        .contains("Automatic pause of Vault not allowed by its policy: proposed in \"Pause Vault now?\"")
        .contains("proposed for Bridge");
    assertThat(openTask(response, "Task_PauseContracts").getAssignee()).isEqualTo("alice");
    assertThat(incidentService.timelineOf(incidentId)).filteredOn(e -> e.kind() == TimelineKind.AUTOMATIC_PAUSE_DECISION)
        .singleElement().satisfies(e -> assertThat(e.summary()).isEqualTo(
            "Vault: automatic pause not allowed: reported by a person, not by monitoring; proposed to the supervisor"));
  }

  @Test
  void exploitAgainstARegisteredContractBelowSev1IsProposedNotPausedAutomatically() {
    Map<String, Object> report = report(uniqueTitle("Vault exploit"), "MONITORING_ALERT", "SEV2");
    report.put("affectedSystems", "vault");
    report.put("activelyExploited", true);   // no funds at risk: SEV2
    ProcessInstance triage = reportEvent(report);

    String incidentId = events.find(eventIdOf(triage)).orElseThrow().incidentId();
    assertThat(runtime.createProcessInstanceQuery().processDefinitionKey("ContractPauseProcess")
        .processInstanceBusinessKey(incidentId).count()).isZero();
    assertThat(runtime.createProcessInstanceQuery().processDefinitionKey("PauseProposalProcess")
        .processInstanceBusinessKey(incidentId).variableValueEquals("proposedContract", "Vault").count()).isOne();
    ProcessInstance response = runtime.createProcessInstanceQuery().processDefinitionKey(ProcessKeys.INCIDENT_RESPONSE)
        .processInstanceBusinessKey(incidentId).singleResult();
    assertThat(runtime.getVariable(response.getId(), "pauseSummary").toString()).contains("proposed in \"Pause Vault now?\"");
  }

  /**
   * What a monitoring source starts the triage with (as the event intake does, without a stored event):
   * the report's fields, and what the source said of the event. No fundsAtRisk, activelyExploited or
   * informationSpill: the event is recorded with them false.
   */
  static Map<String, Object> monitoringAlert(String title, String sourceSeverity, String suspectedSeverity,
      String findingType, String affectedSystems) {
    Map<String, Object> alert = new HashMap<>();
    alert.put("eventTitle", title);
    alert.put("reporter", "forta");
    alert.put("channel", "MONITORING_ALERT");
    alert.put("description", "Forta: " + title);
    alert.put("affectedSystems", affectedSystems);
    alert.put("suspectedSeverity", suspectedSeverity);
    alert.put("source", "forta");
    alert.put("sourceSeverity", sourceSeverity);
    alert.put("findingType", findingType);
    return alert;
  }

  /** The TriageDecision rule that decided the triage, from the decision history. */
  private String decidingRule(ProcessInstance triage) {
    return history.createHistoricDecisionInstanceQuery().processInstanceId(triage.getId())
        .decisionDefinitionKey("TriageDecision").includeOutputs().singleResult()
        .getOutputs().get(0).getRuleId();
  }

  private Object triageVariable(ProcessInstance triage, String name) {
    return history.createHistoricVariableInstanceQuery().processInstanceId(triage.getId()).variableName(name)
        .singleResult().getValue();
  }

  @Test
  void exploitFindingAgainstARegisteredContractIsDeclaredAtOnceAndProposesItsPause() {
    // the Bridge of the test registry, by address as Forta reports it; no automatic pause for the Bridge
    ProcessInstance triage = runtime.startProcessInstanceByKey(ProcessKeys.INCIDENT_TRIAGE, monitoringAlert(
        uniqueTitle("Bridge exploit"), "CRITICAL", "SEV1", "EXPLOIT", "0x000000000000000000000000000000000000b41d"));

    assertThat(triage).isEnded()
        .hasPassed("Task_RecordEvent", "Task_DecideTriage", "Task_DeclareIncident", "Task_FindContractsToPause",
            "Task_StartResponse", "EndEvent_IncidentDeclared")
        .hasNotPassed("Task_TriageEvent", "Task_RecordNotAnIncident");
    assertThat(decidingRule(triage)).isEqualTo("Rule_ExploitOnRegisteredContract");
    assertThat(triageVariable(triage, "registeredContractAffected")).isEqualTo(true);
    assertThat(triageVariable(triage, "proposePause")).isEqualTo(true);
    assertThat(triageVariable(triage, "activelyExploited")).isEqualTo(false);
    assertThat(triageVariable(triage, "informationSpill")).isEqualTo(false);
    String incidentId = events.find(eventIdOf(triage)).orElseThrow().incidentId();
    assertThat(incidents.find(incidentId).orElseThrow().severity()).isEqualTo(Severity.SEV1);
    ProcessInstance response = runtime.createProcessInstanceQuery().processDefinitionKey(ProcessKeys.INCIDENT_RESPONSE)
        .processInstanceBusinessKey(incidentId).singleResult();
    assertThat(runtime.getVariable(response.getId(), "contractsToPause")).isEqualTo("Bridge");
    assertThat(org.irflow.process.forms.FormValues.list(runtime.getVariable(response.getId(), "selectedContracts")))
        .containsExactly("Bridge");
    assertThat(runtime.getVariable(response.getId(), "pauseSummary").toString()).contains("pause proposed");
  }

  @Test
  void suspiciousFindingOnARegisteredContractGoesToTheTriageTaskAtSev2WithoutAPause() {
    ProcessInstance triage = runtime.startProcessInstanceByKey(ProcessKeys.INCIDENT_TRIAGE, monitoringAlert(
        uniqueTitle("Vault approvals"), "MEDIUM", "SEV3", "SUSPICIOUS", "Vault"));

    assertThat(triage).isWaitingAt("Task_TriageEvent").hasPassed("Task_DecideTriage", "Task_FindOnCallSupervisor")
        .hasNotPassed("Task_DeclareIncident", "Task_RecordNotAnIncident");
    assertThat(decidingRule(triage)).isEqualTo("Rule_SuspiciousOnRegisteredContract");
    assertThat(runtime.getVariable(triage.getId(), "severity")).isEqualTo("SEV2");
    assertThat(runtime.getVariable(triage.getId(), "proposePause")).isEqualTo(false);
    assertThat(openTask(triage, "Task_TriageEvent").getAssignee()).isEqualTo("alice");
    assertThat(timerDue(triage.getId(), "BoundaryEvent_TriageOverdue"))
        .isEqualTo(MONDAY_10_UTC.plus(Duration.ofMinutes(30)));
  }

  @Test
  void lowInfoFindingTouchingNoRegisteredContractIsRecordedOnly() {
    ProcessInstance triage = runtime.startProcessInstanceByKey(ProcessKeys.INCIDENT_TRIAGE, monitoringAlert(
        uniqueTitle("Large transfer elsewhere"), "LOW", "SEV4", "INFO", "0x00000000000000000000000000000000000e15e0"));

    assertThat(triage).isEnded().hasPassed("Task_DecideTriage", "Task_RecordNotAnIncident", "EndEvent_EventRecorded")
        .hasNotPassed("Task_TriageEvent", "Task_DeclareIncident");
    assertThat(decidingRule(triage)).isEqualTo("Rule_MonitoringLowOrInfo");
    assertThat(triageVariable(triage, "registeredContractAffected")).isEqualTo(false);
    var event = events.find(eventIdOf(triage)).orElseThrow();
    assertThat(event.disposition()).isEqualTo("RECORD_ONLY");
    assertThat(event.incidentId()).isNull();
  }

  @Test
  void personsReportOfASpillGoesToTheTriageTaskAtSev2WithNullMonitoringInputs() {
    Map<String, Object> report = report(uniqueTitle("Customer list on a public drive"), "COMMUNITY", "SEV4");
    report.put("affectedSystems", "support drive");
    report.put("informationSpill", true);
    ProcessInstance triage = reportEvent(report);

    assertThat(triage).isWaitingAt("Task_TriageEvent").hasNotPassed("Task_RecordNotAnIncident");
    assertThat(decidingRule(triage)).isEqualTo("Rule_InformationSpill");
    assertThat(runtime.getVariable(triage.getId(), "severity")).isEqualTo("SEV2");
    assertThat(runtime.getVariables(triage.getId())).containsEntry("source", null)
        .containsEntry("sourceSeverity", null).containsEntry("findingType", null)
        .containsEntry("registeredContractAffected", false).containsEntry("proposePause", false);
  }

  private String incidentOf(ProcessInstance triage) {
    return events.find(eventIdOf(triage)).orElseThrow().incidentId();
  }

  private ProcessInstance processOf(String processKey, String incidentId) {
    return runtime.createProcessInstanceQuery().processDefinitionKey(processKey).processInstanceBusinessKey(incidentId)
        .singleResult();
  }

  @Test
  void declaringWithCustomersAffectedTickedStartsTheCustomerNotification() {
    ProcessInstance triage = reportEvent(report(uniqueTitle("Portal shows other customers' invoices"), "SECURITY_EMAIL",
        "SEV2"));
    // no spill reported: the box starts unticked
    assertThat(runtime.getVariable(triage.getId(), "customersAffected")).isEqualTo(false);
    submit(openTask(triage, "Task_TriageEvent"), Map.of("triageOutcome", "DECLARE", "severity", "SEV2",
        "incidentCommander", "alice", "triageNotes", "session mix-up confirmed", "customersAffected", true));

    assertThat(triage).isEnded()
        .hasPassedInOrder("Task_StartResponse", "Task_StartCustomerNotification", "EndEvent_IncidentDeclared")
        .hasNotPassed("Task_StartSpillResponse");
    String incidentId = incidentOf(triage);
    ProcessInstance notification = processOf("CustomerNotificationProcess", incidentId);
    assertThat(notification).isNotNull().isWaitingAt("Task_DraftCustomerNotification");
    assertThat(runtime.getVariable(notification.getId(), "drill")).isEqualTo(false);
    assertThat(runtime.getVariable(notification.getId(), "incidentSupervisor")).isEqualTo("alice");
    assertThat(tasks.getIdentityLinksForTask(openTask(notification, "Task_DraftCustomerNotification").getId()))
        .anyMatch(link -> "communications".equals(link.getGroupId()));
    assertThat(processOf("InformationSpillProcess", incidentId)).isNull();
    assertThat(incidentService.timelineOf(incidentId)).extracting(TimelineEntry::kind)
        .containsSubsequence(TimelineKind.INCIDENT_DECLARED, TimelineKind.CUSTOMER_NOTIFICATION_REQUESTED);
  }

  @Test
  void declaringWithoutCustomersAffectedStartsNoNotification() {
    ProcessInstance triage = reportEvent(report(uniqueTitle("Oracle lag"), "MONITORING_ALERT", "SEV2"));
    submit(openTask(triage, "Task_TriageEvent"), Map.of("triageOutcome", "DECLARE", "severity", "SEV2",
        "incidentCommander", "alice", "triageNotes", "internal only", "customersAffected", false));

    assertThat(triage).isEnded().hasPassed("Task_StartResponse", "EndEvent_IncidentDeclared")
        .hasNotPassed("Task_StartCustomerNotification", "Task_StartSpillResponse");
    String incidentId = incidentOf(triage);
    assertThat(processOf("CustomerNotificationProcess", incidentId)).isNull();
    assertThat(processOf("InformationSpillProcess", incidentId)).isNull();
  }

  @Test
  void declaredInformationSpillStartsTheSpillResponseAndCustomersArePreTicked() {
    Map<String, Object> report = report(uniqueTitle("Customer list on the support drive"), "COMMUNITY", "SEV3");
    report.put("affectedSystems", "support drive");
    report.put("informationSpill", true);
    ProcessInstance triage = reportEvent(report);
    assertThat(runtime.getVariable(triage.getId(), "customersAffected")).isEqualTo(true);
    // the supervisor leaves the pre-ticked box as it is
    submit(openTask(triage, "Task_TriageEvent"), Map.of("triageOutcome", "DECLARE", "severity", "SEV2",
        "incidentCommander", "bob", "triageNotes", "list is public by link"));

    assertThat(triage).isEnded().hasPassedInOrder("Task_StartResponse", "Task_StartCustomerNotification",
        "Task_StartSpillResponse", "EndEvent_IncidentDeclared");
    String incidentId = incidentOf(triage);
    ProcessInstance spill = processOf("InformationSpillProcess", incidentId);
    assertThat(spill).isNotNull().isWaitingAt("Task_LocateSpill");
    assertThat(openTask(spill, "Task_LocateSpill").getAssignee()).isEqualTo("bob");
    assertThat(runtime.getVariable(spill.getId(), "spillSystems")).isEqualTo("support drive");
    assertThat(runtime.getVariable(spill.getId(), "drill")).isEqualTo(false);
    assertThat(jdbc.queryForObject("select count(*) from information_spill where incident_id = ? and status = 'CONTAINING'",
        Integer.class, incidentId)).isEqualTo(1);
    assertThat(processOf("CustomerNotificationProcess", incidentId)).isNotNull();
    assertThat(incidentService.timelineOf(incidentId)).extracting(TimelineEntry::kind)
        .containsSubsequence(TimelineKind.INCIDENT_DECLARED, TimelineKind.CUSTOMER_NOTIFICATION_REQUESTED,
            TimelineKind.SPILL_RESPONSE_STARTED);
  }

  @Test
  void supervisorMayUntickCustomersAffectedOfASpill() {
    Map<String, Object> report = report(uniqueTitle("Internal roadmap in a public channel"), "COMMUNITY", "SEV3");
    report.put("informationSpill", true);
    ProcessInstance triage = reportEvent(report);
    submit(openTask(triage, "Task_TriageEvent"), Map.of("triageOutcome", "DECLARE", "severity", "SEV3",
        "incidentCommander", "alice", "triageNotes", "no customer data", "customersAffected", false));

    assertThat(triage).isEnded().hasPassed("Task_StartSpillResponse").hasNotPassed("Task_StartCustomerNotification");
    String incidentId = incidentOf(triage);
    assertThat(processOf("InformationSpillProcess", incidentId)).isNotNull();
    assertThat(processOf("CustomerNotificationProcess", incidentId)).isNull();
  }

  @Test
  void drillOfASpillStartsTheSpillResponseAsADrill() {
    Map<String, Object> report = report(uniqueTitle("Drill: customer list leaked"), "COMMUNITY", "SEV2");
    report.put("informationSpill", true);
    report.put("drill", true);
    ProcessInstance triage = runtime.startProcessInstanceByKey(ProcessKeys.INCIDENT_TRIAGE, report);
    submit(openTask(triage, "Task_TriageEvent"), Map.of("triageOutcome", "DECLARE", "severity", "SEV2",
        "incidentCommander", "alice", "triageNotes", "drill"));

    String incidentId = incidentOf(triage);
    assertThat(incidents.find(incidentId).orElseThrow().drill()).isTrue();
    ProcessInstance spill = processOf("InformationSpillProcess", incidentId);
    assertThat(spill).isWaitingAt("Task_LocateSpill");
    assertThat(runtime.getVariable(spill.getId(), "drill")).isEqualTo(true);
    assertThat(runtime.getVariable(processOf("CustomerNotificationProcess", incidentId).getId(), "drill"))
        .isEqualTo(true);
  }

  @Test
  void aSev1TriageIsDueInMinutesNamedForItsEventAndOnTopOfALessSevereOne() {
    String urgentTitle = uniqueTitle("Vault outflow");
    ProcessInstance urgent = reportEvent(report(urgentTitle, "COMMUNITY", "SEV1"));
    ProcessInstance unclear = reportEvent(report(uniqueTitle("Odd log line"), "COMMUNITY", "SEV3"));

    Task urgentTriage = openTask(urgent, "Task_TriageEvent");
    Task unclearTriage = openTask(unclear, "Task_TriageEvent");

    assertThat(urgentTriage.getDueDate().toInstant()).isEqualTo(MONDAY_10_UTC.plus(Duration.ofMinutes(15)));
    assertThat(unclearTriage.getDueDate().toInstant()).isEqualTo(MONDAY_10_UTC.plus(Duration.ofHours(2)));
    assertThat(urgentTriage.getPriority()).isEqualTo(100);
    assertThat(unclearTriage.getPriority()).isEqualTo(50);
    // alice's Tasklist, most urgent first, as the role filters sort it
    assertThat(tasks.createTaskQuery().taskAssignee("alice").taskDefinitionKey("Task_TriageEvent")
        .processInstanceIdIn(urgent.getId(), unclear.getId()).orderByTaskPriority().desc().list())
        .extracting(Task::getId).containsExactly(urgentTriage.getId(), unclearTriage.getId());
    assertThat(urgentTriage.getName()).isEqualTo("Event " + eventIdOf(urgent) + " · Triage event · " + urgentTitle);
  }

  private long eventIdOf(ProcessInstance triage) {
    return (Long) history.createHistoricVariableInstanceQuery().processInstanceId(triage.getId())
        .variableName("eventId").singleResult().getValue();
  }
}
