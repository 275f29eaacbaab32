package org.irflow.triage.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedDeque;
import org.flywaydb.core.Flyway;
import org.irflow.http.OutboundHttp;
import org.irflow.support.JsonStubServer;
import org.irflow.support.JsonStubServer.Reply;
import org.irflow.support.JsonStubServer.Request;
import org.irflow.support.JsonStubServer.Route;
import org.irflow.support.RunningApplicationTest;
import org.irflow.triage.intake.FortaPollerCursors.Cursor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.irflow.incident.SecurityEvents;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The Forta GraphQL poller against a Forta stub on loopback, storing into the running application's
 * PostgreSQL: the request Forta receives, paging, events stored with source forta, the cursor kept
 * across a restart, failures that keep the cursor and store nothing, and off by default. The poll is
 * called directly (the schedule is not waited for); assertions are on stored rows, not on triages.
 */
@ExtendWith(OutputCaptureExtension.class)
class FortaGraphqlPollerTest extends RunningApplicationTest {

  private static final String API_KEY = "test-forta-graphql-key-" + UUID.randomUUID();
  private static final Duration OVERLAP = Duration.ofMinutes(2);
  private static final Duration LOOK_BACK = Duration.ofHours(1);

  @Autowired
  private EventIntake intake;
  @Autowired
  private IntakeStats stats;
  @Autowired
  private FortaPollerCursors cursors;
  @Autowired
  private Clock clock;
  @Autowired
  private JdbcTemplate jdbc;
  @Autowired
  private SecurityEvents securityEvents;
  @Autowired
  private ApplicationContext context;
  @Autowired
  private FortaPollerProperties configured;
  @Autowired
  private OutboundHttp http;

  /** The stub's next answers, one per request; an empty page once they run out. */
  private final ConcurrentLinkedDeque<Route> answers = new ConcurrentLinkedDeque<>();
  private JsonStubServer forta;
  private String bot;

  @BeforeEach
  void startFortaStub() {
    forta = new JsonStubServer("forta-graphql", request -> {
      Route next = answers.poll();
      return next == null ? Reply.of(200, page(false, null)) : next.handle(request);
    }, request -> Reply.of(401, Map.of("errors", List.of(Map.of("message", "unauthorized")))));
    forta.requireApiKey(API_KEY);
    // a bot of its own per test: its own cursor row and its own fingerprints
    bot = "0x" + UUID.randomUUID().toString().replace("-", "") + UUID.randomUUID().toString().replace("-", "");
  }

  @AfterEach
  void stopFortaStub() {
    forta.close();
  }

