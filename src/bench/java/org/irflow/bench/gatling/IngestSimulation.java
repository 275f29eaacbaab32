package org.irflow.bench.gatling;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import org.irflow.support.WebhookClient;

/**
 * DESIGN.md: ingest >= 2,000 alerts/s acknowledged (persisted) with de-duplication on 2 cores.
 *
 * <p>Open model, arrival rate raised step by step (each step starts once the previous one's requests
 * are answered): Forta alerts (bearer token) whose 200 alert ids repeat, so all but the first 200 are
 * de-duplicated. A 202 is a committed alert. A step is sustained when every alert of it was
 * acknowledged (no error, no answer later than 10 s) and its p99 stayed under 1 s, i.e. the queue did
 * not grow during the step. The backlog limit is raised (max-backlog) so that the steps measure the
 * intake, not the back-pressure.
 */
public class IngestSimulation extends Simulation {

  static final int FINGERPRINTS = 200;
  static final Duration STEP = BenchResults.duration(Duration.ofSeconds(15), Duration.ofSeconds(4));
  static final List<Integer> RATES = BenchResults.quick() ? List.of(500, 1500) : List.of(1000, 1500, 2000, 2500, 3000);
  static final Duration SUSTAINED_P99 = Duration.ofSeconds(1);
  /** the rate of the last step, refused alerts: what the HTTP stack answers on this machine without storing */
  static final int CEILING_RATE = BenchResults.quick() ? 1500 : 3000;

  private final int port = AlertToPauseSimulation.freePort();
  private final String run = BenchEnvironment.runId();
  private final AtomicInteger sequence = new AtomicInteger();
  private final List<Step> steps = new ArrayList<>();
  private final Step ceiling = new Step(CEILING_RATE);
  private BenchEnvironment env;

  /** One arrival rate: its answers. */
  static final class Step {
    final int rate;
    final Histogram nanos = new ConcurrentHistogram(3);
    final AtomicLong acknowledged = new AtomicLong();
    final AtomicLong failed = new AtomicLong();
    final AtomicLong firstSend = new AtomicLong(Long.MAX_VALUE);
    final AtomicLong lastAnswer = new AtomicLong();

    Step(int rate) {
      this.rate = rate;
    }

    /** from the first send to the last answer */
    double seconds() {
      return Math.max(1e-9, (lastAnswer.get() - firstSend.get()) / 1e9);
    }

    boolean sustained(long offered) {
      return failed.get() == 0 && acknowledged.get() == offered && nanos.getValueAtPercentile(99) <= SUSTAINED_P99.toNanos();
    }
  }

  private final HttpProtocolBuilder protocol = http.baseUrl("http://localhost:" + port)
      .contentTypeHeader("application/json")
      // one growing keep-alive pool (a monitoring source's connections), not a new connection per alert
      .shareConnections();

  {
    Step warmUp = new Step(500);
    PopulationBuilder chain = population("warm-up 500/s (not counted)", warmUp,
        BenchResults.duration(Duration.ofSeconds(10), Duration.ofSeconds(3)), WebhookClient.FORTA_TOKEN, 202);
    PopulationBuilder last = null;
    List<PopulationBuilder> populations = new ArrayList<>();
    for (int rate : RATES) {
      Step step = new Step(rate);
      steps.add(step);
      populations.add(population("ingest " + rate + "/s", step, STEP, WebhookClient.FORTA_TOKEN, 202));
    }
    // the same alerts with a wrong token: read and refused (401) before any parsing or storage
    populations.add(population("refused " + CEILING_RATE + "/s", ceiling, STEP, "not-the-forta-token", 401));
    // andThen: each step after the previous one is over
    for (int i = populations.size() - 1; i >= 0; i--) {
      last = last == null ? populations.get(i) : populations.get(i).andThen(last);
    }
    setUp(chain.andThen(last)).protocols(protocol);
  }

