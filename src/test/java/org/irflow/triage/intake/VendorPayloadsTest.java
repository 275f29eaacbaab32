package org.irflow.triage.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.irflow.support.WebhookClient.ALERTMANAGER;
import static org.irflow.support.WebhookClient.ALERTMANAGER_TOKEN;
import static org.irflow.support.WebhookClient.FORTA;
import static org.irflow.support.WebhookClient.FORTA_TOKEN;
import static org.irflow.support.WebhookClient.GENERIC;
import static org.irflow.support.WebhookClient.GENERIC_SECRET;
import static org.irflow.support.WebhookClient.MONITOR;
import static org.irflow.support.WebhookClient.MONITOR_SECRET;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.irflow.support.RunningApplicationTest;
import org.irflow.support.VendorSample;
import org.irflow.support.WebhookClient;
import org.irflow.support.WebhookClient.Answer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Each vendor's webhook body as the vendor's own client sends it (samples under
 * src/test/resources/vendor-payloads, whose README says where each shape comes from), and the bodies a
 * sender may choose that once got "retry later" for ever. PostgreSQL, real HTTP.
 */
class VendorPayloadsTest extends RunningApplicationTest {

  @Autowired
  private JdbcTemplate jdbc;

  private WebhookClient webhooks;
  private String run;
  private String vault;

  private VendorSample samples;

  @BeforeEach
  void client() {
    webhooks = new WebhookClient(baseUrl());
    samples = VendorSample.newRun();
    run = samples.run();
    vault = samples.vault();
  }

  // ---- the vendors' own payloads

  @Test
  void fortaNodeBatchWithAValueFortaDoesNotDocumentKeepsEveryAlertAndAnswers200() {
    String body = sample("forta-node-alert-batch.json");

    Answer answer = webhooks.bearer(FORTA, body, FORTA_TOKEN);

    assertThat(answer.status()).as(answer.text()).isEqualTo(200);
    assertThat(answer.body().path("eventIds").size()).isEqualTo(4);
    List<Map<String, Object>> events = new ArrayList<>();
    answer.body().path("eventIds").forEach(id -> events.add(jdbc.queryForMap(
        "select title, description, source_severity, finding_type, affected_systems, payload, monitor, monitor_rule"
            + " from security_event where id = ?", id.asLong())));
    assertThat(events).extracting(event -> event.get("finding_type"))
        .containsExactly("EXPLOIT", "INFO", "UNKNOWN", "UNKNOWN");
    assertThat(events).extracting(event -> event.get("source_severity"))
        .containsExactly("CRITICAL", "INFO", "UNKNOWN", "UNKNOWN");
    // the value sent is kept: in the description a person reads, and in the payload as received
    assertThat((String) events.get(2).get("description"))
        .contains("finding type 'HACK'").contains("severity 'SEVERE'");
    assertThat((String) events.get(2).get("payload")).contains("\"findingType\": \"HACK\"");
    assertThat((String) events.get(3).get("description")).doesNotContain("Not a value Forta documents");
    assertThat((String) events.get(0).get("affected_systems")).startsWith(vault);
    // each alert's payload is its text in the body, byte for byte
    events.forEach(event -> assertThat(body).contains((String) event.get("payload")));
    // the monitor is the bot (the automatic pause's witness); correlation's rule is the bot's alert id in it
    assertThat(events).extracting(event -> event.get("monitor")).containsExactly(
        "0x17381ae942ee1fe141d0652e9dad7d001761552f906fb1684b2812603de31049", "0xadmin-watch", "0xnew-bot", "0xold-bot");
    assertThat(events.get(0).get("monitor_rule"))
        .isEqualTo("0x17381ae942ee1fe141d0652e9dad7d001761552f906fb1684b2812603de31049/" + run + "-FLASHLOAN-DRAIN");
  }

  @Test
  void alertmanagerVersion4StoresTheFiringAlertAndIgnoresTheResolvedOne() {
    Answer answer = webhooks.bearer(ALERTMANAGER, sample("alertmanager-v4.json"), ALERTMANAGER_TOKEN);

    assertThat(answer.status()).as(answer.text()).isEqualTo(202);
    assertThat(answer.body().path("ignored").asInt()).isEqualTo(1);
    Map<String, Object> event = jdbc.queryForMap("select * from security_event where id = ?",
        answer.body().path("eventIds").get(0).asLong());
    assertThat(event.get("fingerprint")).isEqualTo("alertmanager:" + run + "a1");
    assertThat(event.get("source_severity")).isEqualTo("CRITICAL");
    assertThat(event.get("affected_systems")).isEqualTo("signer-1:9100");
    // the alert rule is both the monitor and correlation's rule
    assertThat(event.get("monitor")).isEqualTo("SignerKeyAccess");
    assertThat(event.get("monitor_rule")).isEqualTo("SignerKeyAccess");
  }

