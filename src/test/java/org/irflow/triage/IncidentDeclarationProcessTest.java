package org.irflow.triage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.irflow.incident.Incident;
import org.irflow.incident.IncidentService;
import org.irflow.incident.Incidents;
import org.irflow.incident.Severity;
import org.irflow.incident.TimelineEntry;
import org.irflow.incident.TimelineKind;
import org.irflow.process.ProcessKeys;
import org.irflow.support.ProcessTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** "Declare an incident": a supervisor's one form, and the incident exists at once, led by them. */
class IncidentDeclarationProcessTest extends ProcessTest {

  @Autowired Incidents incidents;
  @Autowired IncidentService incidentService;
  @Autowired HistoryService history;

  static Map<String, Object> declaration(String title) {
    Map<String, Object> form = new HashMap<>();
    form.put("eventTitle", title);
    form.put("severity", "SEV1");
    form.put("description", "Bridge withdrawals replayed, confirmed on-chain");
    form.put("affectedSystems", "Bridge");
    form.put("fundsAtRisk", true);
    form.put("activelyExploited", true);
    form.put("customersAffected", false);
    form.put("informationSpill", false);
    return form;
  }

  ProcessInstance declareAs(String user, String group, Map<String, Object> form) {
    String definitionId = engine.getRepositoryService().createProcessDefinitionQuery()
        .processDefinitionKey(SupervisorDeclaration.DECLARATION_PROCESS).latestVersion().singleResult().getId();
    engine.getIdentityService().setAuthentication(user, List.of(group));
    try {
      return forms.submitStartForm(definitionId, form);
    } finally {
      engine.getIdentityService().clearAuthentication();
    }
  }

  @AfterEach
  void signedOut() {
    engine.getIdentityService().clearAuthentication();
  }

  @Test
  void aSupervisorDeclaresAndTheIncidentExistsAtOnceLedByThem() {
    String title = IncidentTriageProcessTest.uniqueTitle("Bridge replay");
    ProcessInstance declaration = declareAs("bob", "incident-commanders", declaration(title));

    assertThat(declaration).isEnded().hasPassed("Task_TakeDeclaration", "Task_RecordAndDeclare");
    String incidentId = (String) history.createHistoricVariableInstanceQuery()
        .processInstanceId(declaration.getId()).variableName("incidentId").singleResult().getValue();
    Incident incident = incidents.find(incidentId).orElseThrow();
    assertThat(incident.title()).isEqualTo(title);
    assertThat(incident.severity()).isEqualTo(Severity.SEV1);
    assertThat(incident.primarySupervisor()).as("the declaring supervisor leads, not whoever is on call").isEqualTo("bob");

    // the triage was recorded as done by bob: no decision table, no triage task, nobody else paged to triage
    HistoricProcessInstance triage = history.createHistoricProcessInstanceQuery()
        .superProcessInstanceId(declaration.getId()).singleResult();
    assertThat(triage.getProcessDefinitionKey()).isEqualTo(ProcessKeys.INCIDENT_TRIAGE);
    List<String> passed = history.createHistoricActivityInstanceQuery().processInstanceId(triage.getId()).list()
        .stream().map(activity -> activity.getActivityId()).toList();
    assertThat(passed).contains("Task_RecordEvent", "Gateway_DeclaredBySupervisor", "Task_DeclareIncident",
        "Task_FindContractsToPause", "Task_StartResponse")
        .doesNotContain("Task_DecideTriage", "Task_FindOnCallSupervisor", "Task_TriageEvent");
    assertThat(jdbc.queryForMap("select channel, reporter from security_event where incident_id = ?", incidentId))
        .containsEntry("channel", "INCIDENT_COMMAND").containsEntry("reporter", "Bob (demo) (bob)");

    List<TimelineEntry> timeline = incidentService.timelineOf(incidentId);
    assertThat(timeline).extracting(TimelineEntry::kind)
        .containsSubsequence(TimelineKind.EVENT_REPORTED, TimelineKind.INCIDENT_DECLARED);
    assertThat(timeline).noneMatch(entry -> "Task_DecideTriage".equals(entry.activityId()));
    assertThat(timeline).filteredOn(entry -> entry.kind() == TimelineKind.INCIDENT_DECLARED)
        .extracting(TimelineEntry::actor).containsExactly("bob");

    // the response waits for bob's first steps and offers the pause of the contract named, pre-ticked
    ProcessInstance response = runtime.createProcessInstanceQuery()
        .processDefinitionKey(ProcessKeys.INCIDENT_RESPONSE).processInstanceBusinessKey(incidentId).singleResult();
    assertThat(openTask(response, "Task_TakeCommand").getAssignee()).isEqualTo("bob");
    assertThat(openTask(response, "Task_PauseContracts").getAssignee()).isEqualTo("bob");
    assertThat(String.valueOf(runtime.getVariable(response.getId(), "contractsToPause"))).contains("Bridge");
  }

  @Test
  void aResponderCannotDeclare() {
    String title = IncidentTriageProcessTest.uniqueTitle("Not mine to declare");
    assertThatThrownBy(() -> declareAs("dave", "responders", declaration(title)))
        .isInstanceOf(AuthorizationException.class).hasMessageContaining("dave");
    assertThat(jdbc.queryForObject("select count(*) from security_event where title = ?", Integer.class, title))
        .isZero();
  }

  @Test
  void anOperatorWhoIsNoSupervisorCannotDeclareEither() {
    // operators may start any process; leading an incident is still a supervisor's
    String title = IncidentTriageProcessTest.uniqueTitle("Operator's declaration");
    assertThatThrownBy(() -> declareAs("admin", "camunda-admin", declaration(title)))
        .isInstanceOf(AuthorizationException.class)
        .hasMessageContaining("admin is not an incident command supervisor");
    assertThat(jdbc.queryForObject("select count(*) from security_event where title = ?", Integer.class, title))
        .isZero();
  }

  @Test
  void aReportThatClaimsToBeDeclaredIsStillTriaged() {
    // the variables of a declaration, set on an ordinary triage: only a call from the declaration counts
    Map<String, Object> report = IncidentTriageProcessTest.report(
        IncidentTriageProcessTest.uniqueTitle("Smuggled declaration"), "COMMUNITY", "SEV2");
    report.putAll(Map.of("declaredBy", "alice", "triageOutcome", "DECLARE", "incidentCommander", "alice"));
    ProcessInstance triage = runtime.startProcessInstanceByKey(ProcessKeys.INCIDENT_TRIAGE, report);
    assertThat(triage).hasPassed("Task_DecideTriage").isWaitingAt("Task_TriageEvent");
  }
}
