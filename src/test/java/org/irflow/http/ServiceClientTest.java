package org.irflow.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.irflow.http.CallFailure.Kind;
import org.irflow.http.OutboundHttp.Timeouts;
import org.irflow.support.JsonStubServer;
import org.irflow.support.JsonStubServer.Reply;
import org.irflow.support.StallingServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;

/**
 * The one client of every vendor call against real loopback servers: what reaches the server, the
 * rate-limit retry and its bound, the failures as the caller's exception, and the timeouts that end a
 * call which connects too slowly, never answers, or answers its headers and stalls its body.
 */
class ServiceClientTest {

  static final String SECRET = "svc-secret-key-0123456789";

  /** The exception of this test's family of callers: it keeps the failure to look at. */
  static final class Failed extends RuntimeException {
    final CallFailure failure;

    Failed(CallFailure failure) {
      super(failure.message());
      this.failure = failure;
    }
  }

  final List<Duration> waits = new CopyOnWriteArrayList<>();
  final OutboundHttp http = new OutboundHttp(new ObjectMapper(), waits::add);
  JsonStubServer stub;

  @BeforeEach
  void startStub() {
    stub = new JsonStubServer("test service", request -> Reply.of(200, Map.of("id", "T-1",
        "received", request.body() == null ? "" : request.body().toString())), request -> Reply.of(401, Map.of()));
  }

  @AfterEach
  void stopStub() {
    stub.close();
  }

  ServiceClient<Failed> client(Timeouts timeouts) {
    return http.client("Test service", timeouts, Failed::new, SECRET);
  }

  URI things() {
    return URI.create(stub.rootUrl() + "/v1/things");
  }

