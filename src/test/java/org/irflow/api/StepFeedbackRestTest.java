package org.irflow.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Map;
import org.irflow.support.IncidentJourney;
import org.irflow.support.RestClient;
import org.irflow.support.RestClient.Response;
import org.irflow.support.RunningApplicationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The entry points and what a person is told after each step, through the HTTP calls Tasklist makes:
 * the report's event number and who triages it, a declaration's incident id with its page and the next
 * tasks; only the person who took the step is answered.
 */
class StepFeedbackRestTest extends RunningApplicationTest {

  static final String SUBMIT_DECLARATION =
      "/engine-rest/process-definition/key/IncidentDeclarationProcess/submit-form";

  @Autowired JdbcTemplate jdbc;

  RestClient rest;
  IncidentJourney journey;

  @BeforeEach
  void setUp() {
    rest = new RestClient(baseUrl());
    journey = new IncidentJourney(rest, jdbc);
  }

  @Test
  void aReportIsAnsweredWithItsEventNumberAndWhoTriagesIt() {
    String supervisor = journey.supervisorOnCall();
    String title = "Feedback report " + System.nanoTime();
    Map<String, Object> report = new HashMap<>(Map.of("eventTitle", title, "reporter", "dave",
        "channel", "COMMUNITY", "description", "Odd approvals on the vault", "affectedSystems", "Vault",
        "suspectedSeverity", "SEV2"));
    Response started = rest.post("dave", IncidentJourney.SUBMIT_REPORT, RestClient.variables(report));
    assertThat(started.status()).as(started.text()).isEqualTo(200);
    String triageId = started.body().path("id").asText();
    long eventId = jdbc.queryForObject("select id from security_event where title = ?", Long.class, title);

    Response feedback = rest.get("dave", "/api/feedback/started/" + triageId);
    assertThat(feedback.status()).as(feedback.text()).isEqualTo(200);
    assertThat(feedback.body().path("message").asText())
        .startsWith("Your report is recorded as event " + eventId + ".")
        .contains("(" + supervisor + "), on call, has it to triage by ")
        .doesNotContain(triageId);
    assertThat(feedback.body().path("link").isNull()).isTrue();
    // someone else's report: nothing to say
    assertThat(rest.get("carol", "/api/feedback/started/" + triageId).status()).isEqualTo(204);

    // the supervisor triages it as not an incident and is told so
    String taskId = rest.awaitTask(supervisor, triageId, "Triage event").path("id").asText();
    rest.completeTask(supervisor, triageId, "Triage event", Map.of("triageOutcome", "NOT_AN_INCIDENT",
        "severity", "SEV4", "incidentCommander", supervisor, "triageNotes", "known allowance"));
    JsonNode afterTriage = rest.get(supervisor, "/api/feedback/completed-task/" + taskId).body();
    assertThat(afterTriage.path("message").asText()).isEqualTo(
        "Done: “Triage event”. The event is recorded as not an incident; its triage is closed.");
    assertThat(rest.get("dave", "/api/feedback/completed-task/" + taskId).status())
        .as("dave did not complete it").isEqualTo(204);
  }

  @Test
  void aSupervisorDeclaresInOneFormAndIsToldTheIncidentAndItsNextSteps() {
    String title = "Feedback declaration " + System.nanoTime();
    Map<String, Object> declaration = new HashMap<>(Map.of("eventTitle", title, "severity", "SEV2",
        "description", "Oracle price stuck for an hour", "affectedSystems", "price oracle",
        "fundsAtRisk", false, "activelyExploited", false, "customersAffected", false, "informationSpill", false));
    // a responder may not declare: the declaration is not even there for them
    assertThat(rest.post("dave", SUBMIT_DECLARATION, RestClient.variables(declaration)).status()).isEqualTo(404);
    assertThat(jdbc.queryForObject("select count(*) from incident where title = ?", Integer.class, title)).isZero();

    Response started = rest.post("kai", SUBMIT_DECLARATION, RestClient.variables(declaration));
    assertThat(started.status()).as(started.text()).isEqualTo(200);
    String incidentId = jdbc.queryForObject("select id from incident where title = ?", String.class, title);
    assertThat(jdbc.queryForObject("select primary_supervisor from incident where id = ?", String.class, incidentId))
        .isEqualTo("kai");

    JsonNode feedback = rest.get("kai", "/api/feedback/started/" + started.body().path("id").asText()).body();
    assertThat(feedback.path("incidentId").asText()).isEqualTo(incidentId);
    assertThat(feedback.path("link").asText()).isEqualTo("/incident.html?id=" + incidentId);
    assertThat(feedback.path("message").asText())
        .startsWith(incidentId + " is declared (SEV2) and you lead it; the response has started. Next in "
            + incidentId + ": ")
        .contains("“Pause contracts” (you)")
        // "Take command" comes after the war room's channels, which irflow creates on its own first
        .satisfiesAnyOf(message -> assertThat(message).contains("“Take command” (you)"),
            message -> assertThat(message).contains("irflow is preparing “Create incident channels”"));

    // after the first steps: the next one is named
    String responseId = jdbc.queryForObject("select response_process_instance_id from incident where id = ?",
        String.class, incidentId);
    String takeCommand = rest.awaitTask("kai", responseId, "Take command").path("id").asText();
    rest.completeTask("kai", responseId, "Take command", Map.of("warRoomChannel", "#inc-oracle",
        "backupChannel", "signal:inc-oracle", "responders", "dave", "communicationsOfficer", "carol",
        "objective", "Unstick the oracle"));
    rest.awaitTask("kai", responseId, "Develop action plan");
    assertThat(rest.get("kai", "/api/feedback/completed-task/" + takeCommand).body().path("message").asText())
        .startsWith("Done: “Take command”. Next in " + incidentId + ": ").contains("“Develop action plan” (you)");
  }
}
