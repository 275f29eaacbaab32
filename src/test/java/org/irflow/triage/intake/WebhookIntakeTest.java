package org.irflow.triage.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.irflow.support.WebhookClient.ALERTMANAGER;
import static org.irflow.support.WebhookClient.ALERTMANAGER_TOKEN;
import static org.irflow.support.WebhookClient.FORTA;
import static org.irflow.support.WebhookClient.FORTA_TOKEN;
import static org.irflow.support.WebhookClient.GENERIC;
import static org.irflow.support.WebhookClient.GENERIC_SECRET;
import static org.irflow.support.WebhookClient.MONITOR;
import static org.irflow.support.WebhookClient.MONITOR_SECRET;
import static org.irflow.support.WebhookClient.now;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.irflow.process.ProcessKeys;
import org.irflow.support.RestClient;
import org.irflow.support.WebhookClient;
import org.irflow.support.WebhookClient.Answer;
import org.irflow.support.RunningApplicationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.irflow.incident.SecurityEvents;

/**
 * The monitoring webhooks over real HTTP on PostgreSQL: each source's documented payload, its
 * authentication, de-duplication, and every kind of bad input refused with nothing stored or started.
 */
class WebhookIntakeTest extends RunningApplicationTest {

  @Autowired
  private JdbcTemplate jdbc;
  @Autowired
  private SecurityEvents securityEvents;
  @Autowired
  private HistoryService history;
  @Autowired
  private IntakeStats stats;

  /** One client (one connection pool) for all requests of a test, the storms' threads included. */
  private WebhookClient webhooks;

  @BeforeEach
  void client() {
    webhooks = new WebhookClient(baseUrl());
  }

  // ---- OpenZeppelin Monitor

  @Test
  void monitorTemplateModeSignedIsStoredOnceAndStartsOneTriage() {
    String title = "Large withdrawal " + UUID.randomUUID();
    String body = "{\"title\":\"" + title + "\",\"body\":\"Withdrawal of 1,200 ETH from 0xVault\","
        + "\"extra\":{\"kept\":true}}";

    Answer answer = webhooks.signed(MONITOR, body, MONITOR_SECRET);

    assertThat(answer.status()).isEqualTo(202);
    long eventId = answer.body().path("eventIds").get(0).asLong();
    Map<String, Object> event = event(eventId);
    assertThat(event.get("source")).isEqualTo("openzeppelin-monitor");
    assertThat(event.get("channel")).isEqualTo("MONITORING_ALERT");
    assertThat(event.get("reporter")).isEqualTo("openzeppelin-monitor");
    assertThat(event.get("suspected_severity")).isEqualTo("UNKNOWN");
    assertThat((String) event.get("payload")).contains("\"extra\":{\"kept\":true}");
    assertThat(copiesOf(event)).isZero();
    // the triage reuses the stored event: no second row for the same alert
    assertThat(jdbc.queryForObject("select count(*) from security_event where title = ?", Integer.class,
        "OpenZeppelin Monitor: " + title)).isEqualTo(1);
    assertThat(answer.body().path("events").get(0).path("duplicate").asBoolean()).isFalse();
    String triage = triageOf(eventId);
    assertThat(history.createHistoricProcessInstanceQuery().processInstanceId(triage)
        .processDefinitionKey(ProcessKeys.INCIDENT_TRIAGE).count()).isEqualTo(1);
    assertThat(variable(triage, "eventId")).isEqualTo(eventId);
    assertThat(jdbc.queryForObject("select count(*) from timeline_entry where event_id = ? and kind = 'EVENT_REPORTED'",
        Integer.class, eventId)).isEqualTo(1);
  }

  @Test
  void monitorRawModeNamesTheContractAndTransaction() {
    String hash = "0x" + UUID.randomUUID().toString().replace("-", "") + "00000000000000000000000000000000";
    String body = """
        {"EVM": {
          "monitor": {"name": "Vault ownership", "networks": ["ethereum_mainnet"], "paused": false,
                      "addresses": [{"address": "0x000000000000000000000000000000000000a11c", "contract_spec": null}],
                      "match_conditions": {"functions": [], "events": [{"signature": "OwnershipTransferred(address,address)", "expression": null}], "transactions": []}},
          "transaction": {"hash": "%s", "from": "0x1111111111111111111111111111111111111111",
                          "to": "0x000000000000000000000000000000000000a11c", "value": "0x0", "nonce": "0x1"},
          "receipt": {"status": "0x1", "blockNumber": "0x1312d00"},
          "logs": [],
          "network_slug": "ethereum_mainnet",
          "matched_on": {"functions": [], "events": [{"signature": "OwnershipTransferred(address,address)", "expression": null}], "transactions": []},
          "matched_on_args": {"functions": null, "events": [{"signature": "OwnershipTransferred(address,address)", "args": []}]}
        }}""".formatted(hash);

    Answer answer = webhooks.signed(MONITOR, body, MONITOR_SECRET);

    assertThat(answer.status()).isEqualTo(202);
    Map<String, Object> event = event(answer.body().path("eventIds").get(0).asLong());
    assertThat(event.get("title")).isEqualTo("OpenZeppelin Monitor: Vault ownership on ethereum_mainnet");
    assertThat(event.get("affected_systems")).isEqualTo("0x000000000000000000000000000000000000a11c");
    assertThat((String) event.get("description")).contains(hash).contains("OwnershipTransferred(address,address)");
  }

