package org.irflow.triage.intake;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.irflow.support.ChildApplication;
import org.irflow.support.WebhookClient;
import org.irflow.support.WebhookClient.Answer;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;

/**
 * What a 2xx of the webhooks promises when the server dies: the application runs as a child JVM on
 * an embedded PostgreSQL of this test; several threads send a burst of alerts of all four sources
 * (distinct fingerprints and a few repeated ones); the child is killed with SIGKILL in the middle of
 * the burst and started again on the same database. Every event id that was answered with a 2xx must
 * then be stored with its fingerprint and be dispatched (its triage started, or attached as evidence to
 * an open incident), no fingerprint may be stored twice, and the restarted application must take new
 * alerts and still know the old ones (a repeat is a duplicate of the event stored before the kill). A
 * request cut off by the kill was never acknowledged: whether it was kept is not asked. The child's
 * output is in {@code target/intake-durability/}.
 */
class IntakeDurabilityTest {

  private static final Path OUTPUT = Path.of("target", "intake-durability");
  private static final int SENDERS = 6;
  /** The kill comes once this many requests have been acknowledged (or after KILL_AT_THE_LATEST). */
  private static final int KILL_AFTER_ACKNOWLEDGED = 300;
  private static final Duration KILL_AT_THE_LATEST = Duration.ofSeconds(30);
  private static final int REPEATED_FINGERPRINTS = 12;

  /** One request of the burst: what was sent, and its answer (or none). */
  record Sent(String source, List<String> keys, int status, Answer answer, String cutOff) {}

  /**
   * A full backlog's answer: 429 with Retry-After, or 503 with Retry-After to a sender that retries
   * server errors only (Alertmanager, Forta).
   */
  private static boolean backlogFull(Sent sent) {
    return sent.answer() != null && sent.answer().retryAfter() != null && (sent.status() == 429
        || sent.status() == 503 && sent.answer().text().contains("not triaged yet"));
  }

  /** What a 2xx named: an event id and the fingerprint it was answered with. */
  record Acknowledged(long eventId, String fingerprint, boolean duplicate) {}

