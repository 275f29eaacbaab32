package org.irflow.bench.gatling;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.doIfOrElse;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import org.irflow.support.ChildApplication;
import org.irflow.support.WebhookClient;
import org.irflow.triage.intake.WebhookAuthenticator;

/**
 * DESIGN.md: alert received -> pause transaction submitted, p99 <= 150 ms at a steady 50 alerts/s.
 *
 * <p>Open model: 50 alerts a second whatever the answers (Gatling starts each on schedule). The mix,
 * per second: 2 new exploit alerts (generic webhook, CRITICAL, finding EXPLOIT, HMAC-signed), each
 * naming its own registered contract whose registry entry allows an automatic pause (a SEV1 incident
 * and a pause through the relayer), and 48 repeats of one of the last ten exploit alerts (the monitor
 * firing again: de-duplicated at intake onto the first event). Every new exploit names a contract no
 * open incident names yet: one that does would be attached to that incident as evidence, not paused.
 *
 * <p>Latency: from just before the alert is sent (the load generator's System.nanoTime) to the
 * relayer stub's receipt of the pause submission (same JVM, same clock), in an HdrHistogram. The
 * first {@link #WARM_UP} are not counted (JIT, connection pools).
 */
public class AlertToPauseSimulation extends Simulation {

  static final int ALERTS_PER_SECOND = 50;
  /** Every 25th alert is a new exploit: 2 a second. */
  static final int NEW_EXPLOIT_EVERY = 25;
  // a steady state: on 2 cores irflow's JIT takes about a minute of this load to settle (the first exploits
  // of a run queue behind the compilation; alert-to-pause-exploits.csv shows it)
  static final Duration WARM_UP = BenchResults.duration(Duration.ofSeconds(60), Duration.ofSeconds(5));
  static final Duration MEASURED = BenchResults.duration(Duration.ofSeconds(120), Duration.ofSeconds(15));
  static final int CONTRACTS = (int) ((WARM_UP.toSeconds() + MEASURED.toSeconds()) * ALERTS_PER_SECOND
      / NEW_EXPLOIT_EVERY) + 20;

  private final int port = freePort();
  private final String run = BenchEnvironment.runId();
  private final AtomicInteger sequence = new AtomicInteger();
  /** contract number -> nanoTime just before its exploit alert was sent. */
  private final Map<Integer, Long> exploitSentAt = new ConcurrentHashMap<>();
  private final AtomicInteger lastExploit = new AtomicInteger();
  private final AtomicLong acknowledged = new AtomicLong();
  private final AtomicLong refused = new AtomicLong();
  private final Histogram ackNanos = new ConcurrentHistogram(3);
  private volatile long measuredFrom;
  private BenchEnvironment env;

  private final HttpProtocolBuilder protocol = http.baseUrl("http://localhost:" + port)
      .contentTypeHeader("application/json")
      // one keep-alive pool for all virtual users, as one monitoring service posting to irflow; it
      // grows with the requests in flight, so a slow answer never holds back the next send
      .shareConnections();

  private final ChainBuilder alert = exec(this::nextAlert)
      .exec(http("alert").post(WebhookClient.GENERIC)
          .header("X-Timestamp", "#{timestamp}")
          .header("X-Signature", "#{signature}")
          .body(StringBody("#{body}"))
          .check(status().is(202)))
      .exec(session -> {
        long took = System.nanoTime() - session.getLong("sentAt");
        if (session.getLong("sentAt") >= measuredFrom) {
          ackNanos.recordValue(took);
        }
        (session.isFailed() ? refused : acknowledged).incrementAndGet();
        return session;
      });

  private final ScenarioBuilder alerts = scenario("50 alerts/s: 2 new exploits, 48 repeats").exec(alert);

  {
    setUp(alerts.injectOpen(constantUsersPerSec(ALERTS_PER_SECOND).during(WARM_UP.plus(MEASURED))))
        .protocols(protocol);
  }

