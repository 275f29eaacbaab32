package org.irflow.bench.gatling;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import org.irflow.support.WebhookClient;
import org.irflow.triage.intake.WebhookAuthenticator;

/**
 * DESIGN.md: alert storm, 5,000 alerts in 10 s about 20 distinct incidents -> exactly 20 incidents,
 * drained in <= 15 s.
 *
 * <p>Open model, 500 signed generic exploit alerts a second for 10 s, each about one of 20 pools (the
 * fingerprint names the pool). Drained: the time from the first alert's send to the declaration of the
 * 20th incident (incident.declared_at), on the same machine's clock.
 */
public class AlertStormSimulation extends Simulation {

  static final int ALERTS = 5000;
  static final int POOLS = 20;
  static final Duration LENGTH = Duration.ofSeconds(10);

  private final int port = AlertToPauseSimulation.freePort();
  private final String run = BenchEnvironment.runId();
  private final AtomicInteger sequence = new AtomicInteger();
  private final AtomicLong acknowledged = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final AtomicLong firstSendEpochMillis = new AtomicLong(Long.MAX_VALUE);
  private final Histogram nanos = new ConcurrentHistogram(3);
  private BenchEnvironment env;

  private final HttpProtocolBuilder protocol = http.baseUrl("http://localhost:" + port)
      .contentTypeHeader("application/json").shareConnections();

  {
    setUp(scenario("storm: 500 exploit alerts/s about 20 pools")
        .exec(session -> {
          int n = sequence.incrementAndGet();
          int pool = n % POOLS;
          String body = WebhookClient.genericEvent("storm-" + run + "-" + pool, "CRITICAL", "EXPLOIT",
              "Storm " + run + " pool " + pool, "pool-" + run + "-" + pool).replaceFirst("^\\{", "{\"sequence\":" + n + ",");
          String timestamp = String.valueOf(System.currentTimeMillis());
          firstSendEpochMillis.accumulateAndGet(System.currentTimeMillis(), Math::min);
          return session.set("body", body).set("timestamp", timestamp)
              .set("signature", WebhookAuthenticator.sign(WebhookClient.GENERIC_SECRET,
                  body.getBytes(StandardCharsets.UTF_8), timestamp))
              .set("sentAt", System.nanoTime());
        })
        .exec(http("storm alert").post(WebhookClient.GENERIC).header("X-Timestamp", "#{timestamp}")
            .header("X-Signature", "#{signature}").body(StringBody("#{body}")).check(status().is(202)))
        .exec(session -> {
          nanos.recordValue(System.nanoTime() - session.getLong("sentAt"));
          (session.isFailed() ? failed : acknowledged).incrementAndGet();
          return session;
        })
        .injectOpen(constantUsersPerSec((double) ALERTS / LENGTH.toSeconds()).during(LENGTH)))
        .protocols(protocol);
  }

  @Override
  public void before() {
    env = BenchEnvironment.start("storm", port, null);
    warmUp();
  }

  /** A few alerts of another kind first, so that the storm does not meet a cold JVM. */
  private void warmUp() {
    WebhookClient client = new WebhookClient(env.baseUrl);
    for (int i = 0; i < 200; i++) {
      client.bearer(WebhookClient.FORTA, IngestSimulation.fortaAlert("warm-" + run + "-" + i % 20, i),
          WebhookClient.FORTA_TOKEN);
    }
  }

  @Override
  public void after() {
    try {
      String titles = "Storm " + run + " pool %";
      long incidents = env.awaitCount("select count(*) from incident where title like ?", POOLS, Duration.ofSeconds(60),
          titles);
      // a 21st would be a de-duplication failure: give it a moment to show
      Thread.sleep(2000);
      incidents = env.jdbc.queryForObject("select count(*) from incident where title like ?", Long.class, titles);
      Timestamp last = env.jdbc.queryForObject("select max(declared_at) from incident where title like ?",
          Timestamp.class, titles);
      double drained = last == null ? Double.NaN : (last.getTime() - firstSendEpochMillis.get()) / 1000.0;
      long events = env.jdbc.queryForObject("select count(*) from security_event where title like ?", Long.class, titles);
      long counted = env.jdbc.queryForObject("select count(*) + coalesce(sum(c.copies), 0) from security_event e"
          + " left join security_event_copies c on c.event_id = e.id"
          + " where title like ?", Long.class, titles);
      new BenchResults("storm", "Alert storm")
          .paragraph("Machine: " + env.machine())
          .paragraph("Open model: 5,000 signed generic exploit alerts (CRITICAL, EXPLOIT) in 10 s, 500 a second, about"
              + " 20 pools. Drained: from the first alert's send to the declaration of the 20th incident.")
          .tableHead()
          .row("Incidents declared", "exactly 20", String.valueOf(incidents), BenchResults.met(incidents == POOLS))
          .row("Drained (20th incident declared) after", "<= 15 s", BenchResults.f("%.1f s", drained),
              BenchResults.met(incidents == POOLS && drained <= 15))
          .row("Alerts acknowledged (202) / failed", "all 5,000", acknowledged.get() + " / " + failed.get(),
              BenchResults.met(acknowledged.get() == ALERTS))
          .row("Events stored / alerts counted on them", "20 / every acknowledged alert", events + " / " + counted,
              BenchResults.met(events == POOLS && counted == acknowledged.get()))
          .row("Acknowledgement latency", "", BenchResults.percentiles(nanos), "")
          .paragraph("Load average at the end: " + BenchEnvironment.loadAverage())
          .write();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      env.close();
    }
  }
}
