package org.irflow.bench.gatling;

import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * DESIGN.md: Tasklist task query p99 <= 100 ms with 10,000 open tasks.
 *
 * <p>{@code before()} starts 10,000 instances of the one-task baseline (bench/OneTaskBaseline.bpmn,
 * candidate group responders) as dave: 10,000 open tasks, each with the authorization the engine
 * gives its candidate group. Then, open model, a steady 10 queries a second as dave, each the page
 * Tasklist shows (15 newest tasks of the group) and its count.
 */
public class TaskQuerySimulation extends Simulation {

  static final int OPEN_TASKS = BenchResults.count(10_000, 1_000);
  static final int QUERIES_PER_SECOND = 10;
  static final Duration WARM_UP = BenchResults.duration(Duration.ofSeconds(15), Duration.ofSeconds(3));
  static final Duration MEASURED = BenchResults.duration(Duration.ofSeconds(60), Duration.ofSeconds(10));
  static final String LIST = "/engine-rest/task?candidateGroup=responders&sortBy=created&sortOrder=desc&firstResult=0&maxResults=15";
  static final String COUNT = "/engine-rest/task/count?candidateGroup=responders";

  private final int port = AlertToPauseSimulation.freePort();
  private final String run = BenchEnvironment.runId();
  private final Histogram listNanos = new ConcurrentHistogram(3);
  private final Histogram countNanos = new ConcurrentHistogram(3);
  private final Histogram aloneListNanos = new ConcurrentHistogram(3);
  private final Histogram aloneCountNanos = new ConcurrentHistogram(3);
  private final AtomicLong failed = new AtomicLong();
  private final AtomicLong lastCount = new AtomicLong(-1);
  private volatile long measuredFrom = Long.MAX_VALUE;
  private double creationSeconds;
  private BenchEnvironment env;

  private final HttpProtocolBuilder protocol = http.baseUrl("http://localhost:" + port)
      .authorizationHeader(BenchEnvironment.basic("dave"))
      .acceptHeader("application/json")
      .shareConnections();

  private ChainBuilder timed(String name, String path, Histogram histogram, boolean count) {
    return exec(session -> session.set("sentAt", System.nanoTime()))
        .exec(http(name).get(path).check(status().is(200))
            .check(count ? jsonPath("$.count").ofLong().saveAs("count") : jsonPath("$[14].id").exists()))
        .exec(session -> {
          long sent = session.getLong("sentAt");
          if (sent >= measuredFrom) {
            histogram.recordValue(System.nanoTime() - sent);
          }
          if (session.isFailed()) {
            failed.incrementAndGet();
          } else if (count) {
            lastCount.set(session.getLong("count"));
          }
          return session;
        });
  }

  {
    setUp(scenario("Tasklist query as dave, 10,000 open tasks")
        .exec(timed("task list (15 newest)", LIST, listNanos, false))
        .exec(timed("task count", COUNT, countNanos, true))
        .injectOpen(constantUsersPerSec(QUERIES_PER_SECOND).during(WARM_UP.plus(MEASURED))))
        .protocols(protocol);
  }

  @Override
  public void before() {
    env = BenchEnvironment.start("task-query", port, null);
    try {
      env.deployBaseline();
      createOpenTasks();
      // what autovacuum does within a minute of the 10,000 inserts: current statistics for the planner
      env.jdbc.execute("analyze");
      timeOneAtATime();
    } catch (Exception e) {
      env.close();
      throw new IllegalStateException(e);
    }
    measuredFrom = System.nanoTime() + WARM_UP.toNanos();
  }

  /** 8 threads starting baseline instances until there are OPEN_TASKS; not measured. */
  private void createOpenTasks() throws InterruptedException {
    AtomicInteger next = new AtomicInteger();
    AtomicLong refused = new AtomicLong();
    ExecutorService starters = Executors.newFixedThreadPool(8);
    long started = System.nanoTime();
    for (int t = 0; t < 8; t++) {
      starters.execute(() -> {
        for (int n = next.incrementAndGet(); n <= OPEN_TASKS; n = next.incrementAndGet()) {
          try {
            if (env.startBaseline("tasks-" + run + "-" + n) != 200) {
              refused.incrementAndGet();
            }
          } catch (Exception e) {
            refused.incrementAndGet();
          }
        }
      });
    }
    starters.shutdown();
    starters.awaitTermination(30, TimeUnit.MINUTES);
    creationSeconds = (System.nanoTime() - started) / 1e9;
    if (refused.get() > 0) {
      throw new IllegalStateException(refused.get() + " baseline starts refused; see " + env.app.log());
    }
  }

  /**
   * The time of one query with nothing else asked (the list, then the count, 10 times each, after 3 of
   * each unmeasured): what one Tasklist user waits on an idle node; the open-model load adds the queueing.
   */
  private void timeOneAtATime() throws Exception {
    for (int i = 0; i < 13; i++) {
      for (String path : List.of(LIST, COUNT)) {
        long sent = System.nanoTime();
        int status = env.get(path, "dave");
        if (status != 200) {
          throw new IllegalStateException("task query answered " + status);
        }
        if (i >= 3) {
          (path.equals(LIST) ? aloneListNanos : aloneCountNanos).recordValue(System.nanoTime() - sent);
        }
      }
    }
  }

  @Override
  public void after() {
    try {
      long openTasks = env.jdbc.queryForObject("select count(*) from act_ru_task", Long.class);
      long authorizations = env.jdbc.queryForObject("select count(*) from act_ru_authorization", Long.class);
      double p99List = BenchResults.ms(listNanos, 99);
      double p99Count = BenchResults.ms(countNanos, 99);
      new BenchResults("task-query", "Tasklist task query with 10,000 open tasks")
          .paragraph("Machine: " + env.machine())
          .paragraph(BenchResults.f("%d open tasks of the baseline process for the responders (created in %.0f s before"
                  + " the measurement), %d authorization rows. Open model, %d users a second for %d s (the first %d s"
                  + " not counted), each as dave: `GET %s`, then `GET %s`. Latency from the send to the answer.",
              openTasks, creationSeconds, authorizations, QUERIES_PER_SECOND, WARM_UP.plus(MEASURED).toSeconds(),
              WARM_UP.toSeconds(), LIST, COUNT))
          .tableHead()
          .row("Task list (15 newest of the group)", "p99 <= 100 ms", BenchResults.percentiles(listNanos),
              BenchResults.met(listNanos.getTotalCount() > 0 && p99List <= 100))
          .row("Task count", "p99 <= 100 ms", BenchResults.percentiles(countNanos),
              BenchResults.met(countNanos.getTotalCount() > 0 && p99Count <= 100))
          .row("One query at a time (no other load): list / count", "",
              BenchResults.percentiles(aloneListNanos) + " / " + BenchResults.percentiles(aloneCountNanos), "")
          .row("Open tasks dave's count saw / failed queries", ">= " + OPEN_TASKS + " / 0",
              lastCount.get() + " / " + failed.get(), BenchResults.met(lastCount.get() >= OPEN_TASKS && failed.get() == 0))
          .paragraph("Load average at the end: " + BenchEnvironment.loadAverage())
          .write();
    } finally {
      env.close();
    }
  }
}
