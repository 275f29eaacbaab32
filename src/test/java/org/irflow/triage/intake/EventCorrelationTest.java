package org.irflow.triage.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.irflow.support.CorrelatedAlerts.acceptedEvent;
import static org.irflow.support.CorrelatedAlerts.genericRuleAlert;
import static org.irflow.support.WebhookClient.GENERIC_SECRET;
import static org.irflow.support.WebhookClient.MONITOR;
import static org.irflow.support.WebhookClient.MONITOR_SECRET;
import static org.irflow.support.WebhookClient.genericEvent;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.StreamSupport;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.irflow.process.ProcessKeys;
import org.irflow.support.CorrelatedAlerts;
import org.irflow.support.CorrelatedAlerts.Contract;
import org.irflow.support.RestClient;
import org.irflow.support.RunningApplicationTest;
import org.irflow.support.WebhookClient;
import org.irflow.support.WebhookClient.Answer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Correlation over real HTTP on PostgreSQL, read as the attacks it stops: an alert joins an open
 * incident or triage only on a structured key (fingerprint, registered contract, monitor rule on the
 * same subject), never because two texts share a word; an alert on a contract the incident does not
 * cover starts its own triage, linked to the incident; a storm from one rule on one contract is one
 * triage task counting its events; and incident commanders, only they, move an event off its incident
 * or merge two incidents, with the timeline naming them.
 */
class EventCorrelationTest extends RunningApplicationTest {

  @Autowired
  private JdbcTemplate jdbc;
  @Autowired
  private RuntimeService runtime;
  @Autowired
  private HistoryService history;
  @Autowired
  private TaskService tasks;

  private WebhookClient webhooks;
  private RestClient rest;
  private String run;
  private CorrelatedAlerts alerts;

  @BeforeEach
  void clients() {
    webhooks = new WebhookClient(baseUrl());
    rest = new RestClient(baseUrl());
    run = UUID.randomUUID().toString().substring(0, 8);
    alerts = new CorrelatedAlerts(jdbc, run);
  }

  @Test
  void aBridgeExploitWhileAVaultIncidentIsOpenStartsItsOwnTriageThoughBothTextsSayPoolAndMainnet() {
    Contract vault = alerts.register("Vault");
    Contract bridge = alerts.register("Bridge");
    String vaultIncident = alerts.declaredIncidentFor(webhooks.signed(WebhookClient.GENERIC, genericEvent("vault-" + run,
        "CRITICAL", "EXPLOIT", "Vault drained " + run, vault.address(), "pool", "mainnet"), GENERIC_SECRET));

    Answer bridgeExploit = webhooks.signed(WebhookClient.GENERIC, genericEvent("bridge-" + run, "CRITICAL", "EXPLOIT",
        "Bridge exploited " + run, bridge.address(), "pool", "mainnet"), GENERIC_SECRET);

    long eventId = acceptedEvent(bridgeExploit);
    await().atMost(Duration.ofSeconds(30)).until(() -> alerts.event(eventId).get("triage_process_instance_id") != null);
    Map<String, Object> bridgeEvent = alerts.event(eventId);
    assertThat(bridgeEvent.get("intake_state")).isEqualTo("TRIAGE_STARTED");
    assertThat(bridgeEvent.get("incident_id")).isNotEqualTo(vaultIncident);
    assertThat(bridgeEvent.get("disposition")).isNotEqualTo("EVIDENCE");
    assertThat(jdbc.queryForObject("select count(*) from timeline_entry where incident_id = ? and event_id = ?",
        Integer.class, vaultIncident, eventId)).isZero();
    // nothing shared but words: no link either
    assertThat(jdbc.queryForObject("select count(*) from timeline_entry where event_id = ? and kind = 'EVENT_RELATED'",
        Integer.class, eventId)).isZero();
  }

