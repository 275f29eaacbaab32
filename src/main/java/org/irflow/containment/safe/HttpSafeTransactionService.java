package org.irflow.containment.safe;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.irflow.containment.ContainmentProperties;
import org.irflow.containment.SafeTransaction;
import org.irflow.containment.SafeTransactionService;
import org.irflow.http.OutboundHttp;
import org.irflow.http.ServiceClient;
import org.springframework.stereotype.Component;
import org.web3j.crypto.Keys;

/**
 * The Safe Transaction Service over HTTP: the hosted one (https://api.safe.global/tx-service/{shortName}/api,
 * bearer API key irflow.containment.safe-transaction-service.api-key) or a self-hosted one (no key).
 * The base URL of each chain is irflow.containment.chains[].safe-transaction-service-url, up to and
 * including /api. Addresses go out checksummed, as the service requires.
 */
@Component
public class HttpSafeTransactionService implements SafeTransactionService {

  static final String SERVICE = "Safe Transaction Service";
  private static final int MAX_DELEGATE_PAGES = 10;
  private static final Pattern HASH = Pattern.compile("0x[0-9a-fA-F]{64}");
  private static final Pattern ADDRESS = Pattern.compile("0x[0-9a-fA-F]{40}");

  private final ContainmentProperties properties;
  private final ServiceClient<ServiceCallFailed> http;
  private final ObjectMapper json;
  private final String apiKey;

  public HttpSafeTransactionService(ContainmentProperties properties, OutboundHttp http) {
    this.properties = properties;
    this.apiKey = properties.safeTransactionService() == null ? null : properties.safeTransactionService().apiKey();
    this.http = http.client(SERVICE, OutboundHttp.Timeouts.CONTAINMENT_SERVICES, ServiceCallFailed::of, apiKey);
    this.json = http.json();
  }

  @Override
  public void propose(long chainId, String safe, SafeTransaction transaction, String safeTxHash, String sender,
      String signature, String origin) {
    requireHash(safeTxHash);
    ObjectNode body = json.createObjectNode();
    body.put("to", checksum(transaction.to()));
    body.put("value", decimal(transaction.value()));
    String data = transaction.data();
    if (data == null || data.isBlank() || "0x".equalsIgnoreCase(data)) {
      body.putNull("data");
    } else {
      body.put("data", data);
    }
    body.put("operation", transaction.operation());
    body.put("safeTxGas", decimal(transaction.safeTxGas()));
    body.put("baseGas", decimal(transaction.baseGas()));
    body.put("gasPrice", decimal(transaction.gasPrice()));
    body.put("gasToken", checksum(orZero(transaction.gasToken())));
    body.put("refundReceiver", checksum(orZero(transaction.refundReceiver())));
    body.put("nonce", transaction.nonce());
    body.put("contractTransactionHash", safeTxHash);
    body.put("sender", checksum(sender));
    if (signature == null) {
      body.putNull("signature");
    } else {
      body.put("signature", signature);
    }
    if (origin == null) {
      body.putNull("origin");
    } else {
      body.put("origin", origin.length() > 200 ? origin.substring(0, 200) : origin);
    }

    URI uri = uri(chainId, "/v2/safes/" + checksum(safe) + "/multisig-transactions/");
    ServiceClient.Response response = http.post(uri).bearer(apiKey).json(body).send("POST " + uri);
    if (response.ok()) {
      return;
    }
    if (response.status() == 422) {
      throw new ProposalRejected(SERVICE + " rejected the proposal " + safeTxHash + " for Safe " + checksum(safe)
          + ": " + explanation(response));
    }
    throw http.failure("POST " + uri, response);
  }

  @Override
  public Optional<Proposal> proposal(long chainId, String safeTxHash) {
    requireHash(safeTxHash);
    URI uri = uri(chainId, "/v2/multisig-transactions/" + safeTxHash + "/");
    ServiceClient.Response response = http.get(uri).bearer(apiKey).send("GET " + uri);
    if (response.status() == 404) {
      return Optional.empty();
    }
    if (!response.ok() || response.json() == null) {
      throw http.failure("GET " + uri, response);
    }
    JsonNode json = response.json();
    List<Confirmation> confirmations = new ArrayList<>();
    for (JsonNode confirmation : json.path("confirmations")) {
      confirmations.add(new Confirmation(text(confirmation, "owner"), text(confirmation, "signature")));
    }
    String hash = text(json, "safeTxHash");
    return Optional.of(new Proposal(hash == null ? safeTxHash : hash, json.path("confirmationsRequired").asInt(0),
        List.copyOf(confirmations), json.path("isExecuted").asBoolean(false), text(json, "transactionHash")));
  }

