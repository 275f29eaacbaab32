package org.irflow.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A TCP proxy on a free loopback port in front of a real server (the hardhat node behind an RPC
 * URL), which a test can take down and bring back: while down it closes every open connection and
 * every new one at once, as an endpoint that went away (clients see a reset or an early end of stream,
 * not a slow answer). Bytes pass through unchanged while up, so clients speak to the real server.
 * It can also lose one answer: the request reaches the server, which acts on it, and the connection
 * breaks before the client hears back (the case where a retry must not act twice).
 */
public final class OutageProxy implements AutoCloseable {

  private final String upstreamHost;
  private final int upstreamPort;
  private final ServerSocket listener;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private final AtomicInteger refused = new AtomicInteger();
  private volatile boolean down;
  private final AtomicReference<String> loseNextAnswerTo = new AtomicReference<>();
  private final AtomicInteger lostAnswers = new AtomicInteger();

  /** A proxy for {@code upstreamUrl} (http://host:port...); the proxy's own URL is {@link #url()}. */
  public OutageProxy(String upstreamUrl) {
    URI upstream = URI.create(upstreamUrl);
    this.upstreamHost = upstream.getHost();
    this.upstreamPort = upstream.getPort();
    try {
      this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the outage proxy", e);
    }
    Thread acceptor = new Thread(this::accept, "outage-proxy-" + listener.getLocalPort());
    acceptor.setDaemon(true);
    acceptor.start();
  }

  public String url() {
    return "http://127.0.0.1:" + listener.getLocalPort();
  }

  /** The endpoint goes away: open connections are cut and new ones closed on arrival. */
  public void goDown() {
    down = true;
    for (Socket socket : open) {
      closeQuietly(socket);
    }
  }

  public void comeBack() {
    down = false;
  }

  /**
   * The next request whose bytes contain {@code marker} (e.g. a JSON-RPC method name such as
   * {@code "eth_sendRawTransaction"}) reaches the server, and its connection is cut before the answer.
   */
  public void loseNextAnswerTo(String marker) {
    loseNextAnswerTo.set(marker);
  }

  /** Answers lost by {@link #loseNextAnswerTo}. */
  public int lostAnswers() {
    return lostAnswers.get();
  }

  /** Connections closed on arrival while down: proof that clients really tried during the outage. */
  public int refusedConnections() {
    return refused.get();
  }

  private void accept() {
    while (!listener.isClosed()) {
      Socket client;
      try {
        client = listener.accept();
      } catch (IOException e) {
        return;   // closed
      }
      if (down) {
        refused.incrementAndGet();
        closeQuietly(client);
        continue;
      }
      try {
        Socket server = new Socket(upstreamHost, upstreamPort);
        open.add(client);
        open.add(server);
        AtomicBoolean answerLost = new AtomicBoolean();
        pump(client, server, answerLost, true);
        pump(server, client, answerLost, false);
      } catch (IOException e) {
        closeQuietly(client);
      }
    }
  }

  /**
   * Copies one direction until either side closes, then closes both. A request carrying the marker
   * of {@link #loseNextAnswerTo} marks its connection before it is passed on, so that the answer
   * coming back on it is dropped with the connection.
   */
  private void pump(Socket from, Socket to, AtomicBoolean answerLost, boolean request) {
    Thread thread = new Thread(() -> {
      byte[] buffer = new byte[64 * 1024];
      try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
        for (int read; (read = in.read(buffer)) >= 0; ) {
          if (request) {
            String marker = loseNextAnswerTo.get();
            if (marker != null && new String(buffer, 0, read, StandardCharsets.ISO_8859_1).contains(marker)
                && loseNextAnswerTo.compareAndSet(marker, null)) {
              answerLost.set(true);
            }
          } else if (answerLost.get()) {
            lostAnswers.incrementAndGet();
            break;   // the server answered; the client never hears it
          }
          out.write(buffer, 0, read);
          out.flush();
        }
      } catch (IOException e) {
        // one side went away (or goDown cut it): the other goes too
      } finally {
        closeQuietly(from);
        closeQuietly(to);
      }
    }, "outage-proxy-pump");
    thread.setDaemon(true);
    thread.start();
  }

  private void closeQuietly(Socket socket) {
    open.remove(socket);
    try {
      socket.close();
    } catch (IOException ignored) {
      // already closed
    }
  }

  @Override
  public void close() {
    goDown();
    try {
      listener.close();
    } catch (IOException ignored) {
      // already closed
    }
  }
}
