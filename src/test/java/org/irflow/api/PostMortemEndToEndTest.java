package org.irflow.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.irflow.support.RestClient.variables;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.irflow.support.RestClient;
import org.irflow.support.RestClient.Response;
import org.irflow.support.RunningApplicationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A resolved SEV1 incident through its post-mortem on a real PostgreSQL, through the REST API as the
 * demo users, with the job executor firing the weekly reviews: two committed items and one optional
 * item, two weekly reviews, the publication decision and the closure, then the rows and the document.
 */
class PostMortemEndToEndTest extends RunningApplicationTest {

  static final Duration WEEK_AND_A_MINUTE = Duration.ofDays(7).plusMinutes(1);

  @Autowired JdbcTemplate jdbc;
  @Autowired ProcessEngine engine;
  @Autowired ManagementService management;
  RestClient rest;

  @BeforeEach
  void client() {
    rest = new RestClient(baseUrl());
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  @Test
  void resolvedSev1IncidentGoesThroughItsPostMortem() {
    String supervisor = rest.get("maria", "/api/on-call").body().path("primary").asText();
    String otherSupervisor = "alice".equals(supervisor) ? "bob" : "alice";
    String incidentId = resolveSev1Incident(supervisor);

    // the response started the post-mortem, led by the incident's primary supervisor
    JsonNode instances = rest.get(supervisor, "/engine-rest/process-instance?processDefinitionKey=PostMortemProcess"
        + "&businessKey=" + incidentId).body();
    assertThat(instances).hasSize(1);
    String postMortemId = instances.get(0).path("id").asText();
    JsonNode draft = task(supervisor, postMortemId, "Draft post-mortem");
    assertThat(draft.path("assignee").asText()).isEqualTo(supervisor);
    String timeline = rest.get(supervisor, "/engine-rest/task/" + draft.path("id").asText()
        + "/variables/postMortemTimeline").body().path("value").asText();
    // in sentences, as the incident page tells them; the response policy once, however often it was read
    assertThat(timeline).contains(incidentId + " declared, SEV1", "Incident Objective: Stop replayed withdrawals",
        "Response policy decided team lead sync every: 2 h;").doesNotContain("Decision:", "teamLeadSyncEvery");
    assertThat(timeline.split("Response policy decided", -1)).hasSize(2);

    Map<String, Object> drafted = new HashMap<>();
    drafted.put("postMortemSummary", "Replayed signatures drained the bridge for 20 minutes.");
    drafted.put("postMortemTimeline", timeline + "- the bridge team confirmed the patch\n");
    drafted.put("rootCause", "The verifier did not bind signatures to the chain id.");
    drafted.put("wentWell", "The report reached the on-call supervisor at once.");
    drafted.put("wentWrong", "The pause waited for signers.");
    rest.completeTask(supervisor, postMortemId, "Draft post-mortem", drafted);

    LocalDate due = LocalDate.now(ZoneOffset.UTC).plusDays(60);
    // API users send several items at once, one per line, checked as the form's single item is
    Response refused = rest.post(supervisor, "/engine-rest/task/" + task(supervisor, postMortemId,
        "Add an action item").path("id").asText() + "/submit-form", variables(Map.of("actionItemsNext", "ADD_LAST",
        "actionItemsToAdd", "Bind signatures to the chain id | P1 | nobody | " + due)));
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.body().path("message").asText()).contains("Action items to add, line 1",
        "owner: nobody is not a member of the incident response programme");
    rest.completeTask(supervisor, postMortemId, "Add an action item", Map.of("actionItemsNext", "ADD_LAST",
        "actionItemsToAdd", String.join("\n",
        "Bind signatures to the chain id | P1 | dave | " + due,
        "Page signers by phone | P2 | " + otherSupervisor + " | " + due.plusDays(7),
        "Blog post on replay attacks | P3 | carol | " + due.plusDays(14) + " | optional")));

    List<Map<String, Object>> items = jdbc.queryForList(
        "select * from action_item where incident_id = ? order by item_number", incidentId);
    assertThat(items).extracting(row -> row.get("owner_id")).containsExactly("dave", otherSupervisor, "carol");
    assertThat(items).extracting(row -> row.get("optional_item")).containsExactly(false, false, true);
    assertThat(items).allSatisfy(row -> assertThat(row.get("process_instance_id")).isNotNull());

    // first weekly review
    advanceClock(WEEK_AND_A_MINUTE);
    JsonNode review = awaitTask(supervisor, postMortemId, "Review action items");
    assertThat(rest.get(supervisor, "/engine-rest/task/" + review.path("id").asText() + "/variables/actionItemSummary")
        .body().path("value").asText()).startsWith("2 of 2 committed items open");
    rest.completeTask(supervisor, postMortemId, "Review action items", Map.of("reviewNotes", "both started"));
    rest.completeTask("dave", itemProcess(items.get(0)), "Complete action item",
        Map.of("actionItemOutcome", "DONE", "completionNotes", "chain id bound, audited"));

    // second weekly review
    advanceClock(WEEK_AND_A_MINUTE);
    review = awaitTask(supervisor, postMortemId, "Review action items");
    assertThat(rest.get(supervisor, "/engine-rest/task/" + review.path("id").asText() + "/variables/actionItemSummary")
        .body().path("value").asText()).startsWith("1 of 2 committed items open");
    rest.completeTask(supervisor, postMortemId, "Review action items", Map.of("reviewNotes", "paging change in review"));
    rest.completeTask(otherSupervisor, itemProcess(items.get(1)), "Complete action item",
        Map.of("actionItemOutcome", "DONE"));

    rest.completeTask(supervisor, postMortemId, "Decide publication", Map.of("publicationDecision", "PUBLISH",
        "publishedWhere", "https://blog.example.org/bridge-replay"));
    rest.completeTask(supervisor, postMortemId, "Close post-mortem", Map.of("closingNotes", "committed items done"));

    // the rows
    assertThat(rest.get(supervisor, "/engine-rest/process-instance/" + postMortemId).status()).isEqualTo(404);
    assertThat(management.createJobQuery().processInstanceId(postMortemId).count()).isZero();
    assertThat(engine.getHistoryService().createHistoricActivityInstanceQuery().processInstanceId(postMortemId)
        .activityId("Task_ReviewActionItems").finished().count()).isEqualTo(2);
    Map<String, Object> incident = jdbc.queryForMap("select * from incident where id = ?", incidentId);
    assertThat(incident.get("status")).isEqualTo("CLOSED");
    assertThat(incident.get("closed_at")).isNotNull();
    assertThat(jdbc.queryForList("select status from action_item where incident_id = ? order by item_number",
        String.class, incidentId)).containsExactly("DONE", "DONE", "OPEN");
    assertThat(jdbc.queryForMap("select * from action_item where incident_id = ? and item_number = 1", incidentId))
        .containsEntry("completed_by", "dave").containsEntry("completion_notes", "chain id bound, audited");
    Map<String, Object> postMortem = jdbc.queryForMap("select * from post_mortem where incident_id = ?", incidentId);
    assertThat(postMortem).containsEntry("status", "CLOSED").containsEntry("publication", "PUBLISHED")
        .containsEntry("closed_by", supervisor);
    assertThat(jdbc.queryForList("select kind from timeline_entry where incident_id = ? order by occurred_at, id",
        String.class, incidentId)).containsSubsequence("INCIDENT_RESOLVED", "POST_MORTEM_STARTED",
        "POST_MORTEM_DRAFTED", "ACTION_ITEM_DEFINED", "ACTION_ITEMS_REVIEWED", "ACTION_ITEM_COMPLETED",
        "ACTION_ITEMS_REVIEWED", "ACTION_ITEM_COMPLETED", "POST_MORTEM_PUBLICATION", "POST_MORTEM_CLOSED",
        "INCIDENT_CLOSED");

    // the API
    JsonNode listed = rest.get("maria", "/api/action-items?incidentId=" + incidentId).body();
    assertThat(listed).hasSize(3);
    assertThat(listed.get(0).path("owner").asText()).isEqualTo("dave");
    assertThat(listed.get(0).path("dueDate").asText()).isEqualTo(due.toString());
    assertThat(rest.get("maria", "/api/action-items?incidentId=" + incidentId + "&status=open").body()).hasSize(1);
    assertThat(rest.get("maria", "/api/action-items?status=LATE").body().path("field").asText()).isEqualTo("status");
    assertThat(rest.get("maria", "/api/action-items?incidentId=INC-1999-0001").status()).isEqualTo(404);

    Response document = rest.get("maria", "/api/incidents/" + incidentId + "/post-mortem");
    assertThat(document.status()).isEqualTo(200);
    assertThat(document.text()).startsWith("# Post-mortem " + incidentId).containsSubsequence(
        "## Summary", "Replayed signatures drained the bridge", "## Timeline", "the bridge team confirmed the patch",
        "## Root cause", "chain id", "## What went well", "## What went wrong", "## Action items",
        "| 1 | Bind signatures to the chain id | P1 | dave | " + due + " | committed | done",
        "| 3 | Blog post on replay attacks | P3 | carol | " + due.plusDays(14) + " | optional | open |",
        "## Publication", "Published by " + supervisor, "https://blog.example.org/bridge-replay");
    assertThat(rest.get("maria", "/api/incidents/INC-1999-0001/post-mortem").status()).isEqualTo(404);
    assertThat(rest.get(null, "/api/incidents/" + incidentId + "/post-mortem").status()).isEqualTo(401);
  }

