package org.irflow.comms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import org.irflow.comms.OutboundMessage.Channel;
import org.irflow.incident.Incident;
import org.irflow.incident.Severity;
import org.irflow.support.TestIncidents;
import org.irflow.support.VendorStubs;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A Discord webhook on a loopback port where nothing listens: every connection is refused. "Post to
 * Discord" fails at once, each attempt; the connection failure is caught on the call (not left as a
 * failed job), retried, and ends at the task to send the message by hand.
 */
class DiscordUnreachableTest extends DiscordDeliveryFailureTest {

  static final int CLOSED_PORT = closedPort();

  @DynamicPropertySource
  static void discordOnAClosedPort(DynamicPropertyRegistry properties) {
    VendorStubs.register(properties);
    properties.add("irflow.comms.discord.webhook-url",
        () -> "http://127.0.0.1:" + CLOSED_PORT + VendorStubs.DISCORD_PATH);
  }

  @Autowired TestIncidents testIncidents;

  @Test
  void aRefusedConnectionIsRetriedThenHandedToAPerson() {
    assertThatThrownBy(() -> new Socket(InetAddress.getLoopbackAddress(), CLOSED_PORT).close())
        .as("nothing listens on the webhook's port").isInstanceOf(ConnectException.class);
    Incident incident = testIncidents.declare("Discord away", Severity.SEV1, "alice");
    long id = messages.send(new OutboundMessage(incident.id(), Channel.DISCORD, List.of(), "Vault paused",
        "The vault is paused while we investigate.", "SEV1", false), "carol");
    String processInstanceId = messages.find(id).orElseThrow().processInstanceId();

    // four attempts (irflow.retry-cycles.outbound-message has three waits); the last fails into the model
    assertThat(runEveryAttempt(processInstanceId)).hasSize(3).allMatch(failure -> failure.equals(
        "Discord execute webhook: no connection, or no complete answer within 5 s"
            + " (HTCL-02007 Unable to execute HTTP request)"));
    assertThat(messages.find(id).orElseThrow().attempts()).isEqualTo(4);
    assertHandedToCarolWhoSendsItByHand(processInstanceId, id,
        "Discord execute webhook: no connection, or no complete answer within 5 s");
  }

  /** A loopback port that was free a moment ago and is closed now. */
  private static int closedPort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
