package org.irflow.triage.intake;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.irflow.incident.SecurityEvents;
import org.irflow.incident.SecurityEvents.ReceivedEvent;
import org.irflow.incident.Timeline;
import org.irflow.incident.TimelineKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Stores alerts as security events: a returned outcome means the event is committed. Alerts of all
 * requests go through one writer thread that commits them in batches (group commit: one transaction
 * for up to {@code write-batch-size} alerts, so a storm costs few commits) and de-duplicates them
 * without races: a fingerprint already stored within the de-duplication window, or earlier in the same
 * batch, only counts one more duplicate on that first event. On one node the single writer thread
 * decides; across nodes each batch first locks its fingerprints' rows of intake_fingerprint, so a
 * second node storing the same fingerprint at the same instant waits for this commit and finds the event.
 *
 * <p>No triage starts here: the {@link TriageDispatcher} takes each stored event afterwards, so that an
 * answer never waits for a process and a storm never becomes thousands of processes in a request.
 */
@Service
public class EventIntake {

  private static final Logger LOG = LoggerFactory.getLogger(EventIntake.class);
  private static final int TITLE_LENGTH = 300;
  private static final int DESCRIPTION_LENGTH = 20000;
  private static final int AFFECTED_LENGTH = 2000;
  private static final int REPORTER_LENGTH = 200;
  private static final int MONITOR_LENGTH = 300;
  private static final int MONITOR_RULE_LENGTH = 300;
  /** what stands in the affected systems of an alert that names none; correlation ignores it */
  static final String NOT_STATED_BY = "not stated by ";

  /** One stored or counted alert: its event, its fingerprint, whether it was a duplicate. */
  public record Outcome(long eventId, String fingerprint, boolean duplicate) {}

  private record Submission(List<NormalisedAlert> alerts, CompletableFuture<List<Outcome>> committed) {}

  private final SecurityEvents events;
  private final Timeline timeline;
  private final IntakeProperties properties;
  private final IntakeBacklog backlog;
  private final TriageDispatcher dispatcher;
  private final Clock clock;
  private final TransactionTemplate transactions;
  private final LinkedBlockingQueue<Submission> queue = new LinkedBlockingQueue<>();
  private final AtomicInteger queuedAlerts = new AtomicInteger();
  private volatile boolean running;
  private Thread writer;

  public EventIntake(SecurityEvents events, Timeline timeline, IntakeProperties properties, IntakeBacklog backlog,
      TriageDispatcher dispatcher, Clock clock, PlatformTransactionManager transactionManager) {
    this.events = events;
    this.timeline = timeline;
    this.properties = properties;
    this.backlog = backlog;
    this.dispatcher = dispatcher;
    this.clock = clock;
    this.transactions = new TransactionTemplate(transactionManager);
  }

  @PostConstruct
  void startWriter() {
    running = true;
    writer = new Thread(this::writeUntilStopped, "irflow-intake-writer");
    writer.setDaemon(true);
    writer.start();
  }

  /** Writes what is queued, then stops: a request that got its answer is committed. */
  @PreDestroy
  void stopWriter() throws InterruptedException {
    running = false;
    writer.join(properties.acknowledgeTimeout().toMillis());
  }

