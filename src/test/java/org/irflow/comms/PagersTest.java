package org.irflow.comms;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.URI;
import java.util.List;
import org.irflow.comms.OutboundMessage.Channel;
import org.irflow.comms.paging.OpsgenieProperties;
import org.irflow.comms.paging.PagerDutyProperties;
import org.irflow.comms.paging.Pagers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** PAGE delivery to PagerDuty (Events API v2) and Opsgenie (Alert API) stubbed by WireMock. */
class PagersTest {

  static final String ROUTING_KEY = "R0UT1NGKEY0123456789abcdefabcdef";
  static final String GENIE_KEY = "eb243592-faa2-4ba2-a551-1afdf565c889";

  @RegisterExtension
  static WireMockExtension vendors = CommsFixtures.wireMock();

  static final OutboundMessage PAGE = new OutboundMessage("INC-2026-0001", Channel.PAGE,
      List.of("alice", "dave", "carol", "signers"), "Vault drained: pause needed",
      "Forta reports an exploit on Vault; join #inc-inc-2026-0001", "SEV1", false);

  CommsFixtures.RecordingSleeper sleeper;

  @BeforeEach
  void setUp() {
    sleeper = new CommsFixtures.RecordingSleeper();
    vendors.stubFor(post("/v2/enqueue").willReturn(aResponse().withStatus(202).withHeader("Content-Type",
        "application/json").withBody("{\"status\": \"success\", \"message\": \"Event processed\", \"dedup_key\": \""
            + Pagers.dedupKey(PAGE) + "\"}")));
    vendors.stubFor(post("/v2/alerts").willReturn(aResponse().withStatus(202).withHeader("Content-Type",
        "application/json").withBody("{\"result\": \"Request will be processed\", \"took\": 0.302,"
            + " \"requestId\": \"43a29c5c-3dbf-4fa4-9c26-f4f71023e120\"}")));
  }

  Pagers pagers(boolean pagerDuty, boolean opsgenie) {
    return new Pagers(
        new PagerDutyProperties(pagerDuty ? ROUTING_KEY : null, URI.create(vendors.baseUrl() + "/v2/enqueue"),
            CommsFixtures.TIMEOUT),
        new OpsgenieProperties(opsgenie ? GENIE_KEY : null, URI.create(vendors.baseUrl() + "/v2/alerts"),
            CommsFixtures.TIMEOUT),
        CommsFixtures.contacts(), CommsFixtures.http(sleeper));
  }

  @Test
  void triggersAPagerDutyEvent() {
    String reference = pagers(true, false).deliver(PAGE);

    assertThat(reference).isEqualTo("pagerduty:" + Pagers.dedupKey(PAGE));
    List<LoggedRequest> events = vendors.findAll(postRequestedFor(urlPathEqualTo("/v2/enqueue")));
    assertThat(events).hasSize(1);
    assertThat(events.get(0).getHeader("Authorization")).isNull();
    assertThat(events.get(0).getHeader("Content-Type")).startsWith("application/json");
    JsonNode event = CommsFixtures.json(events.get(0));
    assertThat(event.path("routing_key").asText()).isEqualTo(ROUTING_KEY);
    assertThat(event.path("event_action").asText()).isEqualTo("trigger");
    assertThat(event.path("dedup_key").asText()).isEqualTo(Pagers.dedupKey(PAGE)).startsWith("irflow-inc-2026-0001-");
    JsonNode payload = event.path("payload");
    assertThat(payload.path("summary").asText()).isEqualTo("[INC-2026-0001] Vault drained: pause needed");
    assertThat(payload.path("source").asText()).isEqualTo("irflow");
    assertThat(payload.path("severity").asText()).isEqualTo("critical");
    assertThat(payload.path("custom_details").path("incidentId").asText()).isEqualTo("INC-2026-0001");
    assertThat(payload.path("custom_details").path("recipients").asText()).isEqualTo("alice, dave, carol, signers");
    assertThat(payload.path("custom_details").path("body").asText()).isEqualTo(PAGE.body());
    assertThat(vendors.findAll(postRequestedFor(urlPathEqualTo("/v2/alerts")))).isEmpty();
  }

  @Test
  void severitiesMapToPagerDutyAndOpsgenieLevels() {
    Pagers both = pagers(true, true);
    for (String[] level : new String[][] {{"SEV1", "critical", "P1"}, {"SEV2", "error", "P2"},
        {"SEV3", "warning", "P3"}, {"SEV4", "info", "P4"}, {null, "error", "P2"}}) {
      vendors.resetRequests();
      both.deliver(new OutboundMessage("INC-2026-0001", Channel.PAGE, List.of("alice"), "page", "body", level[0], false));
      assertThat(CommsFixtures.json(vendors.findAll(postRequestedFor(urlPathEqualTo("/v2/enqueue"))).get(0))
          .path("payload").path("severity").asText()).as(String.valueOf(level[0])).isEqualTo(level[1]);
      assertThat(CommsFixtures.json(vendors.findAll(postRequestedFor(urlPathEqualTo("/v2/alerts"))).get(0))
          .path("priority").asText()).as(String.valueOf(level[0])).isEqualTo(level[2]);
    }
  }