  @Test
  void aSignatureWithAnotherSecretIsRefused() {
    int before = eventCount();
    Answer answer = webhooks.signed(MONITOR,
        "{\"title\":\"t " + UUID.randomUUID() + "\",\"body\":\"b\"}", "not-the-secret");
    assertRefused(answer, 401, "X-Signature", before);
  }

  @Test
  void aReplayedSignatureIsRefused() {
    String body = "{\"title\":\"replay " + UUID.randomUUID() + "\",\"body\":\"b\"}";
    String timestamp = now();
    assertThat(webhooks.signed(MONITOR, body, MONITOR_SECRET, timestamp).status()).isEqualTo(202);
    int before = eventCount();
    long replays = stats.count("openzeppelin-monitor", "rejected.replayed");

    Answer replay = webhooks.signed(MONITOR, body, MONITOR_SECRET, timestamp);

    assertRefused(replay, 409, "X-Signature", before);
    assertThat(stats.count("openzeppelin-monitor", "rejected.replayed")).isEqualTo(replays + 1);
  }

  @Test
  void aStaleTimestampIsRefusedEvenWhenCorrectlySigned() {
    int before = eventCount();
    String stale = String.valueOf(System.currentTimeMillis() - Duration.ofMinutes(6).toMillis());
    Answer answer = webhooks.signed(MONITOR,
        "{\"title\":\"old " + UUID.randomUUID() + "\",\"body\":\"b\"}", MONITOR_SECRET, stale);
    assertRefused(answer, 401, "X-Timestamp", before);
  }

  // ---- Forta

  @Test
  void fortaBatchOfMixedSeveritiesMapsEachAlert() {
    String run = UUID.randomUUID().toString();
    String body = """
        {"alerts": [
          %s, %s, %s, %s
        ]}""".formatted(
        fortaAlert("EXPLOIT-" + run, "CRITICAL", "EXPLOIT", "0xaaa" + run),
        fortaAlert("FLASHLOAN-" + run, "HIGH", "SUSPICIOUS", "0xbbb" + run),
        fortaAlert("ORACLE-" + run, "MEDIUM", "DEGRADED", "0xccc" + run),
        fortaAlert("INFO-" + run, "INFO", "INFO", "0xddd" + run));

    Answer answer = webhooks.bearer(FORTA, body, FORTA_TOKEN);

    // forta-node's webhook client takes 200 as its only success
    assertThat(answer.status()).isEqualTo(200);
    List<String> suspected = new ArrayList<>();
    List<Object> exploited = new ArrayList<>();
    answer.body().path("events").forEach(outcome -> {
      Map<String, Object> event = event(outcome.path("eventId").asLong());
      suspected.add((String) event.get("suspected_severity"));
      exploited.add(variable(triageOf(outcome.path("eventId").asLong()), "activelyExploited"));
      assertThat(event.get("source")).isEqualTo("forta");
    });
    assertThat(suspected).containsExactly("SEV1", "SEV2", "SEV3", "SEV4");
    assertThat(exploited).containsExactly(true, false, false, false);
    assertThat(event(answer.body().path("eventIds").get(0).asLong()).get("finding_type")).isEqualTo("EXPLOIT");
  }

  @Test
  void fortaWithoutOrWithAWrongTokenIsRefused() {
    String body = "{\"alerts\":[" + fortaAlert("X-" + UUID.randomUUID(), "HIGH", "EXPLOIT", "0x1") + "]}";
    int before = eventCount();
    assertRefused(webhooks.bearer(FORTA, body, "wrong-token"), 401, "Authorization", before);
    assertRefused(webhooks.send(FORTA, body, "application/json", Map.of()), 401, "Authorization", before);
  }

