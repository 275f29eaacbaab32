package org.irflow.readiness.training;

/** Why a training round takes place. */
public enum TrainingKind {
  /** Within the deadline after joining a response group. */
  INITIAL,
  /** Every irflow.cadences.training-refresher after the last completion. */
  REFRESHER,
  /** After the programme manager signalled a radical system change. */
  RETRAINING
}
