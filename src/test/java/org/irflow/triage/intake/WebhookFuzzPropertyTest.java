package org.irflow.triage.intake;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.irflow.IrflowApplication;
import org.irflow.process.ProcessKeys;
import org.irflow.support.WebhookClient;
import org.irflow.support.WebhookClient.Answer;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Property-based fuzzing of the four monitoring webhooks on the running application (real HTTP on
 * loopback, PostgreSQL, the job executor on). jqwik generates valid payloads of each vendor shape and
 * mutates them (fields removed, wrong types, unknown enum values, huge strings, deep nesting, bad
 * numbers and escapes, truncated or flipped bytes, other encodings), random JSON and random bytes,
 * and every kind of wrong or missing signature, token and content type. For every request:
 *
 * <ul>
 *   <li>the answer is never a 5xx, only a 2xx or a 4xx;</li>
 *   <li>a 4xx (a 429 included: not acknowledged) stores no security_event row and starts no triage;
 *       a refusal of the intake itself is the JSON error {status, message};</li>
 *   <li>a 2xx stores exactly the events it answers, each with its fingerprint and source;</li>
 *   <li>after each property, every triage process belongs to one stored event and every stored
 *       event has its one triage (waiting a little for a dispatcher that starts them later).</li>
 * </ul>
 *
 * <p>jqwik is its own JUnit Platform engine, outside Spring's JUnit 5 extension: this class starts
 * the application itself, once, on its own embedded PostgreSQL and a free port.
 */
class WebhookFuzzPropertyTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private static EmbeddedPostgres postgres;
  private static ConfigurableApplicationContext application;
  private static WebhookClient client;
  private static JdbcTemplate jdbc;
  private static HistoryService history;

  @BeforeContainer
  static void startApplication() throws IOException {
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

  @AfterContainer
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
  @Property(tries = 1000, edgeCases = EdgeCasesMode.NONE)
  void mutatedVendorPayloadsAreStoredExactlyAsAnsweredOrRefusedWithNothingKept(
      @ForAll("mutatedPayloads") Fuzz fuzz) {
    check(fuzz, true);
  }

  /** Random JSON of any shape and random bytes, correctly authenticated, to any endpoint. */
  @Property(tries = 500)
  void randomBodiesAreNeverA5xx(@ForAll("randomBodies") Fuzz fuzz) {
    check(fuzz, true);
  }

  /** A wrong or missing signature, token or timestamp, or a content type that is not JSON: never kept. */
  @Property(tries = 500)
  void badAuthenticationOrContentTypeIsAlwaysRefused(@ForAll("badCredentialsOrContentType") Fuzz fuzz) {
    check(fuzz, false);
  }

  /**
   * After each property: every triage started belongs to a stored event, no event has two, and every
   * stored event has its triage (a dispatcher that starts them after the answer gets some seconds).
   */
  @AfterProperty
  void everyTriageBelongsToExactlyOneStoredEvent() throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    Counts counts = counts();
    while (counts.triages() < counts.events() && System.nanoTime() < deadline) {
      Thread.sleep(200);
      counts = counts();
    }
    assertThat(counts.triages()).as("triages started for the %d stored events", counts.events())
        .isEqualTo(counts.events());
    List<Long> triagedEvents = new ArrayList<>();
    for (HistoricVariableInstance variable : history.createHistoricVariableInstanceQuery()
        .variableName("eventId").list()) {
      if (ProcessKeys.INCIDENT_TRIAGE.equals(variable.getProcessDefinitionKey())) {
        assertThat(variable.getValue()).as("eventId of triage %s", variable.getProcessInstanceId())
            .isInstanceOf(Number.class);
        triagedEvents.add(((Number) variable.getValue()).longValue());
      }
    }
    assertThat(triagedEvents).as("one eventId per triage").hasSize((int) counts.triages())
        .doesNotHaveDuplicates();
    Set<Long> stored = new HashSet<>(jdbc.queryForList("select id from security_event", Long.class));
    assertThat(stored).containsAll(triagedEvents);
  }

  // ---- one request and its checks

  private static void check(Fuzz fuzz, boolean mayBeAcknowledged) {
    Counts before = counts();
    Answer answer = client.send(fuzz.endpoint().path, fuzz.body(), fuzz.contentType(),
        fuzz.auth().headers(fuzz.endpoint(), fuzz.body()));
    Statistics.label("status").collect(answer.status());
    Statistics.label("shape").collect(fuzz.shape());

    assertThat(answer.status()).as("status for %s: %s", fuzz, answer.text()).isLessThan(500);
    if (answer.acknowledged()) {
      assertThat(mayBeAcknowledged).as("acknowledged %s: %s", fuzz, answer.text()).isTrue();
      assertStoredAsAnswered(fuzz, answer, before);
    } else {
      assertThat(answer.status()).as("status for %s: %s", fuzz, answer.text()).isBetween(400, 499);
      assertNothingKept(fuzz, answer, before);
    }
  }

  private static void assertStoredAsAnswered(Fuzz fuzz, Answer answer, Counts before) {
    JsonNode body = answer.body();
    assertThat(body).as("answer to %s", fuzz).isNotNull();
    JsonNode ids = body.path("eventIds");
    JsonNode events = body.path("events");
    assertThat(ids.isArray()).as("eventIds in %s", answer.text()).isTrue();
    assertThat(events.size()).as("events in %s", answer.text()).isEqualTo(ids.size());
    Set<Long> fresh = new HashSet<>();
    for (int i = 0; i < events.size(); i++) {
      JsonNode outcome = events.get(i);
      long id = outcome.path("eventId").asLong();
      assertThat(ids.get(i).asLong()).isEqualTo(id);
      List<Map<String, Object>> rows = jdbc.queryForList(
          "select source, fingerprint from security_event where id = ?", id);
      assertThat(rows).as("row of acknowledged event %d (%s)", id, fuzz).hasSize(1);
      assertThat(rows.get(0).get("fingerprint")).isEqualTo(outcome.path("fingerprint").asText());
      assertThat(rows.get(0).get("source")).isEqualTo(fuzz.endpoint().source);
      if (!outcome.path("duplicate").asBoolean()) {
        fresh.add(id);
      }
    }
    assertThat(counts().events() - before.events()).as("new rows for %s: %s", fuzz, answer.text())
        .isEqualTo(fresh.size());
  }

  private static void assertNothingKept(Fuzz fuzz, Answer answer, Counts before) {
    Counts after = counts();
    assertThat(after.events()).as("rows after %d to %s", answer.status(), fuzz).isEqualTo(before.events());
    // a triage may still start for an event stored before (a dispatcher behind), none for this request
    assertThat(after.triages()).as("triages after %d to %s", answer.status(), fuzz)
        .isLessThanOrEqualTo(before.events());
    if (answer.status() != 429) {
      assertThat(answer.body() != null && answer.body().isObject()).as("JSON error for %s: %s", fuzz, answer.text()).isTrue();
      assertThat(answer.body().path("status").asInt()).as(answer.text()).isEqualTo(answer.status());
      assertThat(answer.body().path("message").asText()).as(answer.text()).isNotBlank();
    }
  }

  record Counts(long events, long triages) {}

  /** Triages first: events only change by this test's requests, triages may also grow by a dispatcher. */
  private static Counts counts() {
    long triages = history.createHistoricProcessInstanceQuery()
        .processDefinitionKey(ProcessKeys.INCIDENT_TRIAGE).count();
    Long events = jdbc.queryForObject("select count(*) from security_event", Long.class);
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
    SIGNATURE_INSTEAD_OF_TOKEN(false, false, true);

    final boolean valid;
    final boolean forSigned;
    final boolean forBearer;

    Auth(boolean valid, boolean forSigned, boolean forBearer) {
      this.valid = valid;
      this.forSigned = forSigned;
      this.forBearer = forBearer;
    }

    boolean appliesTo(Endpoint endpoint) {
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

  /** One request: the endpoint, what the body is (for the statistics), the bytes, Content-Type, auth. */
  record Fuzz(Endpoint endpoint, String shape, byte[] body, String contentType, Auth auth) {
    @Override
    public String toString() {
      String text = new String(body, StandardCharsets.UTF_8);
      String preview = text.length() <= 400 ? text : text.substring(0, 300) + "…(" + body.length + " bytes)…"
          + text.substring(text.length() - 80);
      return endpoint + " [" + shape + "] auth=" + auth + " Content-Type=" + contentType + " body=" + preview;
    }
  }

  private static final List<String> JSON_CONTENT_TYPES = List.of(
      "application/json", "application/json; charset=utf-8", "application/json;charset=UTF-8", "Application/JSON");

  private static final List<String> OTHER_CONTENT_TYPES = List.of(
      "text/plain", "text/json", "application/xml", "application/x-www-form-urlencoded",
      "multipart/form-data; boundary=fuzz", "application/problem+json", "application/*", "*/*",
      "json", "application/", "application/json; charset=no-such-charset", ";", "");

  @Provide
  Arbitrary<Fuzz> mutatedPayloads() {
    return Arbitraries.of(Endpoint.values()).flatMap(endpoint -> Combinators.combine(
            payload(endpoint), mutations(), textMutation(), validAuth(endpoint),
            Arbitraries.of(JSON_CONTENT_TYPES), targetOf(endpoint))
        .as((tree, mutations, text, auth, contentType, target) -> new Fuzz(target,
            endpoint.name().toLowerCase(Locale.ROOT)
                + (mutations.isEmpty() && text.op() == TextOp.NONE ? "" : " mutated")
                + (target == endpoint ? "" : " to " + target.name().toLowerCase(Locale.ROOT)),
            render(tree, mutations, text), contentType, validAuth(target, auth))));
  }

  @Provide
  Arbitrary<Fuzz> randomBodies() {
    Arbitrary<Tuple.Tuple2<String, byte[]>> bodies = Arbitraries.frequencyOf(
        Tuple.of(5, anyJson(true).map(node -> Tuple.of("random JSON object",
            render(node, List.of(), new TextMutation(TextOp.NONE, 0, 0))))),
        Tuple.of(2, anyJson(false).map(node -> Tuple.of("random JSON",
            render(node, List.of(), new TextMutation(TextOp.NONE, 0, 0))))),
        Tuple.of(1, Combinators.combine(anyJson(true), textMutation()).as((node, text) -> Tuple.of(
            "random JSON mutated", render(node, List.of(), text)))),
        Tuple.of(1, Arbitraries.bytes().array(byte[].class).ofMaxSize(300).map(bytes -> Tuple.of("bytes", bytes))),
        Tuple.of(1, Arbitraries.strings().all().ofMaxLength(300)
            .map(text -> Tuple.of("text", text.getBytes(StandardCharsets.UTF_8)))));
    return Arbitraries.of(Endpoint.values()).flatMap(endpoint -> Combinators.combine(
            bodies, validAuth(endpoint), Arbitraries.of(JSON_CONTENT_TYPES))
        .as((body, auth, contentType) -> new Fuzz(endpoint, body.get1(), body.get2(), contentType, auth)));
  }

  @Provide
  Arbitrary<Fuzz> badCredentialsOrContentType() {
    return Arbitraries.of(Endpoint.values()).flatMap(endpoint -> Combinators.combine(
            payload(endpoint), mutation().list().ofMaxSize(1), Arbitraries.of(Auth.values()),
            Arbitraries.of(JSON_CONTENT_TYPES), Arbitraries.of(OTHER_CONTENT_TYPES).injectNull(0.1),
            Arbitraries.integers().between(0, 2))
        .as((tree, mutations, auth, jsonType, otherType, broken) -> {
          // 0: bad credentials; 1: not JSON; 2: both
          Auth used = broken == 1 ? validAuth(endpoint, auth)
              : auth.valid || !auth.appliesTo(endpoint) ? Auth.NONE : auth;
          String contentType = broken == 0 ? jsonType : otherType;
          return new Fuzz(endpoint, broken == 1 ? "not JSON" : broken == 0 ? "bad credentials"
              : "both", render(tree, mutations, new TextMutation(TextOp.NONE, 0, 0)), contentType, used);
        }));
  }

  /** Mostly the vendor's own endpoint, sometimes another one. */
  private static Arbitrary<Endpoint> targetOf(Endpoint endpoint) {
    return Arbitraries.frequencyOf(Tuple.of(9, Arbitraries.just(endpoint)),
        Tuple.of(1, Arbitraries.of(Endpoint.values())));
  }

  private static Arbitrary<Auth> validAuth(Endpoint endpoint) {
    return Arbitraries.frequencyOf(Tuple.of(6, Arbitraries.just(Auth.VALID)),
        Tuple.of(1, Arbitraries.of(List.of(Auth.values()).stream()
            .filter(auth -> auth.valid && auth.appliesTo(endpoint)).toList())));
  }

  /** The generated valid variant if it fits the endpoint, else plain VALID. */
  private static Auth validAuth(Endpoint endpoint, Auth auth) {
    return auth.valid && auth.appliesTo(endpoint) ? auth : Auth.VALID;
  }

  // ---- valid payloads of each vendor

  private static Arbitrary<JsonNode> payload(Endpoint endpoint) {
    return switch (endpoint) {
      case FORTA -> forta();
      case ALERTMANAGER -> alertmanager();
      case GENERIC -> generic();
      case MONITOR -> Arbitraries.oneOf(monitorTemplate(), monitorRaw());
    };
  }

  private static Arbitrary<JsonNode> forta() {
    Arbitrary<JsonNode> source = Combinators.combine(text(), text(), Arbitraries.of(true, false),
            Arbitraries.longs().between(0, 30_000_000))
        .as((transaction, bot, agent, block) -> {
          ObjectNode node = NODES.objectNode().put("transactionHash", transaction);
          node.set(agent ? "agent" : "bot", NODES.objectNode().put("id", bot));
          node.set("block", NODES.objectNode().put("number", block).put("hash", "0xblock")
              .put("timestamp", "2026-11-22T08:59:59Z").put("chainId", 1));
          return node;
        });
    Arbitrary<JsonNode> alert = Combinators.combine(text(), text(), severity(), findingType().injectNull(0.3),
            text().injectNull(0.3), text().injectNull(0.5), addresses(), source.injectNull(0.2))
        .as((alertId, name, severity, findingType, description, protocol, addresses, src) -> {
          ObjectNode node = NODES.objectNode()
              .put("hash", "0x" + Integer.toHexString(alertId.hashCode()))
              .put("createdAt", "2026-11-22T09:00:00.000Z")
              .put("alertId", alertId).put("name", name).put("severity", severity);
          putIfPresent(node, "findingType", findingType);
          putIfPresent(node, "description", description);
          putIfPresent(node, "protocol", protocol);
          if (addresses != null) {
            node.set("addresses", addresses);
          }
          if (src != null) {
            node.set("source", src);
          }
          node.set("metadata", NODES.objectNode().put("amount", "1200"));
          return node;
        });
    return alert.list().ofMinSize(1).ofMaxSize(4).map(alerts -> {
      ObjectNode root = NODES.objectNode();
      root.putArray("alerts").addAll(alerts);
      return root;
    });
  }

  private static Arbitrary<JsonNode> alertmanager() {
    Arbitrary<JsonNode> alert = Combinators.combine(
            Arbitraries.frequency(Tuple.of(4, "firing"), Tuple.of(1, "resolved")), text(), text().injectNull(0.3),
            Arbitraries.of("critical", "page", "high", "error", "warning", "medium", "low", "info", "none", "sev-x")
                .injectNull(0.2),
            text().injectNull(0.3), text().injectNull(0.5), text().injectNull(0.3),
            Arbitraries.maps(Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(8), text()).ofMaxSize(3))
        .as((status, alertname, instance, severity, summary, description, fingerprint, extraLabels) -> {
          ObjectNode node = NODES.objectNode().put("status", status);
          ObjectNode labels = node.putObject("labels");
          extraLabels.forEach(labels::put);
          labels.put("alertname", alertname);
          putIfPresent(labels, "instance", instance);
          putIfPresent(labels, "severity", severity);
          ObjectNode annotations = node.putObject("annotations");
          putIfPresent(annotations, "summary", summary);
          putIfPresent(annotations, "description", description);
          node.put("startsAt", "2026-11-22T09:00:00Z").put("endsAt", "0001-01-01T00:00:00Z")
              .put("generatorURL", "http://prometheus:9090/graph");
          putIfPresent(node, "fingerprint", fingerprint);
          return node;
        });
    return alert.list().ofMinSize(1).ofMaxSize(4).map(alerts -> {
      ObjectNode root = NODES.objectNode().put("version", "4").put("groupKey", "{}:{}").put("truncatedAlerts", 0)
          .put("status", "firing").put("receiver", "irflow").put("externalURL", "http://alertmanager:9093");
      root.putObject("groupLabels");
      root.putObject("commonLabels");
      root.putObject("commonAnnotations");
      root.putArray("alerts").addAll(alerts);
      return root;
    });
  }

  private static Arbitrary<JsonNode> generic() {
    return Combinators.combine(text(), severity(), text(), text().injectNull(0.3), text().injectNull(0.3),
            Arbitraries.oneOf(addresses(), text().map(t -> (JsonNode) NODES.textNode(t))),
            findingType().injectNull(0.4), Arbitraries.of(true, false).injectNull(0.4))
        .as((source, severity, title, description, fingerprint, affected, findingType, fundsAtRisk) -> {
          ObjectNode node = NODES.objectNode().put("source", source).put("severity", severity).put("title", title);
          putIfPresent(node, "description", description);
          putIfPresent(node, "fingerprint", fingerprint);
          if (affected != null) {
            node.set("affected", affected);
          }
          putIfPresent(node, "findingType", findingType);
          if (fundsAtRisk != null) {
            node.put("fundsAtRisk", fundsAtRisk);
          }
          return node;
        });
  }

  private static Arbitrary<JsonNode> monitorTemplate() {
    return Combinators.combine(text(), text())
        .as((title, body) -> NODES.objectNode().put("title", title).put("body", body));
  }

  private static Arbitrary<JsonNode> monitorRaw() {
    Arbitrary<JsonNode> condition = Combinators.combine(text(), text().injectNull(0.5))
        .as((signature, expression) -> NODES.objectNode().put("signature", signature).put("expression", expression));
    return Combinators.combine(text(), text(), hexAddress().injectNull(0.3), text().injectNull(0.3),
            hexAddress().list().ofMaxSize(3), condition.list().ofMaxSize(3))
        .as((name, hash, to, network, contracts, conditions) -> {
          ObjectNode evm = NODES.objectNode();
          ObjectNode monitor = evm.putObject("monitor").put("name", name);
          monitor.putArray("networks").add("ethereum_mainnet");
          ArrayNode addresses = monitor.putArray("addresses");
          contracts.forEach(address -> addresses.addObject().put("address", address).putNull("contract_spec"));
          evm.putObject("transaction").put("hash", hash).put("from", "0x1111111111111111111111111111111111111111")
              .put("to", to).put("value", "0x0");
          evm.putObject("receipt").put("status", "0x1");
          evm.putArray("logs");
          putIfPresent(evm, "network_slug", network);
          ObjectNode matched = evm.putObject("matched_on");
          matched.putArray("functions");
          matched.putArray("events").addAll(conditions);
          matched.putArray("transactions");
          ObjectNode root = NODES.objectNode();
          root.set("EVM", evm);
          return root;
        });
  }

  private static void putIfPresent(ObjectNode node, String name, String value) {
    if (value != null) {
      node.put(name, value);
    }
  }

  private static Arbitrary<String> severity() {
    return Arbitraries.frequencyOf(
        Tuple.of(8, Arbitraries.of("UNKNOWN", "INFO", "LOW", "MEDIUM", "HIGH", "CRITICAL")),
        Tuple.of(2, Arbitraries.of("critical", " High ", "mEdIuM", "info")),
        Tuple.of(1, Arbitraries.of("SEVERE", "", " ", "HIGHEST", "SEV1", "crítical", "CRITICAL\u0000")));
  }

  private static Arbitrary<String> findingType() {
    return Arbitraries.frequencyOf(
        Tuple.of(8, Arbitraries.of(FortaAdapter.FINDING_TYPES)),
        Tuple.of(1, Arbitraries.of("exploit", " Scam ")),
        Tuple.of(1, Arbitraries.of("HACK", "", "EXPLOITS", "0")));
  }

  private static Arbitrary<String> hexAddress() {
    return Arbitraries.strings().withChars("0123456789abcdef").ofLength(40).map(hex -> "0x" + hex);
  }

  private static Arbitrary<JsonNode> addresses() {
    return Arbitraries.frequencyOf(
        Tuple.of(3, hexAddress().list().ofMaxSize(3).map(list -> {
          ArrayNode array = NODES.arrayNode();
          list.forEach(array::add);
          return (JsonNode) array;
        })),
        Tuple.of(1, hexAddress().map(address -> (JsonNode) NODES.textNode(address))),
        Tuple.of(1, Arbitraries.just(null)));
  }

  /** Text as monitoring sources send it, and as they should not: control characters, NUL, huge. */
  private static Arbitrary<String> text() {
    return Arbitraries.frequencyOf(
        Tuple.of(12, Arbitraries.strings().alpha().numeric().withChars(" -_.:/").ofMinLength(1).ofMaxLength(24)),
        Tuple.of(3, Arbitraries.strings().all().excludeChars(PLACEHOLDER).ofMaxLength(40)),
        Tuple.of(2, Arbitraries.strings().withChars("\u0000\u0001\u001f\t\n\r\"\\/<>&'é€\u2028\u2029\uFEFF\u00a0")
            .ofMinLength(1).ofMaxLength(12)),
        Tuple.of(1, huge(301, 40_000)),
        Tuple.of(1, Arbitraries.strings().whitespace().ofMaxLength(5)));
  }

  private static Arbitrary<String> huge(int min, int max) {
    return Combinators.combine(Arbitraries.of('x', 'é', '"', '\u0000', ' '), Arbitraries.integers().between(min, max))
        .as((c, length) -> "A" + String.valueOf(c).repeat(length));
  }

  // ---- random JSON

  private static final List<String> KNOWN_KEYS = List.of("alerts", "alertId", "name", "severity", "findingType",
      "description", "protocol", "addresses", "source", "bot", "agent", "id", "transactionHash", "metadata",
      "version", "status", "labels", "alertname", "instance", "annotations", "summary", "fingerprint", "title",
      "body", "EVM", "monitor", "transaction", "hash", "to", "network_slug", "matched_on", "events", "signature",
      "expression", "affected", "fundsAtRisk");

  private static Arbitrary<String> key() {
    return Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.of(KNOWN_KEYS)), Tuple.of(1, text()));
  }

  private static Arbitrary<JsonNode> scalar() {
    return Arbitraries.frequencyOf(
        Tuple.of(1, Arbitraries.just(NODES.nullNode())),
        Tuple.of(1, Arbitraries.of(true, false).map(NODES::booleanNode)),
        Tuple.of(2, Arbitraries.longs().map(NODES::numberNode)),
        Tuple.of(1, Arbitraries.doubles().map(NODES::numberNode)),
        Tuple.of(1, Arbitraries.integers().between(20, 200)
            .map(digits -> NODES.numberNode(new BigInteger("9".repeat(digits))))),
        Tuple.of(5, text().map(NODES::textNode)),
        Tuple.of(2, Arbitraries.of("CRITICAL", "HIGH", "MEDIUM", "LOW", "INFO", "UNKNOWN", "EXPLOIT", "firing",
            "resolved", "4").map(NODES::textNode)),
        Tuple.of(1, Arbitraries.integers().between(0, RAW.size() - 1).map(i -> placeholder("RAW", i))));
  }

  private static Arbitrary<JsonNode> anyJson(boolean objectAtRoot) {
    Arbitrary<JsonNode> any = Arbitraries.recursive(WebhookFuzzPropertyTest::scalar,
        inner -> Arbitraries.frequencyOf(Tuple.of(1, inner), Tuple.of(1, arrayOf(inner)),
            Tuple.of(2, objectOf(inner))), 0, 4);
    return objectAtRoot ? objectOf(any) : any;
  }

  private static Arbitrary<JsonNode> arrayOf(Arbitrary<JsonNode> items) {
    return items.list().ofMaxSize(4).map(list -> {
      ArrayNode array = NODES.arrayNode();
      list.forEach(item -> array.add(item.deepCopy()));
      return array;
    });
  }

  private static Arbitrary<JsonNode> objectOf(Arbitrary<JsonNode> values) {
    return Arbitraries.maps(key(), values).ofMaxSize(5).map(map -> {
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
      List<Slot> slots = new ArrayList<>();
      collect(null, null, -1, root, slots);
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
  }

  record Slot(JsonNode parent, String name, int index, JsonNode node) {}

  /** Mostly one to three changes; unchanged payloads keep the accepted path busy too. */
  private static Arbitrary<List<Mutation>> mutations() {
    return Arbitraries.frequencyOf(Tuple.of(1, Arbitraries.just(List.of())),
        Tuple.of(4, mutation().list().ofMinSize(1).ofMaxSize(3)));
  }

  private static Arbitrary<Mutation> mutation() {
    return Combinators.combine(
            Arbitraries.frequency(Tuple.of(6, Op.REMOVE), Tuple.of(6, Op.REPLACE_RANDOM), Tuple.of(4, Op.UNKNOWN_ENUM),
                Tuple.of(4, Op.HUGE_STRING), Tuple.of(1, Op.TOO_LARGE_BODY), Tuple.of(4, Op.DEEP_NESTING),
                Tuple.of(4, Op.ADD_FIELD), Tuple.of(2, Op.EMPTY), Tuple.of(4, Op.RAW), Tuple.of(2, Op.NULL)),
            Arbitraries.integers().between(0, 1000), anyJson(false), key(), Arbitraries.integers().between(0, 4000))
        .as(Mutation::new);
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

  private static Arbitrary<TextMutation> textMutation() {
    return Combinators.combine(
            Arbitraries.frequency(Tuple.of(12, TextOp.NONE), Tuple.of(2, TextOp.TRUNCATE), Tuple.of(1, TextOp.FLIP_BYTE),
                Tuple.of(1, TextOp.INSERT), Tuple.of(1, TextOp.DELETE), Tuple.of(1, TextOp.TRAILING),
                Tuple.of(1, TextOp.DUPLICATE_KEY), Tuple.of(1, TextOp.UTF16), Tuple.of(1, TextOp.UTF8_BOM),
                Tuple.of(1, TextOp.INVALID_UTF8)),
            Arbitraries.integers().between(0, Integer.MAX_VALUE), Arbitraries.integers().between(0, 1000))
        .as(TextMutation::new);
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
        default -> RAW.get(argument);
      };
      matcher.appendReplacement(expanded, Matcher.quoteReplacement(replacement));
    }
    matcher.appendTail(expanded);
    return textMutation.applyTo(expanded.toString());
  }
}
