package org.irflow.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.irflow.http.CallFailure.Kind;
import org.irflow.http.OutboundHttp.Sleeper;
import org.irflow.http.OutboundHttp.Timeouts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

/**
 * Calls of one remote service through {@link OutboundHttp}'s client, with the policy every vendor call
 * follows:
 *
 * <ul>
 *   <li>429 (and Statuspage's 420) waits for Retry-After (seconds or an HTTP date; 1 s when absent)
 *       and tries again {@value OutboundHttp#RATE_LIMIT_RETRIES} time, only when the wait is at most
 *       {@link OutboundHttp#MAX_RATE_LIMIT_WAIT}; a longer wait or a second 429 fails the call.
 *   <li>5xx, timeouts and I/O errors fail at once: a call may have reached the service (a post may
 *       have been made), so whether to try again is the calling job's decision, with its retry
 *       cycle and its idempotency checks.
 *   <li>Any other answer goes back to the caller, which knows what its service answers, and which
 *       calls {@link #failure} for an answer it cannot use.
 * </ul>
 *
 * <p>Every failure becomes the caller family's exception through its {@link CallFailure.Mapping},
 * with a message naming the service and the operation and, for an answer, its status and the start of
 * its body. Secrets never reach a message: a URL is never quoted by this class (the operation is the
 * caller's words), and every configured secret is masked in the text of answers and I/O errors.
 */
public final class ServiceClient<E extends RuntimeException> {

  private static final int MAX_SNIPPET = 300;
  private static final Logger log = LoggerFactory.getLogger(ServiceClient.class);

  /** An answer that was neither rate limited nor a server error. */
  public record Response(int status, HttpHeaders headers, String body, JsonNode json) {
    public boolean ok() {
      return status >= 200 && status < 300;
    }
  }

  private final String service;
  private final Timeouts timeouts;
  private final RestClient rest;
  private final ObjectMapper json;
  private final Sleeper sleeper;
  private final CallFailure.Mapping<E> failures;
  private final List<String> secrets;

  ServiceClient(String service, Timeouts timeouts, RestClient rest, ObjectMapper json, Sleeper sleeper,
      CallFailure.Mapping<E> failures, String... secrets) {
    this.service = service;
    this.timeouts = timeouts;
    this.rest = rest;
    this.json = json;
    this.sleeper = sleeper;
    this.failures = failures;
    List<String> masked = new ArrayList<>();
    for (String secret : secrets) {
      if (secret != null && !secret.isBlank()) {
        masked.add(secret.strip());
      }
    }
    this.secrets = List.copyOf(masked);
  }

  public Call get(URI uri) {
    return new Call(HttpMethod.GET, uri);
  }

  public Call post(URI uri) {
    return new Call(HttpMethod.POST, uri);
  }

  public Call method(HttpMethod method, URI uri) {
    return new Call(method, uri);
  }

  /** One request being put together; {@link #send} sends it. */
  public final class Call {
    private final HttpMethod method;
    private final URI uri;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private byte[] body;

    private Call(HttpMethod method, URI uri) {
      this.method = method;
      this.uri = uri;
      headers.put(HttpHeaders.ACCEPT, MediaType.APPLICATION_JSON_VALUE);
    }

    public Call header(String name, String value) {
      headers.put(name, value);
      return this;
    }

    /** {@code Authorization: Bearer <token>} when there is a token (the token goes nowhere else). */
    public Call bearer(String token) {
      if (token != null && !token.isBlank()) {
        headers.put(HttpHeaders.AUTHORIZATION, "Bearer " + token.strip());
      }
      return this;
    }

    /** A JSON body written by the application's ObjectMapper. */
    public Call json(Object value) {
      return body(write(value).getBytes(StandardCharsets.UTF_8), MediaType.APPLICATION_JSON_VALUE);
    }

    /** These exact bytes (a signed body must go out as signed). */
    public Call body(byte[] bytes, String contentType) {
      this.body = bytes;
      headers.put(HttpHeaders.CONTENT_TYPE, contentType);
      return this;
    }

    /**
     * Sends the request, again after a short rate limit.
     *
     * @param operation what it is, for messages and logs ("chat.postMessage", "POST https://..."):
     *     never a URL that holds a secret
     * @throws RuntimeException the family's exception on a timeout, an I/O error, a 5xx and a rate limit
     *     that lasts
     */
    public Response send(String operation) {
      for (int attempt = 1; ; attempt++) {
        Response response = exchange(operation, this);
        if (response.status() == 429 || response.status() == 420) {
          Duration wait = retryAfter(response.headers());
          if (attempt > OutboundHttp.RATE_LIMIT_RETRIES || wait.compareTo(OutboundHttp.MAX_RATE_LIMIT_WAIT) > 0) {
            throw fail(Kind.RATE_LIMITED, response.status(), operation + " is rate limited (HTTP " + response.status()
                + ", Retry-After " + seconds(wait) + ", " + attempt + " attempt" + (attempt == 1 ? "" : "s") + ")");
          }
          log.warn("{} {} is rate limited (HTTP {}); trying again in {} ms", service, operation, response.status(),
              wait.toMillis());
          try {
            sleeper.sleep(wait);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw fail(Kind.INTERRUPTED, response.status(), operation + " was interrupted while rate limited");
          }
          continue;
        }
        if (response.status() >= 500) {
          throw fail(Kind.SERVER_ERROR, response.status(), answered(operation, response));
        }
        return response;
      }
    }
  }

