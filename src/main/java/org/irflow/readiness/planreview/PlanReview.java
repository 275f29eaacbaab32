package org.irflow.readiness.planreview;

import java.time.Instant;

/** One response plan review (IR-8): why, what was reviewed, what changed, to whom it went. */
public record PlanReview(
    long id,
    PlanReviewReason reason,
    String drillIncidentId,
    String processInstanceId,
    Instant startedAt,
    Instant reviewedSince,
    String versionsReviewed,
    String reviewedBy,
    Instant reviewedAt,
    String reviewNotes,
    String changesDecided,
    String changesRecordedBy,
    String planChanges,
    String distributedTo,
    Instant distributedAt,
    Instant completedAt) {}
