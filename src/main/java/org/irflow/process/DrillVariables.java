package org.irflow.process;

/** Keys and variable names of the drill schedule (IncidentDrillProcess), declared once. */
public final class DrillVariables {
  public static final String PROCESS_KEY = "IncidentDrillProcess";
  /** Business key of the one perpetual drill schedule instance. */
  public static final String SCHEDULE_BUSINESS_KEY = "drill-schedule";

  /** true on a drill's triage and response and on its post-mortem; missing means a real event. */
  public static final String DRILL = "drill";

  // schedule
  public static final String NEXT_DRILL_DUE = "nextDrillDue";
  public static final String LAST_REAL_INCIDENT_AT = "lastRealIncidentAt";
  public static final String LAST_DRILL_AT = "lastDrillAt";
  /** DUE, NOT_YET or SUPERSEDED */
  public static final String DRILL_SCHEDULE_OUTCOME = "drillScheduleOutcome";

  // "Plan drill" form
  public static final String DRILL_SCENARIO = "drillScenario";
  public static final String DRILL_PARTICIPANTS = "drillParticipants";
  public static final String DRILL_AT = "drillAt";
  public static final String DRILL_SEVERITY = "drillSeverity";
  public static final String DRILL_AFFECTED_SYSTEMS = "drillAffectedSystems";
  public static final String DRILL_FUNDS_AT_RISK = "drillFundsAtRisk";
  public static final String DRILL_ACTIVELY_EXPLOITED = "drillActivelyExploited";

  // after planning
  public static final String DRILL_ID = "drillId";
  /** the planned start, normalised to an ISO 8601 instant for the timer */
  public static final String DRILL_STARTS_AT = "drillStartsAt";
  public static final String DRILL_TRIAGE_PROCESS_INSTANCE_ID = "drillTriageProcessInstanceId";

  private DrillVariables() {}
}