  @Test
  void anAlertNamingTheOpenIncidentsRegisteredContractByNameIsItsEvidence() {
    Contract vault = alerts.register("Vault");
    String incidentId = alerts.declaredIncidentFor(webhooks.signed(WebhookClient.GENERIC, genericEvent("drain-" + run,
        "CRITICAL", "EXPLOIT", "Vault drained " + run, vault.address()), GENERIC_SECRET));
    String response = alerts.responseOf(incidentId);

    // another alert (its own fingerprint) naming the contract by its registered name, in capitals
    Answer second = webhooks.signed(WebhookClient.GENERIC, genericEvent("withdrawal-" + run, "HIGH", "SUSPICIOUS",
        "Second large withdrawal " + run, vault.name().toUpperCase()), GENERIC_SECRET);

    long evidence = acceptedEvent(second);
    await().atMost(Duration.ofSeconds(30)).until(() -> "ATTACHED".equals(alerts.event(evidence).get("intake_state")));
    Map<String, Object> attached = alerts.event(evidence);
    assertThat(attached.get("incident_id")).isEqualTo(incidentId);
    assertThat(attached.get("disposition")).isEqualTo("EVIDENCE");
    assertThat(history.createHistoricProcessInstanceQuery().processDefinitionKey(ProcessKeys.INCIDENT_TRIAGE)
        .variableValueEquals("eventId", evidence).count()).isZero();
    assertThat(jdbc.queryForObject("select details from timeline_entry where incident_id = ? and event_id = ?"
        + " and kind = 'EVIDENCE_ADDED'", String.class, incidentId, evidence))
        .isEqualTo("matched on the same registered contract " + vault.name());
    assertThat(runtime.getVariable(response, "evidenceCount")).isEqualTo(1);
    assertThat((String) runtime.getVariable(response, "evidenceSummary")).contains("Second large withdrawal " + run);
  }

  @Test
  void theSameAlertAgainAfterTheDeduplicationWindowIsEvidenceOnItsIncident() {
    String alert = genericEvent("oracle-" + run, "CRITICAL", "EXPLOIT", "Oracle manipulated " + run, "oracle-" + run);
    Answer first = webhooks.signed(WebhookClient.GENERIC, alert, GENERIC_SECRET);
    String incidentId = alerts.declaredIncidentFor(first);
    // the first copy is older than the de-duplication window (1 hour in the e2e profile)
    jdbc.update("update security_event set received_at = ? where id = ?",
        Instant.now().minus(2, ChronoUnit.HOURS).atOffset(ZoneOffset.UTC), acceptedEvent(first));

    Answer again = webhooks.signed(WebhookClient.GENERIC, alert, GENERIC_SECRET);

    assertThat(again.body().path("events").get(0).path("duplicate").asBoolean()).isFalse();
    long evidence = acceptedEvent(again);
    await().atMost(Duration.ofSeconds(30)).until(() -> "ATTACHED".equals(alerts.event(evidence).get("intake_state")));
    assertThat(alerts.event(evidence).get("incident_id")).isEqualTo(incidentId);
    assertThat(jdbc.queryForObject("select details from timeline_entry where event_id = ? and kind = 'EVIDENCE_ADDED'",
        String.class, evidence)).isEqualTo("matched on the same fingerprint generic:custody-watch:oracle-" + run);
  }