  @Test
  void twoPagesBecomeFortaEventsAndTheCursorCarriesOverARestart(CapturedOutput output) {
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    ObjectNode first = alert("FLASH-LOAN-ATTACK", now.minus(Duration.ofMinutes(50)), "CRITICAL", "EXPLOIT");
    ObjectNode second = alert("LARGE-TRANSFER", now.minus(Duration.ofMinutes(40)), "HIGH", "SUSPICIOUS");
    // within the overlap of the next poll: Forta answers it again there
    ObjectNode third = alert("ORACLE-DEVIATION", now.minus(Duration.ofMinutes(1)), "MEDIUM", "DEGRADED");
    answers.add(answer(page(true, endCursor("LARGE-TRANSFER", 101), first, second)));
    answers.add(answer(page(false, endCursor("ORACLE-DEVIATION", 102), third)));
    long accepted = stats.count(FortaGraphqlPoller.STATS_SOURCE, "accepted");
    long polls = stats.count(FortaGraphqlPoller.STATS_SOURCE, "polls");
    FortaGraphqlPoller poller = poller(2, Duration.ofSeconds(10));

    FortaGraphqlPoller.Result result = poller.poll();
    Instant polled = clock.instant();

    assertThat(result.failed()).isFalse();
    assertThat(result.pages()).isEqualTo(2);
    assertThat(result.handedOver()).isEqualTo(3);
    // what reached Forta
    List<Request> requests = forta.received();
    assertThat(requests).hasSize(2);
    for (Request request : requests) {
      assertThat(request.method()).isEqualTo("POST");
      assertThat(request.path()).isEqualTo("/graphql");
      assertThat(request.header("Authorization")).isEqualTo("Bearer " + API_KEY);
      assertThat(request.header("Content-Type")).startsWith("application/json");
      assertThat(request.body().path("query").asText()).contains("alerts(input: $input)").contains("endCursor")
          .contains("hash").contains("createdAt");
      JsonNode input = request.body().path("variables").path("input");
      assertThat(input.path("bots")).hasSize(1);
      assertThat(input.path("bots").get(0).asText()).isEqualTo(bot);
      assertThat(input.path("first").asInt()).isEqualTo(2);
      assertThat(input.path("chainId").asLong()).isEqualTo(1);
      // no cursor yet: the look-back, in milliseconds before now
      assertThat(input.path("createdSince").asLong()).isEqualTo(LOOK_BACK.toMillis());
    }
    assertThat(requests.get(0).body().path("variables").path("input").has("after")).isFalse();
    JsonNode after = requests.get(1).body().path("variables").path("input").path("after");
    assertThat(after.path("alertId").asText()).isEqualTo("LARGE-TRANSFER");
    assertThat(after.path("blockNumber").asLong()).isEqualTo(101);
    // stored as Forta events, mapped as the webhook maps them
    Map<String, Object> flashLoan = eventOf(first);
    assertThat(flashLoan.get("source")).isEqualTo("forta");
    assertThat(flashLoan.get("channel")).isEqualTo("MONITORING_ALERT");
    assertThat(flashLoan.get("title")).isEqualTo("Forta: flash loan attack (ethereum)");
    assertThat((String) flashLoan.get("description")).startsWith("Flash loan drained the pool")
        .contains("Transaction: " + first.path("source").path("transactionHash").asText()).contains("Bot: " + bot);
    assertThat(flashLoan.get("source_severity")).isEqualTo("CRITICAL");
    assertThat(flashLoan.get("suspected_severity")).isEqualTo("SEV1");
    assertThat(flashLoan.get("finding_type")).isEqualTo("EXPLOIT");
    assertThat(flashLoan.get("affected_systems")).isEqualTo("0x000000000000000000000000000000000000a11c");
    assertThat((String) flashLoan.get("fingerprint")).startsWith("forta:");
    assertThat((String) flashLoan.get("payload")).contains(first.path("hash").asText());
    assertThat(eventOf(second).get("source_severity")).isEqualTo("HIGH");
    assertThat(eventOf(third).get("source_severity")).isEqualTo("MEDIUM");
    assertThat(stats.count(FortaGraphqlPoller.STATS_SOURCE, "accepted")).isEqualTo(accepted + 3);
    assertThat(stats.count(FortaGraphqlPoller.STATS_SOURCE, "polls")).isEqualTo(polls + 1);
    // the cursor is stored
    Cursor cursor = cursors.find(poller.cursorKey()).orElseThrow();
    assertThat(cursor.newestCreatedAt()).isEqualTo(Instant.parse(third.path("createdAt").asText()));
    assertThat(cursor.polledAt()).isBetween(now.minusSeconds(5), polled);
    assertThat(cursor.scope()).contains(bot).contains("chainId=1");

    // a restart: a new poller reads the stored cursor; Forta answers the overlap again, and a new alert
    ObjectNode fourth = alert("GOVERNANCE-PROPOSAL", clock.instant().truncatedTo(ChronoUnit.MILLIS), "LOW", "INFO");
    answers.add(answer(page(false, endCursor("GOVERNANCE-PROPOSAL", 103), third, fourth)));
    FortaGraphqlPoller restarted = poller(2, Duration.ofSeconds(10));

    FortaGraphqlPoller.Result again = restarted.poll();

    assertThat(again.failed()).isFalse();
    assertThat(again.alreadySeen()).isEqualTo(1);
    assertThat(again.handedOver()).isEqualTo(1);
    long createdSince = forta.received().get(2).body().path("variables").path("input").path("createdSince").asLong();
    assertThat(createdSince).isBetween(OVERLAP.toMillis(), OVERLAP.plusMinutes(1).toMillis());
    assertThat(eventOf(fourth).get("source_severity")).isEqualTo("LOW");
    // the overlap was not handed over again: one row, no duplicate counted
    assertThat(copiesOf(eventOf(third))).isZero();
    assertThat(cursors.find(poller.cursorKey()).orElseThrow().newestCreatedAt())
        .isEqualTo(Instant.parse(fourth.path("createdAt").asText()));
    assertThat(output).doesNotContain(API_KEY);
  }

