package org.irflow.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.irflow.support.ChildApplication;
import org.irflow.support.IncidentJourney;
import org.irflow.support.RestClient;
import org.irflow.support.WebhookClient;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The engine benchmark (docs/performance.md, "Engine: timers, memory, start-up"): irflow in a JVM of
 * its own ({@link ChildApplication}, profile e2e, job executor on) on an embedded PostgreSQL, driven
 * over loopback HTTP. Not a test: run by hand with
 * {@code ./mvnw -q test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=org.irflow.bench.EngineBenchmark}.
 *
 * <ul>
 *   <li>Start-up: launch to first HTTP answer, and Spring's "Started IrflowApplication in X seconds",
 *       on PostgreSQL (fresh schema, then again on it) and on H2 (a fresh file database, then again),
 *       with the JVM's default options; then the same PostgreSQL start with cheap JVM-only options.
 *   <li>Memory: the child at -Xmx256m; live heap after a full GC with no incident, then with 1,000
 *       open incidents declared from exploit alerts at the generic webhook (each with its response
 *       running, its open tasks and timers); then a task query and a new incident must still answer.
 *   <li>Timers: post-mortems of resolved incidents define their action items through the forms (100
 *       per post-mortem), each item's ActionItemProcess waits on its reminder timer; a week passes
 *       ({@code update act_ru_job set duedate_ = now()}) for every reminder and every weekly review
 *       at once, and the benchmark waits until each has fired, checking that each fired exactly once.
 * </ul>
 * Scenarios and sizes are system properties (defaults: the targets' sizes), for a quick smoke run:
 * {@code -Dbench.scenarios=startup,memory,timers -Dbench.memory.incidents=1000 -Dbench.timers.postMortems=100 -Dbench.timers.itemsPerPostMortem=100}.
 * Results go to standard output and target/bench/engine.md.
 */
public final class EngineBenchmark {

  private static final Duration START_UP_TARGET = Duration.ofSeconds(10);
  private static final long HEAP_TARGET_BYTES = 256L * 1024 * 1024;
  private static final Duration TIMERS_TARGET = Duration.ofSeconds(60);
  /** Which scenarios run (all by default); a smoke run may pick one: -Dbench.scenarios=timers. */
  private static final List<String> SCENARIOS = List.of(System.getProperty("bench.scenarios", "startup,memory,timers")
      .split(","));
  private static final int MEMORY_INCIDENTS = Integer.getInteger("bench.memory.incidents", 1000);
  private static final int POST_MORTEMS = Integer.getInteger("bench.timers.postMortems", 100);
  // 100 lines of "Harden 99 | P2 | carol | 2027-02-01" (36 characters with the line break) stay below the
  // 4,000 characters a Camunda string variable holds (the form's own limit)
  private static final int ITEMS_PER_POST_MORTEM = Integer.getInteger("bench.timers.itemsPerPostMortem", 100);
  private static final int PEOPLE = 8;
  private static final String REMINDER_TIMER = "BoundaryEvent_ReminderDue";
  private static final String WEEKLY_REVIEW_TIMER = "IntermediateCatchEvent_WeeklyReviewDue";
  /** The review timers' jobs: a timer job's handler configuration starts with its activity id. */
  private static final String REVIEW_TIMER_JOBS = "type_ = 'timer' and (handler_cfg_ like '" + REMINDER_TIMER
      + "%' or handler_cfg_ like '" + WEEKLY_REVIEW_TIMER + "%')";
  /** Spring's own start-up line, e.g. "Started IrflowApplication in 8.123 seconds (process running for 9.01)". */
  private static final Pattern STARTED = Pattern.compile(
      "Started IrflowApplication in ([0-9.]+) seconds \\(process running for ([0-9.]+)\\)");

  private final EmbeddedPostgres postgres;
  private final Path work;
  private final StringBuilder report = new StringBuilder();
  private final AtomicInteger databases = new AtomicInteger();

  private EngineBenchmark(EmbeddedPostgres postgres, Path work) {
    this.postgres = postgres;
    this.work = work;
  }

  public static void main(String[] args) throws Exception {
    Path work = Files.createTempDirectory("irflow-enginebench");
    String report;
    try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
      EngineBenchmark benchmark = new EngineBenchmark(postgres, work);
      benchmark.header();
      if (SCENARIOS.contains("startup")) {
        benchmark.startUp();
      }
      if (SCENARIOS.contains("memory")) {
        benchmark.memory();
      }
      if (SCENARIOS.contains("timers")) {
        benchmark.timers();
      }
      report = benchmark.report.toString();
    }
    Files.createDirectories(Path.of("target/bench"));
    Files.writeString(Path.of("target/bench/engine.md"), report);
    System.out.println(report);
    System.out.println("Child logs: " + work);
    System.exit(0);
  }

  private void header() throws IOException {
    String postgresVersion = jdbc(postgres.getPostgresDatabase()).queryForObject("show server_version", String.class);
    long memoryBytes = ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
        .getOperatingSystemMXBean()).getTotalMemorySize();
    report.append("# Engine benchmark, ").append(Instant.now()).append("\n\n")
        .append(String.format(Locale.ROOT, "Machine: %d cores, %.0f GiB, %s %s, OpenJDK %s (%s), embedded PostgreSQL %s"
                + " on the same machine. irflow runs in a JVM of its own (profile e2e, job executor on); the load"
                + " and the database share its two cores.%n%n",
            Runtime.getRuntime().availableProcessors(), memoryBytes / (1024.0 * 1024 * 1024),
            System.getProperty("os.name"), System.getProperty("os.arch"), System.getProperty("java.version"),
            System.getProperty("java.vm.name"), postgresVersion));
    append("Load average at the start: " + loadAverage() + "\n\n");
  }

  // ---------------------------------------------------------------------------------------------
  // Start-up

  private record StartUp(String name, double httpSeconds, double springSeconds, double signInSeconds) {
    String row(String target) {
      boolean met = httpSeconds <= START_UP_TARGET.toSeconds();
      return String.format(Locale.ROOT, "| %s | %s | %.1f s | %.1f s | %.1f s | %s |%n", name, target, httpSeconds,
          springSeconds, signInSeconds, target.isEmpty() ? "" : met ? "yes" : "no");
    }
  }

  private void startUp() throws Exception {
    append("## Start-up (target <= 10 s)\n\n"
        + "From launching the JVM to the first HTTP answer (GET /openapi/webhooks.yaml, polled every 100 ms), and"
        + " Spring's \"Started IrflowApplication in X seconds\" from the child's log; then the first answer to a signed-in"
        + " user (GET /api/on-call as a demo user: the users, groups and authorizations are set up by an"
        + " ApplicationRunner, after Spring's line and after Tomcat listens). JVM default options (no -Xmx, the"
        + " JVM's collector and both JIT compilers) unless named.\n\n"
        + "| Start | Target | First HTTP answer | Spring \"Started in\" | First signed-in answer | Met? |\n"
        + "|---|---|---|---|---|---|\n");
    String database = createDatabase("startup");
    List<String> postgresArguments = postgresArguments(database);
    append(startOnce("PostgreSQL, fresh schema", List.of(), List.of(), postgresArguments).row("<= 10 s"));
    append(startOnce("PostgreSQL, existing schema", List.of(), List.of(), postgresArguments).row("<= 10 s"));
    Path h2 = Files.createDirectories(work.resolve("h2"));
    List<String> h2Arguments = List.of("--spring.datasource.url=jdbc:h2:file:" + h2.resolve("irflow")
        + ";DB_CLOSE_ON_EXIT=FALSE");
    append(startOnce("H2 (profile default), fresh file database", List.of(), List.of("default"), h2Arguments)
        .row("<= 10 s"));
    append(startOnce("H2 (profile default), existing database", List.of(), List.of("default"), h2Arguments)
        .row("<= 10 s"));
    // JVM options only: the application behaves the same. C1 only gives up the optimising compiler's
    // peak speed for a shorter start; class data sharing maps classes a training run archived.
    append(startOnce("PostgreSQL, existing schema, -XX:TieredStopAtLevel=1", List.of("-XX:TieredStopAtLevel=1"),
        List.of(), postgresArguments).row(""));
    // class data sharing needs a class path of jars (a packaged application's extracted jars): the
    // same jars for the plain start, the training run that writes the archive, and the starts that map it
    Path jars = work.resolve("jars");
    Path archive = work.resolve("irflow.jsa");
    append(startOnce("PostgreSQL, existing schema, class path of jars", List.of(), List.of(), postgresArguments,
        jars).row(""));
    append(startOnce("PostgreSQL, existing schema, jars, CDS training run (-XX:ArchiveClassesAtExit)",
        List.of("-XX:ArchiveClassesAtExit=" + archive), List.of(), postgresArguments, jars).row(""));
    if (Files.exists(archive)) {
      append(startOnce("PostgreSQL, existing schema, jars, -XX:SharedArchiveFile (dynamic CDS archive, "
          + Files.size(archive) / (1024 * 1024) + " MB)", List.of("-XX:SharedArchiveFile=" + archive), List.of(),
          postgresArguments, jars).row(""));
      append(startOnce("PostgreSQL, existing schema, jars, -XX:SharedArchiveFile and -XX:TieredStopAtLevel=1",
          List.of("-XX:SharedArchiveFile=" + archive, "-XX:TieredStopAtLevel=1"), List.of(), postgresArguments, jars)
          .row(""));
    } else {
      append("| CDS archive | | not written by the training run (see its log) | | | |\n");
    }
    append("\n");
  }

  /** One start and stop; the JVM's default options plus {@code jvmOptions}. */
  private StartUp startOnce(String name, List<String> jvmOptions, List<String> profiles, List<String> arguments)
      throws Exception {
    return startOnce(name, jvmOptions, profiles, arguments, null);
  }

  /** {@code jars}: where the class path's directories are put into jars (null: run from the directories). */
  private StartUp startOnce(String name, List<String> jvmOptions, List<String> profiles, List<String> arguments,
      Path jars) throws Exception {
    ChildApplication.Launch launch = ChildApplication.launch().jvmOptions(jvmOptions.toArray(String[]::new));
    if (jars != null) {
      launch.classPathOfJars(jars);
    }
    if (!profiles.isEmpty()) {
      launch.profiles(String.join(",", profiles));
    }
    arguments.forEach(launch::argument);
    Path log = newLog("startup");
    long launched = System.nanoTime();
    double httpSeconds;
    double signInSeconds;
    try (ChildApplication app = launch.start(log)) {
      String base = app.awaitHttp(Duration.ofSeconds(180));
      httpSeconds = (System.nanoTime() - launched) / 1e9;
      awaitSignIn(base);
      signInSeconds = (System.nanoTime() - launched) / 1e9;
    }
    Matcher started = STARTED.matcher(Files.readString(log));
    if (!started.find()) {
      throw new IllegalStateException("no \"Started IrflowApplication\" line in " + log);
    }
    StartUp result = new StartUp(name, httpSeconds, Double.parseDouble(started.group(1)), signInSeconds);
    System.out.printf(Locale.ROOT, "start-up %s: %.1f s to HTTP, Spring %.1f s%n", name, httpSeconds,
        result.springSeconds());
    return result;
  }

  // ---------------------------------------------------------------------------------------------
  // Memory

  private void memory() throws Exception {
    String database = createDatabase("memory");
    JdbcTemplate jdbc = jdbc(database);
    ChildApplication.Launch launch = ChildApplication.launch().jvmOptions("-Xmx256m");
    postgresArguments(database).forEach(launch::argument);
    Path log = newLog("memory");
    try (ChildApplication app = launch.start(log)) {
      String base = app.awaitHttp();
      awaitSignIn(base);
      awaitQuiet(jdbc);
      ChildApplication.Heap idle = app.liveHeap();
      String run = UUID.randomUUID().toString().substring(0, 8);
      long sending = System.nanoTime();
      declareFromAlerts(base, run, 0, MEMORY_INCIDENTS);
      awaitCount(jdbc, MEMORY_INCIDENTS, Duration.ofMinutes(15), "incidents declared with their response running",
          "select count(*) from incident where title like ? and status = 'DECLARED'"
              + " and response_process_instance_id is not null", "Exploit " + run + " %");
      double declaredSeconds = (System.nanoTime() - sending) / 1e9;
      awaitQuiet(jdbc);
      ChildApplication.Heap loaded = app.liveHeap();
      long openTasks = jdbc.queryForObject("select count(*) from act_ru_task", Long.class);
      long timers = jdbc.queryForObject("select count(*) from act_ru_job where type_ = 'timer'", Long.class);
      long instances = jdbc.queryForObject("select count(*) from act_ru_execution where parent_id_ is null",
          Long.class);

      // still working at the limit: a Tasklist-sized page of the supervisor's tasks, and one more incident
      String supervisor = new IncidentJourney(new RestClient(base), jdbc).supervisorOnCall();
      RestClient rest = new RestClient(base);
      // the first query also loads and compiles its code: it is reported apart from the next ten
      String pageQuery = "/engine-rest/task?assignee=" + supervisor + "&sortBy=created&sortOrder=desc&firstResult=0"
          + "&maxResults=50";
      long querying = System.nanoTime();
      RestClient.Response page = rest.get(supervisor, pageQuery);
      double firstQueryMillis = (System.nanoTime() - querying) / 1e6;
      List<Double> queryMillis = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        querying = System.nanoTime();
        RestClient.Response again = rest.get(supervisor, pageQuery);
        queryMillis.add((System.nanoTime() - querying) / 1e6);
        if (again.status() != 200) {
          throw new IllegalStateException("task query at the heap limit: " + again.status() + " " + again.text());
        }
      }
      queryMillis.sort(null);
      RestClient.Response count = rest.get(supervisor, "/engine-rest/task/count?assignee=" + supervisor);
      long declaringOneMore = System.nanoTime();
      declareFromAlerts(base, run, MEMORY_INCIDENTS, 1);
      awaitCount(jdbc, MEMORY_INCIDENTS + 1, Duration.ofMinutes(2), "one more incident declared",
          "select count(*) from incident where title like ? and response_process_instance_id is not null",
          "Exploit " + run + " %");
      double oneMoreSeconds = (System.nanoTime() - declaringOneMore) / 1e9;
      boolean outOfMemory = Files.readString(log).contains("OutOfMemoryError");

      append(String.format(Locale.ROOT, """
          ## Memory (target: heap <= 256 MB with 1,000 open incidents)

          The child runs with -Xmx256m (otherwise the JVM's defaults: G1). Live heap = used heap right after a full
          collection (`jcmd <pid> GC.run`, then `GC.heap_info`). The incidents are declared from %,d distinct
          CRITICAL EXPLOIT alerts at /webhooks/generic (signed), triaged by the decision table and declared SEV1
          at once; measured when every response is running and no job is due.

          | Open incidents | Target | Live heap after full GC | Heap committed | Met? |
          |---|---|---|---|---|
          | 0 (started, idle) | | %.0f MB | %.0f MB | |
          | %,d (%,d process instances, %,d open tasks, %,d timers; declared in %.0f s) | <= 256 MB | **%.0f MB** | %.0f MB | %s |

          At the limit: a task page of %s (50 of %s tasks, `GET /engine-rest/task?assignee=...`) answered %d, the
          first in %.0f ms, the next ten in %.0f ms (median) and at most %.0f ms; one more alert became incident
          number %,d in %.1f s; OutOfMemoryError in the log: %s.

          """, MEMORY_INCIDENTS, mb(idle.liveBytes()), mb(idle.committedBytes()), MEMORY_INCIDENTS, instances,
          openTasks, timers, declaredSeconds, mb(loaded.liveBytes()), mb(loaded.committedBytes()),
          loaded.liveBytes() <= HEAP_TARGET_BYTES && !outOfMemory ? "yes" : "no", supervisor,
          count.body() == null ? "?" : count.body().path("count").asText(), page.status(), firstQueryMillis,
          queryMillis.get(queryMillis.size() / 2), queryMillis.get(queryMillis.size() - 1),
          MEMORY_INCIDENTS + 1, oneMoreSeconds, outOfMemory ? "yes" : "no"));
    }
  }

  /** Distinct exploit alerts about unregistered systems: the triage declares each a SEV1 incident at once. */
  private static void declareFromAlerts(String base, String run, int first, int count) throws Exception {
    WebhookClient webhooks = new WebhookClient(base);
    ExecutorService senders = Executors.newFixedThreadPool(4);
    List<Future<WebhookClient.Answer>> answers = new ArrayList<>();
    for (int i = first; i < first + count; i++) {
      String body = WebhookClient.genericEvent("exploit-" + run + "-" + i, "CRITICAL", "EXPLOIT",
          "Exploit " + run + " pool " + i, "pool-" + run + "-" + i);
      answers.add(senders.submit(() -> webhooks.signed(WebhookClient.GENERIC, body, WebhookClient.GENERIC_SECRET)));
    }
    for (Future<WebhookClient.Answer> answer : answers) {
      if (!answer.get().acknowledged()) {
        throw new IllegalStateException("alert refused: " + answer.get().status() + " " + answer.get().text());
      }
    }
    senders.shutdown();
  }

  // ---------------------------------------------------------------------------------------------
  // Timers

  private void timers() throws Exception {
    append("## Timers (target: 10,000 review timers due at once all fired within 60 s on one node)\n\n");
    append("Job executor: the product's settings (`camunda.bpm.job-execution.*` of application.yaml: core and max"
        + " pool 10, queue 3, 3 jobs per acquisition, idle wait 2 s doubled up to 5 s, lock time 45 s; see"
        + " docs/operations.md, \"Job locks, take-over and timeouts\").\n\n");
    append(timerRun("default settings", List.of()));
  }

  private String timerRun(String name, List<String> jobExecutorArguments) throws Exception {
    String database = createDatabase("timers");
    JdbcTemplate jdbc = jdbc(database);
    ChildApplication.Launch launch = ChildApplication.launch().jvmOptions("-Xmx768m");
    postgresArguments(database).forEach(launch::argument);
    jobExecutorArguments.forEach(launch::argument);
    try (ChildApplication app = launch.start(newLog("timers"))) {
      String base = app.awaitHttp();
      awaitSignIn(base);
      long creating = System.nanoTime();
      createActionItems(base, jdbc);
      int reminders = POST_MORTEMS * ITEMS_PER_POST_MORTEM;
      int total = reminders + POST_MORTEMS;
      awaitCount(jdbc, total, Duration.ofMinutes(5), "review timers waiting",
          "select count(*) from act_ru_job where " + REVIEW_TIMER_JOBS);
      double createdSeconds = (System.nanoTime() - creating) / 1e9;
      awaitQuiet(jdbc);
      String before = loadAverage();

      // a week passes: every review timer is due now, none was due before
      Instant due = jdbc.queryForObject("select now()", java.sql.Timestamp.class).toInstant();
      int madeDue = jdbc.update("update act_ru_job set duedate_ = now() where " + REVIEW_TIMER_JOBS);
      long dueNanos = System.nanoTime();
      String firedSql = "select count(*) from act_hi_job_log where job_state_ = 2 and act_id_ in (?, ?)";
      long firstFiredNanos = 0;
      long fired = 0;
      long deadline = dueNanos + Duration.ofMinutes(10).toNanos();
      while (fired < madeDue && System.nanoTime() < deadline) {
        Thread.sleep(100);
        fired = jdbc.queryForObject(firedSql, Long.class, REMINDER_TIMER, WEEKLY_REVIEW_TIMER);
        if (fired > 0 && firstFiredNanos == 0) {
          firstFiredNanos = System.nanoTime();
        }
      }
      long allFiredNanos = System.nanoTime();
      // from the engine's own records (no polling granularity): when the last timer's job succeeded
      Instant lastFired = jdbc.queryForObject("select max(timestamp_) from act_hi_job_log where job_state_ = 2"
          + " and act_id_ in (?, ?)", java.sql.Timestamp.class, REMINDER_TIMER, WEEKLY_REVIEW_TIMER).toInstant();
      awaitQuiet(jdbc);

      // exactly once: one success per timer job, no failure, one reminder recorded per action item, one
      // review task per post-mortem, no review timer left due
      Map<String, Object> jobLog = jdbc.queryForMap("select count(*) filter (where job_state_ = 2) as successes,"
          + " count(distinct job_id_) filter (where job_state_ = 2) as jobs,"
          + " count(*) filter (where job_state_ = 1) as failures from act_hi_job_log where act_id_ in (?, ?)",
          REMINDER_TIMER, WEEKLY_REVIEW_TIMER);
      Map<String, Object> remindersRecorded = jdbc.queryForMap("select count(*) as entries,"
          + " count(distinct process_instance_id) as items from timeline_entry where kind = 'ACTION_ITEM_REMINDER'");
      long itemsReminded = jdbc.queryForObject("select count(*) from action_item where reminded_at is not null",
          Long.class);
      Map<String, Object> reviews = jdbc.queryForMap("select count(*) as tasks, count(distinct proc_inst_id_)"
          + " as post_mortems from act_ru_task where task_def_key_ = 'Task_ReviewActionItems'");
      long leftDue = jdbc.queryForObject("select count(*) from act_ru_job where " + REVIEW_TIMER_JOBS
          + " and duedate_ <= now()", Long.class);
      double allSeconds = (allFiredNanos - dueNanos) / 1e9;
      double engineSeconds = Duration.between(due, lastFired).toMillis() / 1e3;
      boolean exactlyOnce = number(jobLog, "successes") == madeDue && number(jobLog, "jobs") == madeDue
          && number(jobLog, "failures") == 0 && number(remindersRecorded, "entries") == reminders
          && number(remindersRecorded, "items") == reminders && itemsReminded == reminders
          && number(reviews, "tasks") == POST_MORTEMS && number(reviews, "post_mortems") == POST_MORTEMS
          && leftDue == 0;
      return String.format(Locale.ROOT, """
          %,d resolved incidents through the REST API (report, triage, response, resolution, post-mortem draft), each
          post-mortem defining %d action items in "Add an action item": %,d ActionItemProcess instances waiting on
          their reminder timer and %,d PostMortemProcess instances on their weekly review, created in %.0f s. Made due
          at once with `update act_ru_job set duedate_ = now()` (%,d rows). Load average before: %s.

          | Run | Target | Timers due | All fired after (polled / engine's job log) | First fired after | Fired per second | Exactly once? | Met? |
          |---|---|---|---|---|---|---|---|
          | %s | all within 60 s | %,d | **%.1f s** / %.1f s | %.1f s | %.0f | %s (job log: %d successes of %d jobs, %d failures; %d reminders recorded for %d items; %d review tasks in %d post-mortems; %d still due) | %s |

          """, POST_MORTEMS, ITEMS_PER_POST_MORTEM, reminders, POST_MORTEMS, createdSeconds, madeDue, before, name,
          madeDue, allSeconds, engineSeconds, firstFiredNanos == 0 ? Double.NaN : (firstFiredNanos - dueNanos) / 1e9,
          fired / allSeconds, exactlyOnce ? "yes" : "NO", number(jobLog, "successes"), number(jobLog, "jobs"),
          number(jobLog, "failures"), number(remindersRecorded, "entries"), number(remindersRecorded, "items"),
          number(reviews, "tasks"), number(reviews, "post_mortems"), leftDue,
          fired == madeDue && allSeconds <= TIMERS_TARGET.toSeconds() && exactlyOnce ? "yes" : "no");
    }
  }

  /**
   * Resolved incidents, each post-mortem drafted and defining its action items, by {@link #PEOPLE}
   * people at once: the product's own path, so every timer is one its processes created. Each
   * journey mostly waits for its next task (asynchronous steps), hence more people than cores.
   */
  private static void createActionItems(String base, JdbcTemplate jdbc) throws Exception {
    IncidentJourney journey = new IncidentJourney(new RestClient(base), jdbc);
    String supervisor = journey.supervisorOnCall();
    String due = LocalDate.now(ZoneOffset.UTC).plusDays(60).toString();
    String[] owners = {"dave", "carol", "erin", "kai"};
    String run = UUID.randomUUID().toString().substring(0, 8);
    ExecutorService people = Executors.newFixedThreadPool(PEOPLE);
    List<Future<?>> done = new ArrayList<>();
    AtomicInteger postMortems = new AtomicInteger();
    for (int p = 0; p < POST_MORTEMS; p++) {
      int postMortem = p;
      done.add(people.submit(() -> {
        String incidentId = journey.resolveSev1(supervisor, "Bridge signature replay " + run + " " + postMortem);
        String postMortemId = journey.draftPostMortem(supervisor, incidentId);
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < ITEMS_PER_POST_MORTEM; i++) {
          lines.append("Harden ").append(i).append(" | P2 | ").append(owners[i % owners.length]).append(" | ")
              .append(due).append('\n');
        }
        journey.defineActionItems(supervisor, postMortemId, lines.toString());
        int created = postMortems.incrementAndGet();
        if (created % 10 == 0) {
          System.out.println("post-mortems with their action items: " + created);
        }
        return null;
      }));
    }
    try {
      for (Future<?> one : done) {
        one.get();
      }
    } finally {
      // a failed journey must not leave the pool's threads holding the JVM (exec:java waits for them)
      people.shutdownNow();
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Shared

  /**
   * Waits until a demo user is let in: Tomcat answers before the ApplicationRunner that creates the
   * users, groups and authorizations has run.
   */
  private static void awaitSignIn(String base) throws InterruptedException {
    RestClient rest = new RestClient(base);
    long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    while (rest.get("maria", "/api/on-call").status() != 200) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the demo users were not let in within 2 minutes");
      }
      Thread.sleep(100);
    }
  }

  /** Waits until no job is due (the engine has caught up: async steps and due timers done). */
  private static void awaitQuiet(JdbcTemplate jdbc) throws InterruptedException {
    awaitCount(jdbc, 0, Duration.ofMinutes(5), "no job due", "select count(*) from act_ru_job where retries_ > 0"
        + " and suspension_state_ = 1 and (duedate_ is null or duedate_ <= now())");
  }

  private static void awaitCount(JdbcTemplate jdbc, long expected, Duration limit, String what, String sql,
      Object... parameters) throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    BooleanSupplier reached = () -> jdbc.queryForObject(sql, Long.class, parameters) == expected;
    while (!reached.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(what + ": not " + expected + " within " + limit + " but "
            + jdbc.queryForObject(sql, Long.class, parameters));
      }
      Thread.sleep(200);
    }
  }

  /** A fresh database on the embedded server, for one scenario's schema. */
  private String createDatabase(String purpose) {
    String name = purpose + "_" + databases.incrementAndGet();
    jdbc(postgres.getPostgresDatabase()).execute("create database " + name);
    return name;
  }

  private List<String> postgresArguments(String database) {
    return List.of("--spring.datasource.url=" + postgres.getJdbcUrl("postgres", database),
        "--spring.datasource.username=postgres", "--spring.datasource.password=postgres");
  }

  private JdbcTemplate jdbc(String database) {
    return jdbc(postgres.getDatabase("postgres", database));
  }

  private static JdbcTemplate jdbc(javax.sql.DataSource dataSource) {
    return new JdbcTemplate(dataSource);
  }

  private Path newLog(String purpose) {
    return work.resolve(purpose + "-" + databases.get() + "-" + System.nanoTime() + ".log");
  }

  private void append(String text) {
    report.append(text);
    System.out.print(text);
  }

  private static long number(Map<String, Object> row, String column) {
    return ((Number) row.get(column)).longValue();
  }

  private static double mb(long bytes) {
    return bytes / (1024.0 * 1024);
  }

  private static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).trim();
    } catch (IOException unknown) {
      return String.format(Locale.ROOT, "%.2f", java.lang.management.ManagementFactory.getOperatingSystemMXBean()
          .getSystemLoadAverage());
    }
  }
}
