package org.irflow.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.irflow.support.RestClient.variables;

import com.fasterxml.jackson.databind.JsonNode;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.irflow.incident.AuditVerifier.BreakType;
import org.irflow.incident.Timeline.Entry;
import org.irflow.incident.Timeline.Source;
import org.irflow.support.RestClient;
import org.irflow.support.RestClient.Response;
import org.irflow.support.RunningApplicationTest;
import org.irflow.support.TestIncidents;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The tamper-evident audit trail on the running application and PostgreSQL. The chain is global and the
 * database is shared with the other tests of this context, so every test uses a fresh incident and every
 * tampering is undone (the original value written back, the deleted row inserted again) before the test
 * ends, whatever its assertions did: the chain is then intact again, as the last assertions check.
 */
class AuditTrailTest extends RunningApplicationTest {

  @Autowired JdbcTemplate jdbc;
  @Autowired Timeline timeline;
  @Autowired TimelineSealer sealer;
  @Autowired AuditVerifier verifier;
  @Autowired TestIncidents testIncidents;
  @Autowired EmbeddedPostgres postgres;
  RestClient rest;

  @BeforeEach
  void client() {
    rest = new RestClient(baseUrl());
  }

  @Test
  void entriesAppendedByManyThreadsAtOnceAreAllSealedInOneChain() throws Exception {
    String incidentId = testIncidents.declare("Concurrent timeline " + UUID.randomUUID(), Severity.SEV3, "alice").id();
    int threads = 8;
    int rounds = 20;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<?>> writers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int thread = t;
      writers.add(pool.submit(() -> {
        start.await();
        for (int round = 0; round < rounds; round++) {
          if (round % 4 == 0) {  // a batched write as the intake does, three rows in one statement batch
            timeline.appendAll(List.of(
                entry(incidentId, "batch " + thread + "/" + round + "/a"),
                entry(incidentId, "batch " + thread + "/" + round + "/b"),
                entry(incidentId, "batch " + thread + "/" + round + "/c")));
          } else {
            timeline.append(Source.ofIncident(incidentId), TimelineKind.SYNC_CALL, "dave",
                "single " + thread + "/" + round, "details | with a pipe\nand a line break");
          }
          if (round % 5 == 0) {
            sealer.sealPending();  // sealing runs while others still append (and beside the scheduled run)
          }
        }
        return null;
      }));
    }
    start.countDown();
    for (Future<?> writer : writers) {
      writer.get(60, TimeUnit.SECONDS);
    }
    pool.shutdown();
    sealer.sealPending();

    int expected = threads * (rounds / 4 * 3 + rounds - rounds / 4);
    assertThat(jdbc.queryForObject("select count(*) from timeline_entry where incident_id = ? and kind = 'SYNC_CALL'",
        Integer.class, incidentId)).isEqualTo(expected);
    assertThat(jdbc.queryForObject("select count(*) from timeline_entry where incident_id = ? and seal_seq is null",
        Integer.class, incidentId)).isZero();
    // one chain: seal_seq 1..N without a gap or a double, every entry linked to the one before it
    Map<String, Object> chain = jdbc.queryForMap("select count(*) as n, count(distinct seal_seq) as d,"
        + " min(seal_seq) as lo, max(seal_seq) as hi from timeline_entry where seal_seq is not null");
    assertThat(((Number) chain.get("lo")).longValue()).isEqualTo(1);
    assertThat(((Number) chain.get("d")).longValue()).isEqualTo(((Number) chain.get("n")).longValue())
        .isEqualTo(((Number) chain.get("hi")).longValue());
    assertThat(jdbc.queryForObject("select count(*) from timeline_entry e join timeline_entry p"
        + " on p.seal_seq = e.seal_seq - 1 where e.previous_hash <> p.entry_hash", Integer.class)).isZero();

    AuditVerifier.Result result = verifier.verify();
    assertThat(result.valid()).as("%s", result).isTrue();
    assertThat(result.firstBreak()).isNull();
    assertThat(result.checked()).isEqualTo(result.sealedUpTo()).isGreaterThanOrEqualTo(expected);