  @Test
  void createsAnOpsgenieAlertWithTheRecipientsAsResponders() {
    String reference = pagers(false, true).deliver(PAGE);

    assertThat(reference).isEqualTo("opsgenie:43a29c5c-3dbf-4fa4-9c26-f4f71023e120");
    List<LoggedRequest> alerts = vendors.findAll(postRequestedFor(urlPathEqualTo("/v2/alerts")));
    assertThat(alerts).hasSize(1);
    assertThat(alerts.get(0).getHeader("Authorization")).isEqualTo("GenieKey " + GENIE_KEY);
    JsonNode alert = CommsFixtures.json(alerts.get(0));
    assertThat(alert.path("message").asText()).isEqualTo("[INC-2026-0001] Vault drained: pause needed");
    assertThat(alert.path("alias").asText()).isEqualTo(Pagers.dedupKey(PAGE));
    assertThat(alert.path("description").asText()).isEqualTo(PAGE.body());
    assertThat(alert.path("priority").asText()).isEqualTo("P1");
    // alice by her e-mail, dave by his Opsgenie username, carol by her e-mail; the group has no contact
    assertThat(alert.path("responders").toString()).isEqualTo("[{\"username\":\"alice@example.org\",\"type\":\"user\"},"
        + "{\"username\":\"dave.ops\",\"type\":\"user\"},{\"username\":\"carol@example.org\",\"type\":\"user\"}]");
    assertThat(vendors.findAll(postRequestedFor(urlPathEqualTo("/v2/enqueue")))).isEmpty();
  }

  @Test
  void pagesEveryConfiguredPager() {
    String reference = pagers(true, true).deliver(PAGE);

    assertThat(reference).isEqualTo("pagerduty:" + Pagers.dedupKey(PAGE)
        + ",opsgenie:43a29c5c-3dbf-4fa4-9c26-f4f71023e120");
  }

  @Test
  void aLongSummaryIsCutToOpsgeniesLimit() {
    pagers(false, true).deliver(new OutboundMessage("INC-2026-0001", Channel.PAGE, List.of("alice"), "x".repeat(300),
        "body", "SEV2", false));

    assertThat(CommsFixtures.json(vendors.findAll(postRequestedFor(urlPathEqualTo("/v2/alerts"))).get(0))
        .path("message").asText()).hasSize(130).endsWith("…");
  }

  @Test
  void theDedupKeyIsTheSameForEveryAttemptAndDiffersBetweenPages() {
    OutboundMessage same = new OutboundMessage(PAGE.incidentId(), PAGE.channel(), PAGE.recipients(), PAGE.subject(),
        PAGE.body(), PAGE.severity(), false);
    OutboundMessage secondary = new OutboundMessage(PAGE.incidentId(), PAGE.channel(), List.of("bob"), PAGE.subject(),
        PAGE.body(), PAGE.severity(), false);

    assertThat(Pagers.dedupKey(same)).isEqualTo(Pagers.dedupKey(PAGE));
    assertThat(Pagers.dedupKey(secondary)).isNotEqualTo(Pagers.dedupKey(PAGE));
    assertThat(Pagers.dedupKey(new OutboundMessage(null, Channel.PAGE, List.of("maria"), "Plan review overdue", "b",
        null, false))).matches("irflow-[0-9a-f]{16}");
  }

  @Test
  void aFailingPagerFailsTheDeliveryAfterTheOthersWerePagedWithoutAnyKeyInTheMessage() {
    vendors.stubFor(post("/v2/alerts").willReturn(aResponse().withStatus(503)
        .withBody("upstream trouble; key was " + GENIE_KEY)));

    assertThatThrownBy(() -> pagers(true, true).deliver(PAGE)).isInstanceOf(DeliveryFailed.class)
        .hasMessageContaining("Opsgenie create alert answered HTTP 503")
        .hasMessageContaining("paged all the same: pagerduty:")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(GENIE_KEY).doesNotContain(ROUTING_KEY));
    assertThat(vendors.findAll(postRequestedFor(urlPathEqualTo("/v2/enqueue")))).hasSize(1);
  }

  @Test
  void aRefusedEventFailsWithoutTheRoutingKey() {
    vendors.stubFor(post("/v2/enqueue").willReturn(aResponse().withStatus(400).withHeader("Content-Type",
        "application/json").withBody("{\"status\": \"invalid event\", \"message\": \"Event object is invalid\","
            + " \"errors\": [\"'routing_key' " + ROUTING_KEY + " is unknown\"]}")));

    assertThatThrownBy(() -> pagers(true, false).deliver(PAGE)).isInstanceOf(DeliveryFailed.class)
        .hasMessageContaining("PagerDuty enqueue answered HTTP 400").hasMessageContaining("invalid event")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(ROUTING_KEY));
  }

  @Test
  void aRateLimitedEventIsRetriedAfterRetryAfter() {
    vendors.stubFor(post("/v2/enqueue").inScenario("rate").whenScenarioStateIs(STARTED)
        .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")).willSetStateTo("once"));
    vendors.stubFor(post("/v2/enqueue").inScenario("rate").whenScenarioStateIs("once")
        .willReturn(aResponse().withStatus(202).withBody("{\"status\": \"success\", \"dedup_key\": \"k\"}")));

    assertThat(pagers(true, false).deliver(PAGE)).isEqualTo("pagerduty:k");
    assertThat(sleeper.waits).hasSize(1);
  }

  @Test
  void withoutKeysNoPagerIsConfigured() {
    Pagers none = pagers(false, false);

    assertThat(none.isConfigured()).isFalse();
    assertThat(pagers(true, false).isConfigured()).isTrue();
    assertThatThrownBy(() -> none.deliver(PAGE)).isInstanceOf(DeliveryFailed.class).hasMessageContaining("no pager");
    assertThat(vendors.getAllServeEvents()).isEmpty();
    assertThat(new PagerDutyProperties(ROUTING_KEY, null, null).toString()).doesNotContain(ROUTING_KEY);
    assertThat(new OpsgenieProperties(GENIE_KEY, null, null).toString()).doesNotContain(GENIE_KEY);
  }
}
