package org.irflow.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.irflow.support.RestClient.variables;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.irflow.support.RestClient;
import org.irflow.support.RestClient.Response;
import org.irflow.support.RunningApplicationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A person tries to forge where an event came from, or to turn a real incident into a drill, on every
 * way the engine REST API offers (Tasklist and Cockpit call the same API): each attempt answers 400
 * naming the variable and changes nothing, while the form's own fields, the intake and the drill
 * process keep working. Real HTTP against the whole application on PostgreSQL.
 */
class ProvenanceTest extends RunningApplicationTest {

  private static final String TRIAGE = "/engine-rest/process-definition/key/IncidentTriageProcess";

  /** What turned a real report into a drill, or declared a community report at once, before. */
  private static final Map<String, Map<String, Object>> FORGERIES = Map.of(
      "drill", Map.of("drill", true),
      "provenance", Map.of("source", "forta", "sourceSeverity", "CRITICAL", "findingType", "EXPLOIT"));

  @Autowired JdbcTemplate jdbc;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired HistoryService history;
  RestClient rest;

  @BeforeEach
  void client() {
    rest = new RestClient(baseUrl());
  }

  @ParameterizedTest(name = "{0} via {1}")
  @CsvSource({
      "drill, key/start", "drill, key/submit-form", "drill, id/start", "drill, id/submit-form",
      "provenance, key/start", "provenance, key/submit-form", "provenance, id/start", "provenance, id/submit-form"})
  void aResponderCannotStartATriageAsADrillOrWithMonitoringProvenance(String forgery, String path) {
    String businessKey = "forged-" + UUID.randomUUID();
    Map<String, Object> values = bridgeReplayReport("Forged report " + businessKey);
    values.putAll(FORGERIES.get(forgery));
    Map<String, Object> body = new HashMap<>(variables(values));
    body.put("businessKey", businessKey);

    Response answer = rest.post("dave", definitionPath(path), body);

    assertThat(answer.status()).as(answer.text()).isEqualTo(400);
    for (String variable : FORGERIES.get(forgery).keySet()) {
      assertThat(answer.body().path("message").asText()).contains("variable '" + variable + "' cannot be set by a person");
    }
    assertThat(history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(businessKey).count())
        .as("no triage started").isZero();
    assertThat(eventsTitled("Forged report " + businessKey)).isZero();
  }

  @Test
  void aResponderCannotStartATriageAtAnActivityPastItsDecision() {
    String businessKey = "skip-" + UUID.randomUUID();
    Map<String, Object> body = new HashMap<>(variables(bridgeReplayReport("Skipped triage " + businessKey)));
    body.put("businessKey", businessKey);
    body.put("startInstructions", List.of(Map.of("type", "startBeforeActivity", "activityId", "Task_DeclareIncident")));

    Response answer = rest.post("dave", TRIAGE + "/start", body);

    assertThat(answer.status()).as(answer.text()).isEqualTo(400);
    assertThat(answer.body().path("message").asText()).contains("start event");
    assertThat(history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(businessKey).count()).isZero();
  }

  @Test
  void theStartFormsFieldsStillStartATriageThatTakesItsNormalPath() {
    String title = "Plain report " + UUID.randomUUID();
    Response started = rest.post("dave", TRIAGE + "/start", variables(bridgeReplayReport(title)));
    assertThat(started.status()).as(started.text()).isEqualTo(200);
    String triageId = started.body().path("id").asText();

    String supervisor = rest.get("maria", "/api/on-call").body().path("primary").asText();
    rest.awaitTask(supervisor, triageId, "Triage event");
    assertNoDrillNorProvenance(triageId);
    assertThat(runtime.getVariables(triageId)).containsEntry("eventTitle", title).containsEntry("reportedBy", "dave")
        .containsEntry("disposition", "NEEDS_TRIAGE");
  }

