package org.irflow.readiness.planreview;

/** Why a response plan review runs. */
public enum PlanReviewReason {
  /** the yearly review (timer start event) */
  YEARLY,
  /** a drill's post-mortem closed (signal start event) */
  AFTER_DRILL
}
