package org.irflow.comms;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import org.irflow.comms.OutboundMessage.Channel;
import org.irflow.comms.mail.CommsMailProperties;
import org.irflow.comms.mail.SmtpMail;
import org.irflow.comms.paging.OpsgenieProperties;
import org.irflow.comms.paging.PagerDutyProperties;
import org.irflow.comms.paging.Pagers;
import org.irflow.comms.publicupdates.DiscordProperties;
import org.irflow.comms.publicupdates.DiscordWebhook;
import org.irflow.comms.publicupdates.StatuspageProperties;
import org.irflow.comms.publicupdates.StatuspageUpdates;
import org.irflow.comms.publicupdates.WebsiteProperties;
import org.irflow.comms.publicupdates.WebsiteWebhook;
import org.irflow.comms.slack.SlackChatService;
import org.irflow.comms.slack.SlackProperties;
import org.irflow.http.OutboundHttp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The gateway: each channel to its adapter, unconfigured channels refused, drills kept from the public. */
class OutboundRouterTest {

  @RegisterExtension
  static WireMockExtension vendors = CommsFixtures.wireMock();

  /** Every adapter, Slack and Discord pointing at WireMock when asked to, the others without settings. */
  OutboundRouter router(boolean slackAndDiscord) {
    OutboundHttp http = CommsFixtures.http(new CommsFixtures.RecordingSleeper());
    URI unused = URI.create("http://127.0.0.1:1");
    return new OutboundRouter(List.of(
        new SlackChatService(new SlackProperties(slackAndDiscord ? "xoxb-router" : null,
            URI.create(vendors.baseUrl() + "/api"), CommsFixtures.TIMEOUT), CommsFixtures.contacts(), http),
        new Pagers(new PagerDutyProperties(null, unused, null), new OpsgenieProperties(null, unused, null),
            CommsFixtures.contacts(), http),
        new DiscordWebhook(new DiscordProperties(slackAndDiscord ? vendors.baseUrl() + "/api/webhooks/1/tok" : null,
            null, CommsFixtures.TIMEOUT), http),
        new StatuspageUpdates(new StatuspageProperties(null, null, unused, null), null, http),
        new WebsiteWebhook(new WebsiteProperties(null, null, null), Clock.systemUTC(), http),
        new SmtpMail(null, new CommsMailProperties(null))));
  }

  @Test
  void withNothingConfiguredNoChannelIsConfiguredAndNothingIsSent() {
    OutboundRouter router = router(false);

    for (Channel channel : Channel.values()) {
      assertThat(router.isConfigured(channel)).as(channel.name()).isFalse();
      assertThatThrownBy(() -> router.deliver(new OutboundMessage("INC-2026-0001", channel, List.of("C0X"), "s", "b",
          null, false))).isInstanceOf(DeliveryFailed.class).hasMessage("no adapter is configured for " + channel);
    }
    assertThat(vendors.getAllServeEvents()).isEmpty();
  }

  @Test
  void eachChannelGoesToItsAdapter() {
    vendors.stubFor(post("/api/chat.postMessage").willReturn(okJson("{\"ok\": true, \"ts\": \"1767225600.000300\"}")));
    vendors.stubFor(post(urlPathEqualTo("/api/webhooks/1/tok")).willReturn(okJson("{\"id\": \"555\"}")));
    OutboundRouter router = router(true);

    assertThat(router.isConfigured(Channel.CHAT)).isTrue();
    assertThat(router.isConfigured(Channel.DISCORD)).isTrue();
    assertThat(router.isConfigured(Channel.PAGE)).isFalse();
    assertThat(router.deliver(new OutboundMessage("INC-2026-0001", Channel.CHAT, List.of("C0PRIMARY"), null,
        "Sync call now", null, false))).isEqualTo("1767225600.000300");
    assertThat(router.deliver(new OutboundMessage("INC-2026-0001", Channel.DISCORD, List.of(), "Update",
        "All funds are safe", null, false))).isEqualTo("555");
    assertThat(vendors.findAll(postRequestedFor(urlPathEqualTo("/api/chat.postMessage")))).hasSize(1);
    assertThat(vendors.findAll(postRequestedFor(urlPathEqualTo("/api/webhooks/1/tok")))).hasSize(1);
  }

  @Test
  void aDrillsPublicMessageIsRefusedEvenWhenTheChannelIsConfigured() {
    OutboundRouter router = router(true);

    assertThatThrownBy(() -> router.deliver(new OutboundMessage("INC-2026-0001", Channel.DISCORD, List.of(), "Update",
        "drill", null, true))).isInstanceOf(DeliveryFailed.class).hasMessageContaining("drill");
    assertThat(vendors.getAllServeEvents()).isEmpty();
  }

  @Test
  void aDrillsChatMessageIsDelivered() {
    vendors.stubFor(post("/api/chat.postMessage").willReturn(okJson("{\"ok\": true, \"ts\": \"1.1\"}")));

    assertThat(router(true).deliver(new OutboundMessage("INC-2026-0001", Channel.CHAT, List.of("C0DRILL"), null,
        "[DRILL: would have gone to DISCORD] Update", null, true))).isEqualTo("1.1");
  }

  @Test
  void twoAdaptersForOneChannelAreAMistake() {
    DiscordWebhook discord = new DiscordWebhook(new DiscordProperties(null, null, null),
        CommsFixtures.http(new CommsFixtures.RecordingSleeper()));

    assertThatThrownBy(() -> new OutboundRouter(List.of(discord, discord))).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("DISCORD");
  }
}
