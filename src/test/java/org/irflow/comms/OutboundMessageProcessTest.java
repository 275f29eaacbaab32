package org.irflow.comms;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import jakarta.mail.internet.MimeMessage;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.irflow.comms.OutboundMessage.Channel;
import org.irflow.incident.Incident;
import org.irflow.incident.Severity;
import org.irflow.incident.TimelineKind;
import org.irflow.support.ProcessTest;
import org.irflow.support.TestIncidents;
import org.irflow.support.VendorStubs;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * OutboundMessageProcess through the real adapters: Slack and Discord stubs (WireMock) and a real SMTP
 * server (GreenMail), all on loopback. Asserts what reaches them: the post and its pin, the mail, the
 * retries of a failing vendor, then the Cockpit incident and the task to send by hand; a drill's
 * public message reaching the drill channel and not Discord.
 */
class OutboundMessageProcessTest extends ProcessTest {

  static final WireMockServer VENDORS = VendorStubs.HTTP;
  static final GreenMail SMTP = VendorStubs.SMTP;

  @DynamicPropertySource
  static void vendorsOnLoopback(DynamicPropertyRegistry properties) {
    VendorStubs.register(properties);
    properties.add("irflow.comms.contacts.erin.email", () -> "erin@example.org");
    properties.add("irflow.comms.contacts.erin.slack", () -> "U0ERIN");
  }

  @Autowired OutboundMessages messages;
  @Autowired TestIncidents testIncidents;
  @Autowired OutboundPreview preview;
  @Autowired PublicUpdates publicUpdates;

  Incident incident;

  @BeforeEach
  void anIncidentAndFreshStubs() throws Exception {
    VENDORS.resetAll();
    SMTP.purgeEmailFromAllMailboxes();
    incident = testIncidents.declare("Bridge replay", Severity.SEV1, "alice");
  }

  @Test
  void aChatPostIsDeliveredAndPinnedAndRecorded() {
    VENDORS.stubFor(post("/api/chat.postMessage").willReturn(okJson("{\"ok\": true, \"channel\": \"C0WAR\", \"ts\": \"1733130000.000100\"}")));
    VENDORS.stubFor(post("/api/pins.add").willReturn(okJson("{\"ok\": true}")));

    long id = messages.sendPinned(new OutboundMessage(incident.id(), Channel.CHAT, List.of("C0WAR"), null,
        "Incident Objective: stop the replay", null, false), "alice");
    ProcessInstance delivery = deliveryOf(id);
    runDelivery(delivery);

    assertThat(delivery).isEnded().hasPassed("Task_DeliverMessage", "EndEvent_MessageSent");
    LoggedRequest posted = VENDORS.findAll(postRequestedFor(urlPathEqualTo("/api/chat.postMessage"))).get(0);
    assertThat(posted.getHeader("Authorization")).isEqualTo("Bearer xoxb-test-token");
    assertThat(posted.formParameters().get("channel").firstValue()).isEqualTo("C0WAR");
    assertThat(posted.formParameters().get("text").firstValue()).isEqualTo("Incident Objective: stop the replay");
    LoggedRequest pinned = VENDORS.findAll(postRequestedFor(urlPathEqualTo("/api/pins.add"))).get(0);
    assertThat(pinned.formParameters().get("timestamp").firstValue()).isEqualTo("1733130000.000100");
    OutboundMessages.Recorded sent = messages.find(id).orElseThrow();
    assertThat(sent.status()).isEqualTo("SENT");
    assertThat(sent.vendorReference()).isEqualTo("1733130000.000100");
    assertThat(timelineKinds()).containsSubsequence(TimelineKind.MESSAGE_QUEUED, TimelineKind.MESSAGE_SENT);
  }

  @Test
  void anEmailReachesTheSmtpServer() throws Exception {
    long id = messages.send(new OutboundMessage(incident.id(), Channel.EMAIL, List.of("ops@customer.example"),
        "Security incident notice", "We are investigating an incident that may affect you.", "SEV1", false), "carol");
    runDelivery(deliveryOf(id));

    assertThat(SMTP.waitForIncomingEmail(5000, 1)).isTrue();
    MimeMessage mail = SMTP.getReceivedMessages()[0];
    assertThat(mail.getSubject()).isEqualTo("Security incident notice");
    assertThat(mail.getAllRecipients()[0].toString()).isEqualTo("ops@customer.example");
    assertThat(GreenMailUtil.getBody(mail)).contains("We are investigating an incident that may affect you.");
    assertThat(messages.find(id).orElseThrow().vendorReference()).isEqualTo(mail.getMessageID());
  }

