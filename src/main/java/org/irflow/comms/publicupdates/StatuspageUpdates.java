package org.irflow.comms.publicupdates;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.irflow.comms.DeliveryFailed;
import org.irflow.comms.OutboundAdapter;
import org.irflow.comms.OutboundMessage;
import org.irflow.comms.Texts;
import org.irflow.http.OutboundHttp;
import org.irflow.http.ServiceClient;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * STATUSPAGE public updates, one Statuspage incident per irflow incident: the first update creates it
 * ({@code POST /pages/{page}/incidents}), later ones update it ({@code PATCH /pages/{page}/incidents/{id}}),
 * both with {@code Authorization: OAuth <key>} and {@code {incident: {name?, status, body}}}. The
 * Statuspage incident id is the reference, and the next update finds it in the vendor reference of the
 * incident's latest SENT STATUSPAGE message (outbound_message).
 *
 * <p>The status: the word a body starts with when it is one of Statuspage's ({@code Investigating},
 * {@code Identified}, {@code Monitoring}, {@code Resolved}, any case, e.g. "Resolved: the bridge is
 * unpaused"), else {@code investigating} for the first update and {@code identified} for later ones.
 * The name is set by the first update only (its title); later titles do not rename the incident.
 */
@Component
public class StatuspageUpdates implements OutboundAdapter {

  static final List<String> STATUSES = List.of("investigating", "identified", "monitoring", "resolved");
  static final int MAX_NAME = 255;

  private final StatuspageProperties properties;
  private final JdbcTemplate jdbc;
  private final ServiceClient<DeliveryFailed> http;
  private final ObjectMapper json;

  public StatuspageUpdates(StatuspageProperties properties, JdbcTemplate jdbc, OutboundHttp http) {
    this.properties = properties;
    this.jdbc = jdbc;
    this.http = http.client("Statuspage", OutboundHttp.Timeouts.of(properties.timeout()), DeliveryFailed::of,
        properties.apiKey());
    this.json = http.json();
  }

  @Override
  public OutboundMessage.Channel channel() {
    return OutboundMessage.Channel.STATUSPAGE;
  }

  @Override
  public boolean isConfigured() {
    return properties.configured();
  }

  @Override
  public String destination(OutboundMessage message) {
    return "an incident on Statuspage page " + properties.pageId() + " (" + properties.baseUrl().getHost() + ")";
  }

  @Override
  public String deliver(OutboundMessage message) {
    if (!properties.configured()) {
      throw new DeliveryFailed("Statuspage is not configured (irflow.comms.statuspage.api-key, .page-id)");
    }
    Optional<String> existing = message.incidentId() == null ? Optional.empty() : earlierIncident(message.incidentId());
    ObjectNode body = json.createObjectNode();
    ObjectNode incident = body.putObject("incident");
    if (existing.isEmpty()) {
      String title = Texts.title(message);
      incident.put("name", Texts.truncate(title.isEmpty() ? "Incident " + message.incidentId() : title, MAX_NAME));
    }
    incident.put("status", status(message.body(), existing.isPresent()));
    incident.put("body", message.body());
    String operation = existing.isEmpty() ? "create incident" : "update incident " + existing.get();
    URI uri = URI.create(base() + "/pages/" + properties.pageId() + "/incidents"
        + existing.map(id -> "/" + id).orElse(""));
    ServiceClient.Response response = http.method(existing.isEmpty() ? HttpMethod.POST : HttpMethod.PATCH, uri)
        .header("Authorization", "OAuth " + properties.apiKey())
        .json(body)
        .send(operation);
    if (!response.ok()) {
      throw http.failure(operation, response);
    }
    String id = response.json() == null ? null : response.json().path("id").asText(null);
    if (id == null) {
      throw new DeliveryFailed("Statuspage " + operation + " answered without an incident id");
    }
    return id;
  }

  /** The Statuspage incident of the irflow incident's latest delivered Statuspage update. */
  private Optional<String> earlierIncident(String incidentId) {
    return jdbc.queryForList("""
        select vendor_reference from outbound_message
         where incident_id = ? and channel = 'STATUSPAGE' and status = 'SENT' and vendor_reference is not null
         order by id desc""", String.class, incidentId).stream().findFirst();
  }

  /** The status named by the body's first word, else investigating (first update) or identified (later). */
  public static String status(String body, boolean later) {
    String start = body == null ? "" : body.stripLeading().toLowerCase(Locale.ROOT);
    for (String status : STATUSES) {
      if (start.startsWith(status) && (start.length() == status.length()
          || !Character.isLetterOrDigit(start.charAt(status.length())))) {
        return status;
      }
    }
    return later ? "identified" : "investigating";
  }

  private String base() {
    String base = properties.baseUrl().toString();
    return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
  }
}
