package org.irflow.comms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.irflow.comms.OutboundMessage.Channel;
import org.irflow.incident.Incident;
import org.irflow.incident.Severity;
import org.irflow.support.StallingServer;
import org.irflow.support.TestIncidents;
import org.irflow.support.VendorStubs;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A Discord webhook that accepts the connection and never answers: "Post to Discord" (camunda-connect's
 * http-connector) must give up within its timeout, long before the job's lock (45 s) runs out, so that
 * no other job-executor thread takes the job and posts the same public message a second time while the
 * first post still waits. Every attempt timing out ends, like any failed delivery, at the task to send
 * the message by hand.
 */
class DiscordSilentEndpointTest extends DiscordDeliveryFailureTest {

  /** A loopback HTTP "server" that reads requests and never writes a byte back. */
  static final StallingServer SILENT = StallingServer.silent();

  @DynamicPropertySource
  static void discordNeverAnswers(DynamicPropertyRegistry properties) {
    VendorStubs.register(properties);
    properties.add("irflow.comms.discord.webhook-url", () -> SILENT.url() + "/discord/hook/secret-part");
    properties.add("irflow.comms.discord.timeout", () -> "PT1S");
  }

  @AfterAll
  static void stopServer() throws IOException {
    SILENT.close();
  }

  @Autowired TestIncidents testIncidents;

  @Test
  void aDiscordThatNeverAnswersIsPostedToOncePerAttemptThenHandedToAPerson() {
    Incident incident = testIncidents.declare("Silent Discord", Severity.SEV1, "alice");
    long id = messages.send(new OutboundMessage(incident.id(), Channel.DISCORD, List.of(), "Vault paused",
        "The vault is paused while we investigate.", "SEV1", false), "carol");
    String processInstanceId = messages.find(id).orElseThrow().processInstanceId();
    Job job = management.createJobQuery().processInstanceId(processInstanceId).singleResult();

    long started = System.nanoTime();
    assertThatThrownBy(() -> management.executeJob(job.getId()))
        .hasMessage("Discord execute webhook: no connection, or no complete answer within 1 s"
            + " (HTCL-02007 Unable to execute HTTP request)");
    Duration took = Duration.ofNanos(System.nanoTime() - started);

    // the socket timeout (1 s here, 5 s by default) ends the call, far inside the job's 45 s lock
    assertThat(took).isLessThan(Duration.ofSeconds(10));
    assertThat(SILENT.requests()).as("requests that reached the silent Discord").hasSize(1);
    assertThat(SILENT.requests().get(0)).startsWith("POST /discord/hook/secret-part");
    // the failure is the job's: its retry waits for the retry cycle, no second post in the meantime
    Job failed = management.createJobQuery().processInstanceId(processInstanceId).singleResult();
    assertThat(failed.getRetries()).isEqualTo(3);
    assertThat(failed.getDuedate()).isAfter(ClockUtil.getCurrentTime());
    assertThat(messages.find(id).orElseThrow().status()).isNotEqualTo("SENT");
    assertThat(SILENT.connections()).isEqualTo(1);

    // the three retries time out too; the last one ends at the task to send it by hand, not as a failed job
    assertThat(runEveryAttempt(processInstanceId)).hasSize(2);
    assertThat(SILENT.requests()).hasSize(4).allMatch(request -> request.startsWith("POST /discord/hook/secret-part"));
    assertHandedToCarolWhoSendsItByHand(processInstanceId, id,
        "Discord execute webhook: no connection, or no complete answer within 1 s");
  }
}
