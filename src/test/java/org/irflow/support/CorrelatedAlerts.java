package org.irflow.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.irflow.support.WebhookClient.Answer;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Monitoring alerts about contracts of a test's own, sent through the signed webhooks of a running
 * application, and what the intake made of them as the database records it.
 */
public final class CorrelatedAlerts {

  private static final AtomicInteger CONTRACTS = new AtomicInteger();
  private static final Duration DISPATCHED = Duration.ofSeconds(30);

  private final JdbcTemplate jdbc;
  private final String run;

  /** @param run what makes this test's contracts, fingerprints and titles its own */
  public CorrelatedAlerts(JdbcTemplate jdbc, String run) {
    this.jdbc = jdbc;
    this.run = run;
  }

  /** A protected contract, registered as configuration would, with a name and an address of this test's own. */
  public record Contract(String name, String address) {}

  public Contract register(String kind) {
    int number = CONTRACTS.incrementAndGet();
    String name = kind + "-" + run;
    String address = "0x" + String.format("%08x", number) + run + "0".repeat(24);
    jdbc.update("""
        insert into protected_contract (name, chain_id, address, pause_style, pausers, automatic_pause_allowed, sort_order)
        values (?, 1, ?, 'OWNABLE', 'safe:0x00000000000000000000000000000000000005af', false, ?)""",
        name, address, 2000 + number);
    return new Contract(name, address);
  }

  /** A generic event from one detector rule of the custody watcher. */
  public static String genericRuleAlert(String fingerprint, String severity, String findingType, String contract) {
    return "{\"source\":\"custody-watch\",\"rule\":\"large-outflow\",\"chainId\":1,\"severity\":\"" + severity
        + "\",\"title\":\"Outflow " + fingerprint + "\",\"fingerprint\":\"" + fingerprint + "\","
        + (findingType == null ? "" : "\"findingType\":\"" + findingType + "\",")
        + "\"affected\":[\"" + contract + "\"]}";
  }

  /** The id of the one event the webhook accepted. */
  public static long acceptedEvent(Answer answer) {
    assertThat(answer.status()).as(answer.text()).isEqualTo(202);
    return answer.body().path("eventIds").get(0).asLong();
  }

  /** The incident the TriageDecision declared at once for an accepted exploit alert. */
  public String declaredIncidentFor(Answer answer) {
    long eventId = acceptedEvent(answer);
    return await().atMost(DISPATCHED).until(() -> (String) event(eventId).get("incident_id"), id -> id != null);
  }

  /** The triage the dispatcher started for an accepted alert. */
  public String triageOf(long eventId) {
    return await().atMost(DISPATCHED).until(() -> (String) event(eventId).get("triage_process_instance_id"),
        id -> id != null);
  }

  /** Waits until the dispatcher has put the event in this intake state (ATTACHED, GATHERED...). */
  public void awaitState(long eventId, String intakeState) {
    await().atMost(DISPATCHED).until(() -> intakeState.equals(event(eventId).get("intake_state")));
  }

  public String responseOf(String incidentId) {
    return await().atMost(DISPATCHED).until(() -> jdbc.queryForObject(
        "select response_process_instance_id from incident where id = ?", String.class, incidentId), id -> id != null);
  }

  /** The event's row. */
  public Map<String, Object> event(long id) {
    return jdbc.queryForMap("select * from security_event where id = ?", id);
  }
}