  @Test
  void aVendorThatKeepsFailingIsRetriedThenACockpitIncidentAndATaskToSendByHand() {
    VENDORS.stubFor(post(urlPathEqualTo("/discord/hook/secret-part")).willReturn(aResponse().withStatus(500)));

    long id = messages.send(new OutboundMessage(incident.id(), Channel.DISCORD, List.of(), "Vault paused",
        "The vault is paused while we investigate.", "SEV1", false), "carol");
    ProcessInstance delivery = deliveryOf(id);
    Job job = management.createJobQuery().processInstanceId(delivery.getId()).singleResult();
    // irflow.retry-cycles.outbound-message has three waits: four attempts in all
    for (int attempt = 1; attempt <= 3; attempt++) {
      String jobId = job.getId();
      assertThatThrownBy(() -> management.executeJob(jobId)).hasMessageContaining("Discord");
      job = management.createJobQuery().processInstanceId(delivery.getId()).singleResult();
      assertThat(job.getRetries()).isEqualTo(4 - attempt);
    }
    management.executeJob(job.getId());   // the last attempt fails into the model's error path

    assertThat(VENDORS.findAll(postRequestedFor(urlPathEqualTo("/discord/hook/secret-part")))).hasSize(4);
    // Discord goes through the model's http-connector ("Post to Discord"), its answer checked after it
    assertThat(delivery).hasPassed("Task_PostToDiscord", "BoundaryEvent_DiscordFailed", "Task_RaiseDeliveryIncident")
        .isWaitingAt("Task_SendByHand");
    assertThat(runtime.createIncidentQuery().processInstanceId(delivery.getId())
        .incidentType("outboundMessageFailed").count()).isEqualTo(1);
    OutboundMessages.Recorded failed = messages.find(id).orElseThrow();
    assertThat(failed.status()).isEqualTo("FAILED");
    assertThat(failed.attempts()).isEqualTo(4);
    assertThat(failed.lastError()).contains("500").doesNotContain("secret-part");

    Task byHand = openTask(delivery, "Task_SendByHand");
    assertThat(byHand.getAssignee()).isEqualTo("carol");
    // "Why it failed" on the task's form: the vendor's answer in words, never the webhook's token
    assertThat((String) forms.getTaskFormVariables(byHand.getId()).getValue("outboundError", String.class))
        .isEqualTo("Discord execute webhook answered HTTP 500").doesNotContain("secret-part");
    assertThat(runtime.getVariable(delivery.getId(), "outboundBody")).isEqualTo("The vault is paused while we investigate.");
    assertThatThrownBy(() -> submit(byHand, Map.of("sentByHandNote", "posted in #announcements")))
        .hasMessageContaining("I have sent this message myself");
    submit(byHand, Map.of("sentByHand", true, "sentByHandNote", "posted in #announcements by hand"));

    assertThat(delivery).isEnded().hasPassed("Task_RecordSentByHand", "EndEvent_MessageSentByHand");
    assertThat(runtime.createIncidentQuery().processInstanceId(delivery.getId()).count()).isZero();
    assertThat(messages.find(id).orElseThrow().status()).isEqualTo("SENT_BY_HAND");
    assertThat(timelineKinds()).containsSubsequence(TimelineKind.MESSAGE_QUEUED, TimelineKind.MESSAGE_FAILED,
        TimelineKind.MESSAGE_SENT_BY_HAND);
  }

  @Test
  void aDiscordThatFailsOnceAndAnswersTheRetryIsPostedOnce() {
    VENDORS.stubFor(post(urlPathEqualTo("/discord/hook/secret-part")).inScenario("flaky").whenScenarioStateIs(STARTED)
        .willReturn(aResponse().withStatus(502)).willSetStateTo("recovered"));
    VENDORS.stubFor(post(urlPathEqualTo("/discord/hook/secret-part")).inScenario("flaky").whenScenarioStateIs("recovered")
        .willReturn(okJson("{\"id\": \"1322222222222222222\"}")));

    long id = messages.send(new OutboundMessage(incident.id(), Channel.DISCORD, List.of(), "Vault paused",
        "The vault is paused while we investigate.", "SEV1", false), "carol");
    ProcessInstance delivery = deliveryOf(id);

    assertThat(runEveryAttempt(delivery.getId())).containsExactly("Discord execute webhook answered HTTP 502");
    assertThat(delivery).isEnded().hasPassed("Task_CheckDiscordAnswer", "EndEvent_PostedToDiscord")
        .hasNotPassed("Task_SendByHand");
    assertThat(VENDORS.findAll(postRequestedFor(urlPathEqualTo("/discord/hook/secret-part")))).hasSize(2);
    OutboundMessages.Recorded sent = messages.find(id).orElseThrow();
    assertThat(sent.status()).isEqualTo("SENT");
    assertThat(sent.vendorReference()).isEqualTo("1322222222222222222");
    assertThat(sent.attempts()).isEqualTo(2);
  }

