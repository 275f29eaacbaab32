package org.irflow.comms;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.flywaydb.core.Flyway;
import org.irflow.comms.OutboundMessage.Channel;
import org.irflow.comms.publicupdates.DiscordProperties;
import org.irflow.comms.publicupdates.DiscordWebhook;
import org.irflow.comms.publicupdates.StatuspageProperties;
import org.irflow.comms.publicupdates.StatuspageUpdates;
import org.irflow.comms.publicupdates.WebsiteProperties;
import org.irflow.comms.publicupdates.WebsiteWebhook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** Public updates on Discord, Statuspage and the website webhook, against WireMock; Statuspage reads a real schema. */
class PublicUpdatesTest {

  static final String DISCORD_TOKEN = "dIsCoRdWeBhOoKtOkEn-0123456789";
  static final String STATUSPAGE_KEY = "statuspage-api-key-89abcdef";
  static final String WEBSITE_SECRET = "website-hmac-secret-42";
  static final Instant NOW = Instant.parse("2026-11-23T10:15:30Z");

  @RegisterExtension
  static WireMockExtension vendors = CommsFixtures.wireMock();

  static JdbcTemplate jdbc;

  @BeforeAll
  static void schema() {
    DriverManagerDataSource dataSource = new DriverManagerDataSource(
        "jdbc:h2:mem:comms-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
    Flyway.configure().dataSource(dataSource).table("irflow_schema_history").load().migrate();
    jdbc = new JdbcTemplate(dataSource);
    for (String incident : List.of("INC-2026-0001", "INC-2026-0002")) {
      jdbc.update("""
          insert into incident (id, title, severity, status, reported_at, declared_at)
          values (?, 'Vault exploit', 'SEV1', 'DECLARED', current_timestamp, current_timestamp)""", incident);
    }
  }

  @BeforeEach
  void noMessagesYet() {
    jdbc.update("delete from outbound_message");
  }

  static OutboundMessage update(Channel channel, String incidentId, String subject, String body) {
    return new OutboundMessage(incidentId, channel, List.of(), subject, body, "SEV1", false);
  }

  // Discord

  DiscordWebhook discord() {
    return new DiscordWebhook(new DiscordProperties(vendors.baseUrl() + "/api/webhooks/1234567890/" + DISCORD_TOKEN,
        "irflow status", CommsFixtures.TIMEOUT), CommsFixtures.http(new CommsFixtures.RecordingSleeper()));
  }

  @Test
  void postsToTheDiscordWebhookAndWaitsForTheMessage() {
    vendors.stubFor(post(urlPathEqualTo("/api/webhooks/1234567890/" + DISCORD_TOKEN))
        .willReturn(okJson("{\"id\": \"1100000000000000001\", \"channel_id\": \"99\", \"content\": \"...\"}")));

    String reference = discord().deliver(update(Channel.DISCORD, "INC-2026-0001", "Vault paused",
        "We paused the Vault contract while we investigate. @everyone funds are safe."));

    assertThat(reference).isEqualTo("1100000000000000001");
    LoggedRequest request = vendors.findAll(postRequestedFor(urlPathEqualTo("/api/webhooks/1234567890/" + DISCORD_TOKEN)))
        .get(0);
    assertThat(request.queryParameter("wait").firstValue()).isEqualTo("true");
    assertThat(request.getHeader("Authorization")).isNull();
    JsonNode body = CommsFixtures.json(request);
    assertThat(body.path("content").asText())
        .isEqualTo("**Vault paused**\nWe paused the Vault contract while we investigate. @everyone funds are safe.");
    assertThat(body.path("username").asText()).isEqualTo("irflow status");
    assertThat(body.path("allowed_mentions").path("parse").isArray()).isTrue();
    assertThat(body.path("allowed_mentions").path("parse")).isEmpty();
  }

  @Test
  void aLongDiscordUpdateIsCutToDiscordsLimit() {
    vendors.stubFor(post(urlPathEqualTo("/api/webhooks/1234567890/" + DISCORD_TOKEN)).willReturn(okJson("{\"id\": \"1\"}")));

    discord().deliver(update(Channel.DISCORD, "INC-2026-0001", "Long", "y".repeat(5000)));

    assertThat(CommsFixtures.json(vendors.getAllServeEvents().get(0).getRequest()).path("content").asText())
        .hasSize(2000);
  }

  @Test
  void aRefusedDiscordPostNeverNamesTheWebhookUrlOrToken() {
    vendors.stubFor(post(anyUrl()).willReturn(aResponse().withStatus(404).withHeader("Content-Type", "application/json")
        .withBody("{\"message\": \"Unknown Webhook " + DISCORD_TOKEN + "\", \"code\": 10015}")));

    assertThatThrownBy(() -> discord().deliver(update(Channel.DISCORD, "INC-2026-0001", "t", "b")))
        .isInstanceOf(DeliveryFailed.class).hasMessageContaining("Discord execute webhook answered HTTP 404")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(DISCORD_TOKEN).doesNotContain("/api/webhooks"));
    DiscordWebhook unreachable = new DiscordWebhook(new DiscordProperties(
        "http://127.0.0.1:1/api/webhooks/1234567890/" + DISCORD_TOKEN, null, CommsFixtures.TIMEOUT), CommsFixtures.http(new CommsFixtures.RecordingSleeper()));
    assertThatThrownBy(() -> unreachable.deliver(update(Channel.DISCORD, "INC-2026-0001", "t", "b")))
        .isInstanceOf(DeliveryFailed.class).hasMessageContaining("could not be reached")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(DISCORD_TOKEN));
    assertThat(new DiscordProperties("https://discord.com/api/webhooks/1/" + DISCORD_TOKEN, null, null).toString())
        .doesNotContain(DISCORD_TOKEN);
  }

  // Statuspage

  StatuspageUpdates statuspage() {
    return new StatuspageUpdates(new StatuspageProperties(STATUSPAGE_KEY, "pg7k2", URI.create(vendors.baseUrl() + "/v1"),
        CommsFixtures.TIMEOUT), jdbc, CommsFixtures.http(new CommsFixtures.RecordingSleeper()));
  }

  /** As OutboundMessages records a delivered message. */
  static void recordSent(String incidentId, String vendorReference) {
    jdbc.update("""
        insert into outbound_message (incident_id, channel, recipients, subject, body, drill, status, vendor_reference,
                                      attempts, created_at, sent_at)
        values (?, 'STATUSPAGE', '', 's', 'b', false, 'SENT', ?, 1, current_timestamp, current_timestamp)""",
        incidentId, vendorReference);
  }

  @Test
  void theFirstUpdateCreatesTheStatuspageIncidentAndLaterOnesUpdateIt() {
    vendors.stubFor(post("/v1/pages/pg7k2/incidents").willReturn(aResponse().withStatus(201)
        .withHeader("Content-Type", "application/json").withBody("{\"id\": \"p31zjtct2jer\", \"status\": \"investigating\"}")));
    vendors.stubFor(patch(urlPathEqualTo("/v1/pages/pg7k2/incidents/p31zjtct2jer"))
        .willReturn(okJson("{\"id\": \"p31zjtct2jer\"}")));
    StatuspageUpdates statuspage = statuspage();

    String created = statuspage.deliver(update(Channel.STATUSPAGE, "INC-2026-0001", "Degraded withdrawals",
        "We are looking into failed withdrawals."));
    recordSent("INC-2026-0001", created);
    String updated = statuspage.deliver(update(Channel.STATUSPAGE, "INC-2026-0001", "Cause found",
        "The bridge contract is paused; withdrawals wait."));
    recordSent("INC-2026-0001", updated);
    String resolved = statuspage.deliver(update(Channel.STATUSPAGE, "INC-2026-0001", "Resolved",
        "Resolved: withdrawals work again."));

    assertThat(List.of(created, updated, resolved)).containsOnly("p31zjtct2jer");
    List<LoggedRequest> requests = vendors.getAllServeEvents().stream().map(event -> event.getRequest())
        .sorted((a, b) -> a.getLoggedDate().compareTo(b.getLoggedDate())).toList();
    assertThat(requests).extracting(request -> request.getMethod().value() + " " + request.getUrl()).containsExactly(
        "POST /v1/pages/pg7k2/incidents",
        "PATCH /v1/pages/pg7k2/incidents/p31zjtct2jer",
        "PATCH /v1/pages/pg7k2/incidents/p31zjtct2jer");
    assertThat(requests).allSatisfy(request ->
        assertThat(request.getHeader("Authorization")).isEqualTo("OAuth " + STATUSPAGE_KEY));
    JsonNode create = CommsFixtures.json(requests.get(0)).path("incident");
    assertThat(create.path("name").asText()).isEqualTo("Degraded withdrawals");
    assertThat(create.path("status").asText()).isEqualTo("investigating");
    assertThat(create.path("body").asText()).isEqualTo("We are looking into failed withdrawals.");
    JsonNode later = CommsFixtures.json(requests.get(1)).path("incident");
    assertThat(later.has("name")).isFalse();
    assertThat(later.path("status").asText()).isEqualTo("identified");
    assertThat(later.path("body").asText()).isEqualTo("The bridge contract is paused; withdrawals wait.");
    assertThat(CommsFixtures.json(requests.get(2)).path("incident").path("status").asText()).isEqualTo("resolved");
  }

  @Test
  void anotherIncidentGetsItsOwnStatuspageIncident() {
    recordSent("INC-2026-0001", "p31zjtct2jer");
    vendors.stubFor(post("/v1/pages/pg7k2/incidents").willReturn(aResponse().withStatus(201)
        .withHeader("Content-Type", "application/json").withBody("{\"id\": \"second0000001\"}")));

    assertThat(statuspage().deliver(update(Channel.STATUSPAGE, "INC-2026-0002", "Other", "Monitoring the fix")))
        .isEqualTo("second0000001");
    JsonNode create = CommsFixtures.json(vendors.getAllServeEvents().get(0).getRequest()).path("incident");
    assertThat(create.path("status").asText()).isEqualTo("monitoring");
  }

  @Test
  void theStatusComesFromTheBodysFirstWord() {
    assertThat(StatuspageUpdates.status("Resolved: all good", true)).isEqualTo("resolved");
    assertThat(StatuspageUpdates.status("  resolved.", false)).isEqualTo("resolved");
    assertThat(StatuspageUpdates.status("Monitoring the fix", true)).isEqualTo("monitoring");
    assertThat(StatuspageUpdates.status("Identified: a bug", false)).isEqualTo("identified");
    assertThat(StatuspageUpdates.status("Resolvedness is not a word", true)).isEqualTo("identified");
    assertThat(StatuspageUpdates.status("We are on it", false)).isEqualTo("investigating");
  }

  @Test
  void aRefusedStatuspageCallFailsWithoutTheKey() {
    vendors.stubFor(post("/v1/pages/pg7k2/incidents").willReturn(aResponse().withStatus(401)
        .withBody("{\"error\": \"Could not authenticate with OAuth " + STATUSPAGE_KEY + "\"}")));

    assertThatThrownBy(() -> statuspage().deliver(update(Channel.STATUSPAGE, "INC-2026-0002", "t", "b")))
        .isInstanceOf(DeliveryFailed.class).hasMessageContaining("Statuspage create incident answered HTTP 401")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(STATUSPAGE_KEY));
    assertThat(new StatuspageProperties(STATUSPAGE_KEY, "pg", null, null).toString()).doesNotContain(STATUSPAGE_KEY);
  }

  @Test
  void statuspageNeedsKeyAndPage() {
    assertThat(new StatuspageUpdates(new StatuspageProperties(STATUSPAGE_KEY, null, URI.create("http://x"), null), jdbc,
        CommsFixtures.http(new CommsFixtures.RecordingSleeper()))
        .isConfigured()).isFalse();
    assertThat(new StatuspageUpdates(new StatuspageProperties(null, "pg", URI.create("http://x"), null), jdbc,
        CommsFixtures.http(new CommsFixtures.RecordingSleeper()))
        .isConfigured()).isFalse();
  }

  // website / forum webhook

  WebsiteWebhook website() {
    return new WebsiteWebhook(new WebsiteProperties(URI.create(vendors.baseUrl() + "/hooks/irflow"), WEBSITE_SECRET,
        CommsFixtures.TIMEOUT), Clock.fixed(NOW, ZoneOffset.UTC), CommsFixtures.http(new CommsFixtures.RecordingSleeper()));
  }

  @Test
  void postsASignedUpdateToTheWebsite() throws Exception {
    vendors.stubFor(post("/hooks/irflow").willReturn(okJson("{\"id\": \"post-381\", \"url\": \"https://forum.example.org/t/381\"}")));

    String reference = website().deliver(update(Channel.WEBSITE, "INC-2026-0001", "Vault paused",
        "We paused the Vault contract."));

    assertThat(reference).isEqualTo("post-381");
    LoggedRequest request = vendors.findAll(postRequestedFor(urlPathEqualTo("/hooks/irflow"))).get(0);
    JsonNode body = CommsFixtures.json(request);
    assertThat(body.path("incidentId").asText()).isEqualTo("INC-2026-0001");
    assertThat(body.path("title").asText()).isEqualTo("Vault paused");
    assertThat(body.path("body").asText()).isEqualTo("We paused the Vault contract.");
    assertThat(body.path("publishedAt").asText()).isEqualTo("2026-11-23T10:15:30Z");
    String timestamp = request.getHeader("X-Timestamp");
    assertThat(timestamp).isEqualTo(String.valueOf(NOW.toEpochMilli()));
    // verified independently of irflow's code: hex(HMAC-SHA256(secret, body bytes + timestamp))
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(WEBSITE_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    mac.update(request.getBody());
    mac.update(timestamp.getBytes(StandardCharsets.UTF_8));
    assertThat(request.getHeader("X-Signature")).isEqualTo(HexFormat.of().formatHex(mac.doFinal()));
  }

  @Test
  void aWebsiteThatAnswersWithoutJsonIsDeliveredWithoutReference() {
    vendors.stubFor(post("/hooks/irflow").willReturn(aResponse().withStatus(204)));

    assertThat(website().deliver(update(Channel.WEBSITE, "INC-2026-0001", "t", "b"))).isNull();
  }

  @Test
  void aFailingWebsiteFailsWithoutTheSecret() {
    vendors.stubFor(post("/hooks/irflow").willReturn(aResponse().withStatus(500).withBody("bad secret " + WEBSITE_SECRET)));

    assertThatThrownBy(() -> website().deliver(update(Channel.WEBSITE, "INC-2026-0001", "t", "b")))
        .isInstanceOf(DeliveryFailed.class).hasMessageContaining("Website webhook post answered HTTP 500")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(WEBSITE_SECRET));
    assertThat(new WebsiteProperties(URI.create("http://x"), WEBSITE_SECRET, null).toString()).doesNotContain(WEBSITE_SECRET);
  }
}