  @Test
  void anAlertOnTheIncidentsContractAndAnotherStartsItsOwnTriageLinkedToTheIncident() {
    Contract vault = alerts.register("Vault");
    Contract bridge = alerts.register("Bridge");
    String incidentId = alerts.declaredIncidentFor(webhooks.signed(WebhookClient.GENERIC, genericEvent("vault-" + run,
        "CRITICAL", "EXPLOIT", "Vault drained " + run, vault.address()), GENERIC_SECRET));

    Answer both = webhooks.signed(WebhookClient.GENERIC, genericEvent("both-" + run, "MEDIUM", "SUSPICIOUS",
        "Odd calls on vault and bridge " + run, vault.address(), bridge.address()), GENERIC_SECRET);

    long eventId = acceptedEvent(both);
    String triage = await().atMost(Duration.ofSeconds(30)).until(
        () -> (String) alerts.event(eventId).get("triage_process_instance_id"), id -> id != null);
    assertThat(alerts.event(eventId).get("intake_state")).isEqualTo("TRIAGE_STARTED");
    assertThat(alerts.event(eventId).get("incident_id")).isNull();
    // the new triage's supervisor sees the link in the task list and on the form
    String expected = "Related to " + incidentId + ": it names " + bridge.name() + ", which " + incidentId
        + " does not cover";
    assertThat(runtime.getVariable(triage, "relatedTo")).isEqualTo(expected);
    Task task = tasks.createTaskQuery().processInstanceId(triage).taskDefinitionKey("Task_TriageEvent").singleResult();
    assertThat(task.getDescription()).isEqualTo(expected);
    // the incident's supervisor sees it on the incident's timeline and in the running response
    assertThat(jdbc.queryForList("select summary from timeline_entry where incident_id = ? and kind = 'EVENT_RELATED'",
        String.class, incidentId)).containsExactly("Related event " + eventId + " started a triage of its own");
    assertThat((String) runtime.getVariable(alerts.responseOf(incidentId), "relatedTo"))
        .contains("Event " + eventId).contains(bridge.name());
    assertThat(jdbc.queryForList("select summary from timeline_entry where event_id = ? and kind = 'EVENT_RELATED'"
        + " and incident_id is null", String.class, eventId)).containsExactly("Triage of its own, related to " + incidentId);
  }

  @Test
  void aStormFromOneMonitorRuleOnOneContractIsOneTriageTaskCountingItsEvents() throws Exception {
    Contract vault = alerts.register("Vault");
    String monitor = "Vault withdrawals " + run;
    int storm = 30;
    ExecutorService senders = Executors.newFixedThreadPool(6);
    List<Future<Answer>> answers = new ArrayList<>();
    for (int i = 0; i < storm; i++) {
      String body = monitorAlert(monitor, vault.address(), transactionHash(i));
      answers.add(senders.submit(() -> webhooks.signed(MONITOR, body, MONITOR_SECRET)));
    }
    List<Long> eventIds = new ArrayList<>();
    for (Future<Answer> answer : answers) {
      eventIds.add(acceptedEvent(answer.get()));
    }
    senders.shutdown();
    assertThat(eventIds).doesNotHaveDuplicates().hasSize(storm);
    awaitEveryEventDispatched(jdbc);

    String in = String.join(",", eventIds.stream().map(String::valueOf).toList());
    List<String> triages = jdbc.queryForList("select distinct triage_process_instance_id from security_event where id in ("
        + in + ")", String.class);
    assertThat(triages).hasSize(1).doesNotContainNull();
    String triage = triages.get(0);
    assertThat(jdbc.queryForList("select intake_state from security_event where id in (" + in + ")", String.class))
        .containsOnly("TRIAGE_STARTED", "GATHERED").containsOnlyOnce("TRIAGE_STARTED");
    assertThat(jdbc.queryForObject("select count(*) from security_event where triage_process_instance_id = ?",
        Integer.class, triage)).isEqualTo(storm);
    assertThat(runtime.getVariable(triage, "triageEventCount")).isEqualTo(storm);
    assertThat((String) runtime.getVariable(triage, "gatheredEvents")).contains("[event ")
        .contains("the same monitor rule " + monitor + " of openzeppelin-monitor on " + vault.name());
    // Tasklist's count of triage tasks for this monitor's alerts, as the on-call supervisor sees it
    RestClient.Response count = rest.post("alice", "/engine-rest/task/count", Map.of(
        "taskDefinitionKey", "Task_TriageEvent",
        "processVariables", List.of(Map.of("name", "eventTitle", "operator", "eq",
            "value", "OpenZeppelin Monitor: " + monitor))));
    assertThat(count.status()).as(count.text()).isEqualTo(200);
    assertThat(count.body().path("count").asInt()).isEqualTo(1);
    // one triage, so one escalation timer
    assertThat(history.createHistoricProcessInstanceQuery().processDefinitionKey(ProcessKeys.INCIDENT_TRIAGE)
        .variableValueEquals("eventTitle", "OpenZeppelin Monitor: " + monitor).count()).isEqualTo(1);
  }