  @Test
  void aPublicUpdateIsPostedToDiscordByTheModelsHttpConnector() {
    VENDORS.stubFor(post(urlPathEqualTo("/discord/hook/secret-part"))
        .willReturn(okJson("{\"id\": \"1311111111111111111\", \"content\": \"**Vault paused**\"}")));

    long id = messages.send(new OutboundMessage(incident.id(), Channel.DISCORD, List.of(), "Vault paused",
        "The vault is paused while we investigate.", "SEV1", false), "carol");
    ProcessInstance delivery = deliveryOf(id);
    runDelivery(delivery);

    assertThat(delivery).isEnded().hasPassed("Task_PostToDiscord", "Task_CheckDiscordAnswer", "EndEvent_PostedToDiscord");
    LoggedRequest posted = VENDORS.findAll(postRequestedFor(urlPathEqualTo("/discord/hook/secret-part"))).get(0);
    assertThat(posted.queryParameter("wait").firstValue()).isEqualTo("true");
    assertThat(posted.getBodyAsString()).contains("**Vault paused**\\nThe vault is paused while we investigate.")
        .contains("\"allowed_mentions\":{\"parse\":[]}");
    assertThat(messages.find(id).orElseThrow().vendorReference()).isEqualTo("1311111111111111111");
    // the webhook URL (it holds the secret) is in no variable and no history
    assertThat(engine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(delivery.getId())
        .list()).noneMatch(variable -> String.valueOf(variable.getValue()).contains("secret-part"));
  }

  @Test
  void aDrillsPublicUpdateReachesTheDrillChannelAndNeverDiscord() {
    VENDORS.stubFor(post("/api/chat.postMessage").willReturn(okJson("{\"ok\": true, \"channel\": \"C0DRILL\", \"ts\": \"1.2\"}")));

    long id = messages.send(new OutboundMessage(incident.id(), Channel.DISCORD, List.of(), "Drill: vault paused",
        "This is a drill.", "SEV1", true), "carol");
    runDelivery(deliveryOf(id));

    assertThat(VENDORS.findAll(postRequestedFor(urlPathEqualTo("/discord/hook/secret-part")))).isEmpty();
    LoggedRequest posted = VENDORS.findAll(postRequestedFor(urlPathEqualTo("/api/chat.postMessage"))).get(0);
    assertThat(posted.formParameters().get("channel").firstValue()).isEqualTo("C0DRILL");
    assertThat(posted.formParameters().get("text").firstValue()).contains("[DRILL: would have gone to DISCORD]")
        .contains("This is a drill.");
    assertThat(messages.find(id).orElseThrow().status()).isEqualTo("SENT");
  }

  @Test
  void aChannelWithoutAnAdapterIsRecordedAsNotSent() {
    long id = messages.send(new OutboundMessage(incident.id(), Channel.STATUSPAGE, List.of(), "Vault paused",
        "Investigating", "SEV1", false), "carol");
    ProcessInstance delivery = deliveryOf(id);
    runDelivery(delivery);

    assertThat(delivery).isEnded().hasPassed("EndEvent_MessageSkipped");
    assertThat(messages.find(id).orElseThrow().status()).isEqualTo("SKIPPED");
    assertThat(timelineKinds()).contains(TimelineKind.MESSAGE_SKIPPED);
  }