  @Test
  void aFailedPollKeepsTheCursorStoresNothingAndTheNextPollRetries(CapturedOutput output) {
    ObjectNode before = alert("FLASH-LOAN-ATTACK", clock.instant().minusSeconds(30), "CRITICAL", "EXPLOIT");
    answers.add(answer(page(false, endCursor("FLASH-LOAN-ATTACK", 100), before)));
    FortaGraphqlPoller poller = poller(100, Duration.ofSeconds(1));
    assertThat(poller.poll().failed()).isFalse();
    Cursor kept = cursors.find(poller.cursorKey()).orElseThrow();
    long httpErrors = stats.count(FortaGraphqlPoller.STATS_SOURCE, "pollsFailed.http-error");
    long graphqlErrors = stats.count(FortaGraphqlPoller.STATS_SOURCE, "pollsFailed.graphql-errors");
    long timeouts = stats.count(FortaGraphqlPoller.STATS_SOURCE, "pollsFailed.timeout");
    long failed = stats.count(FortaGraphqlPoller.STATS_SOURCE, "pollsFailed");

    // HTTP 500
    forta.failNext(500, 1);
    assertThat(poller.poll().failed()).isTrue();
    // 200 with GraphQL errors beside data: nothing of the data is taken
    ObjectNode inErrorAnswer = alert("LARGE-TRANSFER", clock.instant(), "HIGH", "SUSPICIOUS");
    ObjectNode withErrors = page(false, null, inErrorAnswer);
    withErrors.putArray("errors").addObject().put("message", "rate limit exceeded");
    answers.add(answer(withErrors));
    assertThat(poller.poll().failed()).isTrue();
    // no answer within the timeout (1 s)
    ObjectNode tooLate = alert("ORACLE-DEVIATION", clock.instant(), "MEDIUM", "DEGRADED");
    answers.add(request -> {
      Thread.sleep(2500);
      return Reply.of(200, page(false, null, tooLate));
    });
    assertThat(poller.poll().failed()).isTrue();

    assertThat(stats.count(FortaGraphqlPoller.STATS_SOURCE, "pollsFailed.http-error")).isEqualTo(httpErrors + 1);
    assertThat(stats.count(FortaGraphqlPoller.STATS_SOURCE, "pollsFailed.graphql-errors")).isEqualTo(graphqlErrors + 1);
    assertThat(stats.count(FortaGraphqlPoller.STATS_SOURCE, "pollsFailed.timeout")).isEqualTo(timeouts + 1);
    assertThat(stats.count(FortaGraphqlPoller.STATS_SOURCE, "pollsFailed")).isEqualTo(failed + 3);
    assertThat(cursors.find(poller.cursorKey()).orElseThrow()).isEqualTo(kept);
    assertThat(storedCount(inErrorAnswer)).isZero();
    assertThat(storedCount(tooLate)).isZero();

    // the next poll asks again from the kept cursor, and takes what it gets
    ObjectNode retried = alert("LARGE-TRANSFER", clock.instant(), "HIGH", "SUSPICIOUS");
    answers.add(answer(page(false, endCursor("LARGE-TRANSFER", 101), retried)));
    Instant retryStart = clock.instant();
    assertThat(poller.poll().failed()).isFalse();
    Instant retryEnd = clock.instant();
    List<Request> requests = forta.received();
    long createdSince = requests.get(requests.size() - 1).body().path("variables").path("input").path("createdSince")
        .asLong();
    // counted from the cursor of the last good poll less the overlap, not from any failed poll
    Instant since = kept.polledAt().minus(OVERLAP);
    assertThat(createdSince).isBetween(Duration.between(since, retryStart).toMillis(),
        Duration.between(since, retryEnd).toMillis());
    assertThat(createdSince).isGreaterThan(OVERLAP.toMillis() + 1000);
    assertThat(storedCount(retried)).isEqualTo(1);
    assertThat(cursors.find(poller.cursorKey()).orElseThrow().polledAt()).isAfter(kept.polledAt());
    assertThat(output).contains("Forta GraphQL poll failed (http-error)").contains("(graphql-errors)")
        .contains("(timeout)").doesNotContain(API_KEY);
  }

