package org.irflow.comms;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.irflow.comms.ChatService.IncidentChannels;
import org.irflow.comms.OutboundMessage.Channel;
import org.irflow.comms.slack.SlackChatService;
import org.irflow.comms.slack.SlackProperties;
import org.irflow.http.OutboundHttp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The Slack adapter against a WireMock Slack Web API: the requests that arrive and the answers it copes with. */
class SlackChatServiceTest {

  static final String TOKEN = "xoxb-test-secret-token-4711";

  @RegisterExtension
  static WireMockExtension slack = CommsFixtures.wireMock();

  CommsFixtures.RecordingSleeper sleeper;
  SlackChatService service;

  @BeforeEach
  void setUp() {
    sleeper = new CommsFixtures.RecordingSleeper();
    service = new SlackChatService(new SlackProperties(TOKEN, URI.create(slack.baseUrl() + "/api"),
        CommsFixtures.TIMEOUT), CommsFixtures.contacts(), CommsFixtures.http(sleeper));
  }

  @Test
  void createsThePrivateIncidentChannelAndItsBackup() {
    slack.stubFor(post("/api/conversations.create").withFormParam("name", equalTo("inc-2026-0001"))
        .willReturn(okJson("{\"ok\": true, \"channel\": {\"id\": \"C0PRIMARY\", \"name\": \"inc-2026-0001\"}}")));
    slack.stubFor(post("/api/conversations.create").withFormParam("name", equalTo("inc-2026-0001-backup"))
        .willReturn(okJson("{\"ok\": true, \"channel\": {\"id\": \"C0BACKUP\", \"name\": \"inc-2026-0001-backup\"}}")));

    IncidentChannels channels = service.createIncidentChannels("INC-2026-0001");

    assertThat(channels).isEqualTo(new IncidentChannels("C0PRIMARY", "inc-2026-0001", "C0BACKUP",
        "inc-2026-0001-backup"));
    List<LoggedRequest> creates = slack.findAll(postRequestedFor(urlPathEqualTo("/api/conversations.create")));
    assertThat(creates).hasSize(2);
    for (LoggedRequest create : creates) {
      assertThat(create.getHeader("Authorization")).isEqualTo("Bearer " + TOKEN);
      assertThat(create.getHeader("Content-Type")).startsWith("application/x-www-form-urlencoded");
      assertThat(create.formParameters().get("is_private").getValues()).containsExactly("true");
    }
    assertThat(creates).extracting(create -> create.formParameters().get("name").firstValue())
        .containsExactly("inc-2026-0001", "inc-2026-0001-backup");
  }

  @Test
  void channelNamesAreLowerCaseAndWithinSlacksLimit() {
    assertThat(SlackChatService.channelName("INC-2026-0001", false)).isEqualTo("inc-2026-0001");
    assertThat(SlackChatService.channelName("INC-2026-0001", true)).isEqualTo("inc-2026-0001-backup");
    assertThat(SlackChatService.channelName("Odd id/with space", false)).isEqualTo("inc-odd-id-with-space");
    assertThat(SlackChatService.channelName("x".repeat(100), true)).hasSize(80).endsWith("-backup");
  }

  @Test
  void findsAnExistingChannelOnNameTakenPagingThroughTheList() {
    slack.stubFor(post("/api/conversations.create")
        .willReturn(okJson("{\"ok\": false, \"error\": \"name_taken\"}")));
    slack.stubFor(post("/api/conversations.list").withFormParam("cursor", absent())
        .willReturn(okJson("""
            {"ok": true, "channels": [{"id": "C0OTHER", "name": "general", "is_archived": false}],
             "response_metadata": {"next_cursor": "dGVhbTpDMDYxRkE1UEI="}}""")));
    slack.stubFor(post("/api/conversations.list").withFormParam("cursor", equalTo("dGVhbTpDMDYxRkE1UEI="))
        .willReturn(okJson("""
            {"ok": true, "channels": [
               {"id": "C0PRIMARY", "name": "inc-2026-0001", "is_archived": false},
               {"id": "C0BACKUP", "name": "inc-2026-0001-backup", "is_archived": false}],
             "response_metadata": {"next_cursor": ""}}""")));

    IncidentChannels channels = service.createIncidentChannels("INC-2026-0001");

    assertThat(channels.primaryId()).isEqualTo("C0PRIMARY");
    assertThat(channels.backupId()).isEqualTo("C0BACKUP");
    List<LoggedRequest> lists = slack.findAll(postRequestedFor(urlPathEqualTo("/api/conversations.list")));
    assertThat(lists).hasSize(4);
    assertThat(lists.get(0).formParameters().get("types").firstValue()).isEqualTo("private_channel,public_channel");
    assertThat(lists.get(1).formParameters().get("cursor").firstValue()).isEqualTo("dGVhbTpDMDYxRkE1UEI=");
  }