  private Session nextAlert(Session session) {
    int n = sequence.incrementAndGet();
    int contract;
    boolean newExploit = n % NEW_EXPLOIT_EVERY == 0;
    if (newExploit) {
      contract = n / NEW_EXPLOIT_EVERY;
    } else {
      int last = lastExploit.get();
      // a repeat of an exploit alert sent at least one exploit earlier (half a second): never ahead of it
      contract = last <= 1 ? 0 : Math.max(1, last - 1 - ThreadLocalRandom.current().nextInt(10));
    }
    String body = contract == 0
        ? WebhookClient.genericEvent("bench-" + run + "-noise", "LOW", null, "Bench " + run + " noise", "frontend")
        : WebhookClient.genericEvent("bench-" + run + "-" + contract, "CRITICAL", "EXPLOIT",
            "Bench " + run + " exploit of BenchVault" + contract, BenchEnvironment.contractAddress(contract));
    // the sequence makes every body (and so every signature) distinct: the same signature twice is a replay
    body = body.replaceFirst("^\\{", "{\"sequence\":" + n + ",");
    String timestamp = String.valueOf(System.currentTimeMillis());
    String signature = WebhookAuthenticator.sign(WebhookClient.GENERIC_SECRET, body.getBytes(StandardCharsets.UTF_8),
        timestamp);
    long now = System.nanoTime();
    if (newExploit) {
      exploitSentAt.put(contract, now);
      lastExploit.accumulateAndGet(contract, Math::max);
    }
    return session.set("body", body).set("timestamp", timestamp).set("signature", signature).set("sentAt", now);
  }

  @Override
  public void before() {
    env = BenchEnvironment.start("alert-to-pause", port,
        relayer -> BenchEnvironment.automaticPauseRegistry(relayer, CONTRACTS));
    measuredFrom = System.nanoTime() + WARM_UP.toNanos();
  }

  @Override
  public void after() {
    try {
      report();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      env.close();
    }
  }