  @Test
  void aStormFromOneRuleOnAnUnregisteredSubjectIsGatheredOnTheRuleWithinItsWindow() {
    String subject = "0x" + "c0ffee".repeat(6) + run.substring(0, 4);
    String monitor = "Unregistered pool watch " + run;
    long first = acceptedEvent(webhooks.signed(MONITOR, monitorAlert(monitor, subject, transactionHash(1)), MONITOR_SECRET));
    String triage = await().atMost(Duration.ofSeconds(30)).until(
        () -> (String) alerts.event(first).get("triage_process_instance_id"), id -> id != null);

    long second = acceptedEvent(webhooks.signed(MONITOR, monitorAlert(monitor, subject, transactionHash(2)), MONITOR_SECRET));
    await().atMost(Duration.ofSeconds(30)).until(() -> "GATHERED".equals(alerts.event(second).get("intake_state")));
    assertThat(alerts.event(second).get("triage_process_instance_id")).isEqualTo(triage);
    assertThat(jdbc.queryForObject("select details from timeline_entry where event_id = ? and kind = 'EVENT_GATHERED'",
        String.class, second)).isEqualTo("matched on the same monitor rule " + monitor + " of openzeppelin-monitor on "
        + subject);

    // the rule's window (1 hour by default) has passed since the triage's alerts: the next one is a triage of its own
    jdbc.update("update security_event_key set received_at = ? where event_id in (?, ?)",
        Instant.now().minus(2, ChronoUnit.HOURS).atOffset(ZoneOffset.UTC), first, second);
    long late = acceptedEvent(webhooks.signed(MONITOR, monitorAlert(monitor, subject, transactionHash(3)), MONITOR_SECRET));
    await().atMost(Duration.ofSeconds(30)).until(() -> alerts.event(late).get("triage_process_instance_id") != null);
    assertThat(alerts.event(late).get("intake_state")).isEqualTo("TRIAGE_STARTED");
    assertThat(alerts.event(late).get("triage_process_instance_id")).isNotEqualTo(triage);
  }

  @Test
  void oneFortaBotIsOneMonitorRuleWhateverCaseItsIdIsWrittenIn() {
    // the automatic pause counts a bot as one witness in any case; correlation must see the same monitor
    String bot = "0x" + run + "ab".repeat(28);
    String subject = "0x" + "5ca1ab1e".repeat(4) + run;
    long first = acceptedFortaEvent(webhooks.bearer(WebhookClient.FORTA,
        fortaAlert(bot, "LARGE-OUTFLOW", subject, transactionHash(1)), WebhookClient.FORTA_TOKEN));
    String triage = alerts.triageOf(first);

    String botInCapitals = bot.toUpperCase().replace("0X", "0x");
    long second = acceptedFortaEvent(webhooks.bearer(WebhookClient.FORTA,
        fortaAlert(botInCapitals, "LARGE-OUTFLOW", subject, transactionHash(2)), WebhookClient.FORTA_TOKEN));

    alerts.awaitState(second, "GATHERED");
    assertThat(alerts.event(second).get("triage_process_instance_id")).isEqualTo(triage);
    assertThat(List.of(alerts.event(first), alerts.event(second))).allSatisfy(stored -> {
      assertThat(stored.get("monitor")).isEqualTo(bot);
      assertThat(stored.get("monitor_rule")).isEqualTo(bot + "/LARGE-OUTFLOW");
    });
  }

