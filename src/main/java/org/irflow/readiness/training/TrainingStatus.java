package org.irflow.readiness.training;

import java.time.Instant;

/**
 * A member's training at an instant.
 *
 * @param status CURRENT (completed within the refresher period, not invalidated), PENDING (new member
 *     inside the first deadline, or not yet enrolled), DUE (a refresher or retraining is open, its
 *     deadline not passed), OVERDUE (a round open past its deadline)
 * @param kind the kind of the latest round, null when none
 * @param dueAt deadline of the open round; for CURRENT, when the refresher falls due
 * @param lastCompletedAt when the member last completed a round, null if never
 */
public record TrainingStatus(String userId, String responseGroup, Status status, TrainingKind kind,
    Instant joinedAt, Instant dueAt, Instant lastCompletedAt, String notesLocation) {

  public enum Status { CURRENT, PENDING, DUE, OVERDUE }
}