  @Test
  void aMalformedAlertIsSkippedAndCountedOnceTheOthersAreStored() {
    ObjectNode good = alert("FLASH-LOAN-ATTACK", clock.instant().minusSeconds(20), "CRITICAL", "EXPLOIT");
    ObjectNode bad = alert("NO-SEVERITY", clock.instant().minusSeconds(10), "HIGH", "EXPLOIT");
    bad.remove("severity");
    answers.add(answer(page(false, null, good, bad)));
    long missing = stats.count(FortaGraphqlPoller.STATS_SOURCE, "rejected.missing-field");
    FortaGraphqlPoller poller = poller(100, Duration.ofSeconds(10));

    FortaGraphqlPoller.Result result = poller.poll();

    assertThat(result.failed()).isFalse();
    assertThat(result.handedOver()).isEqualTo(1);
    assertThat(result.refused()).isEqualTo(1);
    assertThat(storedCount(good)).isEqualTo(1);
    assertThat(storedCount(bad)).isZero();
    assertThat(stats.count(FortaGraphqlPoller.STATS_SOURCE, "rejected.missing-field")).isEqualTo(missing + 1);
    assertThat(cursors.find(poller.cursorKey()).orElseThrow().newestCreatedAt())
        .isEqualTo(Instant.parse(bad.path("createdAt").asText()));

    // polled again within the overlap: neither handed over nor counted again
    answers.add(answer(page(false, null, good, bad)));
    FortaGraphqlPoller.Result again = poller.poll();
    assertThat(again.alreadySeen()).isEqualTo(2);
    assertThat(stats.count(FortaGraphqlPoller.STATS_SOURCE, "rejected.missing-field")).isEqualTo(missing + 1);
  }

  @Test
  void thePollerIsOffByDefault() {
    assertThat(context.getBeanNamesForType(FortaGraphqlPoller.class)).isEmpty();
    assertThat(context.getBeanNamesForType(FortaPollerSchedule.class)).isEmpty();
    assertThat(configured.enabled()).isFalse();
    assertThat(configured.url()).isEqualTo(URI.create("https://api.forta.network/graphql"));
    assertThat(configured.bots()).isEmpty();
    assertThat(configured.interval()).isEqualTo(Duration.ofSeconds(30));
    assertThat(configured.pageSize()).isEqualTo(100);
    assertThat(configured.lookBack()).isEqualTo(Duration.ofHours(1));
  }

  @Test
  void enabledItNeedsBotsAndAKeyAndNeverShowsTheKey() {
    URI url = URI.create("https://api.forta.network/graphql");
    assertThatThrownBy(() -> properties(true, url, API_KEY, List.of(), 100, Duration.ofSeconds(10)))
        .hasMessageContaining("irflow.intake.forta-poller.bots");
    assertThatThrownBy(() -> properties(true, url, " ", List.of(bot), 100, Duration.ofSeconds(10)))
        .hasMessageContaining("irflow.intake.forta-poller.api-key");
    assertThat(properties(true, url, API_KEY, List.of(bot), 100, Duration.ofSeconds(10)).toString())
        .doesNotContain(API_KEY).contains("apiKey=***");
  }

