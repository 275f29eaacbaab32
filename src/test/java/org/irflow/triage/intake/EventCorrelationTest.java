package org.irflow.triage.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.irflow.support.WebhookClient.GENERIC_SECRET;
import static org.irflow.support.WebhookClient.genericEvent;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.irflow.process.ProcessKeys;
import org.irflow.support.RestClient;
import org.irflow.support.RunningApplicationTest;
import org.irflow.support.WebhookClient;
import org.irflow.support.WebhookClient.Answer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Correlation over real HTTP on PostgreSQL: an alert about an open incident's contract or system, or
 * the same alert again after the de-duplication window, becomes that incident's evidence (timeline,
 * the running response, the supervisor's task) instead of a triage of its own.
 */
class EventCorrelationTest extends RunningApplicationTest {

  private static final String GENERIC = "/webhooks/generic";

  @Autowired
  private JdbcTemplate jdbc;
  @Autowired
  private RuntimeService runtime;
  @Autowired
  private HistoryService history;
  @Autowired
  private TaskService tasks;

  @Test
  void anAlertOnTheSystemOfAnOpenIncidentBecomesItsEvidenceAndStartsNoTriage() {
    String run = UUID.randomUUID().toString().substring(0, 8);
    String vault = "vault-" + run;
    String incidentId = declaredIncidentFor(webhooks().signed(GENERIC,
        genericEvent("drain-" + run, "CRITICAL", "EXPLOIT", "Vault drained " + run, vault), GENERIC_SECRET));
    String response = await().atMost(Duration.ofSeconds(30)).until(() -> (String) jdbc.queryForObject(
        "select response_process_instance_id from incident where id = ?", String.class, incidentId), id -> id != null);

    // another alert (its own fingerprint) about the same system, named in capitals among others
    Answer second = webhooks().signed(GENERIC, genericEvent("withdrawal-" + run, "HIGH", "SUSPICIOUS",
        "Second large withdrawal " + run, "bridge-" + run, vault.toUpperCase()), GENERIC_SECRET);

    assertThat(second.status()).isEqualTo(202);
    long evidence = second.body().path("eventIds").get(0).asLong();
    await().atMost(Duration.ofSeconds(30)).until(() -> "ATTACHED".equals(event(evidence).get("intake_state")));
    Map<String, Object> attached = event(evidence);
    assertThat(attached.get("incident_id")).isEqualTo(incidentId);
    assertThat(attached.get("disposition")).isEqualTo("EVIDENCE");
    assertThat(attached.get("triage_process_instance_id")).isNull();
    assertThat(history.createHistoricProcessInstanceQuery().processDefinitionKey(ProcessKeys.INCIDENT_TRIAGE)
        .variableValueEquals("eventId", evidence).count()).isZero();
    // on the incident's timeline, with why it was matched
    Map<String, Object> entry = jdbc.queryForMap(
        "select kind, summary, details from timeline_entry where incident_id = ? and event_id = ? and kind = 'EVIDENCE_ADDED'",
        incidentId, evidence);
    assertThat((String) entry.get("summary")).contains("Second large withdrawal " + run);
    assertThat((String) entry.get("details")).contains("the same contract or system: " + vault);
    // the running response got the message and shows it on the supervisor's tasks
    assertThat(runtime.getVariable(response, "evidenceCount")).isEqualTo(1);
    assertThat((String) runtime.getVariable(response, "evidenceSummary")).contains("Second large withdrawal " + run);
    assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(response)
        .activityId("StartEvent_EvidenceAdded").count()).isEqualTo(1);
    String supervisor = jdbc.queryForObject("select primary_supervisor from incident where id = ?", String.class,
        incidentId);
    List<Task> supervisorsTasks = tasks.createTaskQuery().processInstanceId(response).taskAssignee(supervisor).list();
    assertThat(supervisorsTasks).isNotEmpty();
    RestClient.Response form = new RestClient(baseUrl()).get(supervisor,
        "/engine-rest/task/" + supervisorsTasks.get(0).getId() + "/form-variables");
    assertThat(form.status()).isEqualTo(200);
    assertThat(form.body().path("evidenceSummary").path("value").asText()).contains("Second large withdrawal " + run);
  }

  @Test
  void theSameAlertAgainAfterTheDeduplicationWindowIsEvidenceOnItsIncident() {
    String run = UUID.randomUUID().toString().substring(0, 8);
    String alert = genericEvent("oracle-" + run, "CRITICAL", "EXPLOIT", "Oracle manipulated " + run, "oracle-" + run);
    Answer first = webhooks().signed(GENERIC, alert, GENERIC_SECRET);
    String incidentId = declaredIncidentFor(first);
    // the first copy is older than the de-duplication window (1 hour in the e2e profile)
    jdbc.update("update security_event set received_at = ? where id = ?",
        Instant.now().minus(2, ChronoUnit.HOURS).atOffset(ZoneOffset.UTC), first.body().path("eventIds").get(0).asLong());

    Answer again = webhooks().signed(GENERIC, alert, GENERIC_SECRET);

    assertThat(again.body().path("events").get(0).path("duplicate").asBoolean()).isFalse();
    long evidence = again.body().path("eventIds").get(0).asLong();
    await().atMost(Duration.ofSeconds(30)).until(() -> "ATTACHED".equals(event(evidence).get("intake_state")));
    assertThat(event(evidence).get("incident_id")).isEqualTo(incidentId);
    assertThat(jdbc.queryForObject("select details from timeline_entry where event_id = ? and kind = 'EVIDENCE_ADDED'",
        String.class, evidence)).isEqualTo("matched on the same fingerprint generic:custody-watch:oracle-" + run);
  }

  @Test
  void anAlertOnAnotherSystemStartsATriageOfItsOwn() {
    String run = UUID.randomUUID().toString().substring(0, 8);
    declaredIncidentFor(webhooks().signed(GENERIC,
        genericEvent("pool-" + run, "CRITICAL", "EXPLOIT", "Pool drained " + run, "pool-" + run), GENERIC_SECRET));

    Answer other = webhooks().signed(GENERIC, genericEvent("keeper-" + run, "MEDIUM", "SUSPICIOUS",
        "Keeper stalled " + run, "keeper-" + run), GENERIC_SECRET);

    long eventId = other.body().path("eventIds").get(0).asLong();
    await().atMost(Duration.ofSeconds(30)).until(() -> event(eventId).get("triage_process_instance_id") != null);
    assertThat(event(eventId).get("intake_state")).isEqualTo("TRIAGE_STARTED");
    assertThat(event(eventId).get("incident_id")).isNull();
  }

  /** The incident the TriageDecision declared at once for an accepted exploit alert. */
  private String declaredIncidentFor(Answer answer) {
    assertThat(answer.status()).as(String.valueOf(answer.body())).isEqualTo(202);
    long eventId = answer.body().path("eventIds").get(0).asLong();
    return await().atMost(Duration.ofSeconds(30)).until(() -> (String) event(eventId).get("incident_id"),
        id -> id != null);
  }

  private WebhookClient webhooks() {
    return new WebhookClient(baseUrl());
  }

  private Map<String, Object> event(long id) {
    return jdbc.queryForMap("select * from security_event where id = ?", id);
  }
}
