package org.irflow.containment.relayer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.net.URI;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.irflow.containment.ContainmentProperties;
import org.irflow.containment.Relayer;
import org.irflow.containment.safe.ServiceCallFailed;
import org.irflow.http.OutboundHttp;
import org.irflow.http.ServiceClient;
import org.springframework.stereotype.Component;

/**
 * OpenZeppelin Relayer (self-hosted) over HTTP: irflow.containment.relayer.url is the server's root
 * (the client adds /api/v1/...), irflow.containment.relayer.api-key its bearer key. The relayer signs
 * and sends with its own key, which holds PAUSER_ROLE on the contracts it may pause.
 */
@Component
public class HttpRelayer implements Relayer {

  static final String SERVICE = "OpenZeppelin Relayer";
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,127}");
  private static final Pattern ADDRESS = Pattern.compile("0x[0-9a-fA-F]{40}");

  private final ContainmentProperties properties;
  private final ServiceClient<ServiceCallFailed> http;
  private final ObjectMapper json;
  private final String apiKey;

  public HttpRelayer(ContainmentProperties properties, OutboundHttp http) {
    this.properties = properties;
    this.apiKey = properties.relayer() == null ? null : properties.relayer().apiKey();
    this.http = http.client(SERVICE, OutboundHttp.Timeouts.CONTAINMENT_SERVICES, ServiceCallFailed::of, apiKey);
    this.json = http.json();
  }

  @Override
  public RelayerTransaction submit(String relayerId, String to, String data, BigInteger gasLimit) {
    if (to == null || !ADDRESS.matcher(to).matches()) {
      throw new IllegalArgumentException("not an address: " + to);
    }
    ObjectNode body = json.createObjectNode();
    body.put("to", to);
    body.put("value", 0);
    body.put("data", data == null || data.isBlank() ? "0x" : data);
    if (gasLimit != null) {
      body.put("gas_limit", gasLimit);
    }
    body.put("speed", "fastest");
    URI uri = uri("/api/v1/relayers/" + id(relayerId, "relayer id") + "/transactions");
    return transactionOf("POST " + uri, http.post(uri).bearer(apiKey).json(body).send("POST " + uri));
  }

  @Override
  public String address(String relayerId) {
    URI uri = uri("/api/v1/relayers/" + id(relayerId, "relayer id"));
    String endpoint = "GET " + uri;
    ServiceClient.Response response = http.get(uri).bearer(apiKey).send(endpoint);
    String address = text(dataOf(endpoint, response), "address");
    if (address == null || !ADDRESS.matcher(address).matches()) {
      throw http.failure(response.status(), endpoint + " answered HTTP " + response.status()
          + " without the relayer's address");
    }
    return address.toLowerCase(java.util.Locale.ROOT);
  }

  @Override
  public RelayerTransaction transaction(String relayerId, String transactionId) {
    URI uri = uri("/api/v1/relayers/" + id(relayerId, "relayer id") + "/transactions/"
        + id(transactionId, "relayer transaction id"));
    return transactionOf("GET " + uri, http.get(uri).bearer(apiKey).send("GET " + uri));
  }

  /**
   * One page of the relayer's list, which the relayer sorts newest first by created_at (both of its
   * stores do); the order is kept as the relayer gives it.
   */
  @Override
  public List<RelayerTransaction> recentTransactions(String relayerId, int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1: " + limit);
    }
    URI uri = uri("/api/v1/relayers/" + id(relayerId, "relayer id") + "/transactions?page=1&per_page=" + limit);
    String endpoint = "GET " + uri;
    ServiceClient.Response response = http.get(uri).bearer(apiKey).send(endpoint);
    JsonNode data = dataOf(endpoint, response);
    if (!data.isArray()) {
      throw http.failure(response.status(), endpoint + " answered HTTP " + response.status()
          + " without a list of transactions");
    }
    List<RelayerTransaction> transactions = new ArrayList<>();
    for (JsonNode entry : data) {
      if (transactions.size() == limit) {
        break;
      }
      transactions.add(transactionOf(endpoint, response.status(), entry));
    }
    return List.copyOf(transactions);
  }

  private RelayerTransaction transactionOf(String endpoint, ServiceClient.Response response) {
    JsonNode data = dataOf(endpoint, response);
    if (!data.isObject()) {
      throw http.failure(response.status(), endpoint + " answered HTTP " + response.status()
          + " without a transaction");
    }
    return transactionOf(endpoint, response.status(), data);
  }

  /** The envelope's data; a non-2xx answer or success: false is an error. */
  private JsonNode dataOf(String endpoint, ServiceClient.Response response) {
    JsonNode json = response.json();
    if (!response.ok() || json == null) {
      throw http.failure(endpoint, response);
    }
    if (!json.path("success").asBoolean(false)) {
      throw http.failure(response.status(), endpoint + " answered HTTP " + response.status()
          + " without success: " + shorten(json.path("error").asText("(no error given)")));
    }
    return json.path("data");
  }

  private static RelayerTransaction transactionOf(String endpoint, int httpStatus, JsonNode data) {
    String id = data.isObject() ? text(data, "id") : null;
    String status = data.isObject() ? text(data, "status") : null;
    if (id == null || status == null) {
      throw new ServiceCallFailed(SERVICE + " " + endpoint + " answered without a transaction id or status",
          httpStatus, null);
    }
    return new RelayerTransaction(id, text(data, "hash"), status.toLowerCase(), text(data, "to"),
        text(data, "data"), instant(text(data, "created_at")));
  }

  /** The relayer writes RFC 3339 (chrono's to_rfc3339, e.g. 2026-01-01T10:00:00.123456789+00:00). */
  private static Instant instant(String value) {
    if (value == null) {
      return null;
    }
    try {
      return OffsetDateTime.parse(value).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private URI uri(String path) {
    ContainmentProperties.Relayer relayer = properties.relayer();
    if (relayer == null || relayer.url() == null || relayer.url().isBlank()) {
      throw new IllegalStateException("no relayer is configured (irflow.containment.relayer.url)");
    }
    String base = relayer.url().strip();
    while (base.endsWith("/")) {
      base = base.substring(0, base.length() - 1);
    }
    if (base.endsWith("/api")) {
      base = base.substring(0, base.length() - "/api".length());
    }
    return URI.create(base + path);
  }

  private static String id(String value, String what) {
    if (value == null || !ID.matcher(value).matches()) {
      throw new IllegalArgumentException("not a " + what + ": " + value);
    }
    return value;
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }

  private static String shorten(String text) {
    return text.length() > 300 ? text.substring(0, 300) + "..." : text;
  }
}