  private PopulationBuilder population(String name, Step step, Duration length, String token, int expectedStatus) {
    return scenario(name).exec(session -> {
          int n = sequence.incrementAndGet();
          long now = System.nanoTime();
          step.firstSend.accumulateAndGet(now, Math::min);
          return session.set("body", fortaAlert(run + "-" + n % FINGERPRINTS, n)).set("sentAt", now);
        })
        .exec(http(name).post(WebhookClient.FORTA).header("Authorization", "Bearer " + token)
            .body(StringBody("#{body}")).check(status().is(expectedStatus)))
        .exec(session -> {
          long now = System.nanoTime();
          step.nanos.recordValue(now - session.getLong("sentAt"));
          step.lastAnswer.accumulateAndGet(now, Math::max);
          (session.isFailed() ? step.failed : step.acknowledged).incrementAndGet();
          return session;
        })
        .injectOpen(constantUsersPerSec(step.rate).during(length));
  }

  /** A Forta alert; the sequence makes each body distinct, the alert id (fingerprint) repeats. */
  static String fortaAlert(String alertId, int sequence) {
    return "{\"alerts\":[{\"hash\":\"0x" + alertId + "-" + sequence + "\",\"createdAt\":\"2026-12-01T09:00:00.000Z\","
        + "\"alertId\":\"" + alertId + "\",\"name\":\"Unusual approval " + alertId + "\",\"protocol\":\"ethereum\","
        + "\"description\":\"Detected by the bot\",\"findingType\":\"INFO\",\"severity\":\"LOW\",\"metadata\":{},"
        + "\"addresses\":[\"0x00000000000000000000000000000000000000b1\"],\"source\":{\"transactionHash\":\"0x"
        + alertId + "\",\"bot\":{\"id\":\"0xbench\"}}}]}";
  }

  @Override
  public void before() {
    env = BenchEnvironment.start("ingest", port, null, "--irflow.intake.max-backlog=1000000");
  }

  @Override
  public void after() {
    try {
      BenchResults results = new BenchResults("ingest", "Ingest with de-duplication")
          .paragraph("Machine: " + env.machine())
          .paragraph(BenchResults.f("Open model: Forta alerts (bearer token), %d alert ids repeating, at rising"
                  + " arrival rates of %d s each (after a 500/s warm-up). Sustained: every alert acknowledged (202),"
                  + " none refused or later than 10 s, p99 <= %d ms. Latency from the send to the answer.",
              FINGERPRINTS, STEP.toSeconds(), SUSTAINED_P99.toMillis()))
          .line("| Offered rate | Acknowledged | Failed | Acknowledged per second | Latency | Sustained? |")
          .line("|---|---|---|---|---|---|");
      int highest = 0;
      Step best = null;
      for (Step step : steps) {
        long offered = step.rate * STEP.toSeconds();
        double seconds = step.seconds();
        boolean sustained = step.sustained(offered);
        if (sustained && step.rate > highest) {
          highest = step.rate;
          best = step;
        }
        results.line(BenchResults.f("| %d/s | %d of %d | %d | %.0f | %s | %s |", step.rate, step.acknowledged.get(),
            offered, step.failed.get(), step.acknowledged.get() / seconds, BenchResults.percentiles(step.nanos),
            sustained ? "yes" : "no"));
      }
      long events = env.jdbc.queryForObject("select count(*) from security_event", Long.class);
      long counted = env.jdbc.queryForObject("select count(*) + coalesce(sum(c.copies), 0) from security_event e"
          + " left join security_event_copies c on c.event_id = e.id",
          Long.class);
      results.line("")
          .tableHead()
          .row("Highest arrival rate sustained", ">= 2,000 alerts/s acknowledged with de-duplication",
              best == null ? "none of the steps" : highest + "/s (" + BenchResults.percentiles(best.nanos) + ")",
              BenchResults.met(highest >= 2000))
          .row("Events stored / alerts counted on them (whole run, warm-up included)", "every acknowledged alert",
              events + " / " + counted, "")
          .row(BenchResults.f("The HTTP stack alone: %d/s refused alerts (wrong token, 401 before parsing or storage)",
                  CEILING_RATE), "(no target: what this machine answers without the intake)",
              BenchResults.f("%.0f answered per second, %s", ceiling.acknowledged.get() / ceiling.seconds(),
                  BenchResults.percentiles(ceiling.nanos)), "")
          .paragraph("Load average at the end: " + BenchEnvironment.loadAverage())
          .write();
    } finally {
      env.close();
    }
  }
}
