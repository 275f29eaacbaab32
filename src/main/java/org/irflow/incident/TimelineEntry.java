package org.irflow.incident;

import java.time.Instant;

/** One thing that happened during an event's triage or an incident's response. */
public record TimelineEntry(
    long id,
    Instant occurredAt,
    String incidentId,
    Long eventId,
    TimelineKind kind,
    String actor,
    String summary,
    String details,
    String processInstanceId,
    String activityId) {}
