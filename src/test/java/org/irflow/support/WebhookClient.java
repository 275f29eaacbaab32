package org.irflow.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.irflow.triage.intake.WebhookAuthenticator;

/**
 * Posts to the monitoring webhooks as the sources do, over real HTTP/1.1: HMAC-signed (X-Timestamp +
 * X-Signature, signed by {@link WebhookAuthenticator#sign}, the application's own rule) or with a
 * bearer token. The secrets are those of the e2e profile ({@code application-e2e.yaml}).
 *
 * <p>No answer at all (connection refused or cut off, or the timeout) is an {@link UncheckedIOException}
 * whose cause is the {@link IOException} of the JDK client.
 */
public final class WebhookClient {

  public static final String MONITOR = "/webhooks/openzeppelin-monitor";
  public static final String GENERIC = "/webhooks/generic";
  public static final String FORTA = "/webhooks/forta";
  public static final String ALERTMANAGER = "/webhooks/alertmanager";

  public static final String MONITOR_SECRET = "test-monitor-secret";
  public static final String GENERIC_SECRET = "test-generic-secret";
  public static final String FORTA_TOKEN = "test-forta-token";
  public static final String ALERTMANAGER_TOKEN = "test-alertmanager-token";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

  /**
   * An answer: status, Retry-After (or null) and the body: its JSON, null when empty, and a text node
   * holding the raw text when it is not JSON (so that a failure can still show what came back).
   */
  public record Answer(int status, String retryAfter, JsonNode body) {

    /** A 2xx. */
    public boolean acknowledged() {
      return status >= 200 && status < 300;
    }

    /** The body as text, for assertion messages ("" when empty). */
    public String text() {
      return body == null ? "" : body.isTextual() ? body.asText() : body.toString();
    }
  }

  private final String baseUrl;
  private final Duration timeout;
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();

  public WebhookClient(String baseUrl) {
    this(baseUrl, DEFAULT_TIMEOUT);
  }

  /** {@code timeout}: how long one request may wait for its answer. */
  public WebhookClient(String baseUrl, Duration timeout) {
    this.baseUrl = baseUrl;
    this.timeout = timeout;
  }

  /** Now in epoch milliseconds, as X-Timestamp carries it. */
  public static String now() {
    return String.valueOf(System.currentTimeMillis());
  }

  /** The headers of a correctly signed request: X-Timestamp and X-Signature over body + timestamp. */
  public static Map<String, String> signature(String secret, byte[] body, String timestamp) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("X-Timestamp", timestamp);
    headers.put("X-Signature", WebhookAuthenticator.sign(secret, body, timestamp));
    return headers;
  }

  public Answer signed(String path, String body, String secret) {
    return signed(path, body, secret, now());
  }

  public Answer signed(String path, String body, String secret, String timestamp) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    return send(path, bytes, "application/json", signature(secret, bytes, timestamp));
  }

  public Answer bearer(String path, String body, String token) {
    return send(path, body, "application/json", Map.of("Authorization", "Bearer " + token));
  }

  /** Posts this text as UTF-8; a null content type sends no Content-Type header. */
  public Answer send(String path, String body, String contentType, Map<String, String> headers) {
    return send(path, body.getBytes(StandardCharsets.UTF_8), contentType, headers);
  }

  /** Posts exactly these bytes; a null content type sends no Content-Type header. */
  public Answer send(String path, byte[] body, String contentType, Map<String, String> headers) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
        .timeout(timeout)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    headers.forEach(request::header);
    try {
      HttpResponse<String> response = http.send(request.build(),
          HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      return new Answer(response.statusCode(), response.headers().firstValue("Retry-After").orElse(null),
          parse(response.body()));
    } catch (IOException e) {
      throw new UncheckedIOException("no answer from " + path, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for " + path, e);
    }
  }

  private static JsonNode parse(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return JSON.readTree(text);
    } catch (IOException notJson) {
      return TextNode.valueOf(text);
    }
  }

  /** A generic JSON event (severity CRITICAL|HIGH|..., findingType or null, affected systems). */
  public static String genericEvent(String fingerprint, String severity, String findingType, String title,
      String... affected) {
    StringBuilder list = new StringBuilder();
    for (String system : affected) {
      list.append(list.isEmpty() ? "" : ",").append('"').append(system).append('"');
    }
    return "{\"source\":\"custody-watch\",\"severity\":\"" + severity + "\",\"title\":\"" + title + "\","
        + "\"description\":\"Seen by the custody watcher\",\"fingerprint\":\"" + fingerprint + "\","
        + (findingType == null ? "" : "\"findingType\":\"" + findingType + "\",")
        + "\"affected\":[" + list + "]}";
  }
}
