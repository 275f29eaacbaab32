package org.irflow.readiness.drill;

import java.time.Instant;

/**
 * A planned drill and what became of it. The incident id is known once the drill's triage has
 * declared its incident; {@code incidentStatus} is that incident's status.
 */
public record Drill(
    long id,
    DrillStatus status,
    Instant dueAt,
    Instant plannedFor,
    String scenario,
    String participants,
    String suspectedSeverity,
    String affectedSystems,
    boolean fundsAtRisk,
    boolean activelyExploited,
    String plannedBy,
    Instant plannedAt,
    String scheduleProcessInstanceId,
    Instant startedAt,
    String triageProcessInstanceId,
    Long eventId,
    String incidentId,
    String incidentStatus,
    Instant postMortemClosedAt) {}
