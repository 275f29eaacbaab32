package org.irflow.comms.paging;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.irflow.comms.ContactDirectory;
import org.irflow.comms.DeliveryFailed;
import org.irflow.comms.OutboundMessage;
import org.irflow.comms.Texts;
import org.irflow.http.OutboundHttp;
import org.irflow.http.ServiceClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opsgenie Alert API: {@code POST /v2/alerts} with {@code Authorization: GenieKey <key>}; the recipients
 * that have an Opsgenie username in the contact directory become user responders. Opsgenie answers 202
 * {@code {result, took, requestId}} (the alert is created asynchronously; the request id is the reference).
 */
final class OpsgeniePager implements Pager {

  static final int MAX_MESSAGE = 130;
  static final int MAX_DESCRIPTION = 15_000;
  private static final Logger log = LoggerFactory.getLogger(OpsgeniePager.class);

  private final OpsgenieProperties properties;
  private final ContactDirectory contacts;
  private final ServiceClient<DeliveryFailed> http;
  private final ObjectMapper json;

  OpsgeniePager(OpsgenieProperties properties, ContactDirectory contacts, OutboundHttp http) {
    this.properties = properties;
    this.contacts = contacts;
    this.http = http.client("Opsgenie", OutboundHttp.Timeouts.of(properties.timeout()), DeliveryFailed::of,
        properties.apiKey());
    this.json = http.json();
  }

  @Override
  public String name() {
    return "opsgenie";
  }

  @Override
  public boolean configured() {
    return properties.configured();
  }

  @Override
  public String page(OutboundMessage message, String dedupKey) {
    String title = Texts.title(message);
    ObjectNode alert = json.createObjectNode()
        .put("message", Texts.truncate(message.incidentId() == null ? title : "[" + message.incidentId() + "] " + title,
            MAX_MESSAGE))
        .put("alias", dedupKey)
        .put("description", Texts.truncate(message.body(), MAX_DESCRIPTION))
        .put("priority", priority(message.severity()))
        .put("source", "irflow");
    if (message.incidentId() != null) {
      alert.put("entity", message.incidentId());
      alert.putObject("details").put("incidentId", message.incidentId());
    }
    ArrayNode responders = alert.putArray("responders");
    List<String> unknown = new ArrayList<>();
    for (String recipient : message.recipients()) {
      contacts.opsgenieUsername(recipient).ifPresentOrElse(
          username -> responders.addObject().put("username", username).put("type", "user"),
          () -> unknown.add(recipient));
    }
    if (!unknown.isEmpty()) {
      log.warn("Opsgenie alert {}: no Opsgenie username (irflow.comms.contacts.<user>.opsgenie or .email) for {};"
          + " Opsgenie routes it by its integration's team", dedupKey, String.join(", ", unknown));
    }
    ServiceClient.Response response = http.post(properties.url())
        .header("Authorization", "GenieKey " + properties.apiKey())
        .json(alert)
        .send("create alert");
    if (!response.ok()) {
      throw http.failure("create alert", response);
    }
    return response.json() == null ? dedupKey : response.json().path("requestId").asText(dedupKey);
  }

  /** SEV1..SEV4 to P1..P4; a page without severity counts as SEV2. */
  static String priority(String severity) {
    if (severity == null) {
      return "P2";
    }
    return switch (severity.strip().toUpperCase(Locale.ROOT)) {
      case "SEV1" -> "P1";
      case "SEV3" -> "P3";
      case "SEV4" -> "P4";
      default -> "P2";
    };
  }
}