    JsonNode viaRest = rest.get("maria", "/api/audit/verify").body();
    assertThat(viaRest.path("valid").asBoolean()).isTrue();
    assertThat(viaRest.path("checked").asLong()).isGreaterThanOrEqualTo(expected);
    assertThat(viaRest.has("firstBreak")).isTrue();
    assertThat(viaRest.path("firstBreak").isNull()).isTrue();
    assertThat(rest.get(null, "/api/audit/verify").status()).isEqualTo(401);
  }

  @Test
  void aChangedRowIsNamedByTheVerifierTheApiTheExportAndTheCommandLine() {
    String incidentId = testIncidents.declare("Tampered summary " + UUID.randomUUID(), Severity.SEV2, "bob").id();
    timeline.append(Source.ofIncident(incidentId), TimelineKind.SYNC_CALL, "bob", "Paused the vault at 10:02", null);
    sealer.sealPending();
    Map<String, Object> target = jdbc.queryForMap("select id, seal_seq, summary from timeline_entry"
        + " where incident_id = ? and summary = 'Paused the vault at 10:02'", incidentId);
    long id = ((Number) target.get("id")).longValue();
    long seq = ((Number) target.get("seal_seq")).longValue();
    assertThat(cli()).isZero();

    jdbc.update("update timeline_entry set summary = ? where id = ?", "Paused the vault at 09:02", id);
    try {
      AuditVerifier.Result result = verifier.verify();
      assertThat(result.valid()).isFalse();
      assertThat(result.firstBreak().timelineEntryId()).isEqualTo(id);
      assertThat(result.firstBreak().sealSeq()).isEqualTo(seq);
      assertThat(result.firstBreak().type()).isEqualTo(BreakType.CHANGED);
      assertThat(result.firstBreak().reason()).contains("entry " + id).contains("changed");
      assertThat(result.checked()).isEqualTo(seq - 1);

      JsonNode viaRest = rest.get("maria", "/api/audit/verify").body();
      assertThat(viaRest.path("valid").asBoolean()).isFalse();
      assertThat(viaRest.path("firstBreak").path("timelineEntryId").asLong()).isEqualTo(id);
      assertThat(viaRest.path("firstBreak").path("sealSeq").asLong()).isEqualTo(seq);
      assertThat(viaRest.path("firstBreak").path("reason").asText()).contains("changed");

      JsonNode export = rest.get("maria", "/api/incidents/" + incidentId + "/audit.json").body();
      assertThat(export.path("chain").path("valid").asBoolean()).isFalse();
      assertThat(export.path("chain").path("firstBrokenEntryId").asLong()).isEqualTo(id);
      assertThat(export.path("chain").path("firstBrokenState").asText()).isEqualTo("CHANGED");

      ByteArrayOutputStream out = new ByteArrayOutputStream();
      assertThat(cli(out)).isEqualTo(1);
      assertThat(out.toString(StandardCharsets.UTF_8)).contains("BROKEN").contains("id " + id)
          .contains("seal_seq " + seq).contains("CHANGED");
    } finally {
      jdbc.update("update timeline_entry set summary = ? where id = ?", target.get("summary"), id);
    }
    assertThat(verifier.verify().valid()).isTrue();
    assertThat(cli()).isZero();
  }

  @Test
  void aDeletedRowIsDetectedAsRemoved() {
    String incidentId = testIncidents.declare("Deleted entry " + UUID.randomUUID(), Severity.SEV3, "alice").id();
    timeline.appendAll(List.of(entry(incidentId, "to be deleted"), entry(incidentId, "after the deleted one")));
    sealer.sealPending();
    AuditChain.Row deleted = jdbc.queryForObject("select " + AuditChain.COLUMNS
        + " from timeline_entry where incident_id = ? and summary = 'to be deleted'", AuditChain::map, incidentId);
    long nextId = jdbc.queryForObject("select id from timeline_entry where seal_seq = ?", Long.class,
        deleted.sealSeq() + 1);

    jdbc.update("delete from timeline_entry where id = ?", deleted.id());
    try {
      AuditVerifier.Result result = verifier.verify();
      assertThat(result.valid()).isFalse();
      assertThat(result.firstBreak().type()).isEqualTo(BreakType.REMOVED);
      assertThat(result.firstBreak().sealSeq()).isEqualTo(deleted.sealSeq());
      assertThat(result.firstBreak().timelineEntryId()).isEqualTo(nextId);
      assertThat(result.firstBreak().reason()).contains("seal_seq " + deleted.sealSeq()).contains("missing");
      assertThat(result.checked()).isEqualTo(deleted.sealSeq() - 1);

      JsonNode export = rest.get("maria", "/api/incidents/" + incidentId + "/audit.json").body();
      assertThat(export.path("chain").path("firstBrokenEntryId").asLong()).isEqualTo(nextId);
      assertThat(export.path("chain").path("firstBrokenState").asText()).isEqualTo("PREDECESSOR_MISSING");

      ByteArrayOutputStream out = new ByteArrayOutputStream();
      assertThat(cli(out)).isEqualTo(1);
      assertThat(out.toString(StandardCharsets.UTF_8)).contains("id " + nextId).contains("REMOVED");
    } finally {
      jdbc.update("insert into timeline_entry (id, occurred_at, incident_id, event_id, kind, actor, summary, details,"
          + " process_instance_id, activity_id, seal_seq, previous_hash, entry_hash)"
          + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", deleted.id(), Timeline.utc(deleted.occurredAt()),
          deleted.incidentId(), deleted.eventId(), deleted.kind(), deleted.actor(), deleted.summary(),
          deleted.details(), deleted.processInstanceId(), deleted.activityId(), deleted.sealSeq(),
          deleted.previousHash(), deleted.entryHash());
    }
    assertThat(verifier.verify().valid()).isTrue();
  }

  @Test
  void theExportListsTheSealedEntriesAndTheProcessVersionsTheIncidentRanUnder() throws Exception {
    String supervisor = rest.get("maria", "/api/on-call").body().path("primary").asText();
    String title = "Audited replay " + UUID.randomUUID();
    Map<String, Object> report = new HashMap<>(bridgeReplayReport(title));
    Response reported = rest.post("dave", SUBMIT_REPORT, variables(report));
    assertThat(reported.status()).as(reported.text()).isEqualTo(200);
    String triageId = reported.body().path("id").asText();
    // the report's rows are sealed while they have no incident yet: declaring it later keeps them valid
    sealer.sealPending();
    String taskId = rest.awaitTask(supervisor, triageId, "Triage event").path("id").asText();
    Response triaged = rest.post(supervisor, "/engine-rest/task/" + taskId + "/submit-form",
        variables(Map.of("triageOutcome", "DECLARE", "severity", "SEV2", "incidentCommander", supervisor,
            "triageNotes", "replay confirmed")));
    assertThat(triaged.status()).as(triaged.text()).isEqualTo(204);
    String incidentId = jdbc.queryForObject("select id from incident where title = ?", String.class, title);
    String responseId = jdbc.queryForObject("select response_process_instance_id from incident where id = ?",
        String.class, incidentId);
    rest.completeTask(supervisor, responseId, "Take command",
        Map.of("warRoomChannel", "#inc-audit", "backupChannel", "signal:inc-audit",
            "responders", "dave", "communicationsOfficer", "carol", "objective", "Stop the replay"));
    // what "Take command" set off runs on its own (the invitation, the objective's message): let it settle
    rest.awaitTask(supervisor, responseId, "Develop action plan");
    Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
        "select count(*) from outbound_message where incident_id = ? and status = 'QUEUED'", Integer.class,
        incidentId) == 0);
    sealer.sealPending();

    Response json = rest.get("maria", "/api/incidents/" + incidentId + "/audit.json");
    assertThat(json.status()).as(json.text()).isEqualTo(200);
    JsonNode export = json.body();
    assertThat(export.path("incident").path("id").asText()).isEqualTo(incidentId);
    assertThat(export.path("chain").path("valid").asBoolean()).as(json.text()).isTrue();
    List<String> kinds = new ArrayList<>();
    for (JsonNode entry : export.path("timeline")) {
      kinds.add(entry.path("kind").asText());
      assertThat(entry.path("sealSeq").asLong()).isPositive();
      assertThat(entry.path("entryHash").asText()).hasSize(64);
      assertThat(entry.path("previousHash").asText()).hasSize(64);
      assertThat(entry.path("state").asText()).isEqualTo("VALID");
    }
    assertThat(kinds).containsSubsequence("EVENT_REPORTED", "INCIDENT_DECLARED", "WAR_ROOM_OPENED");
    assertThat(export.path("chain").path("entries").asInt()).isEqualTo(kinds.size());
    List<String> rows = jdbc.queryForList("select kind from timeline_entry where incident_id = ?", String.class,
        incidentId);
    assertThat(kinds).hasSameSizeAs(rows);

    Map<String, JsonNode> processes = new HashMap<>();
    for (JsonNode run : export.path("processes")) {
      processes.put(run.path("processDefinitionKey").asText(), run);
    }
    assertThat(processes).containsKeys("IncidentTriageProcess", "IncidentResponseProcess");
    for (String key : List.of("IncidentTriageProcess", "IncidentResponseProcess")) {
      JsonNode run = processes.get(key);
      Map<String, Object> deployed = jdbc.queryForMap("select d.version_, d.deployment_id_ from act_re_procdef d"
          + " join act_hi_procinst p on p.proc_def_id_ = d.id_ where p.id_ = ?", run.path("processInstanceId").asText());
      assertThat(run.path("version").asInt()).as(key).isEqualTo(((Number) deployed.get("version_")).intValue())
          .isPositive();
      assertThat(run.path("deploymentId").asText()).isEqualTo(deployed.get("deployment_id_"));
      assertThat(run.path("deploymentTime").asText()).isNotBlank();
      assertThat(run.path("startTime").asText()).isNotBlank();
    }
    assertThat(processes.get("IncidentTriageProcess").path("processInstanceId").asText()).isEqualTo(triageId);
    assertThat(processes.get("IncidentResponseProcess").path("processInstanceId").asText()).isEqualTo(responseId);
    assertThat(processes.get("IncidentResponseProcess").path("businessKey").asText()).isEqualTo(incidentId);

    HttpResponse<String> markdown = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(
        HttpRequest.newBuilder(URI.create(baseUrl() + "/api/incidents/" + incidentId + "/audit.md"))
            .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("maria:demo".getBytes()))
            .GET().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(markdown.statusCode()).isEqualTo(200);
    assertThat(markdown.headers().firstValue("Content-Type").orElse("")).startsWith("text/markdown");
    assertThat(markdown.body()).contains("# Audit record of " + incidentId).contains("**Valid**")
        .contains("| IncidentTriageProcess | " + processes.get("IncidentTriageProcess").path("version").asInt() + " |")
        .contains("| IncidentResponseProcess | ").contains("WAR_ROOM_OPENED");

    // a sample for docs/samples (copied from target/ by hand)
    Path samples = Path.of("target", "audit-samples");
    Files.createDirectories(samples);
    Files.writeString(samples.resolve("audit-" + incidentId + ".json"), json.text());
    Files.writeString(samples.resolve("audit-" + incidentId + ".md"), markdown.body());

    for (String path : List.of("/api/incidents/INC-1999-0001/audit.json", "/api/incidents/INC-1999-0001/audit.md")) {
      Response unknown = rest.get("maria", path);
      assertThat(unknown.status()).as(path).isEqualTo(404);
      assertThat(unknown.body().path("detail").asText()).contains("INC-1999-0001");
      assertThat(rest.get(null, path).status()).isEqualTo(401);
    }
  }

  @Test
  void theCommandLineCheckReadsTheDatabaseFromTheEnvironmentToo() {
    sealer.sealPending();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int code = AuditCheck.run(new String[0], Map.of("SPRING_DATASOURCE_URL", postgres.getJdbcUrl("postgres", "postgres"),
        "SPRING_DATASOURCE_USERNAME", "postgres", "SPRING_DATASOURCE_PASSWORD", "postgres"),
        new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
    assertThat(code).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("audit chain valid");
    assertThat(AuditCheck.run(new String[0], Map.of(), System.out, new PrintStream(new ByteArrayOutputStream())))
        .isEqualTo(2);
  }

  private int cli() {
    return cli(new ByteArrayOutputStream());
  }

  private int cli(ByteArrayOutputStream out) {
    return AuditCheck.run(new String[] {postgres.getJdbcUrl("postgres", "postgres"), "postgres", "postgres"},
        Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
  }

  private static Entry entry(String incidentId, String summary) {
    return new Entry(Source.ofIncident(incidentId), TimelineKind.SYNC_CALL, "dave", summary, null);
  }
}
