package org.irflow.containment;

/** How a contract is paused: both call pause(); they differ in who may call it. */
public enum PauseStyle {
  /** OpenZeppelin Ownable + Pausable: only the owner may pause */
  OWNABLE,
  /** OpenZeppelin AccessControl + Pausable: holders of PAUSER_ROLE may pause */
  ACCESS_CONTROL
}
