package org.irflow.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.irflow.triage.intake.WebhookAuthenticator;

/**
 * Posts to the monitoring webhooks as the sources do: signed (X-Timestamp, X-Signature) or with a
 * bearer token, over real HTTP/1.1. The secrets are those of the e2e profile.
 */
public final class WebhookClient {

  public static final String MONITOR_SECRET = "test-monitor-secret";
  public static final String GENERIC_SECRET = "test-generic-secret";
  public static final String FORTA_TOKEN = "test-forta-token";
  public static final String ALERTMANAGER_TOKEN = "test-alertmanager-token";

  private static final ObjectMapper JSON = new ObjectMapper();

  /** An answer: status, Retry-After (or null) and the JSON body (or null). */
  public record Answer(int status, String retryAfter, JsonNode body) {}

  private final String baseUrl;
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  public WebhookClient(String baseUrl) {
    this.baseUrl = baseUrl;
  }

  public Answer signed(String path, String body, String secret) {
    return signed(path, body, secret, String.valueOf(System.currentTimeMillis()));
  }

  public Answer signed(String path, String body, String secret, String timestamp) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    return send(path, body, "application/json", Map.of("X-Timestamp", timestamp,
        "X-Signature", WebhookAuthenticator.sign(secret, bytes, timestamp)));
  }

  public Answer bearer(String path, String body, String token) {
    return send(path, body, "application/json", Map.of("Authorization", "Bearer " + token));
  }

  public Answer send(String path, String body, String contentType, Map<String, String> headers) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
        .header("Content-Type", contentType)
        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    headers.forEach(request::header);
    try {
      HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      JsonNode json = response.body() == null || response.body().isBlank() ? null : JSON.readTree(response.body());
      return new Answer(response.statusCode(), response.headers().firstValue("Retry-After").orElse(null), json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
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