  /** Report, triage, respond and resolve a SEV1 incident through the REST API; returns its id. */
  private String resolveSev1Incident(String supervisor) {
    String title = "Bridge signature replay " + UUID.randomUUID();
    String triageId = rest.post("dave", SUBMIT_REPORT, variables(bridgeReplayReport(title))).body()
        .path("id").asText();
    rest.completeTask(supervisor, triageId, "Triage event", Map.of("triageOutcome", "DECLARE", "severity", "SEV1",
        "incidentCommander", supervisor, "triageNotes", "replay confirmed"));
    String incidentId = jdbc.queryForObject("select id from incident where title = ?", String.class, title);
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
    assertThat(jdbc.queryForObject("select status from incident where id = ?", String.class, incidentId))
        .isEqualTo("RESOLVED");
    return incidentId;
  }

  private String itemProcess(Map<String, Object> item) {
    return (String) item.get("process_instance_id");
  }

  /** Moves the engine clock of this JVM (the application's) and wakes the job executor. */
  private void advanceClock(Duration duration) {
    Instant now = ClockUtil.getCurrentTime().toInstant();
    ClockUtil.setCurrentTime(Date.from(now.plus(duration)));
    wakeJobExecutor();
  }

  private void wakeJobExecutor() {
    ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getJobExecutor().jobWasAdded();
  }

  private JsonNode task(String user, String processInstanceId, String taskName) {
    JsonNode task = rest.findTask(user, processInstanceId, taskName);
    assertThat(task).as(user + " sees task " + taskName).isNotNull();
    return task;
  }

  /** Waits until the job executor has created the task (the timer fired). */
  private JsonNode awaitTask(String user, String processInstanceId, String taskName) {
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    while (System.nanoTime() < deadline) {
      JsonNode found = rest.findTask(user, processInstanceId, taskName);
      if (found != null) {
        return found;
      }
      wakeJobExecutor();
      try {
        Thread.sleep(250);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    throw new AssertionError("the job executor created no task '" + taskName + "' in " + processInstanceId);
  }



}
