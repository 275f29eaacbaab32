package org.irflow.triage.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.irflow.support.WebhookClient.GENERIC_SECRET;
import static org.irflow.support.WebhookClient.genericEvent;

import java.time.Duration;
import java.util.UUID;
import org.irflow.support.RestClient;
import org.irflow.support.RunningApplicationTest;
import org.irflow.support.WebhookClient;
import org.irflow.support.WebhookClient.Answer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * Back-pressure on real HTTP and PostgreSQL: with the dispatcher held (it runs only when the test says),
 * a backlog of three untriaged events is full: the next alert gets 429 with Retry-After and nothing of it
 * is kept; once the dispatcher has started their triages the same signed request is accepted.
 */
@TestPropertySource(properties = {
    "irflow.intake.max-backlog=3",
    "irflow.intake.retry-after=PT7S",
    "irflow.intake.dispatcher.enabled=false"})
class IntakeBackPressureTest extends RunningApplicationTest {

  @Autowired
  private JdbcTemplate jdbc;
  @Autowired
  private TriageDispatcher dispatcher;

  @Test
  void overTheBacklogAlertsGetWhatMakesTheirSenderRetryAndAreAcceptedOnceTheBacklogDrains() {
    // the backlog starts empty: what earlier tests left waiting is dispatched first (one round may not take all)
    await().atMost(Duration.ofSeconds(60)).until(() -> {
      dispatcher.dispatchDue();
      return jdbc.queryForObject("select count(*) from security_event where intake_state in ('PENDING', 'DISPATCHING')",
          Integer.class) == 0;
    });
    WebhookClient webhooks = new WebhookClient(baseUrl());
    String run = UUID.randomUUID().toString().substring(0, 8);
    for (int i = 0; i < 3; i++) {
      assertThat(webhooks.signed("/webhooks/generic", genericEvent("held-" + run + "-" + i, "LOW", null,
          "Held " + run + " " + i, "keeper-" + run), GENERIC_SECRET).status()).isEqualTo(202);
    }
    String body = genericEvent("over-" + run, "LOW", null, "Over the limit " + run, "keeper-" + run);
    String timestamp = String.valueOf(System.currentTimeMillis());

    Answer refused = webhooks.signed("/webhooks/generic", body, GENERIC_SECRET, timestamp);

    assertThat(refused.status()).isEqualTo(429);
    assertThat(refused.retryAfter()).isEqualTo("7");
    assertThat(refused.body().path("message").asText()).contains("limit 3");

    // Alertmanager drops a notification answered 4xx (429 included) and sends again after a 5xx only
    Answer toAlertmanager = webhooks.bearer("/webhooks/alertmanager", """
        {"version": "4", "status": "firing", "receiver": "irflow", "alerts": [{"status": "firing",
         "labels": {"alertname": "SignerKeyAccess", "run": "%s"}, "fingerprint": "over-%s"}]}"""
        .formatted(run, run), WebhookClient.ALERTMANAGER_TOKEN);
    assertThat(toAlertmanager.status()).as(toAlertmanager.text()).isEqualTo(503);
    assertThat(toAlertmanager.retryAfter()).isEqualTo("7");
    assertThat(jdbc.queryForObject("select count(*) from security_event where fingerprint = ?", Integer.class,
        "generic:custody-watch:over-" + run)).isZero();
    assertThat(jdbc.queryForObject("select count(*) from security_event where intake_state = 'PENDING'",
        Integer.class)).isEqualTo(3);

    RestClient.Response backlog = new RestClient(baseUrl()).get("maria", "/api/intake/backlog");
    assertThat(backlog.body().path("waiting").asLong()).isEqualTo(3);
    assertThat(backlog.body().path("limit").asLong()).isEqualTo(3);

    assertThat(dispatcher.dispatchDue()).isEqualTo(3);
    assertThat(jdbc.queryForObject("select count(*) from security_event where title like ? and intake_state = 'TRIAGE_STARTED'"
        + " and triage_process_instance_id is not null", Integer.class, "Held " + run + "%")).isEqualTo(3);

    // the sender retries the very request it was refused: not a replay, since nothing of it was kept
    Answer retried = webhooks.signed("/webhooks/generic", body, GENERIC_SECRET, timestamp);
    assertThat(retried.status()).as(String.valueOf(retried.body())).isEqualTo(202);
  }
}