  @Test
  void aMoreSevereAlertFromTheSameRuleIsNotHiddenInItsQuieterTriage() {
    Contract vault = alerts.register("Vault");
    String quiet = genericRuleAlert("quiet-" + run, "MEDIUM", "SUSPICIOUS", vault.address());
    long first = acceptedEvent(webhooks.signed(WebhookClient.GENERIC, quiet, GENERIC_SECRET));
    String triage = await().atMost(Duration.ofSeconds(30)).until(
        () -> (String) alerts.event(first).get("triage_process_instance_id"), id -> id != null);
    assertThat(runtime.createProcessInstanceQuery().processInstanceId(triage).count()).isEqualTo(1);

    long exploit = acceptedEvent(webhooks.signed(WebhookClient.GENERIC,
        genericRuleAlert("exploit-" + run, "CRITICAL", "EXPLOIT", vault.address()), GENERIC_SECRET));

    await().atMost(Duration.ofSeconds(30)).until(() -> alerts.event(exploit).get("triage_process_instance_id") != null);
    assertThat(alerts.event(exploit).get("triage_process_instance_id")).isNotEqualTo(triage);
    assertThat(alerts.event(exploit).get("intake_state")).isEqualTo("TRIAGE_STARTED");
    assertThat(jdbc.queryForObject("select details from timeline_entry where event_id = ? and kind = 'EVENT_RELATED'"
        + " and process_instance_id = ?", String.class, first, triage)).startsWith("it is more severe (SEV1)");
  }

  @Test
  void anIncidentCommanderMovesAnAttachedEventToItsOwnTriageAndTheTimelineNamesHer() {
    Contract vault = alerts.register("Vault");
    String incidentId = alerts.declaredIncidentFor(webhooks.signed(WebhookClient.GENERIC, genericEvent("drain-" + run,
        "CRITICAL", "EXPLOIT", "Vault drained " + run, vault.address()), GENERIC_SECRET));
    alerts.responseOf(incidentId);
    long evidence = acceptedEvent(webhooks.signed(WebhookClient.GENERIC, genericEvent("unrelated-" + run, "MEDIUM",
        "SUSPICIOUS", "Actually a keeper bot " + run, vault.address()), GENERIC_SECRET));
    await().atMost(Duration.ofSeconds(30)).until(() -> "ATTACHED".equals(alerts.event(evidence).get("intake_state")));
    String path = "/api/incidents/" + incidentId + "/events/" + evidence + "/detach";

    RestClient.Response responder = rest.post("dave", path, Map.of());
    assertThat(responder.status()).isEqualTo(403);
    assertThat(alerts.event(evidence).get("incident_id")).isEqualTo(incidentId);

    RestClient.Response moved = rest.post("alice", path, Map.of());

    assertThat(moved.status()).as(moved.text()).isEqualTo(200);
    String triage = moved.body().path("triageProcessInstanceId").asText();
    Map<String, Object> detached = alerts.event(evidence);
    assertThat(detached.get("incident_id")).isNull();
    assertThat(detached.get("intake_state")).isEqualTo("TRIAGE_STARTED");
    assertThat(detached.get("triage_process_instance_id")).isEqualTo(triage);
    assertThat(runtime.getVariable(triage, "relatedTo")).isEqualTo("Moved off " + incidentId + " by alice");
    Map<String, Object> entry = jdbc.queryForMap("select actor, summary from timeline_entry where incident_id = ?"
        + " and kind = 'EVENT_DETACHED'", incidentId);
    assertThat(entry.get("actor")).isEqualTo("alice");
    assertThat(entry.get("summary")).isEqualTo("Event " + evidence + " moved to a triage of its own by alice");
    assertThat(runtime.getVariable(alerts.responseOf(incidentId), "evidenceCount")).isEqualTo(0);
    // the event the incident was declared for cannot be moved off it
    long own = ((Number) jdbc.queryForObject("select event_id from incident where id = ?", Long.class, incidentId))
        .longValue();
    assertThat(rest.post("alice", "/api/incidents/" + incidentId + "/events/" + own + "/detach", Map.of()).status())
        .isEqualTo(409);
  }

