package org.irflow.comms;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HTTP/1.1 with the JDK client for one vendor of the communication adapters: timeouts, a short
 * honouring of rate limits, and failures as {@link DeliveryFailed} that name the vendor and the
 * operation (never a URL, which may hold a secret, and never a secret: every configured secret is
 * masked in whatever text of an answer goes into a message).
 *
 * <p>429 (and Statuspage's 420) waits for Retry-After and tries again, at most
 * {@value #RATE_LIMIT_RETRIES} times and only when the wait is at most {@link #MAX_RATE_LIMIT_WAIT};
 * beyond that the delivery fails and its job retries later. 5xx and I/O errors fail at once. Any other
 * answer is handed back to the adapter, which knows what its vendor answers.
 */
public final class VendorHttp {

  public static final ObjectMapper JSON = new ObjectMapper();
  public static final int RATE_LIMIT_RETRIES = 1;
  public static final Duration MAX_RATE_LIMIT_WAIT = Duration.ofSeconds(2);
  private static final Duration DEFAULT_RATE_LIMIT_WAIT = Duration.ofSeconds(1);
  private static final int MAX_SNIPPET = 300;
  private static final Logger log = LoggerFactory.getLogger(VendorHttp.class);

  /** Waits between rate-limited attempts; tests replace it to see the waits. */
  @FunctionalInterface
  public interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;
  }

  public static final Sleeper THREAD_SLEEP = duration -> Thread.sleep(duration.toMillis());

  /** An answer that was neither rate limited nor a server error. */
  public record Response(int status, String body, JsonNode json, HttpResponse<String> raw) {
    /** An answer received some other way (camunda-connect's http-connector in a model). */
    public static Response of(int status, String body) {
      return new Response(status, body, parse(body), null);
    }

    public boolean ok() {
      return status >= 200 && status < 300;
    }
  }

  private final String vendor;
  private final Duration timeout;
  private final List<String> secrets;
  private final Sleeper sleeper;
  private final HttpClient client;

  /**
   * @param vendor the name used in messages ("Slack", "PagerDuty", ...)
   * @param secrets every secret of this vendor's settings (null entries ignored), masked in messages
   */
  public VendorHttp(String vendor, Duration timeout, Sleeper sleeper, String... secrets) {
    this.vendor = vendor;
    this.timeout = timeout == null ? Duration.ofSeconds(5) : timeout;
    List<String> masked = new ArrayList<>();
    for (String secret : secrets) {
      if (secret != null && !secret.isBlank()) {
        masked.add(secret);
      }
    }
    this.secrets = List.copyOf(masked);
    this.sleeper = Objects.requireNonNull(sleeper);
    this.client = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(this.timeout)
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
  }

  /** A request builder with the timeout set and the JSON Accept header. */
  public HttpRequest.Builder request(URI uri) {
    return HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", "application/json");
  }

  /** A JSON body. */
  public static HttpRequest.BodyPublisher json(Object body) {
    return HttpRequest.BodyPublishers.ofString(write(body));
  }

  public static String write(Object body) {
    try {
      return JSON.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot write a JSON body", e);
    }
  }

  /**
   * Sends the request.
   *
   * @param operation what it is, for messages and logs ("chat.postMessage", "create incident")
   * @throws DeliveryFailed on I/O errors, timeouts, 5xx, and rate limits that last
   */
  public Response send(String operation, HttpRequest request) {
    for (int attempt = 1; ; attempt++) {
      HttpResponse<String> response;
      try {
        response = client.send(request, HttpResponse.BodyHandlers.ofString());
      } catch (HttpTimeoutException e) {
        throw new DeliveryFailed(vendor + " " + operation + ": no answer within " + timeout);
      } catch (IOException e) {
        throw new DeliveryFailed(vendor + " " + operation + " could not be reached: " + e.getClass().getSimpleName()
            + (e.getMessage() == null ? "" : " " + mask(cut(e.getMessage()))));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new DeliveryFailed(vendor + " " + operation + " was interrupted");
      }
      int status = response.statusCode();
      if (status == 429 || status == 420) {
        Duration wait = retryAfter(response);
        if (attempt > RATE_LIMIT_RETRIES || wait.compareTo(MAX_RATE_LIMIT_WAIT) > 0) {
          throw new DeliveryFailed(vendor + " " + operation + " is rate limited (HTTP " + status + ", Retry-After "
              + wait.toSeconds() + " s, " + attempt + " attempt" + (attempt == 1 ? "" : "s") + ")");
        }
        log.warn("{} {} is rate limited (HTTP {}); trying again in {} ms", vendor, operation, status, wait.toMillis());
        try {
          sleeper.sleep(wait);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new DeliveryFailed(vendor + " " + operation + " was interrupted while rate limited");
        }
        continue;
      }
      Response answer = new Response(status, response.body(), parse(response.body()), response);
      if (status >= 500) {
        throw failure(operation, answer);
      }
      return answer;
    }
  }

  /** The failure for an answer the adapter cannot use: vendor, operation, status, a masked snippet. */
  public DeliveryFailed failure(String operation, Response response) {
    String snippet = response.body() == null ? "" : cut(response.body().strip());
    return new DeliveryFailed(vendor + " " + operation + " answered HTTP " + response.status()
        + (snippet.isEmpty() ? "" : ": " + mask(snippet)));
  }

  /** Masks every configured secret in the text. */
  public String mask(String text) {
    String masked = text;
    for (String secret : secrets) {
      masked = masked.replace(secret, "***");
    }
    return masked;
  }

  private static String cut(String text) {
    return text.length() <= MAX_SNIPPET ? text : text.substring(0, MAX_SNIPPET) + "...";
  }

  private static JsonNode parse(String body) {
    if (body == null || body.isBlank()) {
      return null;
    }
    try {
      return JSON.readTree(body);
    } catch (IOException notJson) {
      return null;
    }
  }

  /** Retry-After in seconds (fractions allowed); one second when absent or not a number. */
  private static Duration retryAfter(HttpResponse<?> response) {
    return response.headers().firstValue("Retry-After").map(String::strip).map(value -> {
      try {
        double seconds = Double.parseDouble(value);
        return seconds <= 0 ? Duration.ZERO : Duration.ofMillis((long) Math.ceil(seconds * 1000));
      } catch (NumberFormatException notSeconds) {
        return DEFAULT_RATE_LIMIT_WAIT;
      }
    }).orElse(DEFAULT_RATE_LIMIT_WAIT);
  }
}