  private void report() throws InterruptedException {
    int exploits = lastExploit.get();
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (env.relayer.contractsSubmitted() < exploits && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    Histogram pauseNanos = new Histogram(3);
    int measuredExploits = 0;
    int missing = 0;
    for (Map.Entry<Integer, Long> sent : exploitSentAt.entrySet()) {
      if (sent.getValue() < measuredFrom) {
        continue;
      }
      measuredExploits++;
      Long received = env.relayer.receivedAt(BenchEnvironment.contractAddress(sent.getKey()));
      if (received == null) {
        missing++;
      } else {
        pauseNanos.recordValue(received - sent.getValue());
      }
    }
    long incidents = env.jdbc.queryForObject("select count(*) from incident where title like ?", Long.class,
        "Bench " + run + " exploit%");
    long automatic = env.jdbc.queryForObject("select count(*) from pause_batch where automatic = true", Long.class);
    boolean met = missing == 0 && pauseNanos.getTotalCount() > 0 && BenchResults.ms(pauseNanos, 99) <= 150;
    new BenchResults("alert-to-pause", "Alert received -> pause submitted (relayer)")
        .paragraph("Machine: " + env.machine())
        .paragraph(BenchResults.f("Open model, %d alerts/s for %d s (the first %d s not counted): every %dth a new"
                + " exploit alert (generic webhook, CRITICAL, EXPLOIT) naming its own automatic-pause contract"
                + " (relayer pauser), the others repeats of one of the ten latest exploit alerts (de-duplicated)."
                + " Latency from the send of the exploit alert to the relayer stub's receipt of the pause"
                + " submission. %d contracts registered.", ALERTS_PER_SECOND,
            WARM_UP.plus(MEASURED).toSeconds(), WARM_UP.toSeconds(), NEW_EXPLOIT_EVERY, CONTRACTS))
        .tableHead()
        .row("Alert -> pause submitted", "p99 <= 150 ms at 50 alerts/s", BenchResults.percentiles(pauseNanos),
            BenchResults.met(met))
        .row("Pauses submitted / exploit alerts counted", "all", BenchResults.f("%d / %d (%d missing after 60 s)",
            pauseNanos.getTotalCount(), measuredExploits, missing), BenchResults.met(missing == 0))
        .row("Alerts acknowledged (202) / refused or no answer", "", acknowledged.get() + " / " + refused.get(), "")
        .row("Acknowledgement latency (all alerts, measured part)", "", BenchResults.percentiles(ackNanos), "")
        .row("Incidents declared / automatic pause batches (whole run)", "one each per exploit alert",
            incidents + " / " + automatic + " (exploit alerts sent: " + exploits + ")",
            BenchResults.met(incidents == exploits && automatic == exploits))
        .row("Relayer submissions / status reads; chain reads before or after", "",
            env.relayer.submissions() + " / " + env.relayer.statusReads() + "; JSON-RPC " + env.relayer.rpcCalls(), "")
        .row("Where the time goes (database timestamps, p50 / p99 ms)", "", stages(), "")
        .paragraph("Load average at the end: " + BenchEnvironment.loadAverage())
        .write();
    writeExploitTimings();
  }

  /**
   * One line per exploit alert of the whole run (target/bench/alert-to-pause-exploits.csv): when it was
   * sent (seconds after the first), the latency to the submission and irflow's stage times, to see
   * whether slow ones come together (start-up, a pause of the JVM) or spread over the run.
   */
  private void writeExploitTimings() {
    long first = exploitSentAt.values().stream().mapToLong(Long::longValue).min().orElse(0);
    StringBuilder csv = new StringBuilder("contract,sent_s,measured,latency_ms,received_to_declared_ms,"
        + "declared_to_requested_ms,requested_to_submitted_ms\n");
    Map<String, double[]> stages = new HashMap<>();
    env.jdbc.query("""
        select b.contract_names, extract(epoch from i.declared_at - i.reported_at) * 1000,
               extract(epoch from b.requested_at - i.declared_at) * 1000,
               extract(epoch from b.relayer_submitted_at - b.requested_at) * 1000
        from incident i join pause_batch b on b.incident_id = i.id
        where i.title like ?""", (ResultSet rs) -> {
      stages.put(rs.getString(1), new double[] {rs.getDouble(2), rs.getDouble(3), rs.getDouble(4)});
    }, "Bench " + run + " exploit%");
    new TreeMap<>(exploitSentAt).forEach((contract, sentAt) -> {
      Long received = env.relayer.receivedAt(BenchEnvironment.contractAddress(contract));
      double[] stage = stages.getOrDefault(String.format(Locale.ROOT, "BenchVault%04d", contract),
          new double[] {Double.NaN, Double.NaN, Double.NaN});
      csv.append(BenchResults.f("%d,%.2f,%s,%s,%.0f,%.0f,%.0f%n", contract, (sentAt - first) / 1e9,
          sentAt >= measuredFrom, received == null ? "" : BenchResults.f("%.1f", (received - sentAt) / 1e6),
          stage[0], stage[1], stage[2]));
    });
    try {
      Files.writeString(Path.of("target", "bench", "alert-to-pause-exploits.csv"), csv);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The way from alert to submission in stages, from irflow's own timestamps: received (the event's
   * reported_at) -> incident declared (triage on the dispatcher) -> pause requested (the triage's "Find
   * contracts to pause") -> submitted to the relayer (the pause process's asynchronous job).
   */
  private String stages() {
    return env.jdbc.queryForObject("""
        select concat('received -> declared ', round(percentile_cont(0.5) within group (order by d)), ' / ',
                      round(percentile_cont(0.99) within group (order by d)),
                      '; declared -> pause requested ', round(percentile_cont(0.5) within group (order by r)), ' / ',
                      round(percentile_cont(0.99) within group (order by r)),
                      '; requested -> submitted ', round(percentile_cont(0.5) within group (order by s)), ' / ',
                      round(percentile_cont(0.99) within group (order by s)))
        from (select extract(epoch from i.declared_at - i.reported_at) * 1000 as d,
                     extract(epoch from b.requested_at - i.declared_at) * 1000 as r,
                     extract(epoch from b.relayer_submitted_at - b.requested_at) * 1000 as s
              from incident i join pause_batch b on b.incident_id = i.id
              where i.title like ? and b.relayer_submitted_at is not null) stage""", String.class,
        "Bench " + run + " exploit%");
  }

  static int freePort() {
    try {
      return ChildApplication.freePort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