  @Test
  void anIncidentCommanderMovesAnAlertGatheredIntoAnOpenTriageToATriageOfItsOwn() {
    Contract vault = alerts.register("Vault");
    long first = acceptedEvent(webhooks.signed(WebhookClient.GENERIC,
        genericRuleAlert("first-" + run, "MEDIUM", "SUSPICIOUS", vault.address()), GENERIC_SECRET));
    String triage = alerts.triageOf(first);
    long gathered = acceptedEvent(webhooks.signed(WebhookClient.GENERIC,
        genericRuleAlert("keeper-" + run, "MEDIUM", "SUSPICIOUS", vault.address()), GENERIC_SECRET));
    alerts.awaitState(gathered, "GATHERED");
    assertThat(runtime.getVariable(triage, "triageEventCount")).isEqualTo(2);
    JsonNode listed = StreamSupport.stream(rest.get("maria", "/api/triages?limit=500").body().spliterator(), false)
        .filter(open -> triage.equals(open.path("processInstanceId").asText())).findFirst().orElseThrow();
    assertThat(listed.path("eventId").asLong()).isEqualTo(first);
    assertThat(listed.path("eventCount").asInt()).isEqualTo(2);
    assertThat(listed.path("events").findValuesAsText("id")).containsExactly(String.valueOf(first), String.valueOf(gathered));
    String path = "/api/triages/" + triage + "/events/" + gathered + "/detach";

    assertThat(rest.post("dave", path, Map.of()).status()).isEqualTo(403);
    assertThat(rest.post("alice", "/api/triages/" + triage + "/events/" + first + "/detach", Map.of()).status())
        .as("the event the triage was started for is decided with the triage, not moved off it").isEqualTo(409);
    assertThat(alerts.event(gathered).get("intake_state")).isEqualTo("GATHERED");

    RestClient.Response moved = rest.post("alice", path, Map.of());

    assertThat(moved.status()).as(moved.text()).isEqualTo(200);
    String ownTriage = moved.body().path("triageProcessInstanceId").asText();
    assertThat(ownTriage).isNotEqualTo(triage);
    Map<String, Object> row = alerts.event(gathered);
    assertThat(row.get("intake_state")).isEqualTo("TRIAGE_STARTED");
    assertThat(row.get("triage_process_instance_id")).isEqualTo(ownTriage);
    assertThat(row.get("incident_id")).isNull();
    assertThat(runtime.getVariable(ownTriage, "eventId")).isEqualTo(gathered);
    assertThat(runtime.getVariable(ownTriage, "relatedTo")).isEqualTo("Moved off the triage of event " + first + " by alice");
    assertThat(runtime.getVariable(triage, "triageEventCount")).isEqualTo(1);
    assertThat((String) runtime.getVariable(triage, "gatheredEvents"))
        .startsWith("Event " + gathered + " moved to a triage of its own by alice");
    assertThat(jdbc.queryForList("select actor || ': ' || summary from timeline_entry where kind = 'EVENT_DETACHED'"
        + " and event_id in (?, ?)", String.class, first, gathered)).containsExactlyInAnyOrder(
        "alice: Event " + gathered + " moved to a triage of its own by alice",
        "alice: Moved off the triage of event " + first + " to a triage of its own by alice");
    // moved once: it is no longer that triage's
    assertThat(rest.post("alice", path, Map.of()).status()).isEqualTo(404);
  }

