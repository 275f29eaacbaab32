package org.irflow.triage.intake;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.util.ArrayList;
import java.util.List;

/**
 * One page of Forta's {@code alerts} query (https://api.forta.network/graphql) over HTTP/1.1 with the
 * JDK client: {@code alerts(input: {bots, first, createdSince, blockSortDirection, chainId?, after?})}.
 * The API key goes into the Authorization header only, never into a log line or an exception message.
 *
 * <p>Anything but a 2xx answer carrying {@code data.alerts} without {@code errors} throws {@link Failure}.
 */
final class FortaGraphqlClient {

  /** The fields the webhook carries too, so that {@link FortaAdapter#alert} maps both alike. */
  static final String QUERY = """
      query irflowAlerts($input: AlertsInput) {
        alerts(input: $input) {
          pageInfo {
            hasNextPage
            endCursor { alertId blockNumber }
          }
          alerts {
            hash
            createdAt
            alertId
            name
            description
            severity
            findingType
            protocol
            metadata
            addresses
            source {
              transactionHash
              bot { id }
              block { number hash timestamp chainId }
            }
          }
        }
      }""";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_MESSAGE = 300;

  /** One page: its alert nodes as received, and where the next page starts. */
  record Page(List<JsonNode> alerts, boolean hasNextPage, JsonNode endCursor) {}

  /** A request that brought no usable page; {@code reason} is counted (http-error, timeout, ...). */
  static final class Failure extends Exception {
    private final String reason;

    Failure(String reason, String message) {
      super(message);
      this.reason = reason;
    }

    String reason() {
      return reason;
    }
  }

  private final FortaPollerProperties properties;
  private final HttpClient http;

  FortaGraphqlClient(FortaPollerProperties properties) {
    this.properties = properties;
    this.http = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(properties.timeout())
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
  }

  /**
   * The page of alerts created within the last {@code createdSinceMillis} (Forta counts back from its
   * own now), after {@code after} (the previous page's endCursor) or from the start when null.
   */
  Page fetch(long createdSinceMillis, JsonNode after) throws Failure {
    HttpRequest.Builder request = HttpRequest.newBuilder(properties.url())
        .timeout(properties.timeout())
        .header("Content-Type", "application/json")
        .header("Accept", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body(createdSinceMillis, after)));
    if (properties.apiKey() != null) {
      request.header("Authorization", "Bearer " + properties.apiKey());
    }
    HttpResponse<String> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (HttpTimeoutException e) {
      throw new Failure("timeout", "no answer within " + properties.timeout());
    } catch (IOException e) {
      throw new Failure("io-error", e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + cut(e.getMessage())));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Failure("interrupted", "interrupted");
    }
    int status = response.statusCode();
    if (status < 200 || status >= 300) {
      throw new Failure("http-error", "HTTP " + status);
    }
    JsonNode root;
    try {
      root = JSON.readTree(response.body());
    } catch (JsonProcessingException e) {
      throw new Failure("bad-response", "the answer is not JSON");
    }
    if (root == null || !root.isObject()) {
      throw new Failure("bad-response", "the answer is not a JSON object");
    }
    JsonNode errors = root.get("errors");
    if (errors != null && !errors.isNull() && !(errors.isArray() && errors.isEmpty())) {
      JsonNode first = errors.isArray() ? errors.get(0) : errors;
      String message = first.hasNonNull("message") ? first.get("message").asText() : first.toString();
      throw new Failure("graphql-errors", "GraphQL error: " + cut(message));
    }
    JsonNode alerts = root.path("data").path("alerts");
    JsonNode list = alerts.path("alerts");
    if (!alerts.isObject() || !list.isArray()) {
      throw new Failure("bad-response", "the answer has no data.alerts.alerts");
    }
    List<JsonNode> nodes = new ArrayList<>();
    list.forEach(nodes::add);
    JsonNode pageInfo = alerts.path("pageInfo");
    JsonNode endCursor = pageInfo.get("endCursor");
    return new Page(nodes, pageInfo.path("hasNextPage").asBoolean(false),
        endCursor == null || endCursor.isNull() ? null : endCursor);
  }

  private String body(long createdSinceMillis, JsonNode after) {
    ObjectNode input = JSON.createObjectNode();
    ArrayNode bots = input.putArray("bots");
    properties.bots().forEach(bots::add);
    input.put("first", properties.pageSize());
    input.put("createdSince", createdSinceMillis);
    // oldest block first: a poll cut short at the page limit has the oldest alerts, and the next resumes
    input.put("blockSortDirection", "asc");
    if (properties.chainId() != null) {
      input.put("chainId", properties.chainId());
    }
    if (after != null) {
      input.set("after", after);
    }
    ObjectNode body = JSON.createObjectNode();
    body.put("operationName", "irflowAlerts");
    body.put("query", QUERY);
    body.putObject("variables").set("input", input);
    try {
      return JSON.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String cut(String text) {
    return text.length() <= MAX_MESSAGE ? text : text.substring(0, MAX_MESSAGE - 1) + "…";
  }
}
