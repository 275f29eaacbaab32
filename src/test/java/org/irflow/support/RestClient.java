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
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/** HTTP as a user of irflow's REST APIs: Basic authentication, JSON bodies. */
public final class RestClient {

  /** A status and a parsed JSON body (null when there is none). */
  public record Response(int status, JsonNode body, String text) {}

  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final String baseUrl;

  public RestClient(String baseUrl) {
    this.baseUrl = baseUrl;
  }

  public Response get(String user, String path) {
    return send(user, HttpRequest.newBuilder(URI.create(baseUrl + path)).GET());
  }

  public Response post(String user, String path, Object body) {
    return send(user, HttpRequest.newBuilder(URI.create(baseUrl + path))
        .header("Content-Type", "application/json").POST(json(body)));
  }

  public Response put(String user, String path, Object body) {
    return send(user, HttpRequest.newBuilder(URI.create(baseUrl + path))
        .header("Content-Type", "application/json").PUT(json(body)));
  }

  public Response delete(String user, String path) {
    return send(user, HttpRequest.newBuilder(URI.create(baseUrl + path)).DELETE());
  }

  private static HttpRequest.BodyPublisher json(Object body) {
    try {
      return HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The user's open task of that name in the process instance, as the REST API lists it; null if none. */
  /**
   * Whether a task of that name asks for that action: the plain name, or an incident's task named
   * "INC-… · action · title" (IncidentTaskNames).
   */
  public static boolean asks(String taskName, String action) {
    return (" · " + taskName + " · ").contains(" · " + action + " · ");
  }

  public JsonNode findTask(String user, String processInstanceId, String taskName) {
    for (JsonNode candidate : get(user, "/engine-rest/task?processInstanceId=" + processInstanceId).body()) {
      if (asks(candidate.path("name").asText(), taskName)) {
        return candidate;
      }
    }
    return null;
  }

  /** The user's open task of that name, waited for up to 30 s; fails when it does not come. */
  public JsonNode awaitTask(String user, String processInstanceId, String taskName) {
    long deadline = System.nanoTime() + 30_000_000_000L;
    JsonNode task = findTask(user, processInstanceId, taskName);
    while (task == null && System.nanoTime() < deadline) {
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      task = findTask(user, processInstanceId, taskName);
    }
    if (task == null) {
      throw new AssertionError(user + " sees no task '" + taskName + "' in " + processInstanceId);
    }
    return task;
  }

  /**
   * Completes the user's task as Tasklist does: waits for it to appear (asynchronous steps such as
   * creating the chat channels may come first), claims it when unassigned, then submits its form.
   */
  public void completeTask(String user, String processInstanceId, String taskName, Map<String, Object> values) {
    JsonNode task = awaitTask(user, processInstanceId, taskName);
    String taskId = task.path("id").asText();
    if (task.path("assignee").isNull()) {
      Response claimed = post(user, "/engine-rest/task/" + taskId + "/claim", Map.of("userId", user));
      if (claimed.status() != 204) {
        throw new AssertionError(user + " cannot claim '" + taskName + "': " + claimed.text());
      }
    }
    Response submitted = post(user, "/engine-rest/task/" + taskId + "/submit-form", variables(values));
    if (submitted.status() != 204) {
      throw new AssertionError(taskName + ": " + submitted.status() + " " + submitted.text());
    }
  }

  /** Camunda's REST form of variables: {"name": {"value": ...}}. */
  public static Map<String, Object> variables(Map<String, Object> values) {
    Map<String, Object> variables = new LinkedHashMap<>();
    values.forEach((name, value) -> variables.put(name, Map.of("value", value)));
    return Map.of("variables", variables);
  }

  private Response send(String user, HttpRequest.Builder request) {
    if (user != null) {
      String credentials = user + ":" + ("wrong-password".equals(user) ? "x" : "demo");
      request.header("Authorization", "Basic "
          + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
    }
    try {
      HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      String text = response.body();
      JsonNode body = text == null || text.isBlank() ? null : parse(text);
      return new Response(response.statusCode(), body, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static JsonNode parse(String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException notJson) {
      return null;
    }
  }
}
