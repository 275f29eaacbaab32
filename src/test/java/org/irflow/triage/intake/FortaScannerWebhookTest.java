package org.irflow.triage.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.irflow.support.FortaScannerJwt.TRUSTED_SCANNER_KEY;
import static org.irflow.support.FortaScannerJwt.UNTRUSTED_KEY;
import static org.irflow.support.WebhookClient.FORTA;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.irflow.support.FortaScannerJwt;
import org.irflow.support.RunningApplicationTest;
import org.irflow.support.VendorSample;
import org.irflow.support.WebhookClient;
import org.irflow.support.WebhookClient.Answer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * forta-node's webhook requests as forta-node makes them: its alert batch with
 * {@code Authorization: Bearer <JWT signed with the scanner's key>} ({@link FortaScannerJwt}), posted over
 * HTTP to the running application on PostgreSQL, whose e2e profile trusts hardhat's account #9 as its
 * scanner. What an attacker can bring instead is refused with nothing stored.
 */
class FortaScannerWebhookTest extends RunningApplicationTest {

  @Autowired
  private JdbcTemplate jdbc;

  private WebhookClient webhooks;
  private VendorSample sample;

  @BeforeEach
  void client() {
    webhooks = new WebhookClient(baseUrl());
    sample = VendorSample.newRun();
  }

  @Test
  void aBatchFromTheTrustedScannerIsStoredAndAnswered200() {
    String body = batch();

    Answer answer = webhooks.bearer(FORTA, body, FortaScannerJwt.localModeToken(TRUSTED_SCANNER_KEY));

    // forta-node's webhook client takes 200 as its only success
    assertThat(answer.status()).as(answer.text()).isEqualTo(200);
    assertThat(answer.body().path("eventIds").size()).isEqualTo(4);
    List<Map<String, Object>> events = jdbc.queryForList(
        "select source, fingerprint, source_severity, finding_type from security_event where payload like ?"
            + " order by id", "%" + sample.run() + "%");
    assertThat(events).hasSize(4).allSatisfy(event -> assertThat(event.get("source")).isEqualTo("forta"));
    assertThat(events.get(0).get("finding_type")).isEqualTo("EXPLOIT");
    assertThat(events.get(0).get("source_severity")).isEqualTo("CRITICAL");
  }

  @Test
  void aBatchSignedWithAnotherKeyIsRefusedNamingTheSigner() {
    Answer answer = webhooks.bearer(FORTA, batch(), FortaScannerJwt.localModeToken(UNTRUSTED_KEY));

    assertRefused(answer, 401);
    assertThat(answer.body().path("message").asText())
        .contains(FortaScannerJwt.address(UNTRUSTED_KEY).toLowerCase()).contains("not a trusted scanner");
  }

  @Test
  void anExpiredTokenIsRefused() {
    // forta-node's token made two minutes ago: valid 30 s, and the clock skew is 30 s
    String token = FortaScannerJwt.sign(TRUSTED_SCANNER_KEY,
        FortaScannerJwt.localModeClaims(TRUSTED_SCANNER_KEY, Instant.now().minusSeconds(120)));

    Answer answer = webhooks.bearer(FORTA, batch(), token);

    assertRefused(answer, 401);
    assertThat(answer.body().path("message").asText()).contains("expired");
  }

  @Test
  void aTokenWhoseClaimsWereChangedIsRefused() {
    Map<String, Object> claims = FortaScannerJwt.localModeClaims(TRUSTED_SCANNER_KEY, Instant.now());
    String[] parts = FortaScannerJwt.sign(TRUSTED_SCANNER_KEY, claims).split("\\.");
    // a bot's token with its bot-id taken out, keeping the scanner's signature
    claims.put("bot-id", "0x17381ae942ee1fe141d0652e9dad7d001761552f906fb1684b2812603de31049");
    String botToken = FortaScannerJwt.sign(TRUSTED_SCANNER_KEY, claims);
    claims.remove("bot-id");
    String withoutBotId = botToken.substring(0, botToken.indexOf('.')) + "." + parts[1] + "."
        + botToken.substring(botToken.lastIndexOf('.') + 1);
    // the claims of forta-node's own token with the expiry moved an hour on
    String later = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
        .replaceFirst("\"exp\":(\\d+)", "\"exp\":" + Instant.now().plusSeconds(3600).getEpochSecond());
    String longer = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
        .encodeToString(later.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];

    assertRefused(webhooks.bearer(FORTA, batch(), botToken), 401);
    assertRefused(webhooks.bearer(FORTA, batch(), withoutBotId), 401);
    assertRefused(webhooks.bearer(FORTA, batch(), longer), 401);
  }

  /**
   * forta-node's JWT does not cover the body, and forta-node makes a new one for every request: a token
   * seen once, taken from the wire and put on another body, is refused.
   */
  @Test
  void aTokenUsedAgainWithAnotherBodyIsRefused() {
    String token = FortaScannerJwt.localModeToken(TRUSTED_SCANNER_KEY);
    Answer first = webhooks.bearer(FORTA, batch(), token);
    assertThat(first.status()).as(first.text()).isEqualTo(200);

    sample = VendorSample.newRun();
    Answer replayed = webhooks.bearer(FORTA, batch(), token);

    assertRefused(replayed, 409);
    assertThat(replayed.body().path("message").asText()).contains("already received");
  }

  @Test
  void theSharedTokenIsStillTaken() {
    Answer answer = webhooks.bearer(FORTA, batch(), WebhookClient.FORTA_TOKEN);
    assertThat(answer.status()).as(answer.text()).isEqualTo(200);
    assertThat(storedOfThisRun()).isEqualTo(4);
  }

  /** The refusal names the Authorization header, and nothing of the batch was stored. */
  private void assertRefused(Answer answer, int status) {
    assertThat(answer.status()).as(answer.text()).isEqualTo(status);
    assertThat(answer.body().path("field").asText()).isEqualTo("Authorization");
    assertThat(storedOfThisRun()).isZero();
  }

  private int storedOfThisRun() {
    return jdbc.queryForObject("select count(*) from security_event where payload like ?", Integer.class,
        "%" + sample.run() + "%");
  }

  /** forta-node's alert batch (vendor-payloads/forta-node-alert-batch.json) with alert ids of this run. */
  private String batch() {
    return sample.read("forta-node-alert-batch.json");
  }
}
