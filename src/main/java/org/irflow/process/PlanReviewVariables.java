package org.irflow.process;

/** Keys, signal and variable names of the response plan review (ResponsePlanReviewProcess), declared once. */
public final class PlanReviewVariables {
  public static final String PROCESS_KEY = "ResponsePlanReviewProcess";
  /** Thrown by PostMortemProcess when a drill's post-mortem closes (signal end event). */
  public static final String DRILL_POST_MORTEM_CLOSED_SIGNAL = "drill-post-mortem-closed";

  /** the drill incident whose post-mortem closed, passed by the signal */
  public static final String DRILL_INCIDENT_ID = "drillIncidentId";

  public static final String PLAN_REVIEW_ID = "planReviewId";
  /** YEARLY or AFTER_DRILL */
  public static final String PLAN_REVIEW_REASON = "planReviewReason";
  /** text shown (disabled) in "Review response plan": versions deployed since the last review */
  public static final String PLAN_CHANGES_SUMMARY = "planChangesSummary";

  // "Review response plan"
  public static final String REVIEW_NOTES = "reviewNotes";
  public static final String CHANGES_DECIDED = "changesDecided";
  // "Record plan changes"
  public static final String PLAN_CHANGES = "planChanges";

  private PlanReviewVariables() {}
}
