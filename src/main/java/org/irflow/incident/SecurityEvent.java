package org.irflow.incident;

import java.time.Instant;

/** A reported security event, before and after triage. */
public record SecurityEvent(
    long id,
    Instant reportedAt,
    String reporter,
    String channel,
    String title,
    String description,
    String affectedSystems,
    String suspectedSeverity,
    String disposition,
    String severity,
    String triageProcessInstanceId,
    String incidentId,
    Instant decidedAt,
    String decidedBy) {}
