package org.irflow.bench.gatling;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.lang.management.ManagementFactory;
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
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Function;
import org.irflow.support.ChildApplication;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What every simulation runs against, started in its {@code before()}: an embedded PostgreSQL 17, the
 * relayer and JSON-RPC stub, and irflow (profile e2e: its demo users and webhook secrets) in a JVM of
 * its own, so that its heap, JIT and GC are not the load generator's. Each simulation gets a fresh
 * database: one scenario's rows (10,000 tasks, thousands of events) do not slow the next.
 */
final class BenchEnvironment implements AutoCloseable {

  /** JVM options of irflow in the benchmark: a fixed 1 GB heap, G1, both JIT tiers (the default). */
  static final List<String> APP_JVM_OPTIONS = List.of("-Xms1g", "-Xmx1g", "-XX:+UseG1GC");

  final String name;
  final EmbeddedPostgres postgres;
  final JdbcTemplate jdbc;
  final RelayerReceiptStub relayer;
  final ChildApplication app;
  final String baseUrl;
  final Duration startUp;
  /** The 1-minute load average before this environment started (the previous scenario's tail shows in it). */
  final double loadBeforeStart;
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();

  private BenchEnvironment(String name, EmbeddedPostgres postgres, RelayerReceiptStub relayer, ChildApplication app,
      String baseUrl, Duration startUp, double loadBeforeStart) {
    this.name = name;
    this.postgres = postgres;
    this.jdbc = new JdbcTemplate(postgres.getPostgresDatabase());
    this.relayer = relayer;
    this.app = app;
    this.baseUrl = baseUrl;
    this.startUp = startUp;
    this.loadBeforeStart = loadBeforeStart;
  }

