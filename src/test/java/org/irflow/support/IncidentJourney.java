package org.irflow.support;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * An incident taken through irflow's REST API as its people take it: a responder reports it, the
 * on-call supervisor triages and declares it SEV1, the response runs its main path to "resolved",
 * and the post-mortem is drafted, waiting for its action items. For benchmarks and tests that need
 * incidents past their response, built by the product's own processes and forms.
 */
public final class IncidentJourney {

  /** Where "Report security event" is submitted through the engine REST API. */
  public static final String SUBMIT_REPORT = "/engine-rest/process-definition/key/IncidentTriageProcess/submit-form";

  private final RestClient rest;
  private final JdbcTemplate jdbc;

  /** {@code jdbc}: the application's database, where the incident record is found by its title. */
  public IncidentJourney(RestClient rest, JdbcTemplate jdbc) {
    this.rest = rest;
    this.jdbc = jdbc;
  }

  /** The primary supervisor on call now, as /api/on-call names them. */
  public String supervisorOnCall() {
    return json(rest.get("maria", "/api/on-call"), "/api/on-call").path("primary").asText();
  }

  /** A responder reports, the supervisor triages and declares it SEV1; returns the incident's id. */
  public String declareSev1(String supervisor, String title) {
    return declare(supervisor, title, "SEV1");
  }

  /** A responder reports, the supervisor triages and declares it of that severity; returns the incident's id. */
  public String declare(String supervisor, String title, String severity) {
    Map<String, Object> report = new HashMap<>();
    report.put("eventTitle", title);
    report.put("reporter", "dave");
    report.put("channel", "SECURITY_EMAIL");
    report.put("description", "A researcher reports a signature replay in the bridge");
    report.put("affectedSystems", "0xBridge");
    report.put("suspectedSeverity", "SEV1");
    String triageId = json(rest.post("dave", SUBMIT_REPORT, RestClient.variables(report)), "report").path("id")
        .asText();
    rest.completeTask(supervisor, triageId, "Triage event", Map.of("triageOutcome", "DECLARE", "severity", severity,
        "incidentCommander", supervisor, "triageNotes", "replay confirmed"));
    return jdbc.queryForObject("select id from incident where title = ?", String.class, title);
  }

  /** Reports, triages (SEV1), responds to and resolves an incident; returns its id. */
  public String resolveSev1(String supervisor, String title) {
    return resolve(supervisor, title, "SEV1");
  }

  /**
   * Reports, triages, responds to and resolves an incident of that severity; returns its id. SEV3 and
   * SEV4 owe no post-mortem: they are closed at once.
   */
  public String resolve(String supervisor, String title, String severity) {
    String incidentId = declare(supervisor, title, severity);
    String responseId = jdbc.queryForObject("select response_process_instance_id from incident where id = ?",
        String.class, incidentId);
    rest.completeTask(supervisor, responseId, "Take command",
        Map.of("warRoomChannel", "#inc-bridge", "backupChannel", "signal:inc-bridge",
            "responders", "dave", "communicationsOfficer", "carol",
            "objective", "Stop replayed withdrawals on the bridge"));
    rest.completeTask(supervisor, responseId, "Develop action plan", Map.of("actionPlan", "pause bridge; patch verifier"));
    rest.completeTask("dave", responseId, "Execute action plan", Map.of("executionNotes", "bridge paused, patch deployed"));
    rest.completeTask(supervisor, responseId, "Review progress", Map.of("actionPlan", "pause bridge; patch verifier",
        "progressNotes", "no replay since patch", "objectivesAchieved", "YES"));
    rest.completeTask(supervisor, responseId, "Declare incident resolved", Map.of("resolutionSummary", "verifier patched"));
    return incidentId;
  }

  /**
   * Drafts the post-mortem the response started for a resolved incident; returns the post-mortem's
   * process instance id, then waiting in "Add an action item".
   */
  public String draftPostMortem(String supervisor, String incidentId) {
    String postMortemId = awaitPostMortem(supervisor, incidentId);
    String draftTaskId = rest.awaitTask(supervisor, postMortemId, "Draft post-mortem").path("id").asText();
    String timeline = json(rest.get(supervisor, "/engine-rest/task/" + draftTaskId + "/variables/postMortemTimeline"),
        "the gathered timeline").path("value").asText();
    Map<String, Object> drafted = new HashMap<>();
    drafted.put("postMortemSummary", "Replayed signatures drained the bridge for 20 minutes.");
    drafted.put("postMortemTimeline", timeline);
    drafted.put("rootCause", "The verifier did not bind signatures to the chain id.");
    drafted.put("wentWell", "The report reached the on-call supervisor at once.");
    drafted.put("wentWrong", "The pause waited for signers.");
    rest.completeTask(supervisor, postMortemId, "Draft post-mortem", drafted);
    return postMortemId;
  }

  /**
   * Adds several action items at once, as an API user does, and ends the list: one line per item,
   * {@code title | priority | owner | committed date}.
   */
  public void defineActionItems(String supervisor, String postMortemId, String lines) {
    rest.completeTask(supervisor, postMortemId, "Add an action item",
        Map.of("actionItemsToAdd", lines, "actionItemsNext", "ADD_LAST"));
  }

  /** The JSON body of a 200 answer; anything else is a failure that shows what came back. */
  private static JsonNode json(RestClient.Response response, String what) {
    if (response.status() != 200 || response.body() == null) {
      throw new IllegalStateException(what + ": " + response.status() + " " + response.text());
    }
    return response.body();
  }

  private String awaitPostMortem(String supervisor, String incidentId) {
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (true) {
      JsonNode instances = json(rest.get(supervisor, "/engine-rest/process-instance"
          + "?processDefinitionKey=PostMortemProcess&businessKey=" + incidentId), "the post-mortem's instance");
      if (instances.size() == 1) {
        return instances.get(0).path("id").asText();
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("no post-mortem for " + incidentId + ": " + instances);
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }
}