  /**
   * Stores the alerts and waits for their commit. Throws {@link IntakeRejected}: 429 over the backlog,
   * 503 when the commit did not come within {@code acknowledge-timeout} or failed.
   */
  public List<Outcome> accept(List<NormalisedAlert> alerts) {
    if (alerts.isEmpty()) {
      return List.of();
    }
    if (!running) {
      throw IntakeRejected.retryLater(503, "shutting-down", "irflow is stopping: retry later", properties.retryAfter());
    }
    backlog.admit(alerts.size(), queuedAlerts.get());
    Submission submission = new Submission(List.copyOf(alerts), new CompletableFuture<>());
    queuedAlerts.addAndGet(alerts.size());
    queue.add(submission);
    try {
      return submission.committed().get(properties.acknowledgeTimeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      // it may still commit: a retried alert is then counted as a duplicate, never triaged twice
      throw IntakeRejected.retryLater(503, "commit-timeout", "the events were not committed within "
          + properties.acknowledgeTimeout() + ": retry later", properties.retryAfter());
    } catch (ExecutionException e) {
      LOG.error("storing {} alert(s) failed", alerts.size(), e.getCause());
      throw IntakeRejected.retryLater(503, "storage-failed", "the events could not be stored: retry later",
          properties.retryAfter());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw IntakeRejected.retryLater(503, "interrupted", "interrupted before the commit: retry later",
          properties.retryAfter());
    }
  }

  private void writeUntilStopped() {
    while (running || !queue.isEmpty()) {
      try {
        Submission first = queue.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        List<Submission> batch = new ArrayList<>(List.of(first));
        int size = first.alerts().size();
        Submission next;
        while (size < properties.writeBatchSize() && (next = queue.poll()) != null) {
          batch.add(next);
          size += next.alerts().size();
        }
        try {
          write(batch);
        } finally {
          queuedAlerts.addAndGet(-size);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException unexpected) {
        LOG.error("the intake writer failed; it goes on", unexpected);
      }
    }
  }

  private void write(List<Submission> batch) {
    List<List<Outcome>> outcomes;
    try {
      outcomes = storeLockingFingerprints(batch);
    } catch (RuntimeException failure) {
      if (batch.size() > 1) {
        // one submission's failure must not fail the others: each again on its own
        batch.forEach(submission -> write(List.of(submission)));
      } else {
        batch.get(0).committed().completeExceptionally(failure);
      }
      return;
    }
    for (int i = 0; i < batch.size(); i++) {
      batch.get(i).committed().complete(outcomes.get(i));
    }
    dispatcher.wake();
  }

  /** Where one alert went: an event stored before, or the index of a new event of this batch. */
  private record Slot(String fingerprint, Long storedEventId, int newIndex, boolean duplicate) {}

  /** One transaction of a batch: its outcomes, or the fingerprints that had no row to lock yet. */
  private record Attempt(List<List<Outcome>> outcomes, Set<String> unknownFingerprints) {}

  /** Tries of a batch: new fingerprints take two (their rows are never deleted); the third is slack. */
  private static final int ATTEMPTS = 3;

  /**
   * Stores the batch in one transaction that first locks its fingerprints' rows, so that across nodes
   * another writer with one of them waits for this commit. A fingerprint seen for the first time has no
   * row: that transaction is rolled back before it wrote anything, the rows are made in a short
   * transaction of their own, and the batch is stored again, taking all its locks in one ascending pass
   * (locking the new rows after the others could deadlock with another node's writer).
   */
  private List<List<Outcome>> storeLockingFingerprints(List<Submission> batch) {
    Set<String> fingerprints = new TreeSet<>();
    batch.forEach(submission -> submission.alerts().forEach(alert -> fingerprints.add(alert.fingerprint())));
    for (int attempt = 1; ; attempt++) {
      Attempt result = transactions.execute(status -> {
        Set<String> unknown = events.lockFingerprints(fingerprints);
        if (!unknown.isEmpty()) {
          status.setRollbackOnly();
          return new Attempt(null, unknown);
        }
        return new Attempt(store(batch, fingerprints), Set.of());
      });
      if (result.outcomes() != null) {
        return result.outcomes();
      }
      if (attempt == ATTEMPTS) {
        throw new IllegalStateException("no rows to lock for the fingerprints " + result.unknownFingerprints()
            + " after " + ATTEMPTS + " attempts");
      }
      transactions.executeWithoutResult(status -> events.createFingerprints(result.unknownFingerprints(), clock.instant()));
    }
  }

  private List<List<Outcome>> store(List<Submission> batch, Set<String> fingerprints) {
    Instant now = clock.instant();
    Map<String, Long> stored = events.findByFingerprintsSince(fingerprints, now.minus(properties.deduplicationWindow()));

    Map<String, Integer> newIndexByFingerprint = new HashMap<>();
    List<ReceivedEvent> toInsert = new ArrayList<>();
    List<NormalisedAlert> inserted = new ArrayList<>();
    List<List<Slot>> slots = new ArrayList<>();
    for (Submission submission : batch) {
      List<Slot> ofSubmission = new ArrayList<>();
      for (NormalisedAlert alert : submission.alerts()) {
        String fingerprint = alert.fingerprint();
        Long earlier = stored.get(fingerprint);
        if (earlier != null) {
          ofSubmission.add(new Slot(fingerprint, earlier, -1, true));
        } else if (newIndexByFingerprint.containsKey(fingerprint)) {
          ofSubmission.add(new Slot(fingerprint, null, newIndexByFingerprint.get(fingerprint), true));
        } else {
          newIndexByFingerprint.put(fingerprint, toInsert.size());
          ofSubmission.add(new Slot(fingerprint, null, toInsert.size(), false));
          toInsert.add(received(alert, now));
          inserted.add(alert);
        }
      }
      slots.add(ofSubmission);
    }
    List<Long> newIds = events.insertReceived(toInsert);

    Map<Long, Integer> copies = new HashMap<>();
    List<List<Outcome>> outcomes = new ArrayList<>();
    for (List<Slot> ofSubmission : slots) {
      List<Outcome> answer = new ArrayList<>();
      for (Slot slot : ofSubmission) {
        long eventId = slot.storedEventId() != null ? slot.storedEventId() : newIds.get(slot.newIndex());
        if (slot.duplicate()) {
          copies.merge(eventId, 1, Integer::sum);
        }
        answer.add(new Outcome(eventId, slot.fingerprint(), slot.duplicate()));
      }
      outcomes.add(answer);
    }
    events.countDuplicates(copies, now);

    List<Timeline.Entry> received = new ArrayList<>();
    for (int i = 0; i < inserted.size(); i++) {
      NormalisedAlert alert = inserted.get(i);
      ReceivedEvent event = toInsert.get(i);
      received.add(new Timeline.Entry(new Timeline.Source(null, newIds.get(i), null, null),
          TimelineKind.EVENT_REPORTED, event.reporter(),
          "Event received from " + alert.source() + " (MONITORING_ALERT): " + event.title(),
          "source severity " + alert.sourceSeverity() + (alert.findingType() == null ? ""
              : ", finding type " + alert.findingType()) + ", fingerprint " + alert.fingerprint()));
    }
    timeline.appendAll(received);
    backlog.stored(toInsert.size());
    return outcomes;
  }

  private static ReceivedEvent received(NormalisedAlert alert, Instant now) {
    String affected = alert.affectedSystems() == null || alert.affectedSystems().isBlank()
        ? NOT_STATED_BY + alert.source() : alert.affectedSystems();
    return new ReceivedEvent(now, alert.source(), cut(alert.reporter(), REPORTER_LENGTH),
        cut(alert.title(), TITLE_LENGTH), cut(alert.description(), DESCRIPTION_LENGTH), cut(affected, AFFECTED_LENGTH),
        alert.sourceSeverity().suspectedSeverity(), alert.sourceSeverity().name(), alert.findingType(),
        alert.fingerprint(), alert.payload(), alert.fundsAtRisk(), alert.activelyExploited(), alert.informationSpill(),
        alert.chainId(), cut(alert.emitter().name(), MONITOR_LENGTH), cut(alert.monitorRule(), MONITOR_RULE_LENGTH));
  }

  private static String cut(String text, int length) {
    return text == null || text.length() <= length ? text : text.substring(0, length - 1) + "…";
  }
}
