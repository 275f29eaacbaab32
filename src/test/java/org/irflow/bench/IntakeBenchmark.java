package org.irflow.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.irflow.IrflowApplication;
import org.irflow.support.WebhookClient;
import org.irflow.triage.intake.WebhookAuthenticator;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The intake benchmark (docs/performance.md): irflow on a real (embedded) PostgreSQL, driven over
 * loopback HTTP by the JDK client. Not a test: run by hand with
 * {@code ./mvnw -q test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=org.irflow.bench.IntakeBenchmark}.
 *
 * <ul>
 *   <li>Ingest (closed model: 32 and 128 senders, each waiting for its answer): alerts acknowledged per
 *       second with 200 fingerprints repeated (de-duplication), then all distinct, with latency
 *       percentiles; then the rate at which the dispatcher starts the distinct events' triages.
 *   <li>Storm (open model: one request every 2 ms for 10 s, sent on schedule whatever the answers, so
 *       latencies count from the planned send time and slow answers cannot hide, no coordinated
 *       omission): 5,000 exploit alerts about 20 pools; counts the incidents declared and the time until
 *       the 20th, and checks that every acknowledged alert is in the database.
 * </ul>
 * Results go to standard output and target/bench/intake.md.
 */
public final class IntakeBenchmark {

  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .executor(Executors.newFixedThreadPool(8)).build();

  private IntakeBenchmark() {}

