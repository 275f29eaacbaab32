package org.irflow.postmortem;

import java.time.Instant;
import java.time.LocalDate;

/**
 * One action item of a post-mortem.
 *
 * @param optional an optional item never holds the post-mortem open and may be waived by its owner
 */
public record ActionItem(
    long id,
    String incidentId,
    int number,
    String title,
    String priority,
    String owner,
    LocalDate dueDate,
    boolean optional,
    ActionItemStatus status,
    String processInstanceId,
    Instant createdAt,
    Instant remindedAt,
    Instant overdueAt,
    Instant completedAt,
    String completedBy,
    String completionNotes,
    Instant waivedAt,
    String waivedBy,
    String waiverReason) {

  public boolean committed() {
    return !optional;
  }

  public boolean open() {
    return status == ActionItemStatus.OPEN;
  }

  /** One line for summaries and refusals: "#1 [P1] Rotate keys, owner dave, due 2026-12-04, committed: OPEN". */
  public String describe() {
    return "#" + number + " [" + priority + "] " + title + ", owner " + owner + ", due " + dueDate + ", "
        + (optional ? "optional" : "committed") + ": " + status;
  }
}
