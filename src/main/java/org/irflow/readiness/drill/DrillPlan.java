package org.irflow.readiness.drill;

import java.time.Instant;
import java.util.List;

/** What the managers entered in "Plan drill". */
public record DrillPlan(
    Instant dueAt,
    Instant plannedFor,
    String scenario,
    List<String> participants,
    String suspectedSeverity,
    String affectedSystems,
    boolean fundsAtRisk,
    boolean activelyExploited,
    String plannedBy) {}