  /** The wiring alone (no database): enabled, the schedule polls every interval; misconfigured, no start. */
  @Test
  void enabledTheScheduleCallsForta() {
    ApplicationContextRunner runner = new ApplicationContextRunner()
        .withUserConfiguration(BindPollerProperties.class, FortaGraphqlPoller.class, FortaPollerSchedule.class)
        .withBean(EventIntake.class, () -> mock(EventIntake.class))
        .withBean(IntakeStats.class, IntakeStats::new)
        .withBean(FortaPollerCursors.class, () -> mock(FortaPollerCursors.class))
        .withBean(Clock.class, Clock::systemUTC)
        .withBean(OutboundHttp.class, () -> http);
    runner.run(context -> assertThat(context).doesNotHaveBean(FortaGraphqlPoller.class)
        .doesNotHaveBean(FortaPollerSchedule.class));
    runner.withPropertyValues("irflow.intake.forta-poller.enabled=true", "irflow.intake.forta-poller.api-key=" + API_KEY)
        .run(context -> assertThat(context).hasFailed().getFailure()
            .hasStackTraceContaining("irflow.intake.forta-poller.bots"));
    runner.withPropertyValues("irflow.intake.forta-poller.enabled=true",
            "irflow.intake.forta-poller.url=" + forta.rootUrl() + "/graphql",
            "irflow.intake.forta-poller.api-key=" + API_KEY,
            "irflow.intake.forta-poller.bots=" + bot + ",0xsecond",
            "irflow.intake.forta-poller.interval=PT0.2S")
        .run(context -> {
          assertThat(context).hasSingleBean(FortaGraphqlPoller.class);
          long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
          while (forta.received().size() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(50);
          }
          assertThat(forta.received()).hasSizeGreaterThanOrEqualTo(2);
          JsonNode input = forta.received().get(0).body().path("variables").path("input");
          assertThat(input.path("bots").toString()).isEqualTo("[\"" + bot + "\",\"0xsecond\"]");
          assertThat(input.path("first").asInt()).isEqualTo(100);
          assertThat(input.has("chainId")).isFalse();
          assertThat(forta.received().get(0).header("Authorization")).isEqualTo("Bearer " + API_KEY);
        });
  }

  /**
   * Binds irflow.intake.forta-poller.* in {@link #enabledTheScheduleCallsForta}. Not a @Configuration:
   * a nested one would replace this test's application configuration.
   */
  @EnableConfigurationProperties(FortaPollerProperties.class)
  static class BindPollerProperties {}