  /**
   * Starts it all. irflow listens on {@code port} (the simulation's protocol is built before this runs);
   * {@code extraYaml} adds to irflow's configuration (spring.config.additional-location), e.g. a
   * contract registry with the stub's RPC URL; {@code arguments} are further Spring arguments.
   */
  static BenchEnvironment start(String name, int port, Function<RelayerReceiptStub, String> extraYaml,
      String... arguments) {
    double loadBeforeStart = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    try {
      Path dir = Files.createDirectories(Path.of("target", "bench"));
      EmbeddedPostgres.Builder database = EmbeddedPostgres.builder().setRegisterShutdownHook(false);
      String slowerThan = System.getProperty("bench.postgres.logStatementsSlowerThanMs");
      if (slowerThan != null) {
        // to find a slow query: PostgreSQL logs each statement slower than this and its plan (auto_explain)
        // in target/bench/<scenario>-postgres/
        database.setServerConfig("log_min_duration_statement", slowerThan)
            .setServerConfig("logging_collector", "on")
            .setServerConfig("log_directory", dir.resolve(name + "-postgres").toAbsolutePath().toString())
            .setServerConfig("shared_preload_libraries", "auto_explain")
            .setServerConfig("auto_explain.log_min_duration", slowerThan);
      }
      EmbeddedPostgres postgres = database.start();
      RelayerReceiptStub relayer = new RelayerReceiptStub();
      Path config = dir.resolve(name + "-application.yaml");
      Files.writeString(config, relayerYaml(relayer) + (extraYaml == null ? "" : "---\n" + extraYaml.apply(relayer)));
      Path log = dir.resolve(name + "-irflow.log");
      Files.deleteIfExists(log);
      ChildApplication.Launch launch = ChildApplication.launch()
          .port(port)
          .jvmOptions(appJvmOptions())
          // the load tool's jars (Gatling, Scala, netty) stay in the load generator's JVM
          .classPathFilter(BenchEnvironment::isApplicationJar)
          .database(postgres.getJdbcUrl("postgres", "postgres"), "postgres", "postgres")
          .argument("--spring.config.additional-location=file:" + config.toAbsolutePath())
          .argument("--logging.level.root=WARN")
          .argument("--logging.level.org.irflow=WARN");
      for (String argument : arguments) {
        launch.argument(argument);
      }
      long starting = System.nanoTime();
      ChildApplication app = launch.start(log);
      String base = app.awaitHttp(Duration.ofSeconds(180));
      Duration startUp = Duration.ofNanos(System.nanoTime() - starting);
      return new BenchEnvironment(name, postgres, relayer, app, base, startUp, loadBeforeStart);
    } catch (IOException e) {
      throw new IllegalStateException("cannot start the benchmark environment", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * {@link #APP_JVM_OPTIONS} and those of -Dbench.app.jvmOptions (space-separated), e.g. a flight
   * recording to find where irflow's time goes: -Dbench.app.jvmOptions=-XX:StartFlightRecording=filename=target/bench/app.jfr
   */
  static String[] appJvmOptions() {
    List<String> options = new ArrayList<>(APP_JVM_OPTIONS);
    String extra = System.getProperty("bench.app.jvmOptions", "").trim();
    if (!extra.isEmpty()) {
      options.addAll(List.of(extra.split("\\s+")));
    }
    return options.toArray(String[]::new);
  }

  static boolean isApplicationJar(String entry) {
    String path = entry.replace('\\', '/');
    return !path.contains("/io/gatling/") && !path.contains("/org/scala-lang/") && !path.contains("/io/netty/")
        && !path.contains("/org/scala-lang/modules/");
  }

  /**
   * The relayer (the stub), a long poll interval (the stub never reports a transaction mined: polling
   * hundreds of them every 10 s would load the run with work after the measured submission).
   */
  private static String relayerYaml(RelayerReceiptStub relayer) {
    return """
        irflow:
          containment:
            relayer:
              url: "%s"
              api-key: %s
            confirmation-poll-interval: PT1H
        """.formatted(relayer.relayerUrl(), RelayerReceiptStub.API_KEY);
  }

  /** A registry of {@code count} automatic-pause contracts on one chain paused through the relayer. */
  static String automaticPauseRegistry(RelayerReceiptStub relayer, int count) {
    StringBuilder yaml = new StringBuilder("""
        irflow:
          containment:
            chains:
              - chain-id: 31337
                name: Bench chain
                rpc-urls: ["%s"]
                production: true
            contracts:
        """.formatted(relayer.rpcUrl()));
    for (int i = 1; i <= count; i++) {
      yaml.append("""
                - name: BenchVault%04d
                  chain-id: 31337
                  address: "%s"
                  pause-style: ACCESS_CONTROL
                  pausers: ["relayer:%s"]
                  automatic-pause-allowed: true
                  # the benchmark's sender alone may pause (it measures the automatic path)
                  automatic-pause:
                    trusted-sources: ["generic:custody-watch"]
          """.formatted(i, contractAddress(i), RelayerReceiptStub.RELAYER_ID));
    }
    return yaml.toString();
  }

  /** 0x...00bench, then the number: one address per contract. */
  static String contractAddress(int i) {
    return String.format(Locale.ROOT, "0x00000000000000000000000000000000be%06d", i);
  }

  static String runId() {
    return UUID.randomUUID().toString().substring(0, 8);
  }

  /** Basic authentication of a demo user (password "demo", e2e profile only). */
  static String basic(String user) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8));
  }

  /** Deploys one BPMN model through the engine REST API as the admin demo user; returns the answer. */
  String deploy(String resourceName, byte[] bpmn) throws IOException, InterruptedException {
    String boundary = "bench" + runId();
    byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"deployment-name\"\r\n\r\nbench\r\n"
        + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + resourceName + "\"; filename=\""
        + resourceName + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8);
    byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
    byte[] body = new byte[head.length + bpmn.length + tail.length];
    System.arraycopy(head, 0, body, 0, head.length);
    System.arraycopy(bpmn, 0, body, head.length, bpmn.length);
    System.arraycopy(tail, 0, body, head.length + bpmn.length, tail.length);
    HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/engine-rest/deployment/create"))
        .header("Authorization", basic("admin"))
        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    if (answer.statusCode() != 200) {
      throw new IllegalStateException("deployment refused: " + answer.statusCode() + " " + answer.body());
    }
    return answer.body();
  }