  @Test
  void aThousandCopiesOfOneAlertMakeOneEventAndOneTriage() throws Exception {
    String alertId = "DRAIN-" + UUID.randomUUID();
    String body = "{\"alerts\":[" + fortaAlert(alertId, "CRITICAL", "SUSPICIOUS", "0xfeed") + "]}";
    ExecutorService senders = Executors.newFixedThreadPool(8);
    try {
      List<Future<Answer>> answers = new ArrayList<>();
      for (int i = 0; i < 1000; i++) {
        answers.add(senders.submit(() -> webhooks.bearer(FORTA, body, FORTA_TOKEN)));
      }
      List<Long> ids = new ArrayList<>();
      for (Future<Answer> answer : answers) {
        assertThat(answer.get().status()).isEqualTo(200);
        ids.add(answer.get().body().path("eventIds").get(0).asLong());
      }
      assertThat(ids).containsOnly(ids.get(0));
      Map<String, Object> event = event(ids.get(0));
      assertThat(copiesOf(event)).isEqualTo(999);
      assertThat(jdbc.queryForObject("select count(*) from security_event where fingerprint = ?", Integer.class,
          event.get("fingerprint"))).isEqualTo(1);
      triageOf(ids.get(0));
      assertThat(history.createHistoricProcessInstanceQuery().processDefinitionKey(ProcessKeys.INCIDENT_TRIAGE)
          .variableValueEquals("eventId", ids.get(0)).count()).isEqualTo(1);
    } finally {
      senders.shutdownNow();
    }
  }

