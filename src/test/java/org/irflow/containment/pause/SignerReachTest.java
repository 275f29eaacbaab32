package org.irflow.containment.pause;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import jakarta.mail.internet.MimeMessage;
import java.util.List;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.irflow.comms.OutboundMessages;
import org.irflow.incident.Incident;
import org.irflow.incident.Severity;
import org.irflow.process.ContainmentVariables;
import org.irflow.support.ProcessTest;
import org.irflow.support.TestIncidents;
import org.irflow.support.VendorStubs;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A signer is reached on the manual pause path: "Execute the pause in Safe{Wallet}" is created for
 * them and paged through PagerDuty (a stub on loopback); when every paging attempt fails, the same
 * text reaches them by e-mail (a real SMTP server) and by a direct Slack message (a stub).
 */
class SignerReachTest extends ProcessTest {

  static final WireMockServer VENDORS = VendorStubs.HTTP;
  static final GreenMail SMTP = VendorStubs.SMTP;
  static final String PAGERDUTY = "/pagerduty/v2/enqueue";

  @DynamicPropertySource
  static void vendorsOnLoopback(DynamicPropertyRegistry properties) {
    VendorStubs.register(properties);
    properties.add("irflow.comms.paging.pagerduty.routing-key", () -> "test-routing-key");
    properties.add("irflow.comms.paging.pagerduty.url", () -> VENDORS.baseUrl() + PAGERDUTY);
    properties.add("irflow.comms.contacts.erin.email", () -> "erin@example.org");
    properties.add("irflow.comms.contacts.erin.slack", () -> "U0ERIN");
  }

  @Autowired TestIncidents testIncidents;
  @Autowired OutboundMessages messages;

  Incident incident;

  @BeforeEach
  void anIncidentAndFreshStubs() throws Exception {
    VENDORS.resetAll();
    SMTP.purgeEmailFromAllMailboxes();
    VENDORS.stubFor(post("/api/chat.postMessage").willReturn(okJson("{\"ok\": true, \"channel\": \"D0ERIN\", \"ts\": \"1.1\"}")));
    incident = testIncidents.declare("Bridge drain", Severity.SEV1, "alice");
  }

  @Test
  void aSignerIsPagedWithTheTaskAndNothingElseWhenThePagerAnswers() {
    VENDORS.stubFor(post(urlPathEqualTo(PAGERDUTY))
        .willReturn(aResponse().withStatus(202).withBody("{\"status\": \"success\", \"dedup_key\": \"k\"}")));

    Task erins = manualPauseTaskOf("erin");
    deliverEveryMessage();

    List<LoggedRequest> pages = VENDORS.findAll(postRequestedFor(urlPathEqualTo(PAGERDUTY))).stream()
        .filter(page -> page.getBodyAsString().contains("\"recipients\":\"erin\"")).toList();
    assertThat(pages).hasSize(1);
    assertThat(pages.get(0).getBodyAsString()).contains("erin").contains("Sign and execute the pause in Safe{Wallet}")
        .contains("Bridge (0xB)").contains("Due by ");
    assertThat(erins.getDueDate()).isNotNull();
    assertThat(SMTP.getReceivedMessages()).isEmpty();
    assertThat(VENDORS.findAll(postRequestedFor(urlPathEqualTo("/api/chat.postMessage")))).isEmpty();
  }

  @Test
  void aSignerWhosePageKeepsFailingIsReachedByEmailAndChat() throws Exception {
    VENDORS.stubFor(post(urlPathEqualTo(PAGERDUTY)).willReturn(aResponse().withStatus(500)));

    manualPauseTaskOf("erin");
    deliverEveryMessage();

    assertThat(VENDORS.findAll(postRequestedFor(urlPathEqualTo(PAGERDUTY))).stream()
        .filter(page -> page.getBodyAsString().contains("\"recipients\":\"erin\""))).hasSize(4);
    MimeMessage[] mails = SMTP.getReceivedMessages();
    assertThat(mails).hasSize(1);
    assertThat(mails[0].getAllRecipients()[0].toString()).isEqualTo("erin@example.org");
    assertThat(mails[0].getSubject()).isEqualTo("Sign and execute the pause in Safe{Wallet} for " + incident.id());
    assertThat(GreenMailUtil.getBody(mails[0])).contains("Transaction Builder").contains("every paging attempt failed");
    LoggedRequest chat = VENDORS.findAll(postRequestedFor(urlPathEqualTo("/api/chat.postMessage"))).get(0);
    assertThat(chat.formParameters().get("channel").firstValue()).isEqualTo("U0ERIN");
    assertThat(chat.formParameters().get("text").firstValue()).contains("Sign and execute the pause in Safe{Wallet}");
    assertThat(jdbc.queryForList("select summary from timeline_entry where incident_id = ? order by id", String.class,
        incident.id())).anyMatch(summary -> summary.startsWith("Page \"Sign and execute the pause in Safe{Wallet} for "
            + incident.id() + "\" did not go out (every paging attempt failed): sent instead to erin by e-mail and chat"));
  }

  /** The manual path's task as the pause process creates it after "Prepare transaction for Safe{Wallet}". */
  private Task manualPauseTaskOf(String signer) {
    ProcessInstance pause = runtime.createProcessInstanceByKey(ContainmentVariables.CONTRACT_PAUSE_PROCESS)
        .businessKey(incident.id())
        .setVariable("incidentId", incident.id())
        .setVariable("incidentSupervisor", "alice")
        .setVariable(ContainmentVariables.PAUSE_CONTRACTS, "Bridge (0xB)")
        .setVariable(ContainmentVariables.SAFE_ADDRESS, "0x5afe")
        .setVariable(ContainmentVariables.TRANSACTION_BUILDER_URL, "/api/pauses/1/transaction-builder.json")
        .startBeforeActivity("Task_ExecutePauseManually#multiInstanceBody")
        .execute();
    return tasks.createTaskQuery().processInstanceId(pause.getId()).taskAssignee(signer).singleResult();
  }

  /** Runs the delivery jobs of the incident's messages, failing attempts included, until none is left. */
  private void deliverEveryMessage() {
    for (int round = 0; round < 20; round++) {
      List<Job> jobs = runtime.createProcessInstanceQuery().processDefinitionKey(OutboundMessages.PROCESS_KEY)
          .processInstanceBusinessKey(incident.id()).list().stream()
          .flatMap(delivery -> management.createJobQuery().processInstanceId(delivery.getId()).withRetriesLeft()
              .list().stream())
          .toList();
      if (jobs.isEmpty()) {
        return;
      }
      for (Job job : jobs) {
        try {
          management.executeJob(job.getId());
        } catch (RuntimeException failedAttempt) {
          // the job keeps its remaining retries; the next round runs it again
        }
      }
    }
  }
}
