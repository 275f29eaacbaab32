package org.irflow.process;

/** Variables of PauseReadinessProcess and PauseReadinessGapProcess. */
public final class PauseReadinessVariables {

  public static final String PAUSE_READINESS_PROCESS = "PauseReadinessProcess";
  public static final String PAUSE_READINESS_GAP_PROCESS = "PauseReadinessGapProcess";
  /** Starts PauseReadinessProcess on demand (POST /api/pause-readiness/check). */
  public static final String MESSAGE_CHECK_REQUESTED = "PauseReadinessCheckRequested";
  /** Ends a gap's open task: a later check found the path working. */
  public static final String MESSAGE_PAUSE_PATH_WORKS_AGAIN = "PausePathWorksAgain";

  /** id of the pause_readiness_gap row a gap process is about */
  public static final String PAUSE_GAP_ID = "pauseGapId";
  /** who fixes the gap (the contract's owner, else the on-call supervisor); null: any incident commander */
  public static final String PAUSE_GAP_OWNER = "pauseGapOwner";
  public static final String PAUSE_GAP_CONTRACT = "pauseGapContract";
  /** the broken path in words, e.g. "the Safe 0x..." */
  public static final String PAUSE_GAP_PATH = "pauseGapPath";
  /** the failed checks in words */
  public static final String PAUSE_GAP_FINDINGS = "pauseGapFindings";
  /** what the owner did (task form), optional */
  public static final String PAUSE_GAP_FIX = "pauseGapFix";

  private PauseReadinessVariables() {}
}
