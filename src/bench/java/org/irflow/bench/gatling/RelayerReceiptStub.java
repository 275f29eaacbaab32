package org.irflow.bench.gatling;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An OpenZeppelin Relayer and a JSON-RPC node on loopback that only record: the time of receipt
 * (System.nanoTime of this JVM, the load generator's, so that it compares with the send time of the
 * alert) of the first {@code POST /api/v1/relayers/{id}/transactions} for each contract, answered
 * {@code submitted} at once. Unlike support/chain/RelayerStub it sends nothing to a chain: the
 * measurement ends at the submission, and signing and mining one transaction at a time would add the
 * node's latency to every later answer. Transactions stay {@code submitted}; the JSON-RPC side answers
 * the few reads the pause path might make and counts them, so that the report can say whether it read
 * the chain before submitting.
 */
final class RelayerReceiptStub implements AutoCloseable {

  static final String RELAYER_ID = "bench-pauser";
  /** A loopback-only demo key, as the e2e profile's webhook secrets. */
  static final String API_KEY = "bench-relayer-api-key-not-a-secret";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;
  private final ExecutorService threads = Executors.newFixedThreadPool(4);
  /** contract address (lower case) -> nanoTime of the first submission. */
  private final Map<String, Long> firstSubmission = new ConcurrentHashMap<>();
  private final AtomicLong submissions = new AtomicLong();
  private final AtomicLong statusReads = new AtomicLong();
  private final Map<String, AtomicLong> rpcCalls = new ConcurrentHashMap<>();

  RelayerReceiptStub() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 200);
    server.createContext("/api/v1/relayers/", this::relayer);
    server.createContext("/rpc", this::rpc);
    server.setExecutor(threads);
    server.start();
  }

  /** The value of irflow.containment.relayer.url. */
  String relayerUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  String rpcUrl() {
    return relayerUrl() + "/rpc";
  }

  /** nanoTime of the first submission for this contract, or null. */
  Long receivedAt(String contractAddress) {
    return firstSubmission.get(contractAddress.toLowerCase(Locale.ROOT));
  }

  long submissions() {
    return submissions.get();
  }

  int contractsSubmitted() {
    return firstSubmission.size();
  }

  long statusReads() {
    return statusReads.get();
  }

  /** JSON-RPC method -> calls. */
  Map<String, AtomicLong> rpcCalls() {
    return rpcCalls;
  }

  private void relayer(HttpExchange exchange) throws IOException {
    long received = System.nanoTime();
    try (exchange) {
      byte[] body = read(exchange.getRequestBody());
      if (!("Bearer " + API_KEY).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
        reply(exchange, 401, "{\"success\":false,\"data\":null,\"error\":\"Unauthorized\"}");
        return;
      }
      String path = exchange.getRequestURI().getPath();
      String id = UUID.randomUUID().toString();
      if ("POST".equals(exchange.getRequestMethod()) && path.endsWith("/transactions")) {
        JsonNode request = JSON.readTree(body);
        String to = request.path("to").asText("").toLowerCase(Locale.ROOT);
        firstSubmission.putIfAbsent(to, received);
        submissions.incrementAndGet();
        reply(exchange, 200, transaction(id, to, "submitted"));
      } else if ("GET".equals(exchange.getRequestMethod())) {
        statusReads.incrementAndGet();
        reply(exchange, 200, transaction(path.substring(path.lastIndexOf('/') + 1), null, "submitted"));
      } else {
        reply(exchange, 404, "{\"success\":false,\"data\":null,\"error\":\"Not found\"}");
      }
    }
  }

  private static String transaction(String id, String to, String status) {
    return "{\"success\":true,\"error\":null,\"data\":{\"id\":\"" + id + "\",\"hash\":\"0x"
        + "ab".repeat(32) + "\",\"status\":\"" + status + "\",\"relayer_id\":\"" + RELAYER_ID + "\",\"nonce\":1,"
        + "\"to\":" + (to == null ? "null" : "\"" + to + "\"") + ",\"value\":\"0\",\"speed\":\"fast\","
        + "\"created_at\":\"2026-12-02T00:00:00Z\"}}";
  }

  /** Answers what a pause might read: the chain id, a block number, and paused() false for any eth_call. */
  private void rpc(HttpExchange exchange) throws IOException {
    try (exchange) {
      JsonNode request = JSON.readTree(read(exchange.getRequestBody()));
      String method = request.path("method").asText();
      rpcCalls.computeIfAbsent(method, m -> new AtomicLong()).incrementAndGet();
      String result = switch (method) {
        case "eth_chainId" -> "\"0x7a69\"";
        case "net_version" -> "\"31337\"";
        case "eth_blockNumber" -> "\"0x1\"";
        case "eth_call" -> "\"0x" + "0".repeat(64) + "\"";
        default -> null;
      };
      String id = request.path("id").toString();
      reply(exchange, 200, result != null ? "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"result\":" + result + "}"
          : "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"error\":{\"code\":-32601,\"message\":\"not in the bench stub\"}}");
    }
  }

  private static byte[] read(InputStream in) throws IOException {
    return in.readAllBytes();
  }

  private static void reply(HttpExchange exchange, int status, String json) throws IOException {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}