  /** The failure for an answer the caller cannot use: service, operation, status, a masked snippet. */
  public E failure(String operation, Response response) {
    return fail(Kind.UNUSABLE_ANSWER, response.status(), answered(operation, response));
  }

  /** The failure for an answer the caller cannot use, in its own words (the service's name goes first). */
  public E failure(int status, String what) {
    return fail(Kind.UNUSABLE_ANSWER, status, what);
  }

  /**
   * A call made some other way (camunda-connect's http-connector in a model) that got no answer: no
   * connection, or no complete answer within the timeout; {@code detail} is what that caller said.
   */
  public E unreached(String operation, String detail) {
    return fail(Kind.UNREACHABLE, 0, operation + ": no connection, or no complete answer within "
        + seconds(timeouts.exchange()) + (detail == null || detail.isBlank() ? "" : " (" + cut(detail) + ")"));
  }

  /** An answer received some other way (camunda-connect's http-connector in a model). */
  public Response response(int status, String body) {
    return new Response(status, HttpHeaders.EMPTY, body, parse(body));
  }

  /** Masks every configured secret in the text. */
  public String mask(String text) {
    String masked = text;
    for (String secret : secrets) {
      masked = masked.replace(secret, "***");
    }
    return masked;
  }

  private Response exchange(String operation, Call call) {
    long started = System.nanoTime();
    try {
      RestClient.RequestBodySpec request = rest.method(call.method).uri(call.uri)
          .headers(headers -> call.headers.forEach(headers::set));
      if (call.body != null) {
        request.body(call.body);
      }
      return request.exchange((sent, answer) -> {
        byte[] bytes = answer.getBody().readAllBytes();
        String body = new String(bytes, StandardCharsets.UTF_8);
        return new Response(answer.getStatusCode().value(), answer.getHeaders(), body, parse(body));
      }, true);
    } catch (ResourceAccessException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      if (Thread.currentThread().isInterrupted()) {
        throw fail(Kind.INTERRUPTED, 0, operation + " was interrupted");
      }
      Duration took = Duration.ofNanos(System.nanoTime() - started);
      if (isTimeout(cause) || took.compareTo(timeouts.exchange()) >= 0) {
        throw fail(Kind.TIMEOUT, 0, operation + ": no complete answer within " + seconds(timeouts.exchange()));
      }
      throw fail(Kind.UNREACHABLE, 0, operation + " could not be reached: " + cause.getClass().getSimpleName()
          + (cause.getMessage() == null ? "" : " " + cut(cause.getMessage())));
    }
  }

  private static boolean isTimeout(Throwable error) {
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      if (cause instanceof HttpTimeoutException) {
        return true;
      }
    }
    return false;
  }

  private E fail(Kind kind, int status, String what) {
    return failures.toException(new CallFailure(kind, status, mask(service + " " + what)));
  }

  private String answered(String operation, Response response) {
    String snippet = response.body() == null ? "" : cut(response.body().strip());
    return operation + " answered HTTP " + response.status() + (snippet.isEmpty() ? "" : ": " + snippet);
  }

  private String write(Object value) {
    try {
      return json.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot write a JSON body for " + service, e);
    }
  }

  private JsonNode parse(String body) {
    if (body == null || body.isBlank()) {
      return null;
    }
    try {
      return json.readTree(body);
    } catch (IOException notJson) {
      return null;
    }
  }

  private static String cut(String text) {
    return text.length() <= MAX_SNIPPET ? text : text.substring(0, MAX_SNIPPET) + "...";
  }

  private static String seconds(Duration duration) {
    long millis = duration.toMillis();
    return millis % 1000 == 0 ? millis / 1000 + " s" : millis / 1000.0 + " s";
  }

  /** Retry-After in seconds (fractions allowed) or as an HTTP date; 1 s when absent or unreadable. */
  static Duration retryAfter(HttpHeaders headers) {
    String value = headers.getFirst(HttpHeaders.RETRY_AFTER);
    if (value == null || value.isBlank()) {
      return OutboundHttp.DEFAULT_RATE_LIMIT_WAIT;
    }
    String trimmed = value.strip();
    try {
      double seconds = Double.parseDouble(trimmed);
      return seconds <= 0 ? Duration.ZERO : Duration.ofMillis((long) Math.ceil(seconds * 1000));
    } catch (NumberFormatException notSeconds) {
      try {
        ZonedDateTime at = ZonedDateTime.parse(trimmed, DateTimeFormatter.RFC_1123_DATE_TIME);
        Duration until = Duration.between(ZonedDateTime.now(at.getZone()), at);
        return until.isNegative() ? Duration.ZERO : until;
      } catch (DateTimeParseException notADate) {
        return OutboundHttp.DEFAULT_RATE_LIMIT_WAIT;
      }
    }
  }
}
