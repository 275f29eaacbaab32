package org.irflow.triage.intake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.irflow.http.CallFailure;
import org.irflow.http.OutboundHttp;
import org.irflow.http.ServiceClient;

/**
 * One page of Forta's {@code alerts} query (https://api.forta.network/graphql) through
 * {@link OutboundHttp}'s client: {@code alerts(input: {bots, first, createdSince, blockSortDirection, chainId?, after?})}.
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

  static final String SERVICE = "Forta GraphQL API";
  private static final int MAX_MESSAGE = 300;

  /** One page: its alert nodes as received, and where the next page starts. */
  record Page(List<JsonNode> alerts, boolean hasNextPage, JsonNode endCursor) {}

  /** A request that brought no usable page; {@code reason} is counted (http-error, timeout, ...). */
  static final class Failure extends RuntimeException {
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
  private final ServiceClient<Failure> http;
  private final ObjectMapper json;

  FortaGraphqlClient(FortaPollerProperties properties, OutboundHttp http) {
    this.properties = properties;
    this.http = http.client(SERVICE, OutboundHttp.Timeouts.of(properties.timeout()),
        failure -> new Failure(reason(failure.kind()), failure.message()), properties.apiKey());
    this.json = http.json();
  }

  /** The counter a failed call is counted under. */
  private static String reason(CallFailure.Kind kind) {
    return switch (kind) {
      case TIMEOUT -> "timeout";
      case UNREACHABLE -> "io-error";
      case INTERRUPTED -> "interrupted";
      case RATE_LIMITED, SERVER_ERROR, UNUSABLE_ANSWER -> "http-error";
    };
  }

  /**
   * The page of alerts created within the last {@code createdSinceMillis} (Forta counts back from its
   * own now), after {@code after} (the previous page's endCursor) or from the start when null.
   */
  Page fetch(long createdSinceMillis, JsonNode after) throws Failure {
    ServiceClient.Response response = http.post(properties.url())
        .bearer(properties.apiKey())
        .json(body(createdSinceMillis, after))
        .send("alerts query");
    if (!response.ok()) {
      throw http.failure("alerts query", response);
    }
    JsonNode root = response.json();
    if (root == null || !root.isObject()) {
      throw new Failure("bad-response", "the answer is not a JSON object");
    }
    JsonNode errors = root.get("errors");
    if (errors != null && !errors.isNull() && !(errors.isArray() && errors.isEmpty())) {
      JsonNode first = errors.isArray() ? errors.get(0) : errors;
      String message = first.hasNonNull("message") ? first.get("message").asText() : first.toString();
      throw new Failure("graphql-errors", "GraphQL error: " + http.mask(cut(message)));
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

  private ObjectNode body(long createdSinceMillis, JsonNode after) {
    ObjectNode input = json.createObjectNode();
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
    ObjectNode body = json.createObjectNode();
    body.put("operationName", "irflowAlerts");
    body.put("query", QUERY);
    body.putObject("variables").set("input", input);
    return body;
  }

  private static String cut(String text) {
    return text.length() <= MAX_MESSAGE ? text : text.substring(0, MAX_MESSAGE - 1) + "…";
  }
}
