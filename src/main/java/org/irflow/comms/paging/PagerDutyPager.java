package org.irflow.comms.paging;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import org.irflow.comms.DeliveryFailed;
import org.irflow.comms.OutboundMessage;
import org.irflow.comms.Texts;
import org.irflow.http.OutboundHttp;
import org.irflow.http.ServiceClient;

/**
 * PagerDuty Events API v2: {@code POST /v2/enqueue} of a trigger event (the routing key in the body,
 * no Authorization header); PagerDuty answers 202 {@code {status, message, dedup_key}}.
 */
final class PagerDutyPager implements Pager {

  static final int MAX_SUMMARY = 1024;

  private final PagerDutyProperties properties;
  private final ServiceClient<DeliveryFailed> http;
  private final ObjectMapper json;

  PagerDutyPager(PagerDutyProperties properties, OutboundHttp http) {
    this.properties = properties;
    this.http = http.client("PagerDuty", OutboundHttp.Timeouts.of(properties.timeout()), DeliveryFailed::of,
        properties.routingKey());
    this.json = http.json();
  }

  @Override
  public String name() {
    return "pagerduty";
  }

  @Override
  public boolean configured() {
    return properties.configured();
  }

  @Override
  public String page(OutboundMessage message, String dedupKey) {
    ObjectNode event = json.createObjectNode()
        .put("routing_key", properties.routingKey())
        .put("event_action", "trigger")
        .put("dedup_key", dedupKey);
    ObjectNode payload = event.putObject("payload")
        .put("summary", Texts.truncate(summary(message), MAX_SUMMARY))
        .put("source", "irflow")
        .put("severity", severity(message.severity()));
    ObjectNode details = payload.putObject("custom_details");
    details.put("incidentId", message.incidentId());
    details.put("recipients", String.join(", ", message.recipients()));
    details.put("body", message.body());
    ServiceClient.Response response = http.post(properties.url()).json(event).send("enqueue");
    if (response.status() != 202 && !response.ok()) {
      throw http.failure("enqueue", response);
    }
    if (response.json() != null && !"success".equals(response.json().path("status").asText("success"))) {
      throw new DeliveryFailed("PagerDuty enqueue answered status " + http.mask(response.json().path("status").asText())
          + ": " + http.mask(response.json().path("message").asText("")));
    }
    return response.json() == null ? dedupKey : response.json().path("dedup_key").asText(dedupKey);
  }

  private static String summary(OutboundMessage message) {
    String title = Texts.title(message);
    return message.incidentId() == null ? title : "[" + message.incidentId() + "] " + title;
  }

  /** SEV1 critical, SEV2 error, SEV3 warning, SEV4 info; a page without severity counts as SEV2. */
  static String severity(String severity) {
    if (severity == null) {
      return "error";
    }
    return switch (severity.strip().toUpperCase(Locale.ROOT)) {
      case "SEV1" -> "critical";
      case "SEV3" -> "warning";
      case "SEV4" -> "info";
      default -> "error";
    };
  }
}