  @Test
  void monitorRawModeNamesOnlyTheMonitoredContractTheTransactionTouched() {
    String bridge = "0x00000000000000000000000000000000b41d6e" + run.substring(0, 2);
    String body = sample("openzeppelin-monitor-raw-evm.json").replace("${bridge}", bridge)
        // the Monitor writes the transaction's addresses checksummed, the monitor's as configured
        .replace("${vaultChecksummed}", vault.toUpperCase().replace("0X", "0x"));

    Answer answer = webhooks.signed(MONITOR, body, MONITOR_SECRET);

    assertThat(answer.status()).as(answer.text()).isEqualTo(202);
    Map<String, Object> event = jdbc.queryForMap("select affected_systems, payload, monitor, monitor_rule"
        + " from security_event where id = ?", answer.body().path("eventIds").get(0).asLong());
    assertThat(event.get("affected_systems")).isEqualTo(vault);
    assertThat(event.get("payload")).isEqualTo(body);
    assertThat(event.get("monitor")).isEqualTo("Vault and bridge admin " + run);
    assertThat(event.get("monitor_rule")).isEqualTo("Vault and bridge admin " + run);
  }

  @Test
  void monitorTemplateModeIsStoredAsReceived() {
    String body = sample("openzeppelin-monitor-template.json");
    Answer answer = webhooks.signed(MONITOR, body, MONITOR_SECRET);
    assertThat(answer.status()).as(answer.text()).isEqualTo(202);
    Map<String, Object> event = jdbc.queryForMap("select payload, monitor, monitor_rule from security_event where id = ?",
        answer.body().path("eventIds").get(0).asLong());
    assertThat(event.get("payload")).isEqualTo(body);
    // template mode does not say which monitor sent it: the source's anonymous monitor, no rule
    assertThat(event.get("monitor")).isNull();
    assertThat(event.get("monitor_rule")).isNull();
  }

  // ---- bodies a sender chooses that can never be stored as they are

  @Test
  void aLoneSurrogateInTheFingerprintIsA400NamingItEveryTime() {
    String body = WebhookClient.genericEvent("lone-" + run + "\\ud800", "HIGH", null, "Lone " + run, "vault");
    int before = eventCount();
    for (int attempt = 0; attempt < 2; attempt++) {
      Answer answer = webhooks.signed(GENERIC, body, GENERIC_SECRET);
      assertThat(answer.status()).as(answer.text()).isEqualTo(400);
      assertThat(answer.retryAfter()).isNull();
      assertThat(answer.body().path("field").asText()).isEqualTo("fingerprint");
      assertThat(answer.body().path("message").asText()).contains("unpaired surrogate");
    }
    assertThat(eventCount()).isEqualTo(before);
  }

  @Test
  void aNulCharacterInAFieldIsA400NamingIt() {
    String body = sample("alertmanager-v4.json").replace("\"instance\": \"signer-1:9100\"",
        "\"instance\": \"signer-1\\u0000:9100\"");
    Answer answer = webhooks.bearer(ALERTMANAGER, body, ALERTMANAGER_TOKEN);
    assertThat(answer.status()).as(answer.text()).isEqualTo(400);
    assertThat(answer.body().path("field").asText()).isEqualTo("alerts[0].labels.instance");
  }

  @Test
  void numbersOrBooleansWhereTheSchemaSaysStringAreA400NamingTheField() {
    String batch = sample("forta-node-alert-batch.json");
    Answer number = webhooks.bearer(FORTA, batch.replace("\"drained\": \"1200000000000000000000\"",
        "\"drained\": 1e21"), FORTA_TOKEN);
    assertThat(number.status()).as(number.text()).isEqualTo(400);
    assertThat(number.body().path("field").asText()).isEqualTo("alerts[0].metadata.drained");

    Answer bool = webhooks.signed(GENERIC, "{\"source\":\"s\",\"severity\":\"LOW\",\"title\":true}", GENERIC_SECRET);
    assertThat(bool.status()).as(bool.text()).isEqualTo(400);
    assertThat(bool.body().path("field").asText()).isEqualTo("title");
  }

  /**
   * A body under the size limit whose numbers grow when written again ({@code 1e6} is
   * {@code 1000000.0} to Jackson): stored as received, so it fits the column the limit was made for.
   */
  @Test
  void aBodyOfNumbersThatGrowWhenWrittenAgainIsStoredAsReceived() {
    String numbers = String.join(",", Collections.nCopies(230_000, "1e6"));
    String body = "{\"source\":\"custody-watch\",\"severity\":\"LOW\",\"title\":\"Numbers " + run + "\","
        + "\"fingerprint\":\"numbers-" + run + "\",\"samples\":[" + numbers + "]}";
    assertThat(body.length()).isLessThan(1024 * 1024);
    assertThat(body.replace("1e6", "1000000.0").length()).isGreaterThan(1024 * 1024);

    Answer answer = webhooks.signed(GENERIC, body, GENERIC_SECRET);

    assertThat(answer.status()).as(answer.text()).isEqualTo(202);
    assertThat(jdbc.queryForObject("select payload from security_event where id = ?", String.class,
        answer.body().path("eventIds").get(0).asLong())).isEqualTo(body);
  }

  @Test
  void aBodyThatIsNotUtf8IsA400() {
    byte[] latin1 = "{\"source\":\"s\",\"severity\":\"LOW\",\"title\":\"caf\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1);
    Answer answer = webhooks.send(GENERIC, latin1, "application/json",
        WebhookClient.signature(GENERIC_SECRET, latin1, WebhookClient.now()));
    assertThat(answer.status()).as(answer.text()).isEqualTo(400);
    assertThat(answer.body().path("field").asText()).isEqualTo("body");
  }

  private String sample(String name) {
    return samples.read(name);
  }

  private int eventCount() {
    return jdbc.queryForObject("select count(*) from security_event", Integer.class);
  }
}