  @Test
  void everyAcknowledgedAlertSurvivesASigkillOfTheApplication() throws Exception {
    Files.createDirectories(OUTPUT);
    try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().setRegisterShutdownHook(false).start()) {
      JdbcTemplate database = new JdbcTemplate(postgres.getPostgresDatabase());
      String run = UUID.randomUUID().toString().substring(0, 8);

      // ---- first life: a burst, and SIGKILL in the middle of it
      ChildApplication first = startApplication(postgres, OUTPUT.resolve("child-1.log"));
      List<Sent> burst;
      try {
        WebhookClient client = new WebhookClient(first.awaitHttp(), Duration.ofSeconds(10));
        burst = burst(client, run, first);
      } finally {
        first.kill();
      }

      List<Acknowledged> acknowledged = new ArrayList<>();
      int refused = 0;
      int serverErrors = 0;
      int cutOff = 0;
      int connectionRefused = 0;
      for (Sent sent : burst) {
        if (sent.answer() == null && "ConnectException".equals(sent.cutOff())) {
          connectionRefused++;
        } else if (sent.answer() == null) {
          cutOff++;
        } else if (sent.answer().acknowledged()) {
          sent.answer().body().path("events").forEach(event -> acknowledged.add(new Acknowledged(
              event.path("eventId").asLong(), event.path("fingerprint").asText(), event.path("duplicate").asBoolean())));
        } else if (sent.status() >= 500 && !backlogFull(sent)) {
          serverErrors++;
        } else {
          refused++;
        }
      }
      long acknowledgedRequests = burst.stream().filter(s -> s.answer() != null && s.answer().acknowledged()).count();
      String summary = "sent %d requests: %d acknowledged (%d events, %d of them duplicates), %d refused (4xx),"
          .formatted(burst.size(), acknowledgedRequests, acknowledged.size(),
              acknowledged.stream().filter(Acknowledged::duplicate).count(), refused)
          + " %d 5xx, %d cut off in flight by the kill, %d refused connection after it"
          .formatted(serverErrors, cutOff, connectionRefused);
      System.out.println("IntakeDurabilityTest: " + summary);
      Files.writeString(OUTPUT.resolve("summary.txt"), summary + "\n");

      assertThat(serverErrors).as(summary).isZero();
      assertThat(burst).as("only a full backlog may refuse a valid alert: %s", summary)
          .allSatisfy(sent -> assertThat(sent.answer() == null || sent.answer().acknowledged()
              || backlogFull(sent)).as("%s %s: %s", sent.source(), sent.status(),
              sent.answer() == null ? null : sent.answer().text()).isTrue());
      assertThat(acknowledgedRequests).as(summary).isPositive();
      assertThat(cutOff + connectionRefused).as("the kill came in the middle of the burst: %s", summary).isPositive();

      // ---- second life on the same database
      ChildApplication second = startApplication(postgres, OUTPUT.resolve("child-2.log"));
      try {
        WebhookClient client = new WebhookClient(second.awaitHttp(), Duration.ofSeconds(30));

        // nothing acknowledged is lost
        Map<Long, String> stored = new HashMap<>();
        database.query("select id, fingerprint from security_event where source is not null",
            (RowCallbackHandler) row -> stored.put(row.getLong("id"), row.getString("fingerprint")));
        assertThat(acknowledged).allSatisfy(event -> assertThat(stored.get(event.eventId()))
            .as("acknowledged event %d", event.eventId()).isEqualTo(event.fingerprint()));
        assertThat(database.queryForList("select fingerprint from security_event where source is not null"
            + " group by fingerprint having count(*) > 1", String.class)).as("fingerprints stored twice").isEmpty();
        awaitTriages(database, acknowledged);

        // the application works again: a new alert is taken, and a repeat of one acknowledged before the kill
        // is a duplicate of the event stored then
        Answer fresh = client.signed(WebhookClient.GENERIC, generic("after-restart-" + run), WebhookClient.GENERIC_SECRET);
        assertThat(fresh.status()).as(fresh.text()).isEqualTo(202);
        long freshId = fresh.body().path("eventIds").get(0).asLong();
        assertThat(database.queryForObject("select fingerprint from security_event where id = ?", String.class, freshId))
            .isEqualTo("generic:durability:after-restart-" + run);
        Acknowledged before = acknowledged.stream()
            .filter(event -> event.fingerprint().equals("generic:durability:" + repeated(run, 0)))
            .findFirst().orElse(null);
        if (before != null) {
          Answer repeat = client.signed(WebhookClient.GENERIC, generic(repeated(run, 0)), WebhookClient.GENERIC_SECRET);
          assertThat(repeat.status()).as(repeat.text()).isEqualTo(202);
          assertThat(repeat.body().path("events").get(0).path("duplicate").asBoolean()).as(repeat.text()).isTrue();
          assertThat(repeat.body().path("eventIds").get(0).asLong()).isEqualTo(before.eventId());
        }
      } finally {
        second.stop();
      }
    }
  }

  // ---- the burst

  private static List<Sent> burst(WebhookClient client, String run, ChildApplication child) throws InterruptedException {
    ConcurrentLinkedQueue<Sent> sent = new ConcurrentLinkedQueue<>();
    AtomicInteger acknowledged = new AtomicInteger();
    AtomicBoolean stop = new AtomicBoolean();
    CountDownLatch done = new CountDownLatch(SENDERS);
    for (int t = 0; t < SENDERS; t++) {
      int thread = t;
      Thread sender = new Thread(() -> {
        try {
          for (int i = 0; !stop.get(); i++) {
            Sent one = sendOne(client, run, thread, i);
            sent.add(one);
            if (one.answer() != null && one.answer().acknowledged()) {
              acknowledged.incrementAndGet();
            }
            if (one.answer() == null) {
              Thread.sleep(20); // the server is gone: no need to spin
            }
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        } finally {
          done.countDown();
        }
      }, "burst-" + t);
      sender.setDaemon(true);
      sender.start();
    }
    long latest = System.nanoTime() + KILL_AT_THE_LATEST.toNanos();
    while (acknowledged.get() < KILL_AFTER_ACKNOWLEDGED && System.nanoTime() < latest) {
      Thread.sleep(10);
    }
    child.kill();
    Thread.sleep(500); // the senders keep trying against the dead server for a moment
    stop.set(true);
    assertThat(done.await(30, TimeUnit.SECONDS)).as("senders stopped").isTrue();
    return List.copyOf(sent);
  }

  /** Round robin over the sources; every third alert repeats one of a few fingerprints. */
  private static Sent sendOne(WebhookClient client, String run, int thread, int i) {
    String key = i % 3 == 0 ? repeated(run, (thread + i) % REPEATED_FINGERPRINTS)
        : "distinct-" + run + "-" + thread + "-" + i;
    int kind = (thread + i) % 4;
    String source = List.of("generic", "openzeppelin-monitor", "alertmanager", "forta").get(kind);
    String other = "batch-" + run + "-" + thread + "-" + i;
    String again = repeated(run, (thread * 7 + i) % REPEATED_FINGERPRINTS);
    List<String> keys = kind == 3 ? List.of(key, other, again) : List.of(key);
    try {
      Answer answer = switch (kind) {
        case 0 -> client.signed(WebhookClient.GENERIC, generic(key), WebhookClient.GENERIC_SECRET);
        case 1 -> client.signed(WebhookClient.MONITOR, """
              {"title": "%s", "body": "Withdrawal from the vault", "nonce": "%s"}"""
              .formatted(key, UUID.randomUUID()), WebhookClient.MONITOR_SECRET);
        case 2 -> client.bearer(WebhookClient.ALERTMANAGER, """
              {"version": "4", "status": "firing", "receiver": "irflow", "alerts": [
                {"status": "firing", "labels": {"alertname": "ClamAVDetection", "instance": "signer-%1$d:9100",
                 "severity": "critical"}, "annotations": {"summary": "Malware found"},
                 "startsAt": "2026-11-22T09:00:00Z", "fingerprint": "%2$s"}]}"""
              .formatted(thread, key), WebhookClient.ALERTMANAGER_TOKEN);
        // a batch: this alert, a distinct one and a repeated one, all or nothing
        default -> client.bearer(WebhookClient.FORTA, "{\"alerts\": [" + forta(key) + ", " + forta(other) + ", "
            + forta(again) + "]}", WebhookClient.FORTA_TOKEN);
      };
      return new Sent(source, keys, answer.status(), answer, null);
    } catch (UncheckedIOException noAnswer) {
      return new Sent(source, keys, 0, null, noAnswer.getCause().getClass().getSimpleName());
    }
  }

  private static String repeated(String run, int k) {
    return "repeated-" + run + "-" + k;
  }

  /** A generic event with this fingerprint (stored as generic:durability:key); the nonce keeps signatures apart. */
  private static String generic(String key) {
    return """
        {"source": "durability", "severity": "HIGH", "title": "Hot wallet balance dropped", "fingerprint": "%s",
         "affected": ["hot-wallet"], "nonce": "%s"}""".formatted(key, UUID.randomUUID());
  }

  private static String forta(String alertId) {
    return """
        {"alertId": "%s", "name": "Flash loan attack", "severity": "CRITICAL", "findingType": "EXPLOIT",
         "description": "Flash loan drained the pool", "addresses": ["0x000000000000000000000000000000000000a11c"],
         "source": {"transactionHash": "0xabc", "bot": {"id": "0xbot"}}}""".formatted(alertId);
  }

  // ---- the application as a child JVM

  /** irflow (profile e2e) on this test's PostgreSQL, in a JVM of its own. */
  private static ChildApplication startApplication(EmbeddedPostgres postgres, Path log) throws IOException {
    return ChildApplication.launch().database(postgres.getJdbcUrl("postgres", "postgres"), "postgres", "postgres")
        .start(log);
  }

  /**
   * Every acknowledged event is dispatched (soon after the answer): its triage started, or attached as
   * evidence to the open incident it concerns (an exploit alert of the burst declares one at once).
   */
  private static void awaitTriages(JdbcTemplate database, List<Acknowledged> acknowledged) throws InterruptedException {
    List<Long> ids = acknowledged.stream().map(Acknowledged::eventId).distinct().toList();
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    List<Long> undispatched = undispatched(database, ids);
    while (!undispatched.isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(250);
      undispatched = undispatched(database, ids);
    }
    assertThat(undispatched).as("acknowledged events neither triaged, gathered nor attached 90 s after the restart").isEmpty();
  }

  private static List<Long> undispatched(JdbcTemplate database, List<Long> ids) {
    List<Long> waiting = new ArrayList<>(database.queryForList("""
        select id from security_event where source is not null
         and not (intake_state = 'TRIAGE_STARTED' and triage_process_instance_id is not null)
         and not (intake_state = 'GATHERED' and triage_process_instance_id is not null)
         and not (intake_state = 'ATTACHED' and incident_id is not null)""", Long.class));
    waiting.retainAll(ids);
    return waiting;
  }
}