  /** V8 and the cursor table's statements on H2 as well (the application context runs PostgreSQL). */
  @Test
  void theCursorTablesWorkOnH2() {
    DriverManagerDataSource h2 = new DriverManagerDataSource(
        "jdbc:h2:mem:forta-cursor-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
    Flyway.configure().dataSource(h2).locations("classpath:db/migration").table("irflow_schema_history").load()
        .migrate();
    FortaPollerCursors onH2 = new FortaPollerCursors(new JdbcTemplate(h2), new DataSourceTransactionManager(h2));
    Instant newest = Instant.parse("2026-11-23T10:00:00.123456Z");
    Instant polled = Instant.parse("2026-11-23T10:00:30Z");

    onH2.save(new Cursor("k", "bots=0xbot; chainId=all", newest, polled), Map.of("0xhash", newest), polled);
    onH2.save(new Cursor("k", "bots=0xbot; chainId=all", newest, polled.plusSeconds(30)),
        Map.of("0xhash", newest, "0xother", newest.plusSeconds(1)), polled.plusSeconds(30));

    assertThat(onH2.find("k")).contains(new Cursor("k", "bots=0xbot; chainId=all", newest, polled.plusSeconds(30)));
    assertThat(onH2.seen("k")).containsOnlyKeys("0xhash", "0xother");
    assertThat(onH2.find("other")).isEmpty();
  }

  // ---- helpers

  private FortaGraphqlPoller poller(int pageSize, Duration timeout) {
    return new FortaGraphqlPoller(properties(true, URI.create(forta.rootUrl() + "/graphql"), API_KEY, List.of(bot),
        pageSize, timeout), intake, stats, cursors, clock, http);
  }

  private static FortaPollerProperties properties(boolean enabled, URI url, String apiKey, List<String> bots,
      int pageSize, Duration timeout) {
    return new FortaPollerProperties(enabled, url, apiKey, bots, 1L, Duration.ofSeconds(30), pageSize, LOOK_BACK,
        OVERLAP, timeout);
  }

  private static Route answer(ObjectNode body) {
    return request -> Reply.of(200, body);
  }

  /** Forta's answer: {data: {alerts: {pageInfo: {hasNextPage, endCursor}, alerts: [...]}}}. */
  private static ObjectNode page(boolean hasNextPage, ObjectNode endCursor, ObjectNode... alerts) {
    ObjectNode root = JsonStubServer.JSON.createObjectNode();
    ObjectNode result = root.putObject("data").putObject("alerts");
    ObjectNode pageInfo = result.putObject("pageInfo");
    pageInfo.put("hasNextPage", hasNextPage);
    pageInfo.set("endCursor", endCursor);
    ArrayNode list = result.putArray("alerts");
    for (ObjectNode alert : alerts) {
      list.add(alert);
    }
    return root;
  }

  private static ObjectNode endCursor(String alertId, long blockNumber) {
    ObjectNode cursor = JsonStubServer.JSON.createObjectNode();
    cursor.put("alertId", alertId);
    cursor.put("blockNumber", blockNumber);
    return cursor;
  }

  /** One alert as Forta's API returns it, unique by hash and transaction. */
  private ObjectNode alert(String alertId, Instant createdAt, String severity, String findingType) {
    String unique = UUID.randomUUID().toString().replace("-", "");
    ObjectNode alert = JsonStubServer.JSON.createObjectNode();
    alert.put("hash", "0x" + unique + unique);
    alert.put("createdAt", createdAt.toString());
    alert.put("alertId", alertId);
    alert.put("name", alertId.toLowerCase().replace('-', ' '));
    alert.put("description", alertId.equals("FLASH-LOAN-ATTACK") ? "Flash loan drained the pool" : "Seen by the bot");
    alert.put("severity", severity);
    alert.put("findingType", findingType);
    alert.put("protocol", "ethereum");
    alert.putObject("metadata").put("attacker", "0x00000000000000000000000000000000000bad01");
    alert.putArray("addresses").add("0x000000000000000000000000000000000000a11c");
    ObjectNode source = alert.putObject("source");
    source.put("transactionHash", "0x" + unique);
    source.putObject("bot").put("id", bot);
    ObjectNode block = source.putObject("block");
    block.put("number", 21000000);
    block.put("hash", "0x" + unique.substring(0, 16));
    block.put("timestamp", createdAt.toString());
    block.put("chainId", 1);
    return alert;
  }

  /** The copies of the event's alert counted on it (security_event_copies). */
  private int copiesOf(Map<String, Object> event) {
    return securityEvents.copiesOf(((Number) event.get("id")).longValue());
  }

  private Map<String, Object> eventOf(ObjectNode alert) {
    return jdbc.queryForMap("select * from security_event where source = 'forta' and payload like ?",
        "%" + alert.path("hash").asText() + "%");
  }

  private int storedCount(ObjectNode alert) {
    return jdbc.queryForObject("select count(*) from security_event where payload like ?", Integer.class,
        "%" + alert.path("hash").asText() + "%");
  }
}
