package org.irflow.support.chain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A JSON-RPC-aware HTTP proxy on a free loopback port in front of a node (the hardhat node of
 * {@link LocalChain}): each JSON-RPC POST, single or batch, is read, counted by method, possibly
 * rewritten, and forwarded to the node; the node's answer is passed back unchanged. Faults:
 * <ul>
 *   <li>{@link #goDown()}/{@link #comeBack()}: while down, every request (on a new or a kept-alive
 *       connection, and one in flight when the answer comes back) has its connection closed without an
 *       answer, so clients see an I/O error at once, never a slow answer; nothing reaches the node;</li>
 *   <li>{@link #loseNextAnswerTo(String)}: the next request holding that method is forwarded and acted on
 *       by the node, then the client's connection is closed without the answer;</li>
 *   <li>{@link #estimateGasOnLatest(boolean)}: eth_estimateGas without a block, or with "pending", is sent
 *       with "latest", as geth estimates by default (hardhat estimates on "pending").</li>
 * </ul>
 * Only POST is served (405 otherwise); a body that is not JSON is forwarded as it is, uncounted.
 */
public final class JsonRpcProxy implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final URI upstream;
  private final HttpServer server;
  private final ExecutorService executor;
  private final HttpClient client;
  private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
  private final Map<String, List<JsonNode>> params = new ConcurrentHashMap<>();
  private final AtomicReference<String> loseNextAnswerTo = new AtomicReference<>();
  private final AtomicInteger lostAnswers = new AtomicInteger();
  private final AtomicInteger refused = new AtomicInteger();
  private final AtomicInteger rewrittenEstimates = new AtomicInteger();
  private volatile boolean down;
  private volatile boolean estimateGasOnLatest;

  /** A proxy for the node at {@code upstreamUrl}; its own URL is {@link #url()}. */
  public JsonRpcProxy(String upstreamUrl) {
    this.upstream = URI.create(upstreamUrl);
    AtomicInteger threads = new AtomicInteger();
    this.executor = Executors.newCachedThreadPool(runnable -> {
      Thread thread = new Thread(runnable, "json-rpc-proxy-" + threads.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    });
    this.client = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(3))
        .build();
    try {
      this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the JSON-RPC proxy", e);
    }
    server.createContext("/", this::exchange);
    server.setExecutor(executor);
    server.start();
  }

  /** The URL to give clients instead of the node's. */
  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
  }

  /** The node goes away: from now on every request's connection is closed without an answer. */
  public void goDown() {
    down = true;
  }

  public void comeBack() {
    down = false;
  }

  public boolean isDown() {
    return down;
  }

  /**
   * The next request holding a call of {@code method} (e.g. "eth_sendRawTransaction"; in a batch, any
   * element) reaches the node, and the client's connection is closed before the node's answer.
   */
  public void loseNextAnswerTo(String method) {
    loseNextAnswerTo.set(method);
  }

  /** Answers dropped by {@link #loseNextAnswerTo(String)}. */
  public int lostAnswers() {
    return lostAnswers.get();
  }

  /** Requests closed without an answer while down: proof that clients tried during the outage. */
  public int refusedRequests() {
    return refused.get();
  }

  /**
   * While true, each eth_estimateGas without a block parameter, or with "pending", is forwarded with
   * "latest" (a block number, a hash or another tag is kept). hardhat estimates on its pending block,
   * which holds the transactions of its mempool; geth estimates on "latest" when no block is given.
   */
  public void estimateGasOnLatest(boolean onLatest) {
    this.estimateGasOnLatest = onLatest;
  }

  /** eth_estimateGas calls whose block was changed to "latest". */
  public int rewrittenEstimates() {
    return rewrittenEstimates.get();
  }

  /** Calls of {@code method} forwarded to the node (each element of a batch counts). */
  public int calls(String method) {
    AtomicInteger count = calls.get(method);
    return count == null ? 0 : count.get();
  }

  /** The params of each call of {@code method} as forwarded to the node (after any rewrite), in order. */
  public List<JsonNode> forwardedParams(String method) {
    List<JsonNode> forwarded = params.get(method);
    return forwarded == null ? List.of() : List.copyOf(forwarded);
  }

  /**
   * Returning without an answer closes the exchange before its answer was started, which closes the
   * connection: the client reads an end of stream, not an HTTP answer.
   */
  private void exchange(HttpExchange exchange) throws IOException {
    try {
      byte[] body;
      try (InputStream in = exchange.getRequestBody()) {
        body = in.readAllBytes();
      }
      if (down) {
        refused.incrementAndGet();
        return;   // closed without an answer
      }
      if (!"POST".equals(exchange.getRequestMethod())) {
        exchange.sendResponseHeaders(405, -1);
        return;
      }
      JsonNode request = parse(body);
      boolean loseAnswer = false;
      if (request != null) {
        List<ObjectNode> callsOf = callsOf(request);
        if (estimateGasOnLatest) {
          callsOf.forEach(this::onLatest);
        }
        String lose = loseNextAnswerTo.get();
        for (ObjectNode call : callsOf) {
          String method = call.path("method").asText(null);
          if (method == null) {
            continue;
          }
          calls.computeIfAbsent(method, m -> new AtomicInteger()).incrementAndGet();
          params.computeIfAbsent(method, m -> new CopyOnWriteArrayList<>()).add(call.path("params").deepCopy());
          if (method.equals(lose) && loseNextAnswerTo.compareAndSet(lose, null)) {
            loseAnswer = true;
          }
        }
        body = JSON.writeValueAsBytes(request);
      }
      HttpResponse<byte[]> answer;
      try {
        answer = client.send(HttpRequest.newBuilder(upstream)
            .timeout(Duration.ofSeconds(60))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build(), HttpResponse.BodyHandlers.ofByteArray());
      } catch (IOException e) {
        return;   // the node is unreachable: so is the proxy
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      if (loseAnswer) {
        lostAnswers.incrementAndGet();
        return;   // the node acted; the client never hears it
      }
      if (down) {
        refused.incrementAndGet();
        return;
      }
      answer.headers().firstValue("Content-Type")
          .ifPresent(type -> exchange.getResponseHeaders().set("Content-Type", type));
      byte[] bytes = answer.body();
      exchange.sendResponseHeaders(answer.statusCode(), bytes.length == 0 ? -1 : bytes.length);
      if (bytes.length > 0) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(bytes);
        }
      }
    } finally {
      exchange.close();
    }
  }

  private static JsonNode parse(byte[] body) {
    try {
      JsonNode json = JSON.readTree(body);
      return json != null && (json.isObject() || json.isArray()) ? json : null;
    } catch (IOException e) {
      return null;
    }
  }

  private static List<ObjectNode> callsOf(JsonNode request) {
    List<ObjectNode> calls = new ArrayList<>();
    if (request instanceof ObjectNode call) {
      calls.add(call);
    } else if (request instanceof ArrayNode batch) {
      for (JsonNode element : batch) {
        if (element instanceof ObjectNode call) {
          calls.add(call);
        }
      }
    }
    return calls;
  }

  private void onLatest(ObjectNode call) {
    if (!"eth_estimateGas".equals(call.path("method").asText()) || !(call.get("params") instanceof ArrayNode p)
        || p.isEmpty()) {
      return;
    }
    if (p.size() == 1) {
      p.add("latest");
    } else if (p.get(1).isNull() || "pending".equals(p.get(1).asText())) {
      p.set(1, JSON.getNodeFactory().textNode("latest"));
    } else {
      return;
    }
    rewrittenEstimates.incrementAndGet();
  }

  @Override
  public void close() {
    down = true;
    server.stop(0);
    executor.shutdownNow();
  }
}
