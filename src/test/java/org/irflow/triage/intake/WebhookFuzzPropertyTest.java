package org.irflow.triage.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.irflow.support.Fuzz.anyChar;
import static org.irflow.support.Fuzz.anyDouble;
import static org.irflow.support.Fuzz.anyLong;
import static org.irflow.support.Fuzz.anyOf;
import static org.irflow.support.Fuzz.booleans;
import static org.irflow.support.Fuzz.bytes;
import static org.irflow.support.Fuzz.constant;
import static org.irflow.support.Fuzz.frequency;
import static org.irflow.support.Fuzz.ints;
import static org.irflow.support.Fuzz.longs;
import static org.irflow.support.Fuzz.maps;
import static org.irflow.support.Fuzz.oneOf;
import static org.irflow.support.Fuzz.strings;
import static org.irflow.support.Fuzz.weight;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.irflow.IrflowApplication;
import org.irflow.process.ProcessKeys;
import org.irflow.support.FortaScannerJwt;
import org.irflow.support.Fuzz;
import org.irflow.support.Fuzz.Gen;
import org.irflow.support.WebhookClient;
import org.irflow.support.WebhookClient.Answer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Property-based fuzzing of the four monitoring webhooks on the running application (real HTTP on
 * loopback, PostgreSQL, the job executor on). Our own seeded generator ({@link Fuzz}) makes valid
 * payloads of each vendor shape and mutates them (fields removed, wrong types, unknown enum values,
 * huge strings, deep nesting, bad numbers and escapes, truncated or flipped bytes, other encodings),
 * random JSON and random bytes, and every kind of wrong or missing signature, token and content type.
 * For every request:
 *
 * <ul>
 *   <li>the answer is never a 5xx, only a 2xx or a 4xx;</li>
 *   <li>a 4xx (a 429 included: not acknowledged) stores no security_event row and starts no triage;
 *       a refusal of the intake itself is the JSON error {status, message};</li>
 *   <li>a 2xx stores exactly the events it answers, each with its fingerprint and source;</li>
 *   <li>after each property, once the dispatcher has taken every stored event: each event has either
 *       its one triage or was attached as evidence to an open incident (no triage of its own), and
 *       every triage process belongs to one stored event.</li>
 * </ul>
 *
 * <p>The seed is printed at the start and is part of every failure: {@code -Dirflow.fuzz.seed=<seed>}
 * sends the same requests again, property by property and try by try (the properties run in a fixed
 * order). A failure is shrunk (mutations, the byte mutation and fields dropped one at a time, long
 * texts cut) and the smallest request that still fails the same way is reported beside the first one;
 * the server's stack trace of a 5xx is in the test's output.
 *
 * <p>The class starts the application itself, once, on its own embedded PostgreSQL and a free port:
 * its counts must not be moved by other tests' events, as they would be in the shared context of
 * {@code RunningApplicationTest}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebhookFuzzPropertyTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  /** Checks spent at most on shrinking one failure (each is a request to the application). */
  private static final int SHRINK_BUDGET = 200;

  private static EmbeddedPostgres postgres;
  private static ConfigurableApplicationContext application;
  private static WebhookClient client;
  private static JdbcTemplate jdbc;
  private static HistoryService history;

  /** What the requests of the running property were and got, printed after it. */
  private final Map<Integer, Integer> statuses = new TreeMap<>();
  private final Map<String, Integer> shapes = new TreeMap<>();

  @BeforeAll
  static void startApplication() throws IOException {
    System.out.println("WebhookFuzzPropertyTest: " + Fuzz.reproduce());
    postgres = EmbeddedPostgres.builder().setRegisterShutdownHook(false).start();
    // arguments, not default properties: those would lose against application.yaml's H2 database
    application = new SpringApplicationBuilder(IrflowApplication.class)
        .profiles("e2e")
        .run("--server.port=0",
            "--spring.datasource.url=" + postgres.getJdbcUrl("postgres", "postgres"),
            "--spring.datasource.username=postgres",
            "--spring.datasource.password=postgres",
            // thousands of refusals: their INFO lines would drown the report
            "--logging.level.org.irflow.triage.intake.WebhookController=WARN");
    int port = ((WebServerApplicationContext) application).getWebServer().getPort();
    client = new WebhookClient("http://localhost:" + port, Duration.ofSeconds(60));
    jdbc = application.getBean(JdbcTemplate.class);
    history = application.getBean(HistoryService.class);
    assertThat(jdbc.queryForObject("select version()", String.class)).startsWith("PostgreSQL");
  }

  @AfterAll
  static void stopApplication() throws IOException {
    try {
      if (application != null) {
        application.close();
      }
    } finally {
      if (postgres != null) {
        postgres.close();
      }
    }
  }

  // ---- the properties

  /** Each vendor's valid payload, mutated or not, correctly authenticated as JSON. */
  @Test
  @Order(1)
  void mutatedVendorPayloadsAreStoredExactlyAsAnsweredOrRefusedWithNothingKept() {
    property("mutated vendor payloads", 1000, mutatedPayloads(), true);
  }

  /** Random JSON of any shape and random bytes, correctly authenticated, to any endpoint. */
  @Test
  @Order(2)
  void randomBodiesAreNeverA5xx() {
    property("random bodies", 500, randomBodies(), true);
  }

  /** A wrong or missing signature, token or timestamp, or a content type that is not JSON: never kept. */
  @Test
  @Order(3)
  void badAuthenticationOrContentTypeIsAlwaysRefused() {
    property("bad credentials or content type", 500, badCredentialsOrContentType(), false);
  }

  /**
   * Valid vendor payloads with one poison a sender may choose: a lone surrogate or a NUL escaped in a
   * text field (a fingerprint among them), a number or a boolean where the schema says string, or a
   * long run of numbers that grow when written again ({@code 1e6} → {@code 1000000.0}). Each is
   * answered once and for good: a 4xx naming the field without Retry-After, the same again when sent
   * again; or a 2xx whose stored payload is the text received.
   */
  @Test
  @Order(4)
  void poisonedBodiesAreAnsweredForGoodNeverRetryLater() {
    Fuzz.forAll("poisoned bodies", 150, poisonedPayloads(), this::checkPoisoned, Request::smaller, Request::size,
        SHRINK_BUDGET);
  }

  private void checkPoisoned(Request request) {
    Answer answer = check(request, true);
    if (!answer.acknowledged()) {
      assertThat(answer.status()).as("status for %s: %s", request, answer.text()).isBetween(400, 499);
      assertThat(answer.retryAfter()).as("Retry-After for %s: %s", request, answer.text()).isNull();
      assertThat(answer.body().path("field").asText()).as("field named for %s: %s", request, answer.text())
          .isNotBlank();
      Answer again = client.send(request.endpoint().path, request.body(), request.contentType(),
          request.auth().headers(request.endpoint(), request.body()));
      assertThat(again.status()).as("the same request again, %s: %s", request, again.text())
          .isEqualTo(answer.status());
      return;
    }
    String received = new String(request.body(), StandardCharsets.UTF_8);
    for (JsonNode outcome : answer.body().path("events")) {
      String payload = jdbc.queryForObject("select payload from security_event where id = ?", String.class,
          outcome.path("eventId").asLong());
      if (request.endpoint() == Endpoint.GENERIC || request.endpoint() == Endpoint.MONITOR) {
        if (!outcome.path("duplicate").asBoolean()) {
          assertThat(payload).as("payload of %s", request).isEqualTo(received.startsWith("\uFEFF")
              ? received.substring(1) : received);
        }
      } else {
        assertThat(received).as("the body of %s holds the payload stored", request).contains(payload);
      }
    }
  }

  private void property(String name, int tries, Gen<Request> requests, boolean mayBeAcknowledged) {
    Fuzz.forAll(name, tries, requests, request -> check(request, mayBeAcknowledged), Request::smaller,
        Request::size, SHRINK_BUDGET);
  }

  @BeforeEach
  void clearStatistics() {
    statuses.clear();
    shapes.clear();
  }

  /**
   * After each property: the dispatcher takes every stored event (some seconds after the answers);
   * then each event has its one triage or is evidence on an open incident, and every triage started
   * belongs to a stored event.
   */
  @AfterEach
  void everyStoredEventIsTriagedOnceOrAttachedAndEveryTriageBelongsToOne(TestInfo test) throws InterruptedException {
    System.out.println("WebhookFuzzPropertyTest " + test.getDisplayName() + ", " + Fuzz.reproduce()
        + ": statuses " + statuses + ", shapes " + shapes);
    String where = test.getDisplayName() + ", " + Fuzz.reproduce();
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    List<Map<String, Object>> waiting = undispatched();
    while (!waiting.isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(200);
      waiting = undispatched();
    }
    assertThat(waiting).as("events the dispatcher has not taken 60 s after %s", where).isEmpty();

    Map<Long, String> triageOfEvent = new HashMap<>();
    jdbc.queryForList("select id, triage_process_instance_id from security_event where intake_state = 'TRIAGE_STARTED'")
        .forEach(row -> triageOfEvent.put(((Number) row.get("id")).longValue(),
            (String) row.get("triage_process_instance_id")));
    assertThat(triageOfEvent).as("events triaged without a triage, after %s", where).doesNotContainValue(null);
    assertThat(jdbc.queryForList("""
        select id from security_event
        where intake_state = 'ATTACHED' and (incident_id is null or triage_process_instance_id is not null)""",
        Long.class)).as("attached events without an incident or with a triage, after %s", where).isEmpty();
    assertThat(jdbc.queryForList("""
        select g.id from security_event g
        where g.intake_state = 'GATHERED' and not exists (select 1 from security_event t
          where t.intake_state = 'TRIAGE_STARTED' and t.triage_process_instance_id = g.triage_process_instance_id)""",
        Long.class)).as("events gathered into no event's triage, after %s", where).isEmpty();
    assertThat(jdbc.queryForList("""
        select id from security_event
        where intake_state is null or intake_state not in ('TRIAGE_STARTED', 'ATTACHED', 'GATHERED')""",
        Long.class)).as("events neither triaged, gathered nor attached, after %s", where).isEmpty();

    long triages = history.createHistoricProcessInstanceQuery().processDefinitionKey(ProcessKeys.INCIDENT_TRIAGE).count();
    assertThat(triages).as("triages started for the %d events triaged, after %s", triageOfEvent.size(), where)
        .isEqualTo(triageOfEvent.size());
    Map<String, Long> eventOfTriage = new HashMap<>();
    List<Long> triagedEvents = new ArrayList<>();
    for (HistoricVariableInstance variable : history.createHistoricVariableInstanceQuery()
        .variableName("eventId").list()) {
      if (ProcessKeys.INCIDENT_TRIAGE.equals(variable.getProcessDefinitionKey())) {
        assertThat(variable.getValue()).as("eventId of triage %s, after %s", variable.getProcessInstanceId(), where)
            .isInstanceOf(Number.class);
        long eventId = ((Number) variable.getValue()).longValue();
        triagedEvents.add(eventId);
        eventOfTriage.put(variable.getProcessInstanceId(), eventId);
      }
    }
    assertThat(triagedEvents).as("one eventId per triage, after %s", where).hasSize((int) triages)
        .doesNotHaveDuplicates();
    assertThat(new HashSet<>(triagedEvents)).as("the events of the triages, after %s", where)
        .isEqualTo(triageOfEvent.keySet());
    triageOfEvent.forEach((eventId, triage) -> assertThat(eventOfTriage.get(triage))
        .as("the event of triage %s, linked from event %d, after %s", triage, eventId, where).isEqualTo(eventId));
  }

  /** Events still waiting for the dispatcher (or being dispatched), with the last dispatch error. */
  private static List<Map<String, Object>> undispatched() {
    return jdbc.queryForList("""
        select id, intake_state, dispatch_attempts, dispatch_error from security_event
        where intake_state in ('PENDING', 'DISPATCHING') order by id""");
  }

  // ---- one request and its checks

  private Answer check(Request request, boolean mayBeAcknowledged) {
    Counts before = counts();
    Answer answer = client.send(request.endpoint().path, request.body(), request.contentType(),
        request.auth().headers(request.endpoint(), request.body()));
    statuses.merge(answer.status(), 1, Integer::sum);
    shapes.merge(request.shape(), 1, Integer::sum);

    assertThat(answer.status()).as("status for %s: %s (the server's stack trace is in the test output)", request,
        answer.text()).isLessThan(500);
    if (answer.acknowledged()) {
      assertThat(mayBeAcknowledged).as("acknowledged %s: %s", request, answer.text()).isTrue();
      assertStoredAsAnswered(request, answer, before);
    } else {
      assertThat(answer.status()).as("status for %s: %s", request, answer.text()).isBetween(400, 499);
      assertNothingKept(request, answer, before);
    }
    return answer;
  }

  private static void assertStoredAsAnswered(Request request, Answer answer, Counts before) {
    JsonNode body = answer.body();
    assertThat(body).as("answer to %s", request).isNotNull();
    JsonNode ids = body.path("eventIds");
    JsonNode events = body.path("events");
    assertThat(ids.isArray()).as("eventIds in %s", answer.text()).isTrue();
    assertThat(events.size()).as("events in %s", answer.text()).isEqualTo(ids.size());
    Set<Long> fresh = new HashSet<>();
    for (int i = 0; i < events.size(); i++) {
      JsonNode outcome = events.get(i);
      long id = outcome.path("eventId").asLong();
      assertThat(ids.get(i).asLong()).as("eventIds[%d] in %s", i, answer.text()).isEqualTo(id);
      List<Map<String, Object>> rows = jdbc.queryForList(
          "select source, fingerprint from security_event where id = ?", id);
      assertThat(rows).as("row of acknowledged event %d (%s)", id, request).hasSize(1);
      assertThat(rows.get(0).get("fingerprint")).as("fingerprint of event %d (%s)", id, request)
          .isEqualTo(outcome.path("fingerprint").asText());
      assertThat(rows.get(0).get("source")).as("source of event %d (%s)", id, request)
          .isEqualTo(request.endpoint().source);
      if (!outcome.path("duplicate").asBoolean()) {
        fresh.add(id);
      }
    }
    assertThat(counts().events() - before.events()).as("new rows for %s: %s", request, answer.text())
        .isEqualTo(fresh.size());
  }

  private static void assertNothingKept(Request request, Answer answer, Counts before) {
    Counts after = counts();
    assertThat(after.events()).as("rows after %d to %s", answer.status(), request).isEqualTo(before.events());
    // a triage may still start for an event stored before (the dispatcher behind), none for this request
    assertThat(after.triages()).as("triages after %d to %s", answer.status(), request)
        .isLessThanOrEqualTo(before.events());
    if (answer.status() != 429) {
      assertThat(answer.body() != null && answer.body().isObject())
          .as("JSON error for %s: %s", request, answer.text()).isTrue();
      assertThat(answer.body().path("status").asInt()).as("status in the error for %s: %s", request, answer.text())
          .isEqualTo(answer.status());
      assertThat(answer.body().path("message").asText()).as("message in the error for %s: %s", request, answer.text())
          .isNotBlank();
    }
  }

  record Counts(long events, long triages) {}

  /** Triages first: events only change by this test's requests, triages may also grow by the dispatcher. */
  private static Counts counts() {
    long triages = history.createHistoricProcessInstanceQuery()
        .processDefinitionKey(ProcessKeys.INCIDENT_TRIAGE).count();
    long events = jdbc.queryForObject("select count(*) from security_event", Long.class);
    return new Counts(events, triages);
  }

  // ---- requests

  enum Endpoint {
    MONITOR(WebhookClient.MONITOR, OpenZeppelinMonitorAdapter.SOURCE, WebhookClient.MONITOR_SECRET, null),
    GENERIC(WebhookClient.GENERIC, GenericAdapter.SOURCE, WebhookClient.GENERIC_SECRET, null),
    FORTA(WebhookClient.FORTA, FortaAdapter.SOURCE, null, WebhookClient.FORTA_TOKEN),
    ALERTMANAGER(WebhookClient.ALERTMANAGER, AlertmanagerAdapter.SOURCE, null, WebhookClient.ALERTMANAGER_TOKEN);

    final String path;
    final String source;
    final String secret;
    final String token;

    Endpoint(String path, String source, String secret, String token) {
      this.path = path;
      this.source = source;
      this.secret = secret;
      this.token = token;
    }

    boolean signed() {
      return secret != null;
    }
  }

  /** How a request proves its source; the valid ones are listed first. */
  enum Auth {
    VALID(true, true, true),
    SHA256_PREFIX(true, true, false),
    UPPERCASE_HEX(true, true, false),
    LOWERCASE_BEARER(true, false, true),
    PADDED_BEARER(true, false, true),
    NONE(false, true, true),
    WRONG_SECRET(false, true, false),
    OTHER_SOURCES_SECRET(false, true, false),
    FLIPPED_SIGNATURE(false, true, false),
    TRUNCATED_SIGNATURE(false, true, false),
    SIGNED_OTHER_TIMESTAMP(false, true, false),
    SIGNED_OTHER_BODY(false, true, false),
    STALE_TIMESTAMP(false, true, false),
    FUTURE_TIMESTAMP(false, true, false),
    GARBAGE_TIMESTAMP(false, true, false),
    HUGE_TIMESTAMP(false, true, false),
    MISSING_TIMESTAMP(false, true, false),
    MISSING_SIGNATURE(false, true, false),
    BEARER_INSTEAD_OF_SIGNATURE(false, true, false),
    WRONG_TOKEN(false, false, true),
    OTHER_SOURCES_TOKEN(false, false, true),
    BASIC_SCHEME(false, false, true),
    EMPTY_BEARER(false, false, true),
    TOKEN_WITH_SUFFIX(false, false, true),
    SIGNATURE_INSTEAD_OF_TOKEN(false, false, true),
    // forta-node's own authentication, a JWT signed with the scanner's key (the e2e profile trusts one)
    SCANNER_JWT(true),
    UNTRUSTED_SCANNER_JWT(false),
    EXPIRED_SCANNER_JWT(false),
    BOTS_SCANNER_JWT(false),
    TAMPERED_SCANNER_JWT(false);

    final boolean valid;
    final boolean forSigned;
    final boolean forBearer;
    final boolean fortaOnly;

    Auth(boolean valid, boolean forSigned, boolean forBearer) {
      this.valid = valid;
      this.forSigned = forSigned;
      this.forBearer = forBearer;
      this.fortaOnly = false;
    }

    /** A scanner JWT: for the Forta webhook only. */
    Auth(boolean valid) {
      this.valid = valid;
      this.forSigned = false;
      this.forBearer = true;
      this.fortaOnly = true;
    }

    boolean appliesTo(Endpoint endpoint) {
      if (fortaOnly) {
        return endpoint == Endpoint.FORTA;
      }
      return endpoint.signed() ? forSigned : forBearer;
    }

    /** The headers, computed at sending time: a signature must carry a fresh timestamp. */
    Map<String, String> headers(Endpoint endpoint, byte[] body) {
      long now = System.currentTimeMillis();
      String ts = String.valueOf(now);
      if (!endpoint.signed()) {
        return switch (this) {
          case VALID -> Map.of("Authorization", "Bearer " + endpoint.token);
          case LOWERCASE_BEARER -> Map.of("Authorization", "bearer " + endpoint.token);
          case PADDED_BEARER -> Map.of("Authorization", "Bearer    " + endpoint.token);
          case NONE -> Map.of();
          case WRONG_TOKEN -> Map.of("Authorization", "Bearer not-" + endpoint.token);
          case OTHER_SOURCES_TOKEN -> Map.of("Authorization", "Bearer " + (endpoint == Endpoint.FORTA
              ? WebhookClient.ALERTMANAGER_TOKEN : WebhookClient.FORTA_TOKEN));
          case BASIC_SCHEME -> Map.of("Authorization", "Basic " + Base64.getEncoder()
              .encodeToString(("x:" + endpoint.token).getBytes(StandardCharsets.UTF_8)));
          case EMPTY_BEARER -> Map.of("Authorization", "Bearer");
          case TOKEN_WITH_SUFFIX -> Map.of("Authorization", "Bearer " + endpoint.token + "x");
          case SIGNATURE_INSTEAD_OF_TOKEN -> WebhookClient.signature(endpoint.token, body, ts);
          case SCANNER_JWT -> scannerJwt(FortaScannerJwt.TRUSTED_SCANNER_KEY, Instant.now(), claims -> { });
          case UNTRUSTED_SCANNER_JWT -> scannerJwt(FortaScannerJwt.UNTRUSTED_KEY, Instant.now(), claims -> { });
          case EXPIRED_SCANNER_JWT ->
              scannerJwt(FortaScannerJwt.TRUSTED_SCANNER_KEY, Instant.now().minusSeconds(120), claims -> { });
          case BOTS_SCANNER_JWT -> scannerJwt(FortaScannerJwt.TRUSTED_SCANNER_KEY, Instant.now(),
              claims -> claims.put("bot-id", "0xbot"));
          case TAMPERED_SCANNER_JWT -> {
            String[] parts = FortaScannerJwt.localModeToken(FortaScannerJwt.TRUSTED_SCANNER_KEY).split("\\.");
            String otherClaims = FortaScannerJwt.localModeToken(FortaScannerJwt.UNTRUSTED_KEY).split("\\.")[1];
            yield Map.of("Authorization", "Bearer " + parts[0] + "." + otherClaims + "." + parts[2]);
          }
          default -> throw new IllegalStateException(this + " is not for " + endpoint);
        };
      }
      String signature = WebhookAuthenticator.sign(endpoint.secret, body, ts);
      return switch (this) {
        case VALID -> WebhookClient.signature(endpoint.secret, body, ts);
        case SHA256_PREFIX -> Map.of("X-Timestamp", ts, "X-Signature", "sha256=" + signature);
        case UPPERCASE_HEX -> Map.of("X-Timestamp", ts, "X-Signature", signature.toUpperCase(Locale.ROOT));
        case NONE -> Map.of();
        case WRONG_SECRET -> WebhookClient.signature("not-the-secret", body, ts);
        case OTHER_SOURCES_SECRET -> WebhookClient.signature(endpoint == Endpoint.MONITOR
            ? WebhookClient.GENERIC_SECRET : WebhookClient.MONITOR_SECRET, body, ts);
        case FLIPPED_SIGNATURE -> Map.of("X-Timestamp", ts, "X-Signature",
            (signature.charAt(0) == '0' ? '1' : '0') + signature.substring(1));
        case TRUNCATED_SIGNATURE -> Map.of("X-Timestamp", ts, "X-Signature", signature.substring(0, 63));
        case SIGNED_OTHER_TIMESTAMP -> Map.of("X-Timestamp", String.valueOf(now - 1), "X-Signature", signature);
        case SIGNED_OTHER_BODY -> Map.of("X-Timestamp", ts, "X-Signature",
            WebhookAuthenticator.sign(endpoint.secret, (new String(body, StandardCharsets.ISO_8859_1) + " ")
                .getBytes(StandardCharsets.ISO_8859_1), ts));
        case STALE_TIMESTAMP -> WebhookClient.signature(endpoint.secret, body,
            String.valueOf(now - Duration.ofMinutes(6).toMillis()));
        case FUTURE_TIMESTAMP -> WebhookClient.signature(endpoint.secret, body,
            String.valueOf(now + Duration.ofMinutes(6).toMillis()));
        case GARBAGE_TIMESTAMP -> WebhookClient.signature(endpoint.secret, body, "yesterday");
        case HUGE_TIMESTAMP -> WebhookClient.signature(endpoint.secret, body, "9".repeat(40));
        case MISSING_TIMESTAMP -> Map.of("X-Signature", signature);
        case MISSING_SIGNATURE -> Map.of("X-Timestamp", ts);
        case BEARER_INSTEAD_OF_SIGNATURE -> Map.of("Authorization", "Bearer " + endpoint.secret);
        default -> throw new IllegalStateException(this + " is not for " + endpoint);
      };
    }
  }

  private static Map<String, String> scannerJwt(String key, Instant at, Consumer<Map<String, Object>> change) {
    Map<String, Object> claims = FortaScannerJwt.localModeClaims(key, at);
    change.accept(claims);
    return Map.of("Authorization", "Bearer " + FortaScannerJwt.sign(key, claims));
  }

  /**
   * One request: the endpoint, what the body is made of (a tree with its mutations, or raw bytes), the
   * body's bytes, Content-Type and authentication. {@code label} names the payload for the statistics.
   */
  record Request(Endpoint endpoint, String label, JsonNode tree, List<Mutation> mutations, TextMutation text,
      byte[] body, String contentType, Auth auth) {

    private static final TextMutation UNCHANGED = new TextMutation(TextOp.NONE, 0, 0);

    /** A body rendered from a tree, its mutations and a mutation of its bytes. */
    static Request rendered(Endpoint endpoint, String label, JsonNode tree, List<Mutation> mutations,
        TextMutation text, String contentType, Auth auth) {
      return new Request(endpoint, label, tree, List.copyOf(mutations), text, render(tree, mutations, text),
          contentType, auth);
    }

    static Request rendered(Endpoint endpoint, String label, JsonNode tree, String contentType, Auth auth) {
      return rendered(endpoint, label, tree, List.of(), UNCHANGED, contentType, auth);
    }

    /** A body of these bytes, not made from a tree. */
    static Request raw(Endpoint endpoint, String label, byte[] body, String contentType, Auth auth) {
      return new Request(endpoint, label, null, List.of(), UNCHANGED, body, contentType, auth);
    }

    String shape() {
      return label + (mutations.isEmpty() && text.op() == TextOp.NONE ? "" : " mutated");
    }

    /** For shrinking: fewer mutations first, then fewer bytes. */
    long size() {
      return (mutations.size() + (text.op() == TextOp.NONE ? 0L : 1L)) * 1_000_000_000L + body.length;
    }

    /**
     * Simpler requests of the same endpoint, Content-Type and authentication: one mutation less, the
     * bytes unmutated, one field or element of the tree less, one long text cut; for raw bytes, a half.
     */
    List<Request> smaller() {
      List<Request> smaller = new ArrayList<>();
      if (tree == null) {
        if (body.length > 1) {
          smaller.add(raw(endpoint, label, Arrays.copyOf(body, body.length / 2), contentType, auth));
          smaller.add(raw(endpoint, label, Arrays.copyOfRange(body, body.length / 2, body.length), contentType, auth));
        }
        return smaller;
      }
      for (int i = 0; i < mutations.size(); i++) {
        List<Mutation> fewer = new ArrayList<>(mutations);
        fewer.remove(i);
        smaller.add(rendered(endpoint, label, tree, fewer, text, contentType, auth));
      }
      if (text.op() != TextOp.NONE) {
        smaller.add(rendered(endpoint, label, tree, mutations, UNCHANGED, contentType, auth));
      }
      int nodes = slots(tree).size();
      for (int i = 1; i < nodes; i++) {
        JsonNode copy = tree.deepCopy();
        Slot slot = slots(copy).get(i);
        if (slot.parent() instanceof ObjectNode object) {
          object.remove(slot.name());
        } else if (slot.parent() instanceof ArrayNode array) {
          array.remove(slot.index());
        }
        smaller.add(rendered(endpoint, label, copy, mutations, text, contentType, auth));
      }
      for (int i = 0; i < nodes; i++) {
        JsonNode copy = tree.deepCopy();
        Slot slot = slots(copy).get(i);
        if (slot.node().isTextual() && slot.node().asText().length() > 16
            && slot.node().asText().indexOf(PLACEHOLDER) < 0 && slot.parent() != null) {
          JsonNode cut = NODES.textNode(slot.node().asText().substring(0, 16));
          if (slot.parent() instanceof ObjectNode object) {
            object.set(slot.name(), cut);
          } else if (slot.parent() instanceof ArrayNode array) {
            array.set(slot.index(), cut);
          }
          smaller.add(rendered(endpoint, label, copy, mutations, text, contentType, auth));
        }
      }
      return smaller;
    }

    @Override
    public String toString() {
      String text = new String(body, StandardCharsets.UTF_8);
      String preview = text.length() <= 400 ? text : text.substring(0, 300) + "…(" + body.length + " bytes)…"
          + text.substring(text.length() - 80);
      return endpoint + " [" + shape() + "] auth=" + auth + " Content-Type=" + contentType
          + (mutations.isEmpty() ? "" : " mutations=" + mutations.stream()
              .map(mutation -> mutation.op() + "@" + mutation.target()).toList())
          + (this.text.op() == TextOp.NONE ? "" : " bytes=" + this.text)
          + " body=" + preview;
    }
  }

  private static final List<String> JSON_CONTENT_TYPES = List.of(
      "application/json", "application/json; charset=utf-8", "application/json;charset=UTF-8", "Application/JSON");

  private static final List<String> OTHER_CONTENT_TYPES = List.of(
      "text/plain", "text/json", "application/xml", "application/x-www-form-urlencoded",
      "multipart/form-data; boundary=fuzz", "application/problem+json", "application/*", "*/*",
      "json", "application/", "application/json; charset=no-such-charset", ";", "");

  private static Gen<Request> mutatedPayloads() {
    return oneOf(Endpoint.values()).flatMap(endpoint -> {
      Gen<JsonNode> payload = payload(endpoint);
      Gen<List<Mutation>> mutations = mutations();
      Gen<TextMutation> text = textMutation();
      Gen<Auth> auth = validAuth(endpoint);
      Gen<String> contentType = oneOf(JSON_CONTENT_TYPES);
      Gen<Endpoint> target = targetOf(endpoint);
      return random -> {
        JsonNode tree = payload.next(random);
        List<Mutation> changes = mutations.next(random);
        TextMutation bytes = text.next(random);
        Auth proof = auth.next(random);
        String type = contentType.next(random);
        Endpoint to = target.next(random);
        return Request.rendered(to, endpoint.name().toLowerCase(Locale.ROOT)
                + (to == endpoint ? "" : " to " + to.name().toLowerCase(Locale.ROOT)),
            tree, changes, bytes, type, validAuth(to, proof));
      };
    });
  }

  private static Gen<Request> randomBodies() {
    record Body(String label, JsonNode tree, TextMutation text, byte[] raw) {}
    Gen<Body> bodies = frequency(
        weight(5, random -> new Body("random JSON object", anyJson(true).next(random), Request.UNCHANGED, null)),
        weight(2, random -> new Body("random JSON", anyJson(false).next(random), Request.UNCHANGED, null)),
        weight(1, random -> new Body("random JSON object", anyJson(true).next(random), textMutation().next(random),
            null)),
        weight(1, bytes(0, 300).map(raw -> new Body("bytes", null, null, raw))),
        weight(1, strings(anyChar(), 0, 300).map(text -> new Body("text", null, null,
            text.getBytes(StandardCharsets.UTF_8)))));
    return oneOf(Endpoint.values()).flatMap(endpoint -> {
      Gen<Auth> auth = validAuth(endpoint);
      Gen<String> contentType = oneOf(JSON_CONTENT_TYPES);
      return random -> {
        Body body = bodies.next(random);
        Auth proof = auth.next(random);
        String type = contentType.next(random);
        return body.tree() == null ? Request.raw(endpoint, body.label(), body.raw(), type, proof)
            : Request.rendered(endpoint, body.label(), body.tree(), List.of(), body.text(), type, proof);
      };
    });
  }

  private static Gen<Request> badCredentialsOrContentType() {
    return oneOf(Endpoint.values()).flatMap(endpoint -> {
      Gen<JsonNode> payload = payload(endpoint);
      Gen<List<Mutation>> mutations = mutation().list(0, 1);
      Gen<Auth> auths = oneOf(Auth.values());
      Gen<String> jsonTypes = oneOf(JSON_CONTENT_TYPES);
      Gen<String> otherTypes = oneOf(OTHER_CONTENT_TYPES).orNull(0.1);
      Gen<Integer> broken = ints(0, 2);
      return random -> {
        JsonNode tree = payload.next(random);
        List<Mutation> changes = mutations.next(random);
        Auth auth = auths.next(random);
        String jsonType = jsonTypes.next(random);
        String otherType = otherTypes.next(random);
        int what = broken.next(random);
        // 0: bad credentials; 1: not JSON; 2: both
        Auth used = what == 1 ? validAuth(endpoint, auth)
            : auth.valid || !auth.appliesTo(endpoint) ? Auth.NONE : auth;
        String contentType = what == 0 ? jsonType : otherType;
        return Request.rendered(endpoint, what == 1 ? "not JSON" : what == 0 ? "bad credentials" : "both",
            tree, changes, Request.UNCHANGED, contentType, used);
      };
    });
  }

  /** Poisons that fit in a JSON text field's place: escapes of no storable character, non-strings. */
  private static final List<String> POISONS = List.of("\"\\ud800\"", "\"abc\\udc00\"", "\"\\udfff\\ud800x\"",
      "\"a\\u0000b\"", "\"\\u0000\"", "1e6", "-0.0", "true", "12345678901234567890");

  private static Gen<Request> poisonedPayloads() {
    return oneOf(Endpoint.values()).flatMap(endpoint -> {
      Gen<JsonNode> payload = payload(endpoint);
      Gen<Integer> choice = ints(0, Integer.MAX_VALUE);
      Gen<Integer> numbers = ints(1_000, 200_000);
      return random -> {
        JsonNode tree = payload.next(random).deepCopy();
        List<Slot> texts = slots(tree).stream().filter(slot -> slot.node().isTextual() && slot.parent() != null)
            .toList();
        boolean expanding = random.nextInt(3) == 0 || texts.isEmpty();
        String label;
        if (expanding) {
          // a run of numbers that grows when written again, in a field the schema leaves free
          JsonNode where = tree.has("alerts") && tree.get("alerts").size() > 0 ? tree.get("alerts").get(0) : tree;
          if (where.isObject()) {
            ((ObjectNode) where).set("evidence", placeholder("EXPANDING", numbers.next(random)));
          }
          label = "expanding numbers";
        } else {
          Slot slot = texts.get(Math.floorMod(choice.next(random), texts.size()));
          JsonNode poison = placeholder("POISON", Math.floorMod(choice.next(random), POISONS.size()));
          if (slot.parent() instanceof ObjectNode object) {
            object.set(slot.name(), poison);
          } else if (slot.parent() instanceof ArrayNode array) {
            array.set(slot.index(), poison);
          }
          label = "poisoned " + (slot.name() == null ? "item" : slot.name());
        }
        return Request.rendered(endpoint, label, tree, "application/json", Auth.VALID);
      };
    });
  }

  /** Mostly the vendor's own endpoint, sometimes another one. */
  private static Gen<Endpoint> targetOf(Endpoint endpoint) {
    return frequency(weight(9, constant(endpoint)), weight(1, oneOf(Endpoint.values())));
  }

  private static Gen<Auth> validAuth(Endpoint endpoint) {
    return frequency(weight(6, constant(Auth.VALID)), weight(1, oneOf(Arrays.stream(Auth.values())
        .filter(auth -> auth.valid && auth.appliesTo(endpoint)).toList())));
  }

  /** The generated valid variant if it fits the endpoint, else plain VALID. */
  private static Auth validAuth(Endpoint endpoint, Auth auth) {
    return auth.valid && auth.appliesTo(endpoint) ? auth : Auth.VALID;
  }

  // ---- valid payloads of each vendor

  private static Gen<JsonNode> payload(Endpoint endpoint) {
    return switch (endpoint) {
      case FORTA -> forta();
      case ALERTMANAGER -> alertmanager();
      case GENERIC -> generic();
      case MONITOR -> anyOf(monitorTemplate(), monitorRaw());
    };
  }

  private static Gen<JsonNode> forta() {
    Gen<String> text = text();
    Gen<Long> blocks = longs(0, 30_000_000);
    Gen<JsonNode> source = random -> {
      String transaction = text.next(random);
      String bot = text.next(random);
      boolean agent = random.nextBoolean();
      long block = blocks.next(random);
      ObjectNode node = NODES.objectNode().put("transactionHash", transaction);
      node.set(agent ? "agent" : "bot", NODES.objectNode().put("id", bot));
      node.set("block", NODES.objectNode().put("number", block).put("hash", "0xblock")
          .put("timestamp", "2026-11-22T08:59:59Z").put("chainId", 1));
      return node;
    };
    Gen<String> severity = severity();
    Gen<String> findingType = findingType().orNull(0.3);
    Gen<String> description = text.orNull(0.3);
    Gen<String> protocol = text.orNull(0.5);
    Gen<JsonNode> addresses = addresses();
    Gen<JsonNode> sources = source.orNull(0.2);
    Gen<JsonNode> alert = random -> {
      String alertId = text.next(random);
      ObjectNode node = NODES.objectNode()
          .put("hash", "0x" + Integer.toHexString(alertId.hashCode()))
          .put("createdAt", "2026-11-22T09:00:00.000Z")
          .put("alertId", alertId).put("name", text.next(random)).put("severity", severity.next(random));
      putIfPresent(node, "findingType", findingType.next(random));
      putIfPresent(node, "description", description.next(random));
      putIfPresent(node, "protocol", protocol.next(random));
      setIfPresent(node, "addresses", addresses.next(random));
      setIfPresent(node, "source", sources.next(random));
      node.set("metadata", NODES.objectNode().put("amount", "1200"));
      return node;
    };
    return alert.list(1, 4).map(alerts -> {
      ObjectNode root = NODES.objectNode();
      root.putArray("alerts").addAll(alerts);
      return root;
    });
  }

  private static Gen<JsonNode> alertmanager() {
    Gen<String> status = frequency(weight(4, constant("firing")), weight(1, constant("resolved")));
    Gen<String> text = text();
    Gen<String> sometimes = text.orNull(0.3);
    Gen<String> often = text.orNull(0.5);
    Gen<String> severity = oneOf("critical", "page", "high", "error", "warning", "medium", "low", "info", "none",
        "sev-x").orNull(0.2);
    Gen<Map<String, String>> extraLabels = maps(strings(ALPHA, 1, 8), text, 3);
    Gen<JsonNode> alert = random -> {
      ObjectNode node = NODES.objectNode().put("status", status.next(random));
      ObjectNode labels = node.putObject("labels");
      extraLabels.next(random).forEach(labels::put);
      labels.put("alertname", text.next(random));
      putIfPresent(labels, "instance", sometimes.next(random));
      putIfPresent(labels, "severity", severity.next(random));
      ObjectNode annotations = node.putObject("annotations");
      putIfPresent(annotations, "summary", sometimes.next(random));
      putIfPresent(annotations, "description", often.next(random));
      node.put("startsAt", "2026-11-22T09:00:00Z").put("endsAt", "0001-01-01T00:00:00Z")
          .put("generatorURL", "http://prometheus:9090/graph");
      putIfPresent(node, "fingerprint", sometimes.next(random));
      return node;
    };
    return alert.list(1, 4).map(alerts -> {
      ObjectNode root = NODES.objectNode().put("version", "4").put("groupKey", "{}:{}").put("truncatedAlerts", 0)
          .put("status", "firing").put("receiver", "irflow").put("externalURL", "http://alertmanager:9093");
      root.putObject("groupLabels");
      root.putObject("commonLabels");
      root.putObject("commonAnnotations");
      root.putArray("alerts").addAll(alerts);
      return root;
    });
  }

  private static Gen<JsonNode> generic() {
    Gen<String> text = text();
    Gen<String> sometimes = text.orNull(0.3);
    Gen<String> severity = severity();
    Gen<JsonNode> affected = anyOf(addresses(), text.map(NODES::textNode));
    Gen<String> findingType = findingType().orNull(0.4);
    Gen<Boolean> fundsAtRisk = booleans().orNull(0.4);
    return random -> {
      ObjectNode node = NODES.objectNode().put("source", text.next(random)).put("severity", severity.next(random))
          .put("title", text.next(random));
      putIfPresent(node, "description", sometimes.next(random));
      putIfPresent(node, "fingerprint", sometimes.next(random));
      setIfPresent(node, "affected", affected.next(random));
      putIfPresent(node, "findingType", findingType.next(random));
      Boolean funds = fundsAtRisk.next(random);
      if (funds != null) {
        node.put("fundsAtRisk", funds);
      }
      // the correlation keys a generic source may give: its detector rule and the chain
      putIfPresent(node, "rule", sometimes.next(random));
      if (random.nextBoolean()) {
        node.put("chainId", random.nextInt(4) == 0 ? -random.nextInt(10) : 1 + random.nextInt(100_000));
      }
      return node;
    };
  }

  private static Gen<JsonNode> monitorTemplate() {
    Gen<String> text = text();
    return random -> NODES.objectNode().put("title", text.next(random)).put("body", text.next(random));
  }

  private static Gen<JsonNode> monitorRaw() {
    Gen<String> text = text();
    Gen<String> often = text.orNull(0.5);
    Gen<JsonNode> condition = random -> NODES.objectNode().put("signature", text.next(random))
        .put("expression", often.next(random));
    Gen<String> to = hexAddress().orNull(0.3);
    Gen<String> network = text.orNull(0.3);
    Gen<List<String>> contracts = hexAddress().list(0, 3);
    Gen<List<JsonNode>> conditions = condition.list(0, 3);
    return random -> {
      ObjectNode evm = NODES.objectNode();
      ObjectNode monitor = evm.putObject("monitor").put("name", text.next(random));
      monitor.putArray("networks").add("ethereum_mainnet");
      ArrayNode addresses = monitor.putArray("addresses");
      String hash = text.next(random);
      String toAddress = to.next(random);
      String slug = network.next(random);
      contracts.next(random).forEach(address -> addresses.addObject().put("address", address).putNull("contract_spec"));
      evm.putObject("transaction").put("hash", hash).put("from", "0x1111111111111111111111111111111111111111")
          .put("to", toAddress).put("value", "0x0");
      evm.putObject("receipt").put("status", "0x1");
      evm.putArray("logs");
      putIfPresent(evm, "network_slug", slug);
      ObjectNode matched = evm.putObject("matched_on");
      matched.putArray("functions");
      matched.putArray("events").addAll(conditions.next(random));
      matched.putArray("transactions");
      ObjectNode root = NODES.objectNode();
      root.set("EVM", evm);
      return root;
    };
  }

  private static void putIfPresent(ObjectNode node, String name, String value) {
    if (value != null) {
      node.put(name, value);
    }
  }

  private static void setIfPresent(ObjectNode node, String name, JsonNode value) {
    if (value != null) {
      node.set(name, value);
    }
  }

  private static Gen<String> severity() {
    return frequency(
        weight(8, oneOf("UNKNOWN", "INFO", "LOW", "MEDIUM", "HIGH", "CRITICAL")),
        weight(2, oneOf("critical", " High ", "mEdIuM", "info")),
        weight(1, oneOf("SEVERE", "", " ", "HIGHEST", "SEV1", "crítical", "CRITICAL\u0000")));
  }

  private static Gen<String> findingType() {
    return frequency(
        // the names Forta's webhook and API send (protobuf), and the SDKs' names
        weight(8, oneOf("UNKNOWN_TYPE", "EXPLOIT", "SUSPICIOUS", "DEGRADED", "INFORMATION", "SCAM", "UNKNOWN", "INFO")),
        weight(1, oneOf("exploit", " Scam ")),
        weight(1, oneOf("HACK", "", "EXPLOITS", "0")));
  }

  private static Gen<String> hexAddress() {
    return strings("0123456789abcdef", 40, 40).map(hex -> "0x" + hex);
  }

  private static Gen<JsonNode> addresses() {
    return frequency(
        weight(3, hexAddress().list(0, 3).map(list -> {
          ArrayNode array = NODES.arrayNode();
          list.forEach(array::add);
          return array;
        })),
        weight(1, hexAddress().map(NODES::textNode)),
        weight(1, constant(null)));
  }

  private static final String ALPHA = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
  private static final String PLAIN = ALPHA + "0123456789 -_.:/";
  private static final String AWKWARD = "\u0000\u0001\u001f\t\n\r\"\\/<>&'é€\u2028\u2029\uFEFF\u00a0";
  /** The characters of Character.isWhitespace. */
  private static final String WHITESPACE = " \t\n\u000B\f\r\u001C\u001D\u001E\u001F\u1680\u2000\u2001\u2002"
      + "\u2003\u2004\u2005\u2006\u2008\u2009\u200A\u2028\u2029\u205F\u3000";

  /** Text as monitoring sources send it, and as they should not: control characters, NUL, huge. */
  private static Gen<String> text() {
    return frequency(
        weight(12, strings(PLAIN, 1, 24)),
        weight(3, strings(anyChar(PLACEHOLDER), 0, 40)),
        weight(2, strings(AWKWARD, 1, 12)),
        weight(1, huge(301, 40_000)),
        weight(1, strings(WHITESPACE, 0, 5)));
  }

  private static Gen<String> huge(int min, int max) {
    Gen<Character> chars = oneOf('x', 'é', '"', '\u0000', ' ');
    Gen<Integer> lengths = ints(min, max);
    return random -> "A" + String.valueOf(chars.next(random)).repeat(lengths.next(random));
  }

  // ---- random JSON

  private static final List<String> KNOWN_KEYS = List.of("alerts", "alertId", "name", "severity", "findingType",
      "description", "protocol", "addresses", "source", "bot", "agent", "id", "transactionHash", "metadata",
      "version", "status", "labels", "alertname", "instance", "annotations", "summary", "fingerprint", "title",
      "body", "EVM", "monitor", "transaction", "hash", "to", "network_slug", "matched_on", "events", "signature",
      "expression", "affected", "fundsAtRisk", "rule", "chainId");

  private static Gen<String> key() {
    return frequency(weight(3, oneOf(KNOWN_KEYS)), weight(1, text()));
  }

  private static Gen<JsonNode> scalar() {
    return frequency(
        weight(1, constant(NODES.nullNode())),
        weight(1, booleans().map(NODES::booleanNode)),
        weight(2, anyLong().map(NODES::numberNode)),
        weight(1, anyDouble().map(NODES::numberNode)),
        weight(1, ints(20, 200).map(digits -> NODES.numberNode(new BigInteger("9".repeat(digits))))),
        weight(5, text().map(NODES::textNode)),
        weight(2, oneOf("CRITICAL", "HIGH", "MEDIUM", "LOW", "INFO", "UNKNOWN", "EXPLOIT", "firing", "resolved", "4")
            .map(NODES::textNode)),
        weight(1, ints(0, RAW.size() - 1).map(i -> placeholder("RAW", i))));
  }

  /** Any JSON, nested 0 to 4 levels deep (each level a value, an array or an object of the one below). */
  private static Gen<JsonNode> anyJson(boolean objectAtRoot) {
    List<Gen<JsonNode>> byDepth = new ArrayList<>();
    byDepth.add(scalar());
    for (int depth = 1; depth <= 4; depth++) {
      Gen<JsonNode> inner = byDepth.get(depth - 1);
      byDepth.add(frequency(weight(1, inner), weight(1, arrayOf(inner)), weight(2, objectOf(inner))));
    }
    Gen<JsonNode> any = random -> byDepth.get(random.nextInt(byDepth.size())).next(random);
    return objectAtRoot ? objectOf(any) : any;
  }

  private static Gen<JsonNode> arrayOf(Gen<JsonNode> items) {
    return items.list(0, 4).map(list -> {
      ArrayNode array = NODES.arrayNode();
      list.forEach(item -> array.add(item.deepCopy()));
      return array;
    });
  }

  private static Gen<JsonNode> objectOf(Gen<JsonNode> values) {
    return maps(key(), values, 5).map(map -> {
      ObjectNode object = NODES.objectNode();
      map.forEach((name, value) -> object.set(name, value.deepCopy()));
      return object;
    });
  }

  // ---- mutations of the tree

  enum Op { REMOVE, REPLACE_RANDOM, UNKNOWN_ENUM, HUGE_STRING, TOO_LARGE_BODY, DEEP_NESTING, ADD_FIELD, EMPTY,
    RAW, NULL }

  /** One change at the node chosen by {@code target} (modulo the number of nodes, in document order). */
  record Mutation(Op op, int target, JsonNode value, String text, int number) {

    JsonNode applyTo(JsonNode root) {
      List<Slot> slots = slots(root);
      Slot slot = slots.get(Math.floorMod(target, slots.size()));
      JsonNode replacement = switch (op) {
        case REMOVE -> null;
        case REPLACE_RANDOM -> value.deepCopy();
        case UNKNOWN_ENUM -> NODES.textNode(text);
        case HUGE_STRING -> NODES.textNode("H" + "h".repeat(200 + number * 11));
        case TOO_LARGE_BODY -> NODES.textNode("L".repeat(1024 * 1024 + number % 50_000));
        case DEEP_NESTING -> placeholder(number % 2 == 0 ? "DEEP_ARRAY" : "DEEP_OBJECT",
            DEPTHS.get(Math.floorMod(number, DEPTHS.size())));
        case RAW -> placeholder("RAW", Math.floorMod(number, RAW.size()));
        case NULL -> NODES.nullNode();
        case EMPTY -> slot.node().isObject() ? NODES.objectNode() : slot.node().isArray() ? NODES.arrayNode()
            : NODES.textNode("");
        case ADD_FIELD -> {
          if (slot.node() instanceof ObjectNode object) {
            object.set(text, value.deepCopy());
          } else if (slot.node() instanceof ArrayNode array) {
            array.add(value.deepCopy());
          }
          yield slot.node();
        }
      };
      if (slot.parent() == null) {
        return replacement == null ? root : replacement;
      }
      if (slot.parent() instanceof ObjectNode object) {
        if (replacement == null) {
          object.remove(slot.name());
        } else {
          object.set(slot.name(), replacement);
        }
      } else if (slot.parent() instanceof ArrayNode array) {
        if (replacement == null) {
          array.remove(slot.index());
        } else {
          array.set(slot.index(), replacement);
        }
      }
      return root;
    }
  }

  record Slot(JsonNode parent, String name, int index, JsonNode node) {}

  /** Every node of the tree with where it sits, in document order (the root first). */
  static List<Slot> slots(JsonNode root) {
    List<Slot> slots = new ArrayList<>();
    collect(null, null, -1, root, slots);
    return slots;
  }

  private static void collect(JsonNode parent, String name, int index, JsonNode node, List<Slot> slots) {
    slots.add(new Slot(parent, name, index, node));
    if (node.isObject()) {
      List<String> names = new ArrayList<>();
      node.fieldNames().forEachRemaining(names::add);
      names.forEach(child -> collect(node, child, -1, node.get(child), slots));
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        collect(node, null, i, node.get(i), slots);
      }
    }
  }

  /** Mostly one to three changes; unchanged payloads keep the accepted path busy too. */
  private static Gen<List<Mutation>> mutations() {
    return frequency(weight(1, constant(List.of())), weight(4, mutation().list(1, 3)));
  }

  private static Gen<Mutation> mutation() {
    Gen<Op> op = frequency(weight(6, constant(Op.REMOVE)), weight(6, constant(Op.REPLACE_RANDOM)),
        weight(4, constant(Op.UNKNOWN_ENUM)), weight(4, constant(Op.HUGE_STRING)), weight(1, constant(Op.TOO_LARGE_BODY)),
        weight(4, constant(Op.DEEP_NESTING)), weight(4, constant(Op.ADD_FIELD)), weight(2, constant(Op.EMPTY)),
        weight(4, constant(Op.RAW)), weight(2, constant(Op.NULL)));
    Gen<Integer> target = ints(0, 1000);
    Gen<JsonNode> value = anyJson(false);
    Gen<String> key = key();
    Gen<Integer> number = ints(0, 4000);
    return random -> new Mutation(op.next(random), target.next(random), value.next(random), key.next(random),
        number.next(random));
  }

  // ---- mutations of the bytes

  enum TextOp { NONE, TRUNCATE, FLIP_BYTE, INSERT, DELETE, TRAILING, DUPLICATE_KEY, UTF16, UTF8_BOM, INVALID_UTF8 }

  record TextMutation(TextOp op, int position, int length) {

    byte[] applyTo(String json) {
      byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
      int at = bytes.length == 0 ? 0 : Math.floorMod(position, bytes.length);
      return switch (op) {
        case NONE -> bytes;
        case TRUNCATE -> java.util.Arrays.copyOf(bytes, at);
        case FLIP_BYTE -> {
          byte[] copy = bytes.clone();
          if (copy.length > 0) {
            copy[at] = (byte) (copy[at] ^ (1 << (length % 8)));
          }
          yield copy;
        }
        case INSERT -> splice(bytes, at, 0, INSERTS.get(Math.floorMod(length, INSERTS.size())));
        case DELETE -> splice(bytes, at, Math.min(1 + length % 16, bytes.length - at), "");
        case TRAILING -> splice(bytes, bytes.length, 0, INSERTS.get(Math.floorMod(length, INSERTS.size())));
        case DUPLICATE_KEY -> json.startsWith("{")
            ? ("{" + KNOWN_KEYS.stream().filter(json::contains).findFirst()
                .map(name -> "\"" + name + "\":1,").orElse("\"a\":1,\"a\":2,") + json.substring(1))
                .getBytes(StandardCharsets.UTF_8)
            : bytes;
        case UTF16 -> json.getBytes(length % 2 == 0 ? StandardCharsets.UTF_16 : StandardCharsets.UTF_16LE);
        case UTF8_BOM -> splice(bytes, 0, 0, "\uFEFF");
        case INVALID_UTF8 -> {
          byte[] copy = new byte[bytes.length + 2];
          System.arraycopy(bytes, 0, copy, 0, at);
          copy[at] = (byte) 0xC3;
          copy[at + 1] = (byte) (length % 2 == 0 ? 0x28 : 0xFF);
          System.arraycopy(bytes, at, copy, at + 2, bytes.length - at);
          yield copy;
        }
      };
    }

    private static byte[] splice(byte[] bytes, int at, int remove, String insert) {
      byte[] inserted = insert.getBytes(StandardCharsets.UTF_8);
      byte[] copy = new byte[bytes.length - remove + inserted.length];
      System.arraycopy(bytes, 0, copy, 0, at);
      System.arraycopy(inserted, 0, copy, at, inserted.length);
      System.arraycopy(bytes, at + remove, copy, at + inserted.length, bytes.length - at - remove);
      return copy;
    }
  }

  private static final List<String> INSERTS = List.of("{", "}", "[", "]", ",", ":", "\"", "\\", "x", " ", "\u0000",
      "null", "\n", "\"\\ud800\"", "/*", "]]]]", "{\"a\":", "é", "😀");

  private static Gen<TextMutation> textMutation() {
    Gen<TextOp> op = frequency(weight(12, constant(TextOp.NONE)), weight(2, constant(TextOp.TRUNCATE)),
        weight(1, constant(TextOp.FLIP_BYTE)), weight(1, constant(TextOp.INSERT)), weight(1, constant(TextOp.DELETE)),
        weight(1, constant(TextOp.TRAILING)), weight(1, constant(TextOp.DUPLICATE_KEY)), weight(1, constant(TextOp.UTF16)),
        weight(1, constant(TextOp.UTF8_BOM)), weight(1, constant(TextOp.INVALID_UTF8)));
    Gen<Integer> position = ints(0, Integer.MAX_VALUE);
    Gen<Integer> length = ints(0, 1000);
    return random -> new TextMutation(op.next(random), position.next(random), length.next(random));
  }

  // ---- rendering: Jackson writes the tree, placeholders become JSON that Jackson would not write

  private static final char PLACEHOLDER = '\uE000';
  private static final Pattern PLACEHOLDERS = Pattern.compile("\"" + PLACEHOLDER + "(\\w+):(\\d+)" + PLACEHOLDER + "\"");
  private static final List<Integer> DEPTHS = List.of(2, 20, 200, 999, 1001, 3000, 50_000);

  /** JSON texts that a tree cannot hold: bad and extreme numbers, escapes, lone surrogates, syntax. */
  private static final List<String> RAW = List.of(
      "0", "-0", "-1", "1.5e3", "1e400", "-1e-400", "123456789012345678901234567890", "9".repeat(1001),
      "0." + "1".repeat(1200), "01", "NaN", "Infinity", "+1", ".5", "1_000", "0x10",
      "\"\\u0000\"", "\"a\\u0000b\"", "\"\\ud800\"", "\"\\udc00x\\ud800\"", "\"\\ud83d\\ude00\"", "\"\\u00\"",
      "\"\\x41\"", "\"tab\there\"", "\"\\/\\b\\f\\n\\r\\t\"", "'single'", "/* comment */ 1", "[,]",
      "{\"a\":}", "{\"a\" 1}", "[1,]", "{\"" + "k".repeat(60_000) + "\": 1}", "true", "null", "[]", "{}",
      "\"" + "\\u00e9".repeat(500) + "\"");

  private static JsonNode placeholder(String kind, int argument) {
    return NODES.textNode(PLACEHOLDER + kind + ":" + argument + PLACEHOLDER);
  }

  private static byte[] render(JsonNode tree, List<Mutation> mutations, TextMutation textMutation) {
    JsonNode root = tree.deepCopy();
    for (Mutation mutation : mutations) {
      root = mutation.applyTo(root);
    }
    String json;
    try {
      json = JSON.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    Matcher matcher = PLACEHOLDERS.matcher(json);
    StringBuilder expanded = new StringBuilder();
    while (matcher.find()) {
      int argument = Integer.parseInt(matcher.group(2));
      String replacement = switch (matcher.group(1)) {
        case "DEEP_ARRAY" -> "[".repeat(argument) + "1" + "]".repeat(argument);
        case "DEEP_OBJECT" -> "{\"a\":".repeat(argument) + "1" + "}".repeat(argument);
        case "EXPANDING" -> "[" + String.join(",", java.util.Collections.nCopies(argument, "1e6")) + "]";
        case "POISON" -> POISONS.get(argument);
        default -> RAW.get(argument);
      };
      matcher.appendReplacement(expanded, Matcher.quoteReplacement(replacement));
    }
    matcher.appendTail(expanded);
    return textMutation.applyTo(expanded.toString());
  }
}
