package org.irflow.containment.safe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JSON over HTTP/1.1 (the JDK client; hardhat and WireMock do not speak h2c) with an optional bearer
 * API key, shared by the Safe Transaction Service and the OpenZeppelin Relayer clients.
 *
 * <p>429 waits for Retry-After (seconds or an HTTP date, capped; a short back-off when absent) and
 * retries; 5xx and I/O errors throw {@link ServiceCallFailed} at once (the calling job retries); any
 * other answer is returned to the caller. The API key goes into the Authorization header only: never
 * into a log line or an exception message.
 */
public final class JsonHttp {

  private static final Logger log = LoggerFactory.getLogger(JsonHttp.class);
  private static final int MAX_BODY_IN_MESSAGE = 300;
  /**
   * Per request: the JDK client's request timeout runs from the start of the send, connecting
   * included, until the answer's headers. Together with {@link Retry#DEFAULT} it bounds how long a
   * pause job can run, which the job lock time must exceed (docs/operations.md, "Job locks, take-over
   * and timeouts").
   */
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
  static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(4);

  /**
   * How 429 answers are retried.
   *
   * @param maxAttempts requests in all, the first one included
   * @param defaultWait the wait when the answer has no usable Retry-After (times the attempt number)
   * @param maxWait the longest single wait, whatever Retry-After says
   */
  public record Retry(int maxAttempts, Duration defaultWait, Duration maxWait) {
    /** One retry after at most 2 s: a longer rate limit fails the call and its job retries later. */
    public static final Retry DEFAULT = new Retry(2, Duration.ofSeconds(1), Duration.ofSeconds(2));

    public Retry {
      if (maxAttempts < 1) {
        throw new IllegalArgumentException("maxAttempts must be at least 1");
      }
    }
  }

  /** Waits; replaced in tests that want to see the waits. */
  @FunctionalInterface
  public interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;
  }

  /** An answer other than 429 and 5xx. */
  public record Response(int status, String body, JsonNode json) {
    public boolean ok() {
      return status >= 200 && status < 300;
    }
  }

  private final String service;
  private final String apiKey;
  private final HttpClient client;
  private final ObjectMapper mapper;
  private final Retry retry;
  private final Sleeper sleeper;
  private final Duration requestTimeout;

  public JsonHttp(String service, String apiKey, ObjectMapper mapper, Retry retry, Sleeper sleeper) {
    this.service = service;
    this.apiKey = apiKey == null || apiKey.isBlank() ? null : apiKey.strip();
    this.mapper = mapper;
    this.retry = retry;
    this.sleeper = sleeper;
    this.requestTimeout = REQUEST_TIMEOUT;
    this.client = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(CONNECT_TIMEOUT)
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
  }

  public static Sleeper threadSleep() {
    return duration -> Thread.sleep(duration.toMillis());
  }

  /** GET, retried on 429. */
  public Response get(URI uri) {
    return send("GET", uri, null);
  }

  /** POST of a JSON body, retried on 429. */
  public Response post(URI uri, Object body) {
    return send("POST", uri, body);
  }

  private Response send(String method, URI uri, Object body) {
    String endpoint = method + " " + uri;
    HttpRequest request = request(method, uri, body, endpoint);
    for (int attempt = 1; ; attempt++) {
      HttpResponse<String> response;
      try {
        response = client.send(request, HttpResponse.BodyHandlers.ofString());
      } catch (IOException e) {
        throw new ServiceCallFailed(service + " " + endpoint + " failed: " + scrub(e.toString()), 0, null);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ServiceCallFailed(service + " " + endpoint + " was interrupted", 0, null);
      }
      int status = response.statusCode();
      if (status == 429) {
        if (attempt >= retry.maxAttempts()) {
          throw new ServiceCallFailed(service + " " + endpoint + " answered 429 (rate limited) "
              + attempt + " times in a row", status, null);
        }
        Duration wait = waitFor(response, attempt);
        log.warn("{} {} answered 429 (rate limited); retry {} of {} in {} ms", service, endpoint, attempt,
            retry.maxAttempts() - 1, wait.toMillis());
        try {
          sleeper.sleep(wait);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new ServiceCallFailed(service + " " + endpoint + " was interrupted while rate limited", status,
              null);
        }
        continue;
      }
      if (status >= 500) {
        throw failure(endpoint, status, response.body());
      }
      return new Response(status, response.body(), parse(response.body()));
    }
  }

  /** The exception for an answer the caller cannot use; names the endpoint, never the key. */
  public ServiceCallFailed failure(String endpoint, Response response) {
    return failure(endpoint, response.status(), response.body());
  }

  private ServiceCallFailed failure(String endpoint, int status, String body) {
    String snippet = body == null ? "" : body.strip();
    if (snippet.length() > MAX_BODY_IN_MESSAGE) {
      snippet = snippet.substring(0, MAX_BODY_IN_MESSAGE) + "...";
    }
    return new ServiceCallFailed(service + " " + endpoint + " answered " + status
        + (snippet.isEmpty() ? "" : ": " + scrub(snippet)), status, null);
  }

  private HttpRequest request(String method, URI uri, Object body, String endpoint) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(uri)
        .timeout(requestTimeout)
        .header("Accept", "application/json");
    if (apiKey != null) {
      builder.header("Authorization", "Bearer " + apiKey);
    }
    if (body == null) {
      builder.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      try {
        builder.header("Content-Type", "application/json")
            .method(method, HttpRequest.BodyPublishers.ofString(mapper.writeValueAsString(body)));
      } catch (IOException e) {
        throw new IllegalArgumentException("cannot write the body of " + endpoint, e);
      }
    }
    return builder.build();
  }

  private JsonNode parse(String body) {
    if (body == null || body.isBlank()) {
      return null;
    }
    try {
      return mapper.readTree(body);
    } catch (IOException e) {
      return null;
    }
  }

  private Duration waitFor(HttpResponse<?> response, int attempt) {
    Duration fallback = retry.defaultWait().multipliedBy(attempt);
    Duration wait = response.headers().firstValue("Retry-After").map(String::strip).map(value -> {
      try {
        return Duration.ofSeconds(Math.max(0, Long.parseLong(value)));
      } catch (NumberFormatException notSeconds) {
        try {
          ZonedDateTime at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME);
          Duration until = Duration.between(ZonedDateTime.now(at.getZone()), at);
          return until.isNegative() ? Duration.ZERO : until;
        } catch (DateTimeParseException notADate) {
          return null;
        }
      }
    }).orElse(fallback);
    return wait.compareTo(retry.maxWait()) > 0 ? retry.maxWait() : wait;
  }

  /** Defence in depth: an echoed key never reaches a message. */
  private String scrub(String text) {
    return apiKey == null ? text : text.replace(apiKey, "***");
  }
}
