package org.irflow.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.irflow.support.RestClient.variables;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.irflow.support.RestClient;
import org.irflow.support.RestClient.Response;
import org.irflow.support.RunningApplicationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The whole application on a real PostgreSQL, used through its REST APIs as the demo users:
 * report, triage, declare, respond, resolve, with the authorization checks people rely on and the
 * incident and timeline rows as the database holds them.
 */
class EndToEndPostgresTest extends RunningApplicationTest {

  @Autowired JdbcTemplate jdbc;
  RestClient rest;

  @BeforeEach
  void client() {
    rest = new RestClient(baseUrl());
  }

  @Test
  void runsOnPostgresql() {
    assertThat(jdbc.queryForObject("select version()", String.class)).startsWith("PostgreSQL");
  }

  @Test
  void anonymousAndWrongPasswordCallsAreRefused() {
    for (String path : List.of("/engine-rest/task", "/engine-rest/process-definition", "/api/incidents",
        "/api/on-call")) {
      assertThat(rest.get(null, path).status()).as(path).isEqualTo(401);
      assertThat(rest.get("wrong-password", path).status()).as(path).isEqualTo(401);
    }
    assertThat(rest.post(null, SUBMIT_REPORT, variables(bridgeReplayReport("anonymous"))).status()).isEqualTo(401);
  }

