package org.irflow.bench.gatling;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.constantConcurrentUsers;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * DESIGN.md: engine overhead, incidents started per second >= 0.7 x a trivial one-task process on the
 * same stack.
 *
 * <p>Both are started the same way, by the same demo user (dave, a responder) over the engine REST
 * API: the baseline (bench/OneTaskBaseline.bpmn, deployed by this benchmark: start, one user task for
 * the responders) with {@code POST /process-definition/key/OneTaskBaseline/start}, irflow's incident
 * with the Tasklist start form of the triage ({@code submit-form}: a person's report). Two irflow
 * starts are measured:
 * <ul>
 *   <li>the declared incident (the target's figure): a SEV1 report, funds at risk, being exploited,
 *       which the triage decision declares at once: event row, decision, on-call lookup, incident row,
 *       timeline, and the response process with its first tasks;
 *   <li>the report waiting for its triage: a SEV3 report that stops at "Triage event" (the on-call
 *       supervisor's one task), the like-for-like of the one-task baseline.
 * </ul>
 * The rate is a capacity, so the load is a closed model: 8 users, each starting the next instance as
 * soon as the previous one is answered, for a fixed time; the same for all three.
 */
public class EngineOverheadSimulation extends Simulation {

  static final int USERS = 8;
  static final Duration WARM_UP = BenchResults.duration(Duration.ofSeconds(15), Duration.ofSeconds(4));
  static final Duration MEASURED = BenchResults.duration(Duration.ofSeconds(30), Duration.ofSeconds(6));

  private final int port = AlertToPauseSimulation.freePort();
  private final String run = BenchEnvironment.runId();
  private final AtomicInteger sequence = new AtomicInteger();
  private final Phase baseline = new Phase();
  private final Phase declared = new Phase();
  private final Phase awaitingTriage = new Phase();
  private BenchEnvironment env;

  /** One measured load: its answers and its time span. */
  static final class Phase {
    final Histogram nanos = new ConcurrentHistogram(3);
    final AtomicLong started = new AtomicLong();
    final AtomicLong failed = new AtomicLong();
    final AtomicLong firstSend = new AtomicLong(Long.MAX_VALUE);
    final AtomicLong firstSendEpochMillis = new AtomicLong(Long.MAX_VALUE);
    final AtomicLong lastAnswer = new AtomicLong();

    double seconds() {
      return (lastAnswer.get() - firstSend.get()) / 1e9;
    }

    double perSecond() {
      return started.get() / seconds();
    }
  }

  private final HttpProtocolBuilder protocol = http.baseUrl("http://localhost:" + port)
      .contentTypeHeader("application/json")
      .authorizationHeader(BenchEnvironment.basic("dave"))
      .shareConnections();

  {
    setUp(load("baseline warm-up", "baseline", null, WARM_UP)
        .andThen(load("baseline: one-task process", "baseline", baseline, MEASURED)
            .andThen(load("incident warm-up", "sev1", null, WARM_UP)
                .andThen(load("irflow: SEV1 report declared", "sev1", declared, MEASURED)
                    .andThen(load("irflow: report awaiting triage", "sev3", awaitingTriage, MEASURED))))))
        .protocols(protocol);
  }

  private PopulationBuilder load(String name, String kind, Phase phase, Duration length) {
    String path = "baseline".equals(kind) ? BenchEnvironment.BASELINE_START
        : "/engine-rest/process-definition/key/IncidentTriageProcess/submit-form";
    return scenario(name)
        .exec(session -> {
          int n = sequence.incrementAndGet();
          long now = System.nanoTime();
          if (phase != null) {
            phase.firstSend.accumulateAndGet(now, Math::min);
            phase.firstSendEpochMillis.accumulateAndGet(System.currentTimeMillis(), Math::min);
          }
          return session.set("body", body(kind, n)).set("sentAt", now);
        })
        .exec(http(name).post(path).body(StringBody("#{body}")).check(status().is(200)))
        .exec(session -> {
          long now = System.nanoTime();
          if (phase != null) {
            phase.nanos.recordValue(now - session.getLong("sentAt"));
            phase.lastAnswer.accumulateAndGet(now, Math::max);
            (session.isFailed() ? phase.failed : phase.started).incrementAndGet();
          }
          return session;
        })
        .injectClosed(constantConcurrentUsers(USERS).during(length));
  }

  private String body(String kind, int n) {
    if ("baseline".equals(kind)) {
      return "{\"businessKey\":\"bench-" + run + "-" + n + "\"}";
    }
    boolean sev1 = "sev1".equals(kind);
    // every report names its own system: none is taken for evidence of another's incident
    return "{\"variables\":{"
        + string("eventTitle", "Bench " + run + " " + kind + " report " + n) + ","
        + string("reporter", "dave") + ","
        + string("channel", "COMMUNITY") + ","
        + string("description", "Benchmark report " + n) + ","
        + string("affectedSystems", "benchsystem" + run + "x" + n) + ","
        + string("suspectedSeverity", sev1 ? "SEV1" : "SEV3") + ","
        + "\"fundsAtRisk\":{\"value\":" + sev1 + ",\"type\":\"Boolean\"},"
        + "\"activelyExploited\":{\"value\":" + sev1 + ",\"type\":\"Boolean\"}}}";
  }

  private static String string(String name, String value) {
    return "\"" + name + "\":{\"value\":\"" + value + "\",\"type\":\"String\"}";
  }

  @Override
  public void before() {
    env = BenchEnvironment.start("engine-overhead", port, null);
    try {
      env.deployBaseline();
    } catch (Exception e) {
      env.close();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void after() {
    try {
      String sev1Titles = "Bench " + run + " sev1 report %";
      // declarations that a job finishes after the answer are counted too
      long declaredIncidents = env.awaitCount("select count(*) from incident where title like ? and reported_at >= ?",
          declared.started.get(), Duration.ofSeconds(30), sev1Titles, new Timestamp(declared.firstSendEpochMillis.get()));
      Timestamp lastDeclared = env.jdbc.queryForObject("select max(declared_at) from incident where title like ?"
          + " and reported_at >= ?", Timestamp.class, sev1Titles, new Timestamp(declared.firstSendEpochMillis.get()));
      double declarationSeconds = lastDeclared == null ? Double.NaN
          : (lastDeclared.getTime() - declared.firstSendEpochMillis.get()) / 1000.0;
      double declaredRate = declaredIncidents / Math.max(declarationSeconds, declared.seconds());
      long waitingTriages = env.jdbc.queryForObject("select count(*) from act_ru_task where task_def_key_ = 'Task_TriageEvent'",
          Long.class);
      double ratio = declaredRate / baseline.perSecond();
      double triageRatio = awaitingTriage.perSecond() / baseline.perSecond();
      new BenchResults("engine-overhead", "Engine overhead: incident start vs a one-task process")
          .paragraph("Machine: " + env.machine())
          .paragraph(BenchResults.f("Closed model, %d users as dave, %d s each after a %d s warm-up; all started over"
              + " the engine REST API. Incident: a SEV1 person's report (Tasklist start form of the triage) that"
              + " is declared at once and starts the response; awaiting triage: a SEV3 report, waiting at its one"
              + " triage task.", USERS, MEASURED.toSeconds(), WARM_UP.toSeconds()))
          .line("| Load | Started | Failed | Per second | Latency |")
          .line("|---|---|---|---|---|")
          .line(BenchResults.f("| Baseline: one-task process | %d | %d | %.1f | %s |", baseline.started.get(),
              baseline.failed.get(), baseline.perSecond(), BenchResults.percentiles(baseline.nanos)))
          .line(BenchResults.f("| irflow: SEV1 report, incident declared | %d (%d incidents declared by %.1f s) | %d | %.1f | %s |",
              declared.started.get(), declaredIncidents, declarationSeconds, declared.failed.get(), declaredRate,
              BenchResults.percentiles(declared.nanos)))
          .line(BenchResults.f("| irflow: SEV3 report awaiting triage | %d (%d triage tasks open at the end) | %d | %.1f | %s |",
              awaitingTriage.started.get(), waitingTriages, awaitingTriage.failed.get(), awaitingTriage.perSecond(),
              BenchResults.percentiles(awaitingTriage.nanos)))
          .line("")
          .tableHead()
          .row("Incidents declared per second / one-task starts per second", ">= 0.7",
              BenchResults.f("%.2f (%.1f / %.1f)", ratio, declaredRate, baseline.perSecond()), BenchResults.met(ratio >= 0.7))
          .row("Reports awaiting triage per second / one-task starts per second", "(like for like, no target)",
              BenchResults.f("%.2f (%.1f / %.1f)", triageRatio, awaitingTriage.perSecond(), baseline.perSecond()), "")
          .paragraph("Load average at the end: " + BenchEnvironment.loadAverage())
          .write();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      env.close();
    }
  }
}
