package org.irflow.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.irflow.triage.intake.WebhookAuthenticator;

/**
 * A monitoring source posting to irflow's webhooks over HTTP/1.1: HMAC-signed (X-Timestamp +
 * X-Signature, signed by {@link WebhookAuthenticator#sign}, the application's own rule) or with a
 * bearer token. The secrets are those of the e2e profile ({@code application-e2e.yaml}).
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

  /** The status, the body as JSON (null when empty or not JSON), its text and the headers. */
  public record Answer(int status, JsonNode body, String text, HttpHeaders headers) {

    public boolean acknowledged() {
      return status >= 200 && status < 300;
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http;
  private final String baseUrl;
  private final Duration timeout;

  public WebhookClient(String baseUrl) {
    this(baseUrl, Duration.ofSeconds(30));
  }

  public WebhookClient(String baseUrl, Duration timeout) {
    this.baseUrl = baseUrl;
    this.timeout = timeout;
    this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5)).build();
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

  public Answer signed(String path, String body, String secret) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    return send(path, bytes, "application/json", signature(secret, bytes, now()));
  }

  public Answer bearer(String path, String body, String token) throws IOException {
    return send(path, body.getBytes(StandardCharsets.UTF_8), "application/json",
        Map.of("Authorization", "Bearer " + token));
  }

  /**
   * Posts exactly these bytes; a null content type sends no Content-Type header. An IOException
   * means that no answer came (connection refused or cut off, or the timeout).
   */
  public Answer send(String path, byte[] body, String contentType, Map<String, String> headers) throws IOException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
        .timeout(timeout)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    headers.forEach(request::header);
    try {
      HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Answer(response.statusCode(), parse(response.body()), response.body(), response.headers());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  /** {@link #send} for tests in which no answer at all is a failure. */
  public Answer sendOrFail(String path, byte[] body, String contentType, Map<String, String> headers) {
    try {
      return send(path, body, contentType, headers);
    } catch (IOException e) {
      throw new UncheckedIOException("no answer from " + path, e);
    }
  }

  private static JsonNode parse(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return JSON.readTree(text);
    } catch (IOException notJson) {
      return null;
    }
  }
}