  @Test
  void aTakenNameThatTheBotCannotSeeOrThatIsArchivedFails() {
    slack.stubFor(post("/api/conversations.create").willReturn(okJson("{\"ok\": false, \"error\": \"name_taken\"}")));
    slack.stubFor(post("/api/conversations.list").willReturn(okJson("""
        {"ok": true, "channels": [{"id": "C0OLD", "name": "inc-2026-0001", "is_archived": true}],
         "response_metadata": {"next_cursor": ""}}""")));

    assertThatThrownBy(() -> service.createIncidentChannels("INC-2026-0001")).isInstanceOf(DeliveryFailed.class)
        .hasMessageContaining("archived");
    assertThatThrownBy(() -> service.createIncidentChannels("INC-2026-0002")).isInstanceOf(DeliveryFailed.class)
        .hasMessageContaining("name_taken").hasMessageContaining("inc-2026-0002");
  }

  @Test
  void invitesTheUsersWithASlackIdAndSkipsTheOthers() {
    slack.stubFor(post("/api/conversations.invite").willReturn(okJson("{\"ok\": true, \"channel\": {\"id\": \"C0PRIMARY\"}}")));

    service.invite("C0PRIMARY", List.of("alice", "carol", "bob", "nobody"));

    List<LoggedRequest> invites = slack.findAll(postRequestedFor(urlPathEqualTo("/api/conversations.invite")));
    assertThat(invites).hasSize(1);
    assertThat(invites.get(0).formParameters().get("channel").firstValue()).isEqualTo("C0PRIMARY");
    assertThat(invites.get(0).formParameters().get("users").firstValue()).isEqualTo("U0ALICE,U0BOB");
    assertThat(invites.get(0).getHeader("Authorization")).isEqualTo("Bearer " + TOKEN);
  }

  @Test
  void noInvitationWhenNobodyHasASlackId() {
    service.invite("C0PRIMARY", List.of("carol", "nobody"));

    assertThat(slack.findAll(postRequestedFor(urlPathEqualTo("/api/conversations.invite")))).isEmpty();
  }

  @Test
  void alreadyInChannelIsFineAndTheOthersAreInvitedOneByOne() {
    slack.stubFor(post("/api/conversations.invite").withFormParam("users", equalTo("U0ALICE,U0BOB"))
        .willReturn(okJson("{\"ok\": false, \"error\": \"already_in_channel\"}")));
    slack.stubFor(post("/api/conversations.invite").withFormParam("users", equalTo("U0ALICE"))
        .willReturn(okJson("{\"ok\": false, \"error\": \"already_in_channel\"}")));
    slack.stubFor(post("/api/conversations.invite").withFormParam("users", equalTo("U0BOB"))
        .willReturn(okJson("{\"ok\": true}")));

    service.invite("C0PRIMARY", List.of("alice", "bob"));

    assertThat(slack.findAll(postRequestedFor(urlPathEqualTo("/api/conversations.invite"))))
        .extracting(invite -> invite.formParameters().get("users").firstValue())
        .containsExactly("U0ALICE,U0BOB", "U0ALICE", "U0BOB");
  }

  @Test
  void postsAChatMessageAndPinsItByItsTs() {
    slack.stubFor(post("/api/chat.postMessage").willReturn(okJson("""
        {"ok": true, "channel": "C0PRIMARY", "ts": "1767225600.000100", "message": {"text": "..."}}""")));
    slack.stubFor(post("/api/pins.add").willReturn(okJson("{\"ok\": true}")));

    String ts = service.deliver(new OutboundMessage("INC-2026-0001", Channel.CHAT, List.of("C0PRIMARY"),
        "Incident Objective", "Incident Objective: stop the drain of the vault", null, false));
    service.pin("C0PRIMARY", ts);

    assertThat(ts).isEqualTo("1767225600.000100");
    LoggedRequest post = slack.findAll(postRequestedFor(urlPathEqualTo("/api/chat.postMessage"))).get(0);
    assertThat(post.formParameters().get("channel").firstValue()).isEqualTo("C0PRIMARY");
    assertThat(post.formParameters().get("text").firstValue())
        .isEqualTo("*Incident Objective*\nIncident Objective: stop the drain of the vault");
    LoggedRequest pin = slack.findAll(postRequestedFor(urlPathEqualTo("/api/pins.add"))).get(0);
    assertThat(pin.formParameters().get("channel").firstValue()).isEqualTo("C0PRIMARY");
    assertThat(pin.formParameters().get("timestamp").firstValue()).isEqualTo("1767225600.000100");
    assertThat(pin.getHeader("Authorization")).isEqualTo("Bearer " + TOKEN);
  }

  @Test
  void aPostWithoutSubjectIsTheBodyAlone() {
    slack.stubFor(post("/api/chat.postMessage").willReturn(okJson("{\"ok\": true, \"ts\": \"1.2\"}")));

    service.deliver(new OutboundMessage("INC-2026-0001", Channel.CHAT, List.of("C0PRIMARY"), null,
        "Sync call in 10 minutes", null, false));

    assertThat(slack.findAll(postRequestedFor(urlPathEqualTo("/api/chat.postMessage"))).get(0)
        .formParameters().get("text").firstValue()).isEqualTo("Sync call in 10 minutes");
  }

