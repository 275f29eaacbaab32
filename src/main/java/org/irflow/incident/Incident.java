package org.irflow.incident;

import java.time.Instant;

/** The incident record: one row per declared incident (or drill). */
public record Incident(
    String id,
    String title,
    Severity severity,
    IncidentStatus status,
    boolean drill,
    String primarySupervisor,
    String objective,
    String warRoomChannel,
    String backupChannel,
    Long eventId,
    String responseProcessInstanceId,
    Instant reportedAt,
    Instant declaredAt,
    Instant resolvedAt,
    Instant closedAt) {}
