package org.irflow.readiness.training;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.irflow.process.CadenceProperties;
import org.irflow.process.Cadences;
import org.irflow.readiness.training.TrainingStatus.Status;
import org.springframework.stereotype.Service;

/** Works out each member's training status from the training records (no engine needed). */
@Service
public class TrainingStatusService {

  private final TrainingRecords records;
  private final RadicalSystemChanges changes;
  private final ResponseGroupMembers members;
  private final CadenceProperties cadences;
  private final Clock clock;

  public TrainingStatusService(TrainingRecords records, RadicalSystemChanges changes,
      ResponseGroupMembers members, CadenceProperties cadences, Clock clock) {
    this.records = records;
    this.changes = changes;
    this.members = members;
    this.cadences = cadences;
    this.clock = clock;
  }

  /** Every current member of the response groups, by user id. */
  public List<TrainingStatus> all() {
    Instant now = clock.instant();
    Optional<Instant> lastChange = changes.lastSignalledAt(now);
    List<TrainingStatus> statuses = new ArrayList<>();
    for (Map.Entry<String, String> member : members.members().entrySet()) {
      statuses.add(statusOf(member.getKey(), member.getValue(), now, lastChange));
    }
    return statuses;
  }

  TrainingStatus statusOf(String userId, String group, Instant now, Optional<Instant> lastChange) {
    Optional<TrainingRecords.Enrolment> enrolment = records.enrolment(userId);
    List<TrainingRound> rounds = records.roundsOf(userId);
    if (enrolment.isEmpty() || rounds.isEmpty()) {
      // the membership check has not picked the member up yet
      return new TrainingStatus(userId, group, Status.PENDING, null,
          enrolment.map(TrainingRecords.Enrolment::joinedAt).orElse(null), null, null, null);
    }
    TrainingRound latest = rounds.get(rounds.size() - 1);
    Optional<TrainingRound> lastCompleted = rounds.stream().filter(TrainingRound::completed)
        .reduce((first, second) -> second);
    Instant lastCompletedAt = lastCompleted.map(TrainingRound::completedAt).orElse(null);
    String notes = lastCompleted.map(TrainingRound::notesLocation).orElse(null);
    Instant joinedAt = enrolment.get().joinedAt();
    if (!latest.completed()) {
      Status status = !now.isBefore(latest.dueAt()) ? Status.OVERDUE
          : latest.kind() == TrainingKind.INITIAL ? Status.PENDING : Status.DUE;
      return new TrainingStatus(userId, group, status, latest.kind(), joinedAt, latest.dueAt(),
          lastCompletedAt, notes);
    }
    Instant refresherDue = Cadences.plus(latest.completedAt(), cadences.trainingRefresher());
    boolean invalidated = lastChange.filter(change -> change.isAfter(latest.completedAt())).isPresent();
    if (invalidated) {
      Instant dueAt = Cadences.plus(lastChange.get(), cadences.trainingDeadline());
      return new TrainingStatus(userId, group, now.isBefore(dueAt) ? Status.DUE : Status.OVERDUE,
          latest.kind(), joinedAt, dueAt, lastCompletedAt, notes);
    }
    if (!now.isBefore(refresherDue)) {
      Instant dueAt = Cadences.plus(refresherDue, cadences.trainingDeadline());
      return new TrainingStatus(userId, group, now.isBefore(dueAt) ? Status.DUE : Status.OVERDUE,
          latest.kind(), joinedAt, dueAt, lastCompletedAt, notes);
    }
    return new TrainingStatus(userId, group, Status.CURRENT, latest.kind(), joinedAt, refresherDue,
        lastCompletedAt, notes);
  }
}
