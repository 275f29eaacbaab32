package org.irflow.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.irflow.incident.Incident;
import org.irflow.incident.Severity;
import org.irflow.process.ContainmentVariables;
import org.irflow.support.RestClient;
import org.irflow.support.RunningApplicationTest;
import org.irflow.support.TestIncidents;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.DefaultApplicationArguments;

/**
 * The role filters of Tasklist as each demo user gets them from the REST API Tasklist uses: which
 * filters a role sees, and which tasks each lists.
 */
class TasklistRoleFiltersTest extends RunningApplicationTest {

  @Autowired TestIncidents testIncidents;
  @Autowired RuntimeService runtime;
  @Autowired TaskService taskService;
  @Autowired IdentitySetup identitySetup;

  RestClient rest;

  @BeforeEach
  void client() {
    rest = new RestClient(baseUrl());
  }

  @Test
  void eachRoleSeesItsFilters() {
    assertThat(filterNames("alice")).contains("My incident tasks", "Signing requests", "Triage",
        "Communications approvals", "My tasks");
    assertThat(filterNames("erin")).contains("My incident tasks", "Signing requests")
        .doesNotContain("Triage", "Communications approvals");
    assertThat(filterNames("carol")).contains("My incident tasks", "Communications approvals")
        .doesNotContain("Triage", "Signing requests");
    assertThat(filterNames("dave")).contains("My incident tasks")
        .doesNotContain("Triage", "Signing requests", "Communications approvals");
    assertThat(filterNames("maria")).doesNotContain("My incident tasks", "Triage", "Signing requests",
        "Communications approvals");
  }

  @Test
  void startingAgainCreatesNoSecondFilter() {
    ApplicationArguments none = new DefaultApplicationArguments();
    identitySetup.run(none);
    identitySetup.run(none);

    List<String> names = filterNames("alice");
    assertThat(names.stream().filter("Signing requests"::equals)).hasSize(1);
    assertThat(names.stream().filter("My incident tasks"::equals)).hasSize(1);
  }

  @Test
  void signingRequestsListTheSignersPauseTasksAndMyIncidentTasksTheIncidentsOnly() {
    Incident incident = testIncidents.declare("Bridge drain " + UUID.randomUUID(), Severity.SEV1, "alice");
    ProcessInstance pause = runtime.createProcessInstanceByKey(ContainmentVariables.CONTRACT_PAUSE_PROCESS)
        .businessKey(incident.id())
        .setVariable("incidentId", incident.id())
        .setVariable("incidentSupervisor", "alice")
        .setVariable(ContainmentVariables.PAUSE_CONTRACTS, "Bridge (0xB)")
        .startBeforeActivity("Task_ExecutePauseManually#multiInstanceBody")
        .execute();
    String erinsTask = taskService.createTaskQuery().processInstanceId(pause.getId()).taskAssignee("erin")
        .singleResult().getId();
    String alicesTask = taskService.createTaskQuery().processInstanceId(pause.getId()).taskAssignee("alice")
        .singleResult().getId();

    List<JsonNode> erinsSigning = list("erin", "Signing requests");
    assertThat(ids(erinsSigning)).contains(erinsTask).doesNotContain(alicesTask);
    JsonNode card = erinsSigning.stream().filter(task -> task.path("id").asText().equals(erinsTask)).findFirst()
        .orElseThrow();
    assertThat(card.path("name").asText())
        .isEqualTo(incident.id() + " · Execute the pause in Safe{Wallet} · " + incident.title());
    assertThat(card.path("priority").asInt()).isEqualTo(100);
    assertThat(card.path("due").isNull()).isFalse();
    assertThat(ids(list("alice", "Signing requests"))).contains(alicesTask).doesNotContain(erinsTask);
    assertThat(ids(list("erin", "My incident tasks"))).contains(erinsTask);

    // a report's triage is the supervisors' "Triage", and no one's incident task yet
    String title = "Replay " + UUID.randomUUID();
    String triage = rest.post("dave", SUBMIT_REPORT, RestClient.variables(bridgeReplayReport(title)))
        .body().path("id").asText();
    String onCall = rest.awaitTask("alice", triage, "Triage event").path("assignee").asText();
    String triageTask = rest.findTask("alice", triage, "Triage event").path("id").asText();
    assertThat(ids(list("alice", "Triage"))).contains(triageTask);
    assertThat(ids(list(onCall, "My incident tasks"))).doesNotContain(triageTask);
    assertThat(ids(list("erin", "My incident tasks"))).doesNotContain(triageTask);
  }

  private List<String> filterNames(String user) {
    List<String> names = new ArrayList<>();
    rest.get(user, "/engine-rest/filter?resourceType=Task").body().forEach(filter -> names.add(filter.path("name").asText()));
    return names;
  }

  private List<JsonNode> list(String user, String filterName) {
    String id = null;
    for (JsonNode filter : rest.get(user, "/engine-rest/filter?resourceType=Task").body()) {
      if (filterName.equals(filter.path("name").asText())) {
        id = filter.path("id").asText();
      }
    }
    assertThat(id).as(user + " sees the filter " + filterName).isNotNull();
    RestClient.Response listed = rest.post(user, "/engine-rest/filter/" + id + "/list?maxResults=500", Map.of());
    assertThat(listed.status()).as(listed.text()).isEqualTo(200);
    List<JsonNode> found = new ArrayList<>();
    listed.body().forEach(found::add);
    return found;
  }

  private static List<String> ids(List<JsonNode> tasks) {
    return tasks.stream().map(task -> task.path("id").asText()).toList();
  }
}
