package org.irflow.readiness.drill;

/** Where a drill stands. */
public enum DrillStatus {
  /** planned; waiting for its date */
  PLANNED,
  /** its triage has started (the incident, once declared, runs the real response flagged as a drill) */
  STARTED,
  /** its post-mortem closed (and started a plan review) */
  POST_MORTEM_CLOSED
}
