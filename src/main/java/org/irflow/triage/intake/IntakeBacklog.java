package org.irflow.triage.intake;

import java.util.concurrent.atomic.AtomicLong;
import org.springframework.stereotype.Component;

/**
 * Back-pressure: how many events irflow holds that no triage has taken yet (stored and waiting for
 * the dispatcher, or queued for writing). Above {@code irflow.intake.max-backlog} the webhooks answer
 * 429 with Retry-After instead of accepting what irflow cannot keep up with.
 *
 * <p>The stored part is counted in the database by the dispatcher at each round (so that in a cluster
 * every node sees the others' backlog) and raised at once by each commit in between.
 */
@Component
public class IntakeBacklog {

  private final IntakeProperties properties;
  private final AtomicLong waitingInDatabase = new AtomicLong();

  public IntakeBacklog(IntakeProperties properties) {
    this.properties = properties;
  }

  /** Refuses {@code alerts} more when they would take the backlog over its limit. */
  void admit(int alerts, int queuedForWriting) {
    long backlog = waitingInDatabase.get() + queuedForWriting;
    if (backlog + alerts > properties.maxBacklog()) {
      throw IntakeRejected.retryLater(429, "backlog-full", "irflow holds " + backlog
          + " events that are not triaged yet (limit " + properties.maxBacklog() + "): retry later",
          properties.retryAfter());
    }
  }

  void stored(int events) {
    waitingInDatabase.addAndGet(events);
  }

  void counted(long waiting) {
    waitingInDatabase.set(waiting);
  }

  /** Events stored and waiting for the dispatcher, as last known. */
  public long waiting() {
    return waitingInDatabase.get();
  }
}
