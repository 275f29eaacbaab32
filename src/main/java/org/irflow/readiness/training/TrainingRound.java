package org.irflow.readiness.training;

import java.time.Instant;
import java.time.LocalDate;

/** One row of training_record: a round of training of one member. */
public record TrainingRound(long id, String userId, String responseGroup, TrainingKind kind,
    Instant joinedAt, Instant startedAt, Instant dueAt, Instant remindedAt, Instant escalatedAt,
    Instant completedAt, LocalDate attendedOn, String notesLocation, boolean attendanceConfirmed,
    String completedBy, String processInstanceId) {

  public boolean completed() {
    return completedAt != null;
  }
}
