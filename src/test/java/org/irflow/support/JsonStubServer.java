package org.irflow.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The HTTP part shared by the in-test stubs (Safe Transaction Service, relayer, Forta GraphQL): an
 * in-test server on a free loopback port, a request log, the bearer API key check, and fault
 * injection (the next n requests answer a given status; 429 with Retry-After), and outages (every
 * request answers a given status until the outage ends).
 */
public final class JsonStubServer implements AutoCloseable {

  public static final ObjectMapper JSON = new ObjectMapper();

  /** One request as the route sees it (header names in lower case). */
  public record Request(String method, String path, String query, Map<String, String> headers, JsonNode body) {
    public String header(String name) {
      return headers.get(name.toLowerCase());
    }
  }

  /** What to answer. */
  public record Reply(int status, Object body, Map<String, String> headers) {
    public static Reply of(int status, Object body) {
      return new Reply(status, body, Map.of());
    }
  }

  @FunctionalInterface
  public interface Route {
    Reply handle(Request request) throws Exception;
  }

  /** The answer for a request without the right bearer key. */
  @FunctionalInterface
  public interface Unauthorized {
    Reply reply(Request request);
  }

  private final String name;
  private final HttpServer server;
  private final ExecutorService executor;
  private final List<String> requests = new ArrayList<>();
  private final List<String> authorizations = new ArrayList<>();
  private final List<Request> received = new ArrayList<>();
  private final Deque<Integer> faults = new ArrayDeque<>();
  private final Route route;
  private final Unauthorized unauthorized;
  private volatile String apiKey;
  private volatile int retryAfterSeconds = 1;
  private volatile Integer outageStatus;

  public JsonStubServer(String name, Route route, Unauthorized unauthorized) {
    this.name = name;
    this.route = route;
    this.unauthorized = unauthorized;
    AtomicInteger threads = new AtomicInteger();
    this.executor = Executors.newFixedThreadPool(4, runnable -> {
      Thread thread = new Thread(runnable, name + "-stub-" + threads.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    });
    try {
      this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new IllegalStateException("cannot open the " + name + " stub", e);
    }
    server.createContext("/", this::exchange);
    server.setExecutor(executor);
    server.start();
  }

  public String rootUrl() {
    return "http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort();
  }

  public void requireApiKey(String key) {
    this.apiKey = key;
  }

  public synchronized void failNext(int status, int times) {
    for (int i = 0; i < times; i++) {
      faults.add(status);
    }
  }

  /** From now on every request answers {@code status} (e.g. 503), as a service that is down, until {@link #endOutage()}. */
  public void startOutage(int status) {
    this.outageStatus = status;
  }

  public void endOutage() {
    this.outageStatus = null;
  }

  public void retryAfterSeconds(int seconds) {
    this.retryAfterSeconds = seconds;
  }

  public synchronized List<String> requests() {
    return List.copyOf(requests);
  }

  public synchronized List<String> authorizations() {
    return List.copyOf(authorizations);
  }

  /** Every request received, with its headers and JSON body, in order. */
  public synchronized List<Request> received() {
    return List.copyOf(received);
  }

  private void exchange(HttpExchange exchange) throws IOException {
    Reply reply;
    try {
      Request request = read(exchange);
      Integer fault;
      synchronized (this) {
        requests.add(request.method() + " " + request.path()
            + (request.query() == null ? "" : "?" + request.query()));
        String authorization = request.header("Authorization");
        authorizations.add(authorization == null ? "" : authorization);
        received.add(request);
        fault = faults.poll();
      }
      String key = apiKey;
      Integer outage = outageStatus;
      if (outage != null) {
        reply = fault(outage);   // a service that is down answers before it looks at the request
      } else if (key != null && !("Bearer " + key).equals(request.header("Authorization"))) {
        reply = unauthorized.reply(request);
      } else if (fault != null) {
        reply = fault(fault);
      } else {
        reply = route.handle(request);
      }
    } catch (Exception e) {
      reply = Reply.of(500, Map.of("detail", name + " stub error: " + e));
    }
    write(exchange, reply);
  }

  private Reply fault(int status) {
    if (status == 429) {
      return new Reply(429, Map.of("detail", "Request was throttled. Expected available in "
          + retryAfterSeconds + " seconds."), Map.of("Retry-After", Integer.toString(retryAfterSeconds)));
    }
    return Reply.of(status, status >= 500 ? "<h1>Server Error (" + status + ")</h1>" : Map.of("detail", "injected"));
  }

  private static Request read(HttpExchange exchange) throws IOException {
    Map<String, String> headers = new LinkedHashMap<>();
    exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), v.isEmpty() ? "" : v.get(0)));
    JsonNode body = null;
    try (InputStream in = exchange.getRequestBody()) {
      byte[] bytes = in.readAllBytes();
      if (bytes.length > 0) {
        body = JSON.readTree(bytes);
      }
    }
    return new Request(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
        exchange.getRequestURI().getRawQuery(), headers, body);
  }

  private static void write(HttpExchange exchange, Reply reply) throws IOException {
    byte[] bytes;
    if (reply.body() == null) {
      bytes = new byte[0];
    } else if (reply.body() instanceof String text) {
      bytes = text.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "text/html");
    } else {
      bytes = JSON.writeValueAsBytes(reply.body());
      exchange.getResponseHeaders().set("Content-Type", "application/json");
    }
    reply.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
    exchange.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
    exchange.close();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
