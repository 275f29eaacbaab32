package org.irflow.metrics;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * The programme's figures for a period [from, to), drill incidents left out. Point-in-time figures
 * (open incidents, overdue action items, drill cadence) are taken as of {@code asOf}, the end of the
 * period or now if that is earlier; training compliance is always as of now. Signer drills are
 * drills, but their time to threshold is the programme's figure of how quickly a pause can be signed.
 */
public record ProgrammeMetrics(
    Instant from,
    Instant to,
    Instant asOf,
    String severity,
    String system,
    Durations timeToAcknowledge,
    Durations timeToDeclare,
    Durations timeToContain,
    Durations timeToRecover,
    int incidentsDeclared,
    List<SystemCount> incidentsPerSystem,
    OpenIncidents openIncidents,
    OverdueActionItems overdueActionItems,
    DrillCadence drillCadence,
    TrainingCompliance trainingCompliance,
    Readiness readiness,
    List<SignerDrillFigure> signerDrills) {

  /** Durations in seconds: how many, their mean and their 90th percentile (nearest rank); null when none. */
  public record Durations(int count, Double meanSeconds, Long p90Seconds) {}

  /** Incidents declared in the period that name the system; contract: it is in the contract registry. */
  public record SystemCount(String system, boolean contract, int incidents) {}

  /** Incidents open at asOf: declared and responding, or resolved and awaiting their post-mortem. */
  public record OpenIncidents(int total, List<OpenBySeverity> bySeverity) {}

  public record OpenBySeverity(String severity, int responding, int awaitingPostMortem) {}

  /** Action items open at asOf whose committed date has passed. */
  public record OverdueActionItems(int count, List<OverdueItem> items) {}

  public record OverdueItem(String incidentId, int itemNumber, String title, String owner, LocalDate dueDate) {}

  /** kept: the last drill started within the drill interval before asOf. */
  public record DrillCadence(boolean kept, Instant lastDrillStartedAt, String interval, Instant nextDueBy) {}

  /** Members of the response groups whose training is current, of all members, now. */
  public record TrainingCompliance(int current, int members, Double ratio) {}

  /**
   * The latest signer drill of each Safe ended by asOf: the seconds from its start until the threshold's
   * worth of distinct owners had signed (null: never within the window), against the limit.
   */
  public record SignerDrillFigure(long chainId, String safe, long drillId, Instant startedAt,
      Long timeToThresholdSeconds, int threshold, long limitSeconds, boolean withinLimit, List<String> didNotAnswer) {}

  /** confirmed: a readiness review was confirmed within the period; the last one in it. */
  public record Readiness(boolean confirmed, Instant lastConfirmedAt, String assessment) {}
}
