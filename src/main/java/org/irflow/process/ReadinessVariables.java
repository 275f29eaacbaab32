package org.irflow.process;

/**
 * ReadinessReviewProcess: its key and variable names, declared once. Ids, not payloads: the gaps
 * themselves live in the readiness_gap table.
 */
public final class ReadinessVariables {
  /** Process key (file name under bpmn/). */
  public static final String READINESS_REVIEW_PROCESS = "ReadinessReviewProcess";

  /** The readiness_review row of this review. */
  public static final String REVIEW_ID = "reviewId";
  /** Input of the check service tasks: which ReadinessCheck bean runs (its id). */
  public static final String READINESS_CHECK = "readinessCheck";
  /** How many open gaps the checks found (gateway "Any gaps?"). */
  public static final String GAP_COUNT = "gapCount";
  /** Element variable of the multi-instance "Close readiness gap": one readiness_gap id. */
  public static final String GAP_ID = "gapId";
  /** Task-local context of "Close readiness gap". */
  public static final String GAP_CHECK = "gapCheck";
  public static final String GAP_SUMMARY = "gapSummary";
  /** Form "close-readiness-gap". */
  public static final String GAP_OUTCOME = "gapOutcome";
  public static final String GAP_RESOLUTION = "gapResolution";
  /** Task-local context of "Confirm readiness": the findings as short lines. */
  public static final String READINESS_FINDINGS = "readinessFindings";
  /** Form "confirm-readiness". */
  public static final String READINESS_ASSESSMENT = "readinessAssessment";
  public static final String READINESS_NOTES = "readinessNotes";

  private ReadinessVariables() {}
}