  @Test
  void aStormOfTwoThousandAlertsAboutTwentyExploitsDeclaresExactlyTwentyIncidents() throws Exception {
    String run = UUID.randomUUID().toString().substring(0, 8);
    ExecutorService senders = Executors.newFixedThreadPool(16);
    try {
      List<Future<Answer>> answers = new ArrayList<>();
      for (int i = 0; i < 2000; i++) {
        int pool = i % 20;
        String body = WebhookClient.genericEvent("storm-" + run + "-" + pool, "CRITICAL", "EXPLOIT",
            "Storm " + run + " pool " + pool, "pool-" + run + "-" + pool);
        answers.add(senders.submit(() -> webhooks.signed(GENERIC, body, GENERIC_SECRET)));
      }
      Set<Long> eventIds = new HashSet<>();
      for (Future<Answer> answer : answers) {
        assertThat(answer.get().status()).isEqualTo(202);
        eventIds.add(answer.get().body().path("eventIds").get(0).asLong());
      }
      assertThat(eventIds).hasSize(20);
      assertThat(jdbc.queryForObject("select sum(c.copies) from security_event e join security_event_copies c on c.event_id = e.id"
          + " where e.title like ?",
          Long.class, "Storm " + run + " %")).isEqualTo(1980);
      await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.queryForObject(
          "select count(*) from incident where title like ?", Integer.class, "Storm " + run + " %") == 20);
      assertThat(history.createHistoricProcessInstanceQuery().processDefinitionKey(ProcessKeys.INCIDENT_TRIAGE)
          .variableValueLike("eventTitle", "Storm " + run + " %").count()).isEqualTo(20);
    } finally {
      senders.shutdownNow();
    }
  }

  // ---- Alertmanager

  @Test
  void alertmanagerFiringAlertsBecomeEventsAndResolvedOnesAreIgnored() {
    String run = UUID.randomUUID().toString().substring(0, 8);
    String body = """
        {"version": "4", "groupKey": "{}:{alertname=\\"ClamAVDetection\\"}", "truncatedAlerts": 0,
         "status": "firing", "receiver": "irflow", "groupLabels": {"alertname": "ClamAVDetection"},
         "commonLabels": {"alertname": "ClamAVDetection"}, "commonAnnotations": {},
         "externalURL": "http://alertmanager:9093",
         "alerts": [
           {"status": "firing", "labels": {"alertname": "ClamAVDetection", "instance": "signer-%1$s:9100", "severity": "critical"},
            "annotations": {"summary": "Malware found on the signer host", "description": "Win.Trojan.Agent in /home/ops"},
            "startsAt": "2026-11-22T09:00:00Z", "endsAt": "0001-01-01T00:00:00Z",
            "generatorURL": "http://prometheus:9090/graph", "fingerprint": "a1%1$s"},
           {"status": "firing", "labels": {"alertname": "AideFileChanged", "instance": "relayer-%1$s:9100", "severity": "warning"},
            "annotations": {"summary": "AIDE reports changed binaries"},
            "startsAt": "2026-11-22T09:01:00Z", "endsAt": "0001-01-01T00:00:00Z",
            "generatorURL": "http://prometheus:9090/graph", "fingerprint": "b2%1$s"},
           {"status": "resolved", "labels": {"alertname": "HostDown", "instance": "web-%1$s:9100", "severity": "critical"},
            "annotations": {}, "startsAt": "2026-11-22T08:00:00Z", "endsAt": "2026-11-22T08:30:00Z",
            "generatorURL": "http://prometheus:9090/graph", "fingerprint": "c3%1$s"}
         ]}""".formatted(run);

    Answer answer = webhooks.bearer(ALERTMANAGER, body, ALERTMANAGER_TOKEN);

    assertThat(answer.status()).isEqualTo(202);
    assertThat(answer.body().path("ignored").asInt()).isEqualTo(1);
    assertThat(answer.body().path("eventIds")).hasSize(2);
    Map<String, Object> clamav = event(answer.body().path("eventIds").get(0).asLong());
    Map<String, Object> aide = event(answer.body().path("eventIds").get(1).asLong());
    assertThat(clamav.get("suspected_severity")).isEqualTo("SEV1");
    assertThat(clamav.get("affected_systems")).isEqualTo("signer-" + run + ":9100");
    assertThat(clamav.get("fingerprint")).isEqualTo("alertmanager:a1" + run);
    assertThat(aide.get("suspected_severity")).isEqualTo("SEV3");
  }

  // ---- generic

  @Test
  void genericEventIsSignedAndMapped() {
    String fingerprint = "fp-" + UUID.randomUUID();
    String body = """
        {"source": "custody-watch", "severity": "HIGH", "title": "Hot wallet balance dropped",
         "description": "Balance fell by 40%% in one block", "fingerprint": "%s",
         "affected": ["hot-wallet", "0x000000000000000000000000000000000000b41d"],
         "findingType": "SUSPICIOUS", "fundsAtRisk": true, "ticket": "OPS-12"}""".formatted(fingerprint);

    Answer answer = webhooks.signed(GENERIC, body, GENERIC_SECRET);

    assertThat(answer.status()).isEqualTo(202);
    Map<String, Object> event = event(answer.body().path("eventIds").get(0).asLong());
    assertThat(event.get("reporter")).isEqualTo("custody-watch");
    assertThat(event.get("suspected_severity")).isEqualTo("SEV2");
    assertThat(event.get("affected_systems")).isEqualTo("hot-wallet, 0x000000000000000000000000000000000000b41d");
    assertThat(event.get("fingerprint")).isEqualTo("generic:custody-watch:" + fingerprint);
    assertThat((String) event.get("payload")).contains("OPS-12");
    assertThat(variable(triageOf(answer.body().path("eventIds").get(0).asLong()), "fundsAtRisk")).isEqualTo(true);
  }

  // ---- bad input

  @Test
  void badInputIsA4xxNamingTheProblemWithNothingStoredOrStarted() {
    String valid = "{\"alerts\":[" + fortaAlert("BAD-" + UUID.randomUUID(), "HIGH", "EXPLOIT", "0x2") + "]}";
    Map<String, String> auth = Map.of("Authorization", "Bearer " + FORTA_TOKEN);
    awaitEveryEventDispatched(jdbc);
    int before = eventCount();
    long triages = triageCount();

    assertRefused(webhooks.send(FORTA, "{\"alerts\": [", "application/json", auth), 400, "body", before);
    assertRefused(webhooks.send(FORTA, "not json at all", "application/json", auth), 400, "body", before);
    assertRefused(webhooks.send(FORTA, valid, "text/plain", auth), 415, "Content-Type", before);
    assertRefused(webhooks.send(FORTA, "{\"alerts\":[],\"pad\":\"" + "x".repeat(1024 * 1024) + "\"}",
        "application/json", auth), 413, "body", before);
    assertRefused(webhooks.send(FORTA, "{\"alerts\":[{\"alertId\":\"A\",\"name\":\"n\"}]}",
        "application/json", auth), 400, "alerts[0].severity", before);
    assertRefused(webhooks.send(FORTA, "{\"alerts\":[{\"alertId\":\"A\",\"name\":1,\"severity\":\"HIGH\"}]}",
        "application/json", auth), 400, "alerts[0].name", before);
    assertRefused(webhooks.send(FORTA, "{\"nothing\":1}", "application/json", auth), 400, "alerts", before);
    // a valid batch with one bad alert keeps none of them
    assertRefused(webhooks.send(FORTA, "{\"alerts\":[" + fortaAlert("OK-" + UUID.randomUUID(), "LOW", "INFO", "0x3")
        + ",{\"alertId\":\"B\"}]}", "application/json", auth), 400, "alerts[1].name", before);
    assertRefused(webhooks.signed(GENERIC, "{\"source\":\"s\",\"severity\":\"LOW\"}", GENERIC_SECRET),
        400, "title", before);
    assertRefused(webhooks.signed(GENERIC, "{\"source\":\"s\",\"severity\":\"LOUD\",\"title\":\"t\"}",
        GENERIC_SECRET), 400, "severity", before);
    assertRefused(webhooks.send(GENERIC, "{\"source\":\"s\",\"severity\":\"LOW\",\"title\":\"t\"}",
        "application/json", Map.of("X-Timestamp", now())), 401, "X-Signature", before);
    assertRefused(webhooks.send(MONITOR, "{\"title\":\"t\",\"body\":\"b\"}", "application/json",
        Map.of("X-Signature", "00")), 401, "X-Timestamp", before);
    assertRefused(webhooks.signed(MONITOR, "{\"EVM\":{\"monitor\":{\"name\":\"m\"}}}",
        MONITOR_SECRET), 400, "EVM.transaction", before);
    assertRefused(webhooks.bearer(ALERTMANAGER, "{\"version\":\"4\",\"alerts\":[{\"status\":\"pending\","
        + "\"labels\":{\"alertname\":\"A\"}}]}", ALERTMANAGER_TOKEN), 400, "alerts[0].status", before);

    assertThat(triageCount()).isEqualTo(triages);
    assertThat(stats.count("forta", "rejected.malformed-json")).isGreaterThanOrEqualTo(2);
    assertThat(stats.count("forta", "rejected.body-too-large")).isGreaterThanOrEqualTo(1);
    assertThat(stats.count("forta", "rejected.invalid-field")).isGreaterThanOrEqualTo(1);
  }

  @Test
  void statsAreForProgrammeMembers() {
    webhooks.bearer(FORTA, "{", FORTA_TOKEN);
    RestClient rest = new RestClient(baseUrl());
    RestClient.Response answer = rest.get("alice", "/api/intake/stats");
    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.body().path("forta").path("rejected.malformed-json").asLong()).isPositive();
    assertThat(rest.get(null, "/api/intake/stats").status()).isEqualTo(401);
  }

  // ---- helpers

  private void assertRefused(Answer answer, int status, String field, int eventsBefore) {
    assertThat(answer.status()).as(String.valueOf(answer.body())).isEqualTo(status);
    assertThat(answer.body().path("status").asInt()).isEqualTo(status);
    assertThat(answer.body().path("field").asText()).isEqualTo(field);
    assertThat(answer.body().path("message").asText()).isNotBlank();
    assertThat(eventCount()).isEqualTo(eventsBefore);
  }

  private static String fortaAlert(String alertId, String severity, String findingType, String address) {
    return """
        {"hash": "0x%s", "createdAt": "2026-11-22T09:00:00.000Z", "alertId": "%s",
         "name": "Suspicious activity %s", "protocol": "ethereum", "description": "Detected by the bot",
         "findingType": "%s", "severity": "%s", "metadata": {"amount": "1200"},
         "addresses": ["%s"], "labels": [],
         "source": {"transactionHash": "0xabc", "bot": {"id": "0xbot", "reference": null, "image": "disco.forta.network/bafy"},
                    "block": {"number": 21000000, "hash": "0xblock", "timestamp": "2026-11-22T08:59:59Z", "chainId": 1}}}"""
        .formatted(UUID.randomUUID().toString().replace("-", ""), alertId, alertId, findingType, severity, address);
  }

  private int eventCount() {
    return jdbc.queryForObject("select count(*) from security_event", Integer.class);
  }

  private long triageCount() {
    return history.createHistoricProcessInstanceQuery().processDefinitionKey(ProcessKeys.INCIDENT_TRIAGE).count();
  }

  /** The triage the dispatcher started for a stored event (it follows the answer within moments). */
  private String triageOf(long eventId) {
    return await().atMost(Duration.ofSeconds(30)).until(
        () -> (String) event(eventId).get("triage_process_instance_id"), triage -> triage != null);
  }

  /** The copies of the event's alert counted on it (security_event_copies). */
  private int copiesOf(Map<String, Object> event) {
    return securityEvents.copiesOf(((Number) event.get("id")).longValue());
  }

  private Map<String, Object> event(long id) {
    return jdbc.queryForMap("select * from security_event where id = ?", id);
  }

  private Object variable(String processInstanceId, String name) {
    HistoricVariableInstance variable = history.createHistoricVariableInstanceQuery()
        .processInstanceId(processInstanceId).variableName(name).singleResult();
    return variable == null ? null : variable.getValue();
  }
}
