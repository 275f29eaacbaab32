package org.irflow.containment.pause;

/** Where a pause batch stands. */
public enum PauseStatus {
  /** requested, the process prepares it */
  REQUESTED,
  /** a drill on a production chain: recorded, nothing sent */
  DRILL_NO_EFFECT,
  /** the simulation reverted; the supervisor decides */
  SIMULATION_FAILED,
  /** the relayer transaction is about to be sent, or was sent */
  RELAYER_SUBMITTED,
  /** the Safe transaction is about to be proposed, or was proposed */
  PROPOSED,
  /** execTransaction is about to be sent, or was sent */
  EXECUTING,
  /** waiting for a person to execute the prepared transaction in Safe{Wallet} */
  AWAITING_MANUAL_EXECUTION,
  /** paused() is true on every contract and the Paused events are in the receipt */
  PAUSED,
  /** given up, not confirmed in time, or the transaction failed */
  FAILED
}