  /**
   * Deploys the benchmark's one-task process (src/bench/resources/bench/OneTaskBaseline.bpmn, not in
   * bpmn/ of the product) through the engine REST API as the admin demo user, and lets the responders
   * (dave) start it, as they may start a triage: both are then started by the same user.
   */
  void deployBaseline() throws IOException, InterruptedException {
    try (var in = BenchEnvironment.class.getResourceAsStream("/bench/OneTaskBaseline.bpmn")) {
      deploy("OneTaskBaseline.bpmn", in.readAllBytes());
    }
    HttpResponse<String> granted = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/engine-rest/authorization/create"))
        .header("Authorization", basic("admin")).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"type\":1,\"permissions\":[\"READ\",\"CREATE_INSTANCE\"],"
            + "\"groupId\":\"responders\",\"resourceType\":6,\"resourceId\":\"OneTaskBaseline\"}")).build(),
        HttpResponse.BodyHandlers.ofString());
    if (granted.statusCode() != 200) {
      throw new IllegalStateException("authorization refused: " + granted.statusCode() + " " + granted.body());
    }
  }

  /** GET of a path as a demo user; the status code (the body is not read). */
  int get(String path, String user) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(URI.create(baseUrl + path)).header("Authorization", basic(user))
        .timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  /** Starts the baseline process as dave over REST; the status code. */
  int startBaseline(String businessKey) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(URI.create(baseUrl + BASELINE_START))
        .header("Authorization", basic("dave")).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"businessKey\":\"" + businessKey + "\"}")).build(),
        HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  static final String BASELINE_START = "/engine-rest/process-definition/key/OneTaskBaseline/start";

  /** Polls a count until it reaches {@code expected} or the limit passes; returns the last count. */
  long awaitCount(String sql, long expected, Duration limit, Object... args) throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    long count = jdbc.queryForObject(sql, Long.class, args);
    while (count < expected && System.nanoTime() < deadline) {
      Thread.sleep(100);
      count = jdbc.queryForObject(sql, Long.class, args);
    }
    return count;
  }

  /** The machine and the JVMs, for every result file. */
  String machine() {
    long memoryGiB = -1;
    try {
      for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
        if (line.startsWith("MemTotal:")) {
          memoryGiB = Math.round(Long.parseLong(line.replaceAll("\\D", "")) / 1024.0 / 1024.0);
        }
      }
    } catch (IOException | NumberFormatException unknown) {
      // not Linux: left out
    }
    return String.format(Locale.ROOT, "%d cores, %s GiB, %s %s, Java %s (%s); embedded PostgreSQL %s; irflow in a JVM"
            + " of its own (%s), the load generator (Gatling) in another, the stubs in the load generator's;"
            + " all on loopback. Load average (1 min) before the scenario's start: %.2f. irflow start-up: %.1f s.",
        Runtime.getRuntime().availableProcessors(), memoryGiB < 0 ? "?" : String.valueOf(memoryGiB),
        System.getProperty("os.name"), System.getProperty("os.arch"), System.getProperty("java.version"),
        System.getProperty("java.vm.name"), jdbc.queryForObject("show server_version", String.class),
        String.join(" ", appJvmOptions()), loadBeforeStart, startUp.toMillis() / 1000.0);
  }

  /** Other Java processes and the load average, to tell whether the machine was busy during the run. */
  static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).trim();
    } catch (IOException e) {
      return "?";
    }
  }

  @Override
  public void close() {
    try {
      app.close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    relayer.close();
    try {
      postgres.close();
    } catch (IOException ignored) {
      // the run is over; the server's directory is temporary
    }
  }
}