  @Test
  void reportWithAMissingFieldIsRefusedNamingItAndStartsNothing() {
    String title = "Incomplete " + UUID.randomUUID();
    Map<String, Object> report = bridgeReplayReport(title);
    report.remove("affectedSystems");

    Response refused = rest.post("dave", SUBMIT_REPORT, variables(report));

    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.body().path("message").asText()).contains("Affected systems or contracts").contains("required");
    assertThat(jdbc.queryForObject("select count(*) from security_event where title = ?", Integer.class, title))
        .isZero();
    assertThat(jdbc.queryForObject(
        "select count(*) from act_hi_varinst where name_ = 'eventTitle' and text_ = ?", Integer.class, title))
        .isZero();
  }

  @Test
  void reportTriageDeclareRespondAndResolve() {
    JsonNode onCall = rest.get("maria", "/api/on-call").body();
    String supervisor = onCall.path("primary").asText();
    assertThat(supervisor).isIn("alice", "bob");

    // dave, a responder, reports what a researcher e-mailed to the security address
    String title = "Signature replay " + UUID.randomUUID();
    Response reported = rest.post("dave", SUBMIT_REPORT, variables(bridgeReplayReport(title)));
    assertThat(reported.status()).isEqualTo(200);
    String triageId = reported.body().path("id").asText();

    // the on-call primary has the triage task; the responder can neither see nor take it
    JsonNode triageTasks = rest.get(supervisor, "/engine-rest/task?processInstanceId=" + triageId).body();
    assertThat(triageTasks).hasSize(1);
    JsonNode triageTask = triageTasks.get(0);
    // the card names the event and its title beside the action
    assertThat(triageTask.path("name").asText()).startsWith("Event ").endsWith(" · Triage event · " + title);
    assertThat(triageTask.path("assignee").asText()).isEqualTo(supervisor);
    String triageTaskId = triageTask.path("id").asText();
    assertThat(rest.get("dave", "/engine-rest/task?processInstanceId=" + triageId).body()).isEmpty();
    assertThat(rest.get("dave", "/engine-rest/task/" + triageTaskId).status()).isEqualTo(404);
    assertThat(rest.post("dave", "/engine-rest/task/" + triageTaskId + "/claim", Map.of("userId", "dave")).status())
        .isEqualTo(403);
    assertThat(rest.post("dave", "/engine-rest/task/" + triageTaskId + "/submit-form",
        variables(Map.of("triageOutcome", "NOT_AN_INCIDENT"))).status()).isIn(403, 404);
    assertThat(rest.post("carol", "/engine-rest/task/" + triageTaskId + "/complete", Map.of()).status())
        .isIn(403, 404);

    Response triaged = rest.post(supervisor, "/engine-rest/task/" + triageTaskId + "/submit-form",
        variables(Map.of("triageOutcome", "DECLARE", "severity", "SEV1", "incidentCommander", supervisor,
            "triageNotes", "replay confirmed on a fork")));
    assertThat(triaged.status()).as(triaged.text()).isEqualTo(204);

    JsonNode incident = findIncident(title);
    String incidentId = incident.path("id").asText();
    assertThat(incidentId).matches("INC-\\d{4}-\\d{4}");
    assertThat(incident.path("status").asText()).isEqualTo("DECLARED");
    assertThat(incident.path("primarySupervisor").asText()).isEqualTo(supervisor);
    String responseId = incident.path("responseProcessInstanceId").asText();

    // a manager follows the response (Cockpit reads the same API) but cannot change it
    assertThat(rest.get("maria", "/engine-rest/process-instance/" + responseId).body()
        .path("businessKey").asText()).isEqualTo(incidentId);
    assertThat(rest.put("maria", "/engine-rest/process-instance/" + responseId + "/suspended",
        Map.of("suspended", true)).status()).isEqualTo(403);
    assertThat(rest.get("dave", "/engine-rest/process-instance/" + responseId).status()).isEqualTo(404);

    rest.completeTask(supervisor, responseId, "Take command",
        Map.of("warRoomChannel", "#inc-replay", "backupChannel", "signal:inc-replay",
            "responders", "dave", "communicationsOfficer", "carol",
            "objective", "Stop replayed withdrawals on the bridge"));
    rest.completeTask(supervisor, responseId, "Develop action plan", Map.of("actionPlan", "pause bridge; patch verifier"));
    // a form changes only its own fields: dave cannot make himself the supervisor through it
    String execute = rest.awaitTask("dave", responseId, "Execute action plan").path("id").asText();
    RestClient.Response forged = rest.post("dave", "/engine-rest/task/" + execute + "/submit-form",
        RestClient.variables(Map.of("executionNotes", "bridge paused, patch deployed", "incidentSupervisor", "dave",
            "incidentId", "INC-1999-0001")));
    assertThat(forged.status()).isEqualTo(400);
    assertThat(forged.text()).contains("incidentSupervisor");
    rest.completeTask("dave", responseId, "Execute action plan", Map.of("executionNotes", "bridge paused, patch deployed"));
    assertThat(rest.get(supervisor, "/engine-rest/process-instance/" + responseId + "/variables/incidentSupervisor")
        .body().path("value").asText()).isEqualTo(supervisor);
    assertThat(rest.get(supervisor, "/engine-rest/process-instance/" + responseId + "/variables/incidentId")
        .body().path("value").asText()).isEqualTo(incidentId);
    rest.completeTask(supervisor, responseId, "Review progress", Map.of("actionPlan", "pause bridge; patch verifier",
        "progressNotes", "no replay since patch", "objectivesAchieved", "YES"));
    rest.completeTask(supervisor, responseId, "Declare incident resolved", Map.of("resolutionSummary", "verifier patched"));

    // what the database holds
    Map<String, Object> row = jdbc.queryForMap("select * from incident where id = ?", incidentId);
    assertThat(row.get("status")).isEqualTo("RESOLVED");
    assertThat(row.get("severity")).isEqualTo("SEV1");
    assertThat(row.get("objective")).isEqualTo("Stop replayed withdrawals on the bridge");
    assertThat(row.get("war_room_channel")).isEqualTo("#inc-replay");
    assertThat(row.get("reported_at")).isNotNull();
    assertThat(row.get("declared_at")).isNotNull();
    assertThat(row.get("resolved_at")).isNotNull();
    assertThat(row.get("closed_at")).isNull();  // a SEV1 owes a post-mortem
    List<String> kinds = jdbc.queryForList(
        "select kind from timeline_entry where incident_id = ? order by occurred_at, id", String.class, incidentId);
    assertThat(kinds).containsSubsequence("EVENT_REPORTED", "DECISION", "TASK_COMPLETED", "INCIDENT_DECLARED",
        "WAR_ROOM_OPENED", "RESPONDERS_ACTIVATED", "OBJECTIVE_STATED", "INCIDENT_RESOLVED");
    assertThat(jdbc.queryForList("select distinct actor from timeline_entry where incident_id = ? and kind = 'TASK_COMPLETED'",
        String.class, incidentId)).containsExactlyInAnyOrder(supervisor, "dave");

    // and what a manager sees through the API
    JsonNode timeline = rest.get("maria", "/api/incidents/" + incidentId + "/timeline").body();
    List<String> summaries = new ArrayList<>();
    timeline.forEach(entry -> summaries.add(entry.path("summary").asText()));
    assertThat(summaries).contains("Incident Objective: Stop replayed withdrawals on the bridge");
    assertThat(rest.get("maria", "/api/incidents/" + incidentId).body().path("status").asText()).isEqualTo("RESOLVED");
    assertThat(rest.get("maria", "/engine-rest/process-instance/" + responseId).status()).isEqualTo(404); // ended
    assertThat(rest.get("maria", "/engine-rest/history/process-instance/" + responseId).body()
        .path("state").asText()).isEqualTo("COMPLETED");

    // every outbound message is on the timeline; the demo configuration has no vendor, so each is
    // recorded as not sent (the job executor runs their delivery processes)
    assertThat(jdbc.queryForList("select body from outbound_message where incident_id = ? and channel = 'CHAT'"
        + " order by id", String.class, incidentId))
        .containsExactly("Incident Objective: Stop replayed withdrawals on the bridge", "Resolved: verifier patched");
    await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject("select count(*) from outbound_message"
        + " where incident_id = ? and status = 'QUEUED'", Integer.class, incidentId) == 0);
    int messages = jdbc.queryForObject("select count(*) from outbound_message where incident_id = ?", Integer.class,
        incidentId);
    assertThat(messages).isPositive();
    assertThat(jdbc.queryForObject("select count(*) from outbound_message where incident_id = ? and status = 'SKIPPED'",
        Integer.class, incidentId)).isEqualTo(messages);
    for (String kind : List.of("MESSAGE_QUEUED", "MESSAGE_SKIPPED")) {
      assertThat(jdbc.queryForObject("select count(*) from timeline_entry where incident_id = ? and kind = ?",
          Integer.class, incidentId, kind)).as(kind).isEqualTo(messages);
    }
  }

  @Test
  void formRulesHoldOnTheRestPathsThatBypassTheForm() {
    String title = "Started without form " + UUID.randomUUID();
    Map<String, Object> report = bridgeReplayReport(title);
    report.remove("reporter");
    Response started = rest.post("dave", "/engine-rest/process-definition/key/IncidentTriageProcess/start",
        variables(report));
    assertThat(started.status()).as(started.text()).isEqualTo(400);
    assertThat(started.body().path("message").asText()).contains("Reported by");
    assertThat(jdbc.queryForObject("select count(*) from security_event where title = ?", Integer.class, title))
        .isZero();
    // naming an event that the intake did not receive is bad input too
    Map<String, Object> foreign = bridgeReplayReport("Foreign event " + UUID.randomUUID());
    foreign.put("eventId", 999_999_999L);
    Response claimed = rest.post("dave", "/engine-rest/process-definition/key/IncidentTriageProcess/start",
        variables(foreign));
    assertThat(claimed.status()).as(claimed.text()).isEqualTo(400);
    assertThat(claimed.body().path("message").asText()).contains("eventId");

    String supervisor = rest.get("maria", "/api/on-call").body().path("primary").asText();
    String triageId = rest.post("dave", SUBMIT_REPORT, variables(bridgeReplayReport("Completed without form " + UUID.randomUUID())))
        .body().path("id").asText();
    String taskId = rest.get(supervisor, "/engine-rest/task?processInstanceId=" + triageId).body()
        .get(0).path("id").asText();
    Response completed = rest.post(supervisor, "/engine-rest/task/" + taskId + "/complete", Map.of());
    assertThat(completed.status()).as(completed.text()).isEqualTo(400);
    assertThat(completed.body().path("message").asText()).contains("Is it an incident?");
    assertThat(rest.get(supervisor, "/engine-rest/task/" + taskId).status()).isEqualTo(200);  // still open
  }

  @Test
  void badQueryParametersGetA400NamingTheField() {
    Response badSeverity = rest.get("maria", "/api/incidents?severity=SEV9");
    assertThat(badSeverity.status()).isEqualTo(400);
    assertThat(badSeverity.body().path("field").asText()).isEqualTo("severity");
    Response badInstant = rest.get("maria", "/api/on-call?at=yesterday");
    assertThat(badInstant.status()).isEqualTo(400);
    assertThat(badInstant.body().path("field").asText()).isEqualTo("at");
    assertThat(rest.get("maria", "/api/on-call?role=bakers").body().path("field").asText()).isEqualTo("role");
    assertThat(rest.get("maria", "/api/incidents/INC-1999-0001").status()).isEqualTo(404);
  }

  private JsonNode findIncident(String title) {
    for (JsonNode incident : rest.get("maria", "/api/incidents").body()) {
      if (title.equals(incident.path("title").asText())) {
        return incident;
      }
    }
    throw new AssertionError("no incident titled " + title);
  }

}