  @Test
  void theSupervisorCannotSlipVariablesIntoTheTriageTaskNorTheRunningTriage() {
    String title = "Task forgery " + UUID.randomUUID();
    String triageId = rest.post("dave", TRIAGE + "/submit-form", variables(bridgeReplayReport(title))).body().path("id").asText();
    String supervisor = rest.get("maria", "/api/on-call").body().path("primary").asText();
    String taskId = rest.awaitTask(supervisor, triageId, "Triage event").path("id").asText();
    Map<String, Object> notAnIncident = new LinkedHashMap<>(Map.of("triageOutcome", "NOT_AN_INCIDENT",
        "severity", "SEV4", "incidentCommander", supervisor, "triageNotes", "spam"));

    Map<String, Object> withDrill = new LinkedHashMap<>(notAnIncident);
    withDrill.put("drill", true);
    assertRefused(rest.post(supervisor, "/engine-rest/task/" + taskId + "/complete", variables(withDrill)), "drill");
    assertRefused(rest.post(supervisor, "/engine-rest/task/" + taskId + "/submit-form", variables(withDrill)), "drill");
    // the form shows where a monitoring event came from, but does not ask for it
    Map<String, Object> withSource = new LinkedHashMap<>(notAnIncident);
    withSource.put("source", "forta");
    assertRefused(rest.post(supervisor, "/engine-rest/task/" + taskId + "/complete", variables(withSource)), "source");
    assertRefused(rest.post(supervisor, "/engine-rest/task/" + taskId + "/variables",
        Map.of("modifications", Map.of("drill", Map.of("value", true)))), "drill");
    assertRefused(rest.put(supervisor, "/engine-rest/task/" + taskId + "/localVariables/findingType",
        Map.of("value", "EXPLOIT")), "findingType");
    assertRefused(rest.put(supervisor, "/engine-rest/process-instance/" + triageId + "/variables/drill",
        Map.of("value", true)), "drill");
    assertRefused(rest.post("dave", "/engine-rest/process-instance/" + triageId + "/variables",
        Map.of("modifications", Map.of("sourceSeverity", Map.of("value", "CRITICAL")))), "sourceSeverity");
    assertRefused(rest.post(supervisor, "/engine-rest/message", Map.of("messageName", "EvidenceAdded",
        "processInstanceId", triageId, "processVariables", Map.of("drill", Map.of("value", true)))), "drill");

    assertThat(tasks.createTaskQuery().taskId(taskId).count()).as("the task is still open").isOne();
    assertNoDrillNorProvenance(triageId);

    // as Tasklist submits it: the form's input fields and the fields it only shows
    Map<String, Object> asTasklist = new LinkedHashMap<>(notAnIncident);
    asTasklist.put("eventTitle", title);
    asTasklist.put("source", "");
    Response completed = rest.post(supervisor, "/engine-rest/task/" + taskId + "/submit-form", variables(asTasklist));
    assertThat(completed.status()).as(completed.text()).isEqualTo(204);
    assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(triageId).variableName("source")
        .singleResult().getValue()).as("a shown field is dropped, not stored").isNull();
  }

  @Test
  void anOperatorRepairsARunningTriageOnTheRecordButNeverSetsProvenance() {
    String title = "Operator repair " + UUID.randomUUID();
    String triageId = rest.post("dave", TRIAGE + "/submit-form", variables(bridgeReplayReport(title))).body().path("id").asText();
    String supervisor = rest.get("maria", "/api/on-call").body().path("primary").asText();
    rest.awaitTask(supervisor, triageId, "Triage event");

    Response repaired = rest.put("admin", "/engine-rest/process-instance/" + triageId + "/variables/affectedSystems",
        Map.of("value", "0xBridge, 0xVault", "type", "String"));
    assertThat(repaired.status()).as(repaired.text()).isEqualTo(204);
    assertThat(runtime.getVariable(triageId, "affectedSystems")).isEqualTo("0xBridge, 0xVault");
    Long eventId = ((Number) runtime.getVariable(triageId, "eventId")).longValue();
    assertThat(jdbc.queryForList("select actor from timeline_entry where event_id = ? and kind = ?", String.class,
        eventId, "VARIABLES_CHANGED_BY_OPERATOR")).containsExactly("admin");

    assertRefused(rest.put("admin", "/engine-rest/process-instance/" + triageId + "/variables/drill",
        Map.of("value", true)), "drill");
    assertThat(runtime.getVariable(triageId, "drill")).isNull();
  }

  /** The triage records a person's report with no source (null), and it is no drill. */
  private void assertNoDrillNorProvenance(String triageId) {
    Map<String, Object> variables = runtime.getVariables(triageId);
    assertThat(variables).doesNotContainKey("drill");
    for (String provenance : List.of("source", "sourceSeverity", "findingType")) {
      assertThat(variables.get(provenance)).as(provenance).isNull();
    }
  }

  private static void assertRefused(Response answer, String variable) {
    assertThat(answer.status()).as(answer.text()).isEqualTo(400);
    assertThat(answer.body().path("message").asText()).contains("variable '" + variable + "'");
  }

  private String definitionPath(String path) {
    if (path.startsWith("key/")) {
      return TRIAGE + "/" + path.substring("key/".length());
    }
    JsonNode definition = rest.get("dave", TRIAGE).body();
    return "/engine-rest/process-definition/" + definition.path("id").asText() + "/" + path.substring("id/".length());
  }

  private int eventsTitled(String title) {
    return jdbc.queryForObject("select count(*) from security_event where title = ?", Integer.class, title);
  }
}
