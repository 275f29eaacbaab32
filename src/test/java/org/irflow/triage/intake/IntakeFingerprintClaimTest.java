package org.irflow.triage.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.irflow.incident.SecurityEvents;
import org.irflow.support.ProcessTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The intake writer's own rows on H2, the default database, whose upserts differ from PostgreSQL's:
 * the cross-node guard (intake_fingerprint, V12: a new fingerprint is claimed, a repeat claims it again
 * and is a duplicate of the first event) and the copies counted beside the event (V13), which a triage
 * holding the event's row cannot hold up. The race between two nodes is ClusterFailoverTest's, on
 * PostgreSQL; WebhookIntakeTest counts copies on PostgreSQL.
 */
class IntakeFingerprintClaimTest extends ProcessTest {

  @Autowired EventIntake intake;
  @Autowired SecurityEvents events;
  @Autowired PlatformTransactionManager transactionManager;

  @Test
  void aFingerprintIsClaimedWhenFirstStoredAndAgainByItsRepeats() {
    String fingerprint = "generic:claims:" + UUID.randomUUID();
    NormalisedAlert alert = new NormalisedAlert("generic", "claims", "Oracle price deviates", "Seen by the watcher",
        "price-oracle", SourceSeverity.LOW, null, false, fingerprint, "{}", false);

    EventIntake.Outcome first = intake.accept(List.of(alert)).get(0);
    Timestamp firstClaim = jdbc.queryForObject(
        "select last_claimed_at from intake_fingerprint where fingerprint = ?", Timestamp.class, fingerprint);
    EventIntake.Outcome repeat = intake.accept(List.of(alert)).get(0);

    assertThat(first.duplicate()).isFalse();
    assertThat(repeat.duplicate()).isTrue();
    assertThat(repeat.eventId()).isEqualTo(first.eventId());
    assertThat(jdbc.queryForObject("select count(*) from security_event where fingerprint = ?", Integer.class,
        fingerprint)).isEqualTo(1);
    assertThat(jdbc.queryForObject("select count(*) from intake_fingerprint where fingerprint = ?", Integer.class,
        fingerprint)).isEqualTo(1);
    assertThat(jdbc.queryForObject("select last_claimed_at from intake_fingerprint where fingerprint = ?",
        Timestamp.class, fingerprint)).isAfterOrEqualTo(firstClaim);
  }

  @Test
  void copiesAreCountedWhileTheDispatcherHoldsTheEventsRow() throws Exception {
    String fingerprint = "generic:copies:" + UUID.randomUUID();
    NormalisedAlert alert = new NormalisedAlert("generic", "copies", "Unusual mint", "Seen by the watcher",
        "token-bridge", SourceSeverity.LOW, null, false, fingerprint, "{}", false);
    long eventId = intake.accept(List.of(alert)).get(0).eventId();

    // what the dispatcher does while it starts the event's triage: the event's row locked until its commit
    CountDownLatch locked = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    ExecutorService dispatcher = Executors.newSingleThreadExecutor();
    Future<?> triage = dispatcher.submit(() -> new TransactionTemplate(transactionManager).executeWithoutResult(status -> {
      jdbc.update("update security_event set dispatch_error = 'held by the test' where id = ?", eventId);
      locked.countDown();
      try {
        release.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }));
    try {
      assertThat(locked.await(10, TimeUnit.SECONDS)).isTrue();
      List<EventIntake.Outcome> copies = intake.accept(List.of(alert, alert));
      assertThat(copies).extracting(EventIntake.Outcome::eventId).containsOnly(eventId);
      assertThat(copies).allMatch(EventIntake.Outcome::duplicate);
      assertThat(events.copiesOf(eventId)).isEqualTo(2);
    } finally {
      release.countDown();
      triage.get(30, TimeUnit.SECONDS);
      dispatcher.shutdown();
    }
    intake.accept(List.of(alert));
    assertThat(events.copiesOf(eventId)).isEqualTo(3);
  }
}
