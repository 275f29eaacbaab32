package org.irflow.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.irflow.support.IncidentJourney;
import org.irflow.support.RestClient;
import org.irflow.support.RunningApplicationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The choice fields through the engine REST API, as Tasklist and scripts submit them: a list of
 * responders arrives whole or is refused, whatever separates it, and irflow's own API answers bad input
 * with RFC 9457 problem details.
 */
class FormChoicesRestTest extends RunningApplicationTest {

  @Autowired JdbcTemplate jdbc;
  @Autowired IdentityService identity;

  RestClient rest;
  IncidentJourney journey;

  @BeforeEach
  void setUp() {
    rest = new RestClient(baseUrl());
    journey = new IncidentJourney(rest, jdbc);
    if (identity.createUserQuery().userId("frank").count() == 0) {
      User frank = identity.newUser("frank");
      frank.setFirstName("Frank");
      frank.setLastName("Fixer");
      frank.setPassword("demo");
      identity.saveUser(frank);
      identity.createMembership("frank", "responders");
    }
  }

  @Test
  void respondersJoinedByAnythingButAListOrCommasNeverReachACandidateList() {
    String supervisor = journey.supervisorOnCall();
    String incidentId = journey.declareSev1(supervisor, "Separator test " + System.nanoTime());
    String responseId = jdbc.queryForObject("select response_process_instance_id from incident where id = ?",
        String.class, incidentId);
    JsonNode activate = rest.awaitTask(supervisor, responseId, "Take command");
    String taskId = activate.path("id").asText();

    // the form offers the responders and the communications officers by name
    JsonNode formVariables = rest.get(supervisor, "/engine-rest/task/" + taskId + "/form-variables?deserializeValues=false").body();
    assertThat(formVariables.path("responderOptions").path("type").asText()).isEqualTo("Json");
    assertThat(formVariables.path("responderOptions").path("value").asText())
        .contains("{\"value\":\"dave\",\"label\":\"Dave (demo) (dave)\"}")
        .contains("{\"value\":\"frank\",\"label\":\"Frank Fixer (frank)\"}")
        .doesNotContain("\"alice\"");
    assertThat(formVariables.path("communicationsOfficerOptions").path("value").asText()).contains("\"carol\"");

    RestClient.Response semicolon = rest.post(supervisor, "/engine-rest/task/" + taskId + "/submit-form",
        RestClient.variables(Map.of("responders", "dave; frank", "communicationsOfficer", "carol",
            "warRoomChannel", "#inc-separators", "backupChannel", "signal:inc-separators", "objective", "Stop the replay")));
    assertThat(semicolon.status()).isEqualTo(400);
    String message = semicolon.body().path("message").asText();
    assertThat(message).contains("Responders: dave; frank is not a responder: choose one of dave, frank");
    assertThat(message).doesNotContain(taskId).doesNotContain("take-command").doesNotContain("'responders'");
    assertThat(rest.findTask(supervisor, responseId, "Take command")).isNotNull();
    assertThat(rest.get(supervisor, "/engine-rest/process-instance/" + responseId + "/variables/responders").status())
        .isEqualTo(404);

    // Tasklist sends a taglist's value as a JSON array
    RestClient.Response chosen = rest.post(supervisor, "/engine-rest/task/" + taskId + "/submit-form", Map.of(
        "variables", Map.of(
            "responders", Map.of("value", "[\"dave\",\"frank\"]", "type", "Json"),
            "communicationsOfficer", Map.of("value", "carol"),
            "warRoomChannel", Map.of("value", "#inc-separators"),
            "backupChannel", Map.of("value", "signal:inc-separators"),
            "objective", Map.of("value", "Stop the replay"))));
    assertThat(chosen.status()).as(chosen.text()).isEqualTo(204);
    rest.completeTask(supervisor, responseId, "Develop action plan", Map.of("actionPlan", "pause; patch"));

    JsonNode execute = rest.awaitTask("frank", responseId, "Execute action plan");
    List<String> candidates = new ArrayList<>();
    rest.get(supervisor, "/engine-rest/task/" + execute.path("id").asText() + "/identity-links?type=candidate")
        .body().forEach(link -> {
          if (!link.path("userId").isNull()) {
            candidates.add(link.path("userId").asText());
          }
        });
    assertThat(candidates).containsExactlyInAnyOrder("dave", "frank");
    assertThat(rest.findTask("dave", responseId, "Execute action plan")).isNotNull();
    assertThat(jdbc.queryForObject("select summary from timeline_entry where incident_id = ? and kind = 'RESPONDERS_ACTIVATED'",
        String.class, incidentId)).startsWith("Responders activated: dave, frank;");
  }

  @Test
  void irflowsApiAnswersBadInputWithAProblemDetailNamingTheField() {
    RestClient.Response bad = rest.get("maria", "/api/on-call?role=bakers");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.body().path("type").asText()).isEqualTo("about:blank");
    assertThat(bad.body().path("title").asText()).isEqualTo("Bad Request");
    assertThat(bad.body().path("status").asInt()).isEqualTo(400);
    assertThat(bad.body().path("field").asText()).isEqualTo("role");
    assertThat(bad.body().path("detail").asText()).contains("bakers");
    assertThat(bad.body().path("instance").asText()).isEqualTo("/api/on-call");

    RestClient.Response unknown = rest.get("maria", "/api/incidents/INC-1999-0001");
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.body().path("title").asText()).isEqualTo("Not Found");
    assertThat(unknown.body().path("detail").asText()).contains("INC-1999-0001");
  }

  /**
   * Tasklist submits each field with the type of the variable it read (form-variables); a variable
   * that exists with the value null has the type Null, which takes no list. The checklist of "Pause
   * contracts" is submitted so in its first round (nothing pre-ticked by triage) and in the next.
   */
  @Test
  void theContractChecklistIsSubmittedAsTasklistSubmitsItInEveryRound() {
    String supervisor = journey.supervisorOnCall();
    String incidentId = journey.declareSev1(supervisor, "Checklist types " + System.nanoTime());
    String responseId = jdbc.queryForObject("select response_process_instance_id from incident where id = ?",
        String.class, incidentId);
    for (String contract : List.of("Vault", "Bridge")) {
      String taskId = rest.awaitTask(supervisor, responseId, "Pause contracts").path("id").asText();
      JsonNode read = rest.get(supervisor, "/engine-rest/task/" + taskId + "/form-variables?deserializeValues=false")
          .body().path("selectedContracts");
      String type = read.isMissingNode() ? "Json" : read.path("type").asText();
      assertThat(type).as("the type Tasklist would submit the checklist with").isNotEqualTo("Null");
      RestClient.Response submitted = rest.post(supervisor, "/engine-rest/task/" + taskId + "/submit-form", Map.of(
          "variables", Map.of("selectedContracts", Map.of("value", "[\"" + contract + "\"]", "type", type))));
      assertThat(submitted.status()).as(submitted.text()).isEqualTo(204);
      String next = rest.awaitTask(supervisor, responseId, "Pause contracts").path("id").asText();
      assertThat(next).isNotEqualTo(taskId);
    }
    assertThat(jdbc.queryForList("select contract_names from pause_batch where incident_id = ? order by id",
        String.class, incidentId)).containsExactly("Vault", "Bridge");
  }
}