  @Test
  void alreadyPinnedIsFine() {
    slack.stubFor(post("/api/pins.add").willReturn(okJson("{\"ok\": false, \"error\": \"already_pinned\"}")));

    service.pin("C0PRIMARY", "1767225600.000100");
  }

  @Test
  void okFalseFailsNamingTheMethodAndTheError() {
    slack.stubFor(post("/api/chat.postMessage").willReturn(okJson("{\"ok\": false, \"error\": \"channel_not_found\"}")));

    assertThatThrownBy(() -> service.deliver(chat("C0GONE"))).isInstanceOf(DeliveryFailed.class)
        .hasMessage("Slack chat.postMessage failed: channel_not_found");
  }

  @Test
  void honoursRetryAfterOn429ThenSucceeds() {
    slack.stubFor(post("/api/chat.postMessage").inScenario("rate").whenScenarioStateIs(STARTED)
        .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "2")).willSetStateTo("limited once"));
    slack.stubFor(post("/api/chat.postMessage").inScenario("rate").whenScenarioStateIs("limited once")
        .willReturn(okJson("{\"ok\": true, \"ts\": \"1767225600.000200\"}")));

    assertThat(service.deliver(chat("C0PRIMARY"))).isEqualTo("1767225600.000200");
    assertThat(sleeper.waits).containsExactly(Duration.ofSeconds(2));
    assertThat(slack.findAll(postRequestedFor(urlPathEqualTo("/api/chat.postMessage")))).hasSize(2);
  }

  @Test
  void aRateLimitThatLastsFails() {
    slack.stubFor(post("/api/chat.postMessage").willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")));

    assertThatThrownBy(() -> service.deliver(chat("C0PRIMARY"))).isInstanceOf(DeliveryFailed.class)
        .hasMessageContaining("Slack chat.postMessage is rate limited");
    assertThat(sleeper.waits).hasSize(OutboundHttp.RATE_LIMIT_RETRIES);
    assertThat(slack.findAll(postRequestedFor(urlPathEqualTo("/api/chat.postMessage"))))
        .hasSize(OutboundHttp.RATE_LIMIT_RETRIES + 1);
  }

  @Test
  void aLongRetryAfterFailsAtOnceForTheJobToRetryLater() {
    slack.stubFor(post("/api/chat.postMessage").willReturn(aResponse().withStatus(429).withHeader("Retry-After", "30")));

    assertThatThrownBy(() -> service.deliver(chat("C0PRIMARY"))).isInstanceOf(DeliveryFailed.class)
        .hasMessageContaining("rate limited").hasMessageContaining("30 s");
    assertThat(sleeper.waits).isEmpty();
  }

  @Test
  void aServerErrorFailsWithoutTheToken() {
    slack.stubFor(post("/api/chat.postMessage").willReturn(aResponse().withStatus(500)
        .withBody("internal error for token " + TOKEN)));

    assertThatThrownBy(() -> service.deliver(chat("C0PRIMARY"))).isInstanceOf(DeliveryFailed.class)
        .hasMessageContaining("Slack chat.postMessage answered HTTP 500")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(TOKEN));
  }

  @Test
  void anUnreachableSlackFailsWithoutTheToken() {
    SlackChatService unreachable = new SlackChatService(new SlackProperties(TOKEN, URI.create("http://127.0.0.1:1/api"),
        CommsFixtures.TIMEOUT), CommsFixtures.contacts(), CommsFixtures.http(sleeper));

    assertThatThrownBy(() -> unreachable.deliver(chat("C0PRIMARY"))).isInstanceOf(DeliveryFailed.class)
        .hasMessageContaining("Slack chat.postMessage could not be reached")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(TOKEN));
  }

  @Test
  void withoutATokenSlackIsNotConfiguredAndSendsNothing() {
    SlackChatService unconfigured = new SlackChatService(new SlackProperties(" ", URI.create(slack.baseUrl() + "/api"),
        CommsFixtures.TIMEOUT), CommsFixtures.contacts(), CommsFixtures.http(sleeper));

    assertThat(unconfigured.isConfigured()).isFalse();
    assertThatThrownBy(() -> unconfigured.deliver(chat("C0PRIMARY"))).isInstanceOf(DeliveryFailed.class)
        .hasMessageContaining("not configured");
    assertThat(slack.getAllServeEvents()).isEmpty();
    assertThat(new SlackProperties(TOKEN, null, null).toString()).doesNotContain(TOKEN);
  }

  static OutboundMessage chat(String channel) {
    return new OutboundMessage("INC-2026-0001", Channel.CHAT, List.of(channel), null, "status: contained", null, false);
  }
}