  /** Every page of the list (limit 100 each, following "next"); a delegate has few delegations. */
  @Override
  public List<Delegation> delegations(long chainId, String delegate) {
    URI uri = uri(chainId, "/v2/delegates/?delegate=" + checksum(delegate) + "&limit=100");
    List<Delegation> delegations = new ArrayList<>();
    for (int page = 0; uri != null && page < MAX_DELEGATE_PAGES; page++) {
      ServiceClient.Response response = http.get(uri).bearer(apiKey).send("GET " + uri);
      if (!response.ok() || response.json() == null) {
        throw http.failure("GET " + uri, response);
      }
      for (JsonNode result : response.json().path("results")) {
        delegations.add(new Delegation(lower(text(result, "safe")), lower(text(result, "delegate")),
            lower(text(result, "delegator"))));
      }
      String next = text(response.json(), "next");
      uri = next == null || next.isBlank() ? null : URI.create(next);
    }
    return List.copyOf(delegations);
  }

  private static String lower(String address) {
    return address == null ? null : address.toLowerCase(java.util.Locale.ROOT);
  }

  @Override
  public Optional<IndexedSafe> safe(long chainId, String safe) {
    URI uri = uri(chainId, "/v1/safes/" + checksum(safe) + "/");
    String operation = "GET " + uri;
    ServiceClient.Response response = http.get(uri).bearer(apiKey).send(operation);
    if (response.status() == 404) {
      return Optional.empty();
    }
    JsonNode answer = response.ok() ? exactlyOneDocument(response.body()) : null;
    if (answer == null) {
      throw http.failure(operation, response);
    }
    List<String> owners = new ArrayList<>();
    for (JsonNode owner : answer.path("owners")) {
      owners.add(owner.asText().toLowerCase(java.util.Locale.ROOT));
    }
    String nonce = text(answer, "nonce");
    if (nonce == null || !nonce.matches("\\d+") || !answer.path("threshold").canConvertToInt() || owners.isEmpty()
        || !safe.equalsIgnoreCase(text(answer, "address"))) {
      throw http.failure(response.status(), operation + " answered something that is not the Safe " + checksum(safe)
          + " with its nonce, owners and threshold");
    }
    return Optional.of(new IndexedSafe(new BigInteger(nonce), List.copyOf(owners), answer.path("threshold").asInt()));
  }

  /**
   * The body as one JSON object, or null: an answer that holds anything after its first document (the
   * same answer twice, say) is not taken as its first half.
   */
  private JsonNode exactlyOneDocument(String body) {
    if (body == null || body.isBlank()) {
      return null;
    }
    try {
      JsonNode node = json.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readTree(body);
      return node != null && node.isObject() ? node : null;
    } catch (java.io.IOException notOneDocument) {
      return null;
    }
  }

  private URI uri(long chainId, String path) {
    ContainmentProperties.Chain chain = properties.chains().stream()
        .filter(c -> c.chainId() == chainId)
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("chain " + chainId + " is not configured (irflow.containment.chains)"));
    String base = chain.safeTransactionServiceUrl();
    if (base == null || base.isBlank()) {
      throw new IllegalStateException("chain " + chainId + " has no safe-transaction-service-url");
    }
    base = base.strip();
    while (base.endsWith("/")) {
      base = base.substring(0, base.length() - 1);
    }
    if (!base.endsWith("/api")) {
      base = base + "/api";
    }
    return URI.create(base + path);
  }

  /** The service's explanation of a 422: nonFieldErrors and field errors, joined. */
  private static String explanation(ServiceClient.Response response) {
    JsonNode json = response.json();
    if (json == null) {
      return response.body() == null || response.body().isBlank() ? "(no explanation)" : shorten(response.body());
    }
    List<String> messages = new ArrayList<>();
    collect("", json, messages);
    return messages.isEmpty() ? shorten(json.toString()) : shorten(String.join("; ", messages));
  }

  private static void collect(String field, JsonNode node, List<String> messages) {
    if (node.isTextual()) {
      boolean general = field.isEmpty() || "nonFieldErrors".equals(field) || "detail".equals(field)
          || "message".equals(field);
      messages.add(general ? node.asText() : field + ": " + node.asText());
    } else if (node.isArray()) {
      node.forEach(element -> collect(field, element, messages));
    } else if (node.isObject()) {
      node.properties().forEach(entry -> collect(entry.getKey(), entry.getValue(), messages));
    }
  }

  private static String shorten(String text) {
    return text.length() > 1000 ? text.substring(0, 1000) + "..." : text;
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }

  private static String decimal(BigInteger value) {
    return value == null ? "0" : value.toString();
  }

  private static String orZero(String address) {
    return address == null || address.isBlank() ? SafeTransaction.ZERO_ADDRESS : address;
  }

  static String checksum(String address) {
    if (address == null || !ADDRESS.matcher(address.strip()).matches()) {
      throw new IllegalArgumentException("not an address: " + address);
    }
    return Keys.toChecksumAddress(address.strip());
  }

  private static void requireHash(String safeTxHash) {
    if (safeTxHash == null || !HASH.matcher(safeTxHash).matches()) {
      throw new IllegalArgumentException("not a SafeTx hash: " + safeTxHash);
    }
  }
}
