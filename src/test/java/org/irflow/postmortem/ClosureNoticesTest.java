package org.irflow.postmortem;

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
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.camunda.bpm.engine.variable.Variables;
import org.irflow.incident.Incident;
import org.irflow.incident.IncidentService;
import org.irflow.incident.IncidentStatus;
import org.irflow.incident.SecurityEvents.NewEvent;
import org.irflow.incident.Severity;
import org.irflow.process.ProcessKeys;
import org.irflow.support.ProcessTest;
import org.irflow.support.VendorStubs;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Closing an incident after its post-mortem tells its participants, through the real SMTP server and the
 * Slack stub on loopback: alice supervises, carol is the communications officer, dave and zoe respond;
 * the contact directory (the demo users' addresses and Slack ids) knows all but zoe.
 */
class ClosureNoticesTest extends ProcessTest {

  static final WireMockServer VENDORS = VendorStubs.HTTP;
  static final GreenMail SMTP = VendorStubs.SMTP;

  @DynamicPropertySource
  static void vendorsAndContacts(DynamicPropertyRegistry properties) {
    VendorStubs.register(properties);
    properties.add("irflow.comms.irflow-url", () -> "https://irflow.example.org/");
  }

  @Autowired IncidentService incidentService;
  @Autowired PostMortemService postMortemService;

  @BeforeEach
  void freshStubs() throws Exception {
    VENDORS.resetAll();
    VENDORS.stubFor(post("/api/chat.postMessage").willReturn(okJson("{\"ok\": true, \"channel\": \"D0CAROL\", \"ts\": \"1.9\"}")));
    SMTP.purgeEmailFromAllMailboxes();
  }

  @Test
  void everyParticipantIsToldByEmailAndChatWithTheIdTitleLinkAndSummary() throws Exception {
    Incident incident = respondedIncident("Bridge replay", false);

    postMortemService.close(incident.id(), "all committed items done", "alice");
    deliverClosureNotices(incident);

    assertThat(incidentService.get(incident.id()).status()).isEqualTo(IncidentStatus.CLOSED);
    Map<String, MimeMessage> mails = mailsByRecipient(3);
    assertThat(mails).containsOnlyKeys("alice@example.org", "carol@example.org", "dave@example.org");
    for (MimeMessage mail : mails.values()) {
      assertThat(mail.getSubject()).isEqualTo("Incident " + incident.id() + " closed: Bridge replay");
      assertThat(GreenMailUtil.getBody(mail).replace("=\r\n", ""))
          .contains("Incident " + incident.id() + " \"Bridge replay\" is closed: alice closed its post-mortem.")
          .contains("Post-mortem summary: A signature replay drained part of the vault.")
          .contains("https://irflow.example.org/incident.html?id=" + incident.id())
          .doesNotContain("drill");
    }
    List<LoggedRequest> chats = VENDORS.findAll(postRequestedFor(urlPathEqualTo("/api/chat.postMessage")));
    assertThat(chats).extracting(chat -> chat.formParameters().get("channel").firstValue())
        .containsExactlyInAnyOrder("U0DEMOALICE", "U0DEMOCAROL", "U0DEMODAVE");
    assertThat(chats).allSatisfy(chat -> assertThat(chat.formParameters().get("text").firstValue())
        .startsWith("*Incident " + incident.id() + " closed: Bridge replay*")
        .contains("https://irflow.example.org/incident.html?id=" + incident.id()));
    assertThat(timelineSummaries(incident)).contains("Participants told of the closure: alice by e-mail and chat,"
        + " carol by e-mail and chat, dave by e-mail and chat; no e-mail or chat to reach zoe"
        + " (irflow.comms.contacts, SMTP, Slack).");
  }

  @Test
  void aDrillsParticipantsAreToldTooMarkedAsADrill() throws Exception {
    Incident drill = respondedIncident("Drill: bridge replay", true);

    postMortemService.close(drill.id(), null, "alice");
    deliverClosureNotices(drill);

    Map<String, MimeMessage> mails = mailsByRecipient(3);
    assertThat(mails).containsOnlyKeys("alice@example.org", "carol@example.org", "dave@example.org");
    MimeMessage toDave = mails.get("dave@example.org");
    assertThat(toDave.getSubject()).isEqualTo("[DRILL] Incident " + drill.id() + " closed: Drill: bridge replay");
    assertThat(GreenMailUtil.getBody(toDave)).startsWith("This was a drill.");
    assertThat(timelineSummaries(drill)).anyMatch(summary -> summary.startsWith("Drill participants told of the closure:"));
  }

  /** A resolved incident whose response named carol its officer and dave and zoe responders, with a drafted post-mortem. */
  private Incident respondedIncident(String title, boolean drill) {
    long eventId = incidentService.recordReportedEvent(new NewEvent(MONDAY_10_UTC, "dave", "MONITORING_ALERT", title,
        "test event", "0xBridge", "SEV1", null));
    Incident incident = incidentService.declare(eventId, Severity.SEV1, "alice", "alice", drill);
    String response = runtime.startProcessInstanceByKey(ProcessKeys.INCIDENT_RESPONSE, incident.id(),
        Variables.createVariables().putValue("incidentId", incident.id()).putValue("incidentTitle", title)
            .putValue("severity", "SEV1").putValue("incidentSupervisor", "alice").putValue("drill", drill)
            .putValue("communicationsOfficer", "carol").putValue("responders", "dave,zoe")).getId();
    incidentService.responseStarted(incident.id(), response);
    incidentService.resolve(incident.id(), "bridge paused", true, "alice");
    postMortemService.start(incident.id(), response, drill, List.of());
    postMortemService.draft(incident.id(), "A signature replay drained part of the vault.", "timeline",
        "The verifier accepted replayed signatures.", "Fast detection", "Slow signers", "alice");
    return incidentService.get(incident.id());
  }

  /** Runs the delivery of each closure notice, as the job executor would. */
  private void deliverClosureNotices(Incident incident) {
    for (String processInstanceId : jdbc.queryForList("select process_instance_id from outbound_message"
        + " where incident_id = ? and coalesce(subject, body) like '%closed:%' order by id", String.class, incident.id())) {
      management.executeJob(management.createJobQuery().processInstanceId(processInstanceId).singleResult().getId());
    }
  }

  private Map<String, MimeMessage> mailsByRecipient(int expected) throws Exception {
    assertThat(SMTP.waitForIncomingEmail(5000, expected)).isTrue();
    Map<String, MimeMessage> byRecipient = new TreeMap<>();
    for (MimeMessage mail : SMTP.getReceivedMessages()) {
      Arrays.stream(mail.getAllRecipients()).forEach(to -> byRecipient.put(to.toString(), mail));
    }
    return byRecipient;
  }

  private List<String> timelineSummaries(Incident incident) {
    return jdbc.queryForList("select summary from timeline_entry where incident_id = ? order by id", String.class,
        incident.id());
  }
}
