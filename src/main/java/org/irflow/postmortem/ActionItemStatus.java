package org.irflow.postmortem;

/** Where an action item stands. */
public enum ActionItemStatus {
  OPEN, DONE, WAIVED
}
