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
 * the cross-node guard (intake_fingerprint, V12: a new fingerprint gets its row, a repeat locks it and
 * waits while another transaction holds it, and is a duplicate of the first event) and the copies
 * counted beside the event (V13), which a triage holding the event's row cannot hold up. The race between two nodes is ClusterFailoverTest's, on
 * PostgreSQL; WebhookIntakeTest counts copies on PostgreSQL.
 */
class IntakeFingerprintClaimTest extends ProcessTest {

  @Autowired EventIntake intake;
  @Autowired SecurityEvents events;
  @Autowired PlatformTransactionManager transactionManager;

  @Test
  void aFingerprintGetsItsRowAtFirstSightAndItsRepeatsOnlyLockIt() {
    String fingerprint = "generic:claims:" + UUID.randomUUID();
    NormalisedAlert alert = alert("claims", fingerprint);

    EventIntake.Outcome first = intake.accept(List.of(alert)).get(0);
    Timestamp made = jdbc.queryForObject(
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
        Timestamp.class, fingerprint)).isEqualTo(made);
  }

  @Test
  void aBatchOfKnownAndNewFingerprintsIsStoredOnceWithAllItsRows() {
    String known = "generic:mixed-known:" + UUID.randomUUID();
    String fresh = "generic:mixed-new:" + UUID.randomUUID();
    long knownEvent = intake.accept(List.of(alert("mixed", known))).get(0).eventId();

    List<EventIntake.Outcome> outcomes = intake.accept(List.of(alert("mixed", fresh), alert("mixed", known),
        alert("mixed", fresh)));

    assertThat(outcomes).extracting(EventIntake.Outcome::duplicate).containsExactly(false, true, true);
    assertThat(outcomes.get(1).eventId()).isEqualTo(knownEvent);
    assertThat(outcomes.get(2).eventId()).isEqualTo(outcomes.get(0).eventId());
    assertThat(jdbc.queryForObject("select count(*) from security_event where fingerprint in (?, ?)", Integer.class,
        known, fresh)).isEqualTo(2);
    assertThat(jdbc.queryForObject("select count(*) from intake_fingerprint where fingerprint in (?, ?)",
        Integer.class, known, fresh)).isEqualTo(2);
  }

  @Test
  void theWriterWaitsWhileAnotherTransactionHoldsTheFingerprintsRow() throws Exception {
    String fingerprint = "generic:held:" + UUID.randomUUID();
    NormalisedAlert alert = alert("held", fingerprint);
    long eventId = intake.accept(List.of(alert)).get(0).eventId();

    // what another node's writer does while it stores an alert with this fingerprint
    ExecutorService writer = Executors.newSingleThreadExecutor();
    try (HeldRow held = new HeldRow(() -> jdbc.queryForList(
        "select fingerprint from intake_fingerprint where fingerprint = ? for update", String.class, fingerprint))) {
      Future<List<EventIntake.Outcome>> repeat = writer.submit(() -> intake.accept(List.of(alert)));
      Thread.sleep(300);
      assertThat(repeat).isNotDone();
      held.release();
      assertThat(repeat.get(10, TimeUnit.SECONDS)).singleElement()
          .satisfies(outcome -> assertThat(outcome.eventId()).isEqualTo(eventId))
          .satisfies(outcome -> assertThat(outcome.duplicate()).isTrue());
    } finally {
      writer.shutdown();
    }
  }

  @Test
  void copiesAreCountedWhileTheDispatcherHoldsTheEventsRow() throws Exception {
    String fingerprint = "generic:copies:" + UUID.randomUUID();
    NormalisedAlert alert = alert("copies", fingerprint);
    long eventId = intake.accept(List.of(alert)).get(0).eventId();

    // what the dispatcher does while it starts the event's triage: the event's row locked until its commit
    try (HeldRow held = new HeldRow(() -> jdbc.update(
        "update security_event set dispatch_error = 'held by the test' where id = ?", eventId))) {
      List<EventIntake.Outcome> copies = intake.accept(List.of(alert, alert));
      assertThat(copies).extracting(EventIntake.Outcome::eventId).containsOnly(eventId);
      assertThat(copies).allMatch(EventIntake.Outcome::duplicate);
      assertThat(events.copiesOf(eventId)).isEqualTo(2);
    }
    intake.accept(List.of(alert));
    assertThat(events.copiesOf(eventId)).isEqualTo(3);
  }

  /** A transaction on another thread that holds the row {@code lock} locked until release (or close). */
  private final class HeldRow implements AutoCloseable {
    private final CountDownLatch released = new CountDownLatch(1);
    private final ExecutorService thread = Executors.newSingleThreadExecutor();
    private final Future<?> transaction;

    HeldRow(Runnable lock) throws InterruptedException {
      CountDownLatch locked = new CountDownLatch(1);
      transaction = thread.submit(() -> new TransactionTemplate(transactionManager).executeWithoutResult(status -> {
        lock.run();
        locked.countDown();
        try {
          released.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }));
      assertThat(locked.await(10, TimeUnit.SECONDS)).as("the other transaction took its lock").isTrue();
    }

    void release() {
      released.countDown();
    }

    @Override
    public void close() throws Exception {
      release();
      transaction.get(30, TimeUnit.SECONDS);
      thread.shutdown();
    }
  }

  private static NormalisedAlert alert(String reporter, String fingerprint) {
    return new NormalisedAlert("generic", reporter, "Unusual mint", "Seen by the watcher", "token-bridge",
        SourceSeverity.LOW, null, false, fingerprint, "{}", false);
  }
}
