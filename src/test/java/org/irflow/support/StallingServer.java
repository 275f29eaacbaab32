package org.irflow.support;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback HTTP endpoint that never finishes an answer, for timeout tests:
 *
 * <ul>
 *   <li>{@link #silent()} accepts each connection, reads the request line and never answers;
 *   <li>{@link #headersThenStall()} sends a 200's headers and the first bytes of a longer body, then
 *       sends nothing more (the connection stays open);
 *   <li>{@link #unconnectable()} never accepts: its small backlog is filled by connections of its own,
 *       so a further connection attempt hangs until the client's connect timeout.
 * </ul>
 */
public final class StallingServer implements AutoCloseable {

  private static final byte[] HEADERS_AND_A_START = ("HTTP/1.1 200 OK\r\n"
      + "Content-Type: application/json\r\n"
      + "Content-Length: 1000\r\n"
      + "\r\n"
      + "{\"id\": \"").getBytes(StandardCharsets.US_ASCII);

  private final ServerSocket socket;
  private final byte[] prelude;
  private final AtomicInteger connections = new AtomicInteger();
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private final List<Socket> held = new CopyOnWriteArrayList<>();

  private StallingServer(byte[] prelude, boolean accepting) {
    this.prelude = prelude;
    try {
      socket = new ServerSocket(0, accepting ? 50 : 1, InetAddress.getLoopbackAddress());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    if (accepting) {
      Thread acceptor = new Thread(this::acceptForEver, "stalling-server");
      acceptor.setDaemon(true);
      acceptor.start();
    } else {
      fillBacklog();
    }
  }

  public static StallingServer silent() {
    return new StallingServer(new byte[0], true);
  }

  public static StallingServer headersThenStall() {
    return new StallingServer(HEADERS_AND_A_START, true);
  }

  public static StallingServer unconnectable() {
    return new StallingServer(new byte[0], false);
  }

  public String url() {
    return "http://127.0.0.1:" + socket.getLocalPort();
  }

  /** Connections accepted (not counting the backlog's fillers). */
  public int connections() {
    return connections.get();
  }

  /** The request line of each accepted connection. */
  public List<String> requests() {
    return requests;
  }

  private void acceptForEver() {
    while (!socket.isClosed()) {
      try {
        Socket client = socket.accept();
        connections.incrementAndGet();
        held.add(client);
        requests.add(firstLine(client.getInputStream()));
        client.getOutputStream().write(prelude);
        client.getOutputStream().flush();
      } catch (IOException closed) {
        if (socket.isClosed()) {
          return;
        }
      }
    }
  }

  /** Connects until a connection no longer gets through: the kernel's accept queue is full. */
  private void fillBacklog() {
    for (int i = 0; i < 64; i++) {
      Socket filler = new Socket();
      try {
        filler.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), socket.getLocalPort()), 200);
        held.add(filler);
      } catch (SocketTimeoutException full) {
        closeQuietly(filler);
        return;
      } catch (IOException e) {
        closeQuietly(filler);
        throw new IllegalStateException("cannot fill the backlog", e);
      }
    }
    throw new IllegalStateException("the backlog never filled");
  }

  private static String firstLine(InputStream in) throws IOException {
    StringBuilder line = new StringBuilder();
    int c;
    while ((c = in.read()) >= 0 && c != '\n') {
      line.append((char) c);
    }
    return line.toString().trim();
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException ignored) {
      // closing a socket that never connected
    }
  }

  @Override
  public void close() throws IOException {
    for (Socket client : held) {
      client.close();
    }
    socket.close();
  }
}
