package org.irflow.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy on a free loopback port in front of a real server (the hardhat node behind an RPC
 * URL), which a test can take down and bring back: while down it closes every open connection and
 * every new one at once, as an endpoint that went away (clients see a reset or an early end of stream,
 * not a slow answer). Bytes pass through unchanged while up, so clients speak to the real server.
 */
public final class OutageProxy implements AutoCloseable {

  private final String upstreamHost;
  private final int upstreamPort;
  private final ServerSocket listener;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private final AtomicInteger refused = new AtomicInteger();
  private volatile boolean down;

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
        pump(client, server);
        pump(server, client);
      } catch (IOException e) {
        closeQuietly(client);
      }
    }
  }

  /** Copies one direction until either side closes, then closes both. */
  private void pump(Socket from, Socket to) {
    Thread thread = new Thread(() -> {
      byte[] buffer = new byte[16 * 1024];
      try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
        for (int read; (read = in.read(buffer)) >= 0; ) {
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
