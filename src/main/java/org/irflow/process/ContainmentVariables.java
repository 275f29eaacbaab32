package org.irflow.process;

/** Variable names (and the process key) of contract pausing, declared once. Ids, never keys or payloads. */
public final class ContainmentVariables {
  public static final String CONTRACT_PAUSE_PROCESS = "ContractPauseProcess";
  /** the BPMN error a reverted simulation throws */
  public static final String ERROR_PAUSE_SIMULATION_FAILED = "Error_PauseSimulationFailed";
  /** the BPMN error thrown when the Safe's nonce moved past a proposal that did not execute */
  public static final String ERROR_PROPOSAL_SUPERSEDED = "Error_ProposalSuperseded";
  /** the message a signer's completed "Sign the pause transaction" sends: look at the confirmations now */
  public static final String MESSAGE_SIGNATURE_REPORTED = "Message_SignatureReported";

  // ContractPauseProcess
  /** the pause_batch row this instance works on */
  public static final String PAUSE_BATCH_ID = "pauseBatchId";
  /** RELAYER, SAFE, MANUAL or DRILL: the way the batch is paused now */
  public static final String PAUSE_PATH = "pausePath";
  /** the contracts of the batch, for people to read: "Vault (0x...), Bridge (0x...)" */
  public static final String PAUSE_CONTRACTS = "pauseContracts";
  /** the pauser in use, "relayer:&lt;id&gt;" or "safe:0x..." */
  public static final String PAUSER = "pauser";
  public static final String CHAIN_ID = "chainId";
  public static final String SIMULATION_REVERT_REASON = "simulationRevertReason";
  /** PASSED, ALREADY_PAUSED or REVERTED */
  public static final String SIMULATION_OUTCOME = "simulationOutcome";
  /** the Safe nonce of the live proposal */
  public static final String SAFE_NONCE = "safeNonce";
  /** what changed since the first proposal, for the signers ("another Safe transaction used nonce 5; ...") */
  public static final String PAUSE_NOTICE = "pauseNotice";
  /** where the pause stands, in words: the pause_batch's status detail */
  public static final String PAUSE_STATUS_DETAIL = "pauseStatusDetail";
  /** the supervisor's answer to a stalled transaction: KEEP_WAITING, PAUSE_MANUALLY or GIVE_UP */
  public static final String STALLED_DECISION = "stalledDecision";
  /** whether the chain showed every contract paused when the pause was about to be recorded failed */
  public static final String PAUSED_AFTER_ALL = "pausedAfterAll";
  /** the supervisor's answer to a reverted simulation: RETRY or GIVE_UP */
  public static final String SIMULATION_DECISION = "simulationDecision";
  public static final String SAFE_ADDRESS = "safeAddress";
  public static final String SAFE_TX_HASH = "safeTxHash";
  /** the decoded call, for the signers: contract names and addresses, pause(), batch or single call */
  public static final String PAUSE_CALL = "pauseCall";
  public static final String SAFE_WALLET_LINK = "safeWalletLink";
  public static final String CONFIRMATIONS = "confirmations";
  /**
   * the owners whose confirmations count, as of the last look (written by the pause process itself,
   * read by the signers' form; never a variable the form submits)
   */
  public static final String CONFIRMED_BY = "confirmedBy";
  public static final String CONFIRMATIONS_REQUIRED = "confirmationsRequired";
  public static final String THRESHOLD_MET = "thresholdMet";
  /** ISO 8601 durations from irflow.containment.confirmation-timeout and .confirmation-poll-interval */
  public static final String CONFIRMATION_TIMEOUT = "confirmationTimeout";
  public static final String CONFIRMATION_POLL_INTERVAL = "confirmationPollInterval";
  /** one signer of the multi-instance "Sign the pause transaction" */
  public static final String SIGNER = "signer";
  public static final String SIGNED_IN_WALLET = "signedInWallet";
  /** the supervisor's answer when the confirmations did not come in time: KEEP_WAITING or GIVE_UP */
  public static final String CONFIRMATION_DECISION = "confirmationDecision";
  /** DONE, PENDING, FAILED or STALLED: the relayer transaction's state */
  public static final String RELAYER_STATE = "relayerState";
  /** whether another pauser is left after the relayer failed */
  public static final String NEXT_PAUSER_AVAILABLE = "nextPauserAvailable";
  /** the transaction hash a person enters after executing the prepared batch in Safe{Wallet} */
  public static final String PAUSE_TRANSACTION_HASH = "pauseTransactionHash";
  /** where to download the Safe Transaction Builder file on the manual path */
  public static final String TRANSACTION_BUILDER_URL = "transactionBuilderUrl";
  public static final String RAW_CALL = "rawCall";
  /**
   * VERIFIED, UNVERIFIED (no chain access), PENDING, FAILED, STALLED (not mined within
   * irflow.containment.transaction-timeout) or RESEND (the executor's nonce went to another transaction)
   */
  public static final String PAUSE_VERIFICATION = "pauseVerification";
  public static final String PAUSE_FAILURE = "pauseFailure";
  public static final String NOTES = "pauseNotes";

  // IncidentResponseProcess and IncidentTriageProcess
  /** comma-separated registered contract names proposed for a pause (an exploit against them) */
  public static final String CONTRACTS_TO_PAUSE = "contractsToPause";
  /** whether the registry allowed an automatic pause that was started at declaration */
  public static final String AUTOMATIC_PAUSE_STARTED = "automaticPauseStarted";
  /** what the supervisor chose in "Pause contracts": comma-separated names */
  public static final String SELECTED_CONTRACTS = "selectedContracts";
  /** a summary of the pauses started and verified, shown in the response's tasks */
  public static final String PAUSE_SUMMARY = "pauseSummary";
  /** Where every pause of an incident is listed once the summary has let its oldest lines go. */
  public static final String PAUSE_SUMMARY_COMPLETE_ON = "the incident's timeline and /api/pauses";

  // PauseProposalProcess: a pause below the automatic-pause policy, proposed to the supervisor
  public static final String PAUSE_PROPOSAL_PROCESS = "PauseProposalProcess";
  /** the message that tells an open proposal that the policy is met after all (a corroborating alert came) */
  public static final String MESSAGE_PAUSE_POLICY_MET = "Message_PausePolicyMet";
  /** the registered contract whose pause is proposed */
  public static final String PROPOSED_CONTRACT = "proposedContract";
  /** the policy's decision in words: the rule that was not met (or, once met, how) */
  public static final String PAUSE_POLICY_VERDICT = "pausePolicyVerdict";
  /** the alerts on the contract the decision read, one line each */
  public static final String PAUSE_POLICY_ALERTS = "pausePolicyAlerts";
  /** the supervisor's answer: PAUSE or DECLINE */
  public static final String PAUSE_PROPOSAL_DECISION = "pauseProposalDecision";
  /** why the supervisor declined (or anything said with the approval) */
  public static final String PAUSE_PROPOSAL_NOTES = "pauseProposalNotes";

  private ContainmentVariables() {}
}