  public static void main(String[] args) throws Exception {
    StringBuilder report = new StringBuilder();
    try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
      Instant starting = Instant.now();
      ConfigurableApplicationContext app = new SpringApplicationBuilder(IrflowApplication.class)
          .profiles("e2e")
          // a backlog limit the ingest runs do not reach: they measure what is acknowledged, the
          // dispatch rate is measured on its own
          .run("--server.port=0", "--logging.level.root=WARN", "--logging.level.org.irflow=WARN",
              "--irflow.intake.max-backlog=1000000",
              "--spring.datasource.url=" + postgres.getJdbcUrl("postgres", "postgres"),
              "--spring.datasource.username=postgres", "--spring.datasource.password=postgres");
      Duration startUp = Duration.between(starting, Instant.now());
      try {
        String base = "http://localhost:" + app.getEnvironment().getProperty("local.server.port");
        JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
        report.append("# Intake benchmark, ").append(Instant.now()).append("\n\n")
            .append("Machine: ").append(Runtime.getRuntime().availableProcessors()).append(" cores, ")
            .append(System.getProperty("os.name")).append(' ').append(System.getProperty("os.arch"))
            .append(", Java ").append(System.getProperty("java.version")).append(", max heap ")
            .append(Runtime.getRuntime().maxMemory() / (1024 * 1024)).append(" MB; irflow and the load in one JVM,")
            .append(" embedded PostgreSQL on the same machine. Application start-up: ")
            .append(startUp.toMillis()).append(" ms.\n\n");
        ingest(base, "warm-up (not reported)", 32, Duration.ofSeconds(15), 100);
        drain(jdbc);
        report.append(storm(base, jdbc)).append("\n");
        report.append("| Ingest scenario | Acknowledged | Per second | p50 ms | p99 ms | p99.9 ms | max ms | refused |\n")
            .append("|---|---|---|---|---|---|---|---|\n");
        report.append(ingest(base, "200 fingerprints repeated (32 senders, 20 s)", 32, Duration.ofSeconds(20), 200));
        report.append(ingest(base, "200 fingerprints repeated (128 senders, 20 s)", 128, Duration.ofSeconds(20), 200));
        drain(jdbc);
        report.append(ingest(base, "every alert distinct (128 senders, 10 s)", 128, Duration.ofSeconds(10), 0));
        report.append("\n").append(drain(jdbc));
      } finally {
        app.close();
      }
    }
    Files.createDirectories(Path.of("target/bench"));
    Files.writeString(Path.of("target/bench/intake.md"), report);
    System.out.println(report);
    System.exit(0);
  }

  /** Waits until the dispatcher has taken every stored event; reports the rate at which it did. */
  private static String drain(JdbcTemplate jdbc) throws InterruptedException {
    String waiting = "select count(*) from security_event where intake_state in ('PENDING', 'DISPATCHING')";
    long atStart = jdbc.queryForObject(waiting, Long.class);
    long started = System.nanoTime();
    long left = atStart;
    while (left > 0 && System.nanoTime() - started < Duration.ofMinutes(10).toNanos()) {
      Thread.sleep(200);
      left = jdbc.queryForObject(waiting, Long.class);
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    String line = String.format(Locale.ROOT, "Dispatch: %d waiting events taken (triage started or attached) in %.1f s,"
        + " %.0f per second; %d still waiting.%n", atStart - left, seconds, (atStart - left) / seconds, left);
    System.out.print(line);
    return line;
  }

  /** Closed model: each sender posts one Forta alert, waits for the answer, posts the next. */
  private static String ingest(String base, String name, int senders, Duration length, int fingerprints)
      throws Exception {
    String run = UUID.randomUUID().toString().substring(0, 8);
    Histogram latencies = new Histogram(60_000_000_000L, 3);
    AtomicLong acknowledged = new AtomicLong();
    AtomicLong refused = new AtomicLong();
    AtomicInteger sequence = new AtomicInteger();
    long end = System.nanoTime() + length.toNanos();
    ExecutorService pool = Executors.newFixedThreadPool(senders);
    long started = System.nanoTime();
    List<CompletableFuture<Void>> running = new ArrayList<>();
    for (int s = 0; s < senders; s++) {
      running.add(CompletableFuture.runAsync(() -> {
        while (System.nanoTime() < end) {
          int n = sequence.incrementAndGet();
          String alertId = run + "-" + (fingerprints == 0 ? n : n % fingerprints);
          long sent = System.nanoTime();
          int status = post(base + "/webhooks/forta", fortaAlert(alertId),
              "Authorization", "Bearer " + WebhookClient.FORTA_TOKEN);
          latencies.recordValue(Math.min(System.nanoTime() - sent, latencies.getHighestTrackableValue()));
          (status == 202 ? acknowledged : refused).incrementAndGet();
        }
      }, pool));
    }
    CompletableFuture.allOf(running.toArray(CompletableFuture[]::new)).join();
    double seconds = (System.nanoTime() - started) / 1e9;
    pool.shutdown();
    String row = String.format(Locale.ROOT, "| %s | %d | %.0f | %.1f | %.1f | %.1f | %.1f | %d |%n", name,
        acknowledged.get(), acknowledged.get() / seconds, ms(latencies, 50), ms(latencies, 99), ms(latencies, 99.9),
        latencies.getMaxValue() / 1e6, refused.get());
    System.out.print(row);
    return row;
  }

  /** Open model: 5,000 generic exploit alerts about 20 pools, one planned every 2 ms. */
  private static String storm(String base, JdbcTemplate jdbc) throws Exception {
    String run = UUID.randomUUID().toString().substring(0, 8);
    int total = 5000;
    long intervalNanos = Duration.ofSeconds(10).toNanos() / total;
    Histogram latencies = new Histogram(60_000_000_000L, 3);
    AtomicLong acknowledged = new AtomicLong();
    ConcurrentLinkedQueue<Integer> other = new ConcurrentLinkedQueue<>();
    ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
    List<CompletableFuture<Void>> answers = new ArrayList<>();
    long first = System.nanoTime() + 100_000_000L;
    for (int i = 0; i < total; i++) {
      int pool = i % 20;
      long planned = first + i * intervalNanos;
      // the sequence number keeps two copies sent in the same millisecond from being one signature
      // (a replay, 409); the fingerprint names the pool
      String body = WebhookClient.genericEvent("storm-" + run + "-" + pool, "CRITICAL", "EXPLOIT",
          "Storm " + run + " pool " + pool, "pool-" + run + "-" + pool).replaceFirst("^\\{", "{\"sequence\":" + i + ",");
      CompletableFuture<Void> answer = new CompletableFuture<>();
      answers.add(answer);
      clock.schedule(() -> signedAsync(base + "/webhooks/generic", body).whenComplete((status, failure) -> {
        latencies.recordValue(Math.min(Math.max(0, System.nanoTime() - planned), latencies.getHighestTrackableValue()));
        if (failure == null && status == 202) {
          acknowledged.incrementAndGet();
        } else {
          other.add(failure == null ? status : -1);
        }
        answer.complete(null);
      }), planned - System.nanoTime(), TimeUnit.NANOSECONDS);
    }
    CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
    double sendSeconds = (System.nanoTime() - first) / 1e9;
    Integer incidents = 0;
    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    while (System.nanoTime() < deadline) {
      incidents = jdbc.queryForObject("select count(*) from incident where title like ?", Integer.class,
          "Storm " + run + " %");
      if (incidents >= 20) {
        break;
      }
      Thread.sleep(50);
    }
    double drainedSeconds = (System.nanoTime() - first) / 1e9;
    clock.shutdown();
    Long stored = jdbc.queryForObject("select count(*) + coalesce(sum(c.copies), 0) from security_event e"
          + " left join security_event_copies c on c.event_id = e.id"
        + " where title like ?", Long.class, "Storm " + run + " %");
    Integer events = jdbc.queryForObject("select count(*) from security_event where title like ?", Integer.class,
        "Storm " + run + " %");
    Integer triages = jdbc.queryForObject("select count(*) from security_event where title like ?"
        + " and triage_process_instance_id is not null", Integer.class, "Storm " + run + " %");
    java.util.Map<Integer, Long> byStatus = new java.util.TreeMap<>();
    other.forEach(status -> byStatus.merge(status, 1L, Long::sum));
    String result = String.format(Locale.ROOT, """
        Alert storm (open model, %d alerts planned over 10 s about 20 pools, answered within %.1f s):

        | Sent | Acknowledged (202) | Other answers | Events stored | Triages started | Incidents declared | Drained (20th incident) after | Acknowledged but not in the database | Latency from planned send p50 / p99 / p99.9 / max ms |
        |---|---|---|---|---|---|---|---|---|
        | %d | %d | %d %s | %d | %d | %d | %.1f s | %d | %.1f / %.1f / %.1f / %.1f |
        """, total, sendSeconds, total, acknowledged.get(), other.size(), byStatus, events, triages, incidents,
        drainedSeconds,
        acknowledged.get() - stored, ms(latencies, 50), ms(latencies, 99), ms(latencies, 99.9),
        latencies.getMaxValue() / 1e6);
    System.out.print(result);
    return result;
  }

  private static double ms(Histogram histogram, double percentile) {
    return histogram.getValueAtPercentile(percentile) / 1e6;
  }

  private static int post(String url, String body, String... headers) {
    try {
      return HTTP.send(request(url, body, headers), HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  private static CompletableFuture<Integer> signedAsync(String url, String body) {
    String timestamp = String.valueOf(System.currentTimeMillis());
    String signature = WebhookAuthenticator.sign(WebhookClient.GENERIC_SECRET,
        body.getBytes(StandardCharsets.UTF_8), timestamp);
    return HTTP.sendAsync(request(url, body, "X-Timestamp", timestamp, "X-Signature", signature),
        HttpResponse.BodyHandlers.discarding()).thenApply(HttpResponse::statusCode);
  }

  private static HttpRequest request(String url, String body, String... headers) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return request.build();
  }

  private static String fortaAlert(String alertId) {
    return "{\"alerts\":[{\"hash\":\"0x" + alertId + "\",\"createdAt\":\"2026-12-01T09:00:00.000Z\",\"alertId\":\""
        + alertId + "\",\"name\":\"Unusual approval " + alertId + "\",\"protocol\":\"ethereum\",\"description\":"
        + "\"Detected by the bot\",\"findingType\":\"INFO\",\"severity\":\"LOW\",\"metadata\":{},"
        + "\"addresses\":[\"0x00000000000000000000000000000000000000b1\"],\"source\":{\"transactionHash\":\"0x"
        + alertId + "\",\"bot\":{\"id\":\"0xbench\"}}}]}";
  }
}