  @Test
  void anIncidentCommanderMergesTwoIncidentsAndBothTimelinesNameHer() {
    Contract vault = alerts.register("Vault");
    Contract bridge = alerts.register("Bridge");
    String kept = alerts.declaredIncidentFor(webhooks.signed(WebhookClient.GENERIC, genericEvent("vault-" + run,
        "CRITICAL", "EXPLOIT", "Vault drained " + run, vault.address()), GENERIC_SECRET));
    String merged = alerts.declaredIncidentFor(webhooks.signed(WebhookClient.GENERIC, genericEvent("bridge-" + run,
        "CRITICAL", "EXPLOIT", "Bridge drained by the same attacker " + run, bridge.address()), GENERIC_SECRET));
    String keptResponse = alerts.responseOf(kept);
    String mergedResponse = alerts.responseOf(merged);
    List<Long> mergedEvents = jdbc.queryForList("select id from security_event where incident_id = ?", Long.class, merged);
    String path = "/api/incidents/" + kept + "/merge";

    assertThat(rest.post("dave", path, Map.of("incidentId", merged)).status()).isEqualTo(403);
    assertThat(rest.post("alice", path, Map.of()).status()).isEqualTo(400);
    assertThat(rest.post("alice", path, Map.of("incidentId", kept)).status()).isEqualTo(409);
    assertThat(jdbc.queryForObject("select status from incident where id = ?", String.class, merged)).isEqualTo("DECLARED");

    RestClient.Response answer = rest.post("alice", path, Map.of("incidentId", merged));

    assertThat(answer.status()).as(answer.text()).isEqualTo(200);
    Map<String, Object> mergedRow = jdbc.queryForMap("select status, merged_into from incident where id = ?", merged);
    assertThat(mergedRow.get("status")).isEqualTo("MERGED");
    assertThat(mergedRow.get("merged_into")).isEqualTo(kept);
    assertThat(jdbc.queryForList("select id from security_event where incident_id = ?", Long.class, kept))
        .containsAll(mergedEvents);
    assertThat(jdbc.queryForList("select actor || ': ' || summary from timeline_entry where kind = 'INCIDENTS_MERGED'"
        + " and incident_id in (?, ?) order by incident_id", String.class, kept, merged)).containsExactlyInAnyOrder(
        "alice: " + merged + " merged into this incident by alice (1 event(s): Bridge drained by the same attacker "
            + run + ")",
        "alice: Merged into " + kept + " by alice");
    assertThat(runtime.createProcessInstanceQuery().processInstanceId(mergedResponse).count()).isZero();
    assertThat(runtime.getVariable(keptResponse, "evidenceCount")).isEqualTo(1);
    // a later alert on the merged incident's contract is the kept incident's evidence
    long later = acceptedEvent(webhooks.signed(WebhookClient.GENERIC, genericEvent("later-" + run, "HIGH",
        "SUSPICIOUS", "Bridge again " + run, bridge.address()), GENERIC_SECRET));
    await().atMost(Duration.ofSeconds(30)).until(() -> "ATTACHED".equals(alerts.event(later).get("intake_state")));
    assertThat(alerts.event(later).get("incident_id")).isEqualTo(kept);
  }

  /** An OpenZeppelin Monitor alert in raw mode: the monitor (the rule) fired on this contract in this transaction. */
  private static String monitorAlert(String monitor, String contract, String hash) {
    return """
        {"EVM": {
          "monitor": {"name": "%s", "networks": ["ethereum_mainnet"], "paused": false,
                      "addresses": [{"address": "%s", "contract_spec": null}]},
          "transaction": {"hash": "%s", "from": "0x1111111111111111111111111111111111111111", "to": "%s"},
          "receipt": {"status": "0x1"}, "logs": [],
          "matched_on": {"functions": [], "events": [{"signature": "Withdrawal(address,uint256)", "expression": null}], "transactions": []}
        }}""".formatted(monitor, contract, hash, contract);
  }

  /** A Forta webhook batch of one MEDIUM SUSPICIOUS alert, as forta-node posts it, from the bot on an address. */
  private static String fortaAlert(String bot, String alertId, String address, String hash) {
    return """
        {"alerts": [{"hash": "%s", "createdAt": "2026-11-23T10:00:00Z", "alertId": "%s", "name": "Large outflow",
         "protocol": "ethereum", "description": "Outflow from %s", "findingType": "SUSPICIOUS", "severity": "MEDIUM",
         "metadata": {}, "addresses": ["%s"],
         "source": {"transactionHash": "%s", "bot": {"id": "%s"}, "block": {"number": 21000000, "chainId": 1}}}]}
        """.formatted(hash, alertId, address, address, hash, bot);
  }

  /** forta-node counts only 200 as delivered. */
  private static long acceptedFortaEvent(Answer answer) {
    assertThat(answer.status()).as(answer.text()).isEqualTo(200);
    return answer.body().path("eventIds").get(0).asLong();
  }

  private String transactionHash(int i) {
    return "0x" + run + String.format("%056x", i);
  }
}
