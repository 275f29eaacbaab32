package org.irflow.postmortem;

import java.time.Instant;

/** The post-mortem of one incident. */
public record PostMortem(
    String incidentId,
    String processInstanceId,
    String primarySupervisor,
    boolean drill,
    String status,
    Instant startedAt,
    String gatheredTimeline,
    String summary,
    String timeline,
    String rootCause,
    String wentWell,
    String wentWrong,
    Instant draftedAt,
    String draftedBy,
    boolean noActionItems,
    Publication publication,
    String publishedWhere,
    String withheldReason,
    Instant publicationDecidedAt,
    String publicationDecidedBy,
    String closingNotes,
    Instant closedAt,
    String closedBy) {

  public static final String OPEN = "OPEN";
  public static final String CLOSED = "CLOSED";
}