  @Test
  void aJsonRequestReachesTheServiceWithItsKeyAndTheAnswerComesBackParsed() {
    ServiceClient.Response response = client(Timeouts.of(null)).post(things()).bearer(SECRET)
        .json(Map.of("name", "pause", "count", 2)).send("create thing");

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.json().path("id").asText()).isEqualTo("T-1");
    JsonStubServer.Request received = stub.received().get(0);
    assertThat(received.method()).isEqualTo("POST");
    assertThat(received.path()).isEqualTo("/v1/things");
    assertThat(received.header("Authorization")).isEqualTo("Bearer " + SECRET);
    assertThat(received.header("Accept")).isEqualTo("application/json");
    assertThat(received.header("Content-Type")).startsWith("application/json");
    assertThat(received.body().path("name").asText()).isEqualTo("pause");
    assertThat(received.body().path("count").asInt()).isEqualTo(2);
  }

  @Test
  void a429WaitsForItsRetryAfterOnceAndTheSecondAnswerIsUsed() {
    stub.retryAfterSeconds(2);
    stub.failNext(429, 1);

    ServiceClient.Response response = client(Timeouts.of(null)).get(things()).send("list things");

    assertThat(response.ok()).isTrue();
    assertThat(waits).containsExactly(Duration.ofSeconds(2));
    assertThat(stub.requests()).containsExactly("GET /v1/things", "GET /v1/things");
  }

  @Test
  void a429AgainAfterTheOneRetryFailsAsRateLimited() {
    stub.retryAfterSeconds(1);
    stub.failNext(429, 5);

    assertThatThrownBy(() -> client(Timeouts.of(null)).get(things()).send("list things"))
        .isInstanceOfSatisfying(Failed.class, failed -> {
          assertThat(failed.failure.kind()).isEqualTo(Kind.RATE_LIMITED);
          assertThat(failed.failure.status()).isEqualTo(429);
          assertThat(failed.failure.message()).isEqualTo(
              "Test service list things is rate limited (HTTP 429, Retry-After 1 s, 2 attempts)");
        });
    assertThat(waits).containsExactly(Duration.ofSeconds(1));
    assertThat(stub.requests()).hasSize(2);
  }

  @Test
  void aRetryAfterBeyondTheBoundFailsAtOnceWithoutWaiting() {
    stub.retryAfterSeconds(3);
    stub.failNext(429, 1);

    assertThatThrownBy(() -> client(Timeouts.of(null)).get(things()).send("list things"))
        .isInstanceOfSatisfying(Failed.class, failed -> {
          assertThat(failed.failure.kind()).isEqualTo(Kind.RATE_LIMITED);
          assertThat(failed.failure.message()).contains("Retry-After 3 s, 1 attempt)");
        });
    assertThat(waits).isEmpty();
    assertThat(stub.requests()).hasSize(1);
  }

  @Test
  void aServerErrorFailsAtOnceWithItsStatusAndTheSecretMasked() {
    JsonStubServer echoing = new JsonStubServer("echoing", request -> Reply.of(503,
        Map.of("detail", "upstream refused key " + request.header("Authorization"))), request -> Reply.of(401, Map.of()));
    try {
      assertThatThrownBy(() -> client(Timeouts.of(null)).post(URI.create(echoing.rootUrl() + "/v1/things"))
          .bearer(SECRET).json(Map.of()).send("create thing"))
          .isInstanceOfSatisfying(Failed.class, failed -> {
            assertThat(failed.failure.kind()).isEqualTo(Kind.SERVER_ERROR);
            assertThat(failed.failure.status()).isEqualTo(503);
            assertThat(failed.failure.message())
                .startsWith("Test service create thing answered HTTP 503: ")
                .contains("upstream refused key Bearer ***")
                .doesNotContain(SECRET);
          });
      // no retry of a call that may have reached the service: that is the calling job's decision
      assertThat(echoing.requests()).hasSize(1);
      assertThat(waits).isEmpty();
    } finally {
      echoing.close();
    }
  }

  @Test
  void anAnswerTheCallerCannotUseBecomesItsFailureWithStatusAndSnippet() {
    ServiceClient<Failed> client = client(Timeouts.of(null));
    ServiceClient.Response response = client.response(422, "{\"detail\": \"nonce too low for " + SECRET + "\"}");

    Failed failed = client.failure("create thing", response);

    assertThat(failed.failure.kind()).isEqualTo(Kind.UNUSABLE_ANSWER);
    assertThat(failed.failure.status()).isEqualTo(422);
    assertThat(failed.getMessage()).isEqualTo("Test service create thing answered HTTP 422: "
        + "{\"detail\": \"nonce too low for ***\"}");
  }

  @Test
  void aConnectionThatIsNeverAcceptedEndsAtTheConnectTimeout() throws Exception {
    try (StallingServer unconnectable = StallingServer.unconnectable()) {
      ServiceClient<Failed> client = client(new Timeouts(Duration.ofMillis(300), Duration.ofSeconds(20)));

      long started = System.nanoTime();
      assertThatThrownBy(() -> client.get(URI.create(unconnectable.url() + "/v1/things")).send("list things"))
          .isInstanceOfSatisfying(Failed.class, failed -> {
            assertThat(failed.failure.kind()).isEqualTo(Kind.TIMEOUT);
            assertThat(failed.failure.status()).isZero();
          });
      Duration took = Duration.ofNanos(System.nanoTime() - started);

      // the connect timeout ended it, long before the 20 s of the exchange
      assertThat(took).isBetween(Duration.ofMillis(300), Duration.ofSeconds(3));
    }
  }

  @Test
  void aServerThatNeverAnswersIsCutOffAtTheExchangeTimeout() throws Exception {
    try (StallingServer silent = StallingServer.silent()) {
      ServiceClient<Failed> client = client(new Timeouts(Duration.ofSeconds(1), Duration.ofSeconds(1)));

      long started = System.nanoTime();
      assertThatThrownBy(() -> client.post(URI.create(silent.url() + "/v1/things")).json(Map.of()).send("create thing"))
          .isInstanceOfSatisfying(Failed.class, failed -> assertThat(failed.failure.message())
              .isEqualTo("Test service create thing: no complete answer within 1 s"));
      Duration took = Duration.ofNanos(System.nanoTime() - started);

      assertThat(took).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(4));
      assertThat(silent.requests()).containsExactly("POST /v1/things HTTP/1.1");
    }
  }

  @Test
  void aServerThatSendsHeadersAndThenStallsItsBodyIsCutOffAtTheExchangeTimeout() throws Exception {
    try (StallingServer stalling = StallingServer.headersThenStall()) {
      ServiceClient<Failed> client = client(new Timeouts(Duration.ofSeconds(1), Duration.ofSeconds(1)));

      long started = System.nanoTime();
      assertThatThrownBy(() -> client.get(URI.create(stalling.url() + "/v1/things")).send("list things"))
          .isInstanceOfSatisfying(Failed.class, failed -> {
            assertThat(failed.failure.kind()).isEqualTo(Kind.TIMEOUT);
            assertThat(failed.failure.message()).isEqualTo("Test service list things: no complete answer within 1 s");
          });
      Duration took = Duration.ofNanos(System.nanoTime() - started);

      // the headers came at once; the body's read is bounded by the same 1 s, not by the server
      assertThat(took).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(4));
      assertThat(stalling.connections()).isEqualTo(1);
    }
  }

  @Test
  void aRefusedConnectionFailsAsUnreachableAtOnce() {
    long started = System.nanoTime();
    assertThatThrownBy(() -> client(Timeouts.of(null)).get(URI.create("http://127.0.0.1:1/v1/things"))
        .send("list things"))
        .isInstanceOfSatisfying(Failed.class, failed -> {
          assertThat(failed.failure.kind()).isEqualTo(Kind.UNREACHABLE);
          assertThat(failed.failure.message()).startsWith("Test service list things could not be reached: ");
        });
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void retryAfterIsReadAsSecondsOrAnHttpDateWithASecondWhenMissing() {
    HttpHeaders headers = new HttpHeaders();
    assertThat(ServiceClient.retryAfter(headers)).isEqualTo(Duration.ofSeconds(1));
    headers.set("Retry-After", "1.5");
    assertThat(ServiceClient.retryAfter(headers)).isEqualTo(Duration.ofMillis(1500));
    headers.set("Retry-After", "soon");
    assertThat(ServiceClient.retryAfter(headers)).isEqualTo(Duration.ofSeconds(1));
    headers.set("Retry-After", DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(60)));
    assertThat(ServiceClient.retryAfter(headers)).isBetween(Duration.ofSeconds(58), Duration.ofSeconds(60));
  }
}