  @Test
  void aPageWithNoPagerConfiguredReachesItsPersonByEmailAndChatInstead() throws Exception {
    VENDORS.stubFor(post("/api/chat.postMessage").willReturn(okJson("{\"ok\": true, \"channel\": \"D0ERIN\", \"ts\": \"1.3\"}")));

    long id = messages.send(new OutboundMessage(incident.id(), Channel.PAGE, List.of("erin", "nobody"),
        "Sign the pause transaction of " + incident.id(), "SafeTx hash 0xabc", "SEV1", false), "alice");
    runDelivery(deliveryOf(id));

    assertThat(messages.find(id).orElseThrow().status()).isEqualTo("SKIPPED");
    List<Long> fallbacks = messages.idsOfIncident(incident.id()).stream().filter(other -> other > id).toList();
    assertThat(fallbacks).extracting(other -> messages.find(other).orElseThrow().channel())
        .containsExactly(Channel.EMAIL, Channel.CHAT);
    fallbacks.forEach(other -> runDelivery(deliveryOf(other)));

    MimeMessage mail = SMTP.getReceivedMessages()[0];
    assertThat(mail.getAllRecipients()[0].toString()).isEqualTo("erin@example.org");
    assertThat(mail.getSubject()).isEqualTo("Sign the pause transaction of " + incident.id());
    assertThat(GreenMailUtil.getBody(mail)).contains("SafeTx hash 0xabc").contains("no pager is configured");
    LoggedRequest chat = VENDORS.findAll(postRequestedFor(urlPathEqualTo("/api/chat.postMessage"))).get(0);
    assertThat(chat.formParameters().get("channel").firstValue()).isEqualTo("U0ERIN");
    assertThat(jdbc.queryForList("select summary from timeline_entry where incident_id = ? order by id", String.class,
        incident.id())).contains("Page \"Sign the pause transaction of " + incident.id() + "\" did not go out"
            + " (no pager is configured): sent instead to erin by e-mail and chat; no e-mail or chat to reach nobody"
            + " (irflow.comms.contacts, SMTP, Slack)");
  }

  @Test
  void theApprovalFormsSayWhichChannelsCarryAMessageWithoutTheirSecrets() {
    // Discord, Slack and SMTP are configured here (VendorStubs), Statuspage and the website webhook are not
    String publicUpdate = preview.lines(publicUpdates.messages(incident.id(), "Vault paused", "Paused.", "SEV1", false),
        "none");
    assertThat(publicUpdate).isEqualTo("""
        Discord: configured — posted through Discord webhook hook on localhost
        Statuspage: not configured — only recorded on the timeline
        Website: not configured — only recorded on the timeline""").doesNotContain("secret-part");
    assertThat(preview.line(new OutboundMessage(incident.id(), Channel.EMAIL,
        List.of("a@customer.example", "b@customer.example", "c@customer.example"), "Notice", "Text", "SEV1", false)))
        .isEqualTo("E-mail: configured — e-mailed over SMTP (127.0.0.1) to 3 recipients");
    assertThat(preview.lines(publicUpdates.messages(incident.id(), "Drill", "Drill.", "SEV1", true), "none"))
        .startsWith("Discord: drill — to the drill channel instead; Chat: configured — posted on Slack to C0DRILL\n");

    // what the form said is what happens: Discord posted, Statuspage skipped as "no adapter"
    VENDORS.stubFor(post(urlPathEqualTo("/discord/hook/secret-part")).willReturn(okJson("{\"id\": \"1\"}")));
    for (long id : publicUpdates.publish(incident.id(), "Vault paused", "Paused.", "SEV1", false, "carol")) {
      runDelivery(deliveryOf(id));
    }
    assertThat(VENDORS.findAll(postRequestedFor(urlPathEqualTo("/discord/hook/secret-part")))).hasSize(1);
    assertThat(jdbc.queryForList("select channel || ' ' || status from outbound_message where incident_id = ?"
        + " and channel <> 'CHAT' order by id", String.class, incident.id()))
        .containsExactly("DISCORD SENT", "STATUSPAGE SKIPPED", "WEBSITE SKIPPED");
  }

  private ProcessInstance deliveryOf(long messageId) {
    String processInstanceId = messages.find(messageId).orElseThrow().processInstanceId();
    return runtime.createProcessInstanceQuery().processInstanceId(processInstanceId).singleResult();
  }

  private void runDelivery(ProcessInstance delivery) {
    management.executeJob(management.createJobQuery().processInstanceId(delivery.getId()).singleResult().getId());
  }

  private List<TimelineKind> timelineKinds() {
    return jdbc.queryForList("select kind from timeline_entry where incident_id = ? order by id", String.class,
        incident.id()).stream().map(TimelineKind::valueOf).toList();
  }
}
