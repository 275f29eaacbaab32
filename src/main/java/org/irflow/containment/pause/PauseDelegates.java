package org.irflow.containment.pause;

import static org.irflow.process.ContainmentVariables.CHAIN_ID;
import static org.irflow.process.ContainmentVariables.CONFIRMATIONS;
import static org.irflow.process.ContainmentVariables.CONFIRMED_BY;
import static org.irflow.process.ContainmentVariables.CONFIRMATIONS_REQUIRED;
import static org.irflow.process.ContainmentVariables.CONFIRMATION_POLL_INTERVAL;
import static org.irflow.process.ContainmentVariables.CONFIRMATION_TIMEOUT;
import static org.irflow.process.ContainmentVariables.ERROR_PAUSE_SIMULATION_FAILED;
import static org.irflow.process.ContainmentVariables.ERROR_PROPOSAL_SUPERSEDED;
import static org.irflow.process.ContainmentVariables.PAUSED_AFTER_ALL;
import static org.irflow.process.ContainmentVariables.PAUSE_NOTICE;
import static org.irflow.process.ContainmentVariables.PAUSE_STATUS_DETAIL;
import static org.irflow.process.ContainmentVariables.SAFE_NONCE;
import static org.irflow.process.ContainmentVariables.SIMULATION_OUTCOME;
import static org.irflow.process.ContainmentVariables.NEXT_PAUSER_AVAILABLE;
import static org.irflow.process.ContainmentVariables.NOTES;
import static org.irflow.process.ContainmentVariables.PAUSER;
import static org.irflow.process.ContainmentVariables.PAUSE_BATCH_ID;
import static org.irflow.process.ContainmentVariables.PAUSE_CALL;
import static org.irflow.process.ContainmentVariables.PAUSE_CONTRACTS;
import static org.irflow.process.ContainmentVariables.PAUSE_FAILURE;
import static org.irflow.process.ContainmentVariables.PAUSE_PATH;
import static org.irflow.process.ContainmentVariables.PAUSE_TRANSACTION_HASH;
import static org.irflow.process.ContainmentVariables.PAUSE_VERIFICATION;
import static org.irflow.process.ContainmentVariables.RAW_CALL;
import static org.irflow.process.ContainmentVariables.RELAYER_STATE;
import static org.irflow.process.ContainmentVariables.SAFE_ADDRESS;
import static org.irflow.process.ContainmentVariables.SAFE_TX_HASH;
import static org.irflow.process.ContainmentVariables.SAFE_WALLET_LINK;
import static org.irflow.process.ContainmentVariables.SIMULATION_REVERT_REASON;
import static org.irflow.process.ContainmentVariables.THRESHOLD_MET;
import static org.irflow.process.ContainmentVariables.TRANSACTION_BUILDER_URL;
import static org.irflow.process.Variables.INCIDENT_SUPERVISOR;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.irflow.containment.ContainmentProperties;
import org.irflow.incident.Incidents;
import org.irflow.process.Actors;
import org.springframework.context.annotation.Lazy;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.stereotype.Component;

/** The service tasks of ContractPauseProcess: thin, the logic is in {@link PauseService}. */
final class PauseDelegates {

  private PauseDelegates() {}

  static long batchId(DelegateExecution execution) {
    return ((Number) execution.getVariable(PAUSE_BATCH_ID)).longValue();
  }

  /**
   * A step that calls the chain, the Safe Transaction Service or the relayer. A technical failure is
   * said at once (timeline, the pause's status detail) and left to the job's retries; once the step
   * succeeds again, the failed attempts before it are closed with a line on the timeline.
   */
  abstract static class PauseStep implements JavaDelegate {
    protected final PauseService pauses;

    PauseStep(PauseService pauses) {
      this.pauses = pauses;
    }

    @Override
    public final void execute(DelegateExecution execution) {
      long id = batchId(execution);
      String step = execution.getCurrentActivityName();
      try {
        run(execution, id);
      } catch (BpmnError expected) {
        throw expected;
      } catch (RuntimeException failed) {
        recordAfterRollback(id, step, failed);
        throw failed;
      }
      pauses.stepSucceeded(id, step);
    }

    /**
     * The job's transaction rolls back and may hold the pause's row: the attempt is recorded once it
     * has, in a transaction of its own.
     */
    private void recordAfterRollback(long id, String step, RuntimeException failed) {
      if (!TransactionSynchronizationManager.isSynchronizationActive()) {
        pauses.recordFailedAttempt(id, step, failed);
        return;
      }
      TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
        @Override
        public void afterCompletion(int status) {
          pauses.recordFailedAttempt(id, step, failed);
        }
      });
    }

    abstract void run(DelegateExecution execution, long batchId);
  }

  /** Chooses the path (relayer, Safe, manual, drill) for the pauser in use; sets what the tasks show. */
  @Component("choosePausePathDelegate")
  static class ChoosePath implements JavaDelegate {
    private final PauseService pauses;
    private final ContainmentProperties containment;
    private final Incidents incidents;

    ChoosePath(PauseService pauses, ContainmentProperties containment, Incidents incidents) {
      this.pauses = pauses;
      this.containment = containment;
      this.incidents = incidents;
    }

    @Override
    public void execute(DelegateExecution execution) {
      long id = batchId(execution);
      PauseService.Path path = pauses.route(id);
      PauseBatch batch = pauses.batch(id);
      execution.setVariable(PAUSE_PATH, path.name());
      execution.setVariable(PAUSER, batch.pauser());
      execution.setVariable(CHAIN_ID, batch.chainId());
      execution.setVariable(PAUSE_CONTRACTS, batch.describeContracts());
      execution.setVariable(CONFIRMATION_TIMEOUT, containment.confirmationTimeout().toString());
      execution.setVariable(CONFIRMATION_POLL_INTERVAL, containment.confirmationPollInterval().toString());
      if (execution.getVariable(INCIDENT_SUPERVISOR) == null) {
        incidents.find(batch.incidentId())
            .ifPresent(incident -> execution.setVariable(INCIDENT_SUPERVISOR, incident.primarySupervisor()));
      }
    }
  }

  @Component("recordDrillPauseDelegate")
  static class RecordDrill implements JavaDelegate {
    private final PauseService pauses;

    RecordDrill(PauseService pauses) {
      this.pauses = pauses;
    }

    @Override
    public void execute(DelegateExecution execution) {
      pauses.recordDrill(batchId(execution));
    }
  }

  /**
   * A revert is a business error: the model gives the supervisor the reason. Contracts the Safe cannot
   * pause while others of the batch can are split off into a pause process of their own (which gives
   * the supervisor the reason); the others go on.
   */
  @Component("simulatePauseDelegate")
  static class Simulate extends PauseStep {
    private final PauseStarter starter;

    Simulate(PauseService pauses, @Lazy PauseStarter starter) {
      super(pauses);
      this.starter = starter;
    }

    @Override
    void run(DelegateExecution execution, long id) {
      PauseService.SimulationResult result = pauses.simulate(id);
      execution.setVariable(SIMULATION_OUTCOME, result.outcome().name());
      execution.setVariable(SIMULATION_REVERT_REASON, result.revertReason());
      execution.setVariable(PAUSE_CONTRACTS, pauses.batch(id).describeContracts());
      if (result.cannotPause() != null) {
        starter.startBatch(result.cannotPause(), (String) execution.getVariable(INCIDENT_SUPERVISOR));
      }
      if (result.outcome() == PauseService.Simulation.REVERTED) {
        throw new BpmnError(ERROR_PAUSE_SIMULATION_FAILED, result.revertReason());
      }
    }
  }

  @Component("proposeSafeTransactionDelegate")
  static class Propose extends PauseStep {

    Propose(PauseService pauses) {
      super(pauses);
    }

    @Override
    void run(DelegateExecution execution, long id) {
      PauseService.Proposal proposal = pauses.propose(id);
      execution.setVariable(PAUSE_NOTICE, proposal.notice());
      execution.setVariable(SAFE_NONCE, proposal.nonce());
      execution.setVariable(SAFE_ADDRESS, proposal.safe());
      execution.setVariable(SAFE_TX_HASH, proposal.safeTxHash());
      execution.setVariable(PAUSE_CALL, proposal.call());
      execution.setVariable(SAFE_WALLET_LINK, proposal.safeWalletLink());
      execution.setVariable(CONFIRMATIONS_REQUIRED, proposal.threshold());
    }
  }

  /** The Safe's nonce moved past the proposal without executing it: the model proposes again. */
  @Component("checkConfirmationsDelegate")
  static class CheckConfirmations extends PauseStep {

    CheckConfirmations(PauseService pauses) {
      super(pauses);
    }

    @Override
    void run(DelegateExecution execution, long id) {
      PauseService.Confirmations confirmations = pauses.confirmations(id);
      if (confirmations.stage() == PauseService.ProposalStage.STALE) {
        throw new BpmnError(ERROR_PROPOSAL_SUPERSEDED, "the Safe's nonce moved past the proposal");
      }
      execution.setVariable(CONFIRMATIONS, confirmations.count());
      execution.setVariable(CONFIRMED_BY, String.join(", ", confirmations.owners()));
      execution.setVariable(CONFIRMATIONS_REQUIRED, confirmations.required());
      execution.setVariable(THRESHOLD_MET, confirmations.thresholdMet());
    }
  }

  @Component("executeSafeTransactionDelegate")
  static class Execute extends PauseStep {

    Execute(PauseService pauses) {
      super(pauses);
    }

    @Override
    void run(DelegateExecution execution, long id) {
      if (pauses.execute(id) == PauseService.Execution.STALE) {
        throw new BpmnError(ERROR_PROPOSAL_SUPERSEDED, "the Safe's nonce moved past the proposal");
      }
    }
  }

  @Component("submitToRelayerDelegate")
  static class SubmitToRelayer extends PauseStep {

    SubmitToRelayer(PauseService pauses) {
      super(pauses);
    }

    @Override
    void run(DelegateExecution execution, long id) {
      pauses.submitToRelayer(id);
    }
  }

  @Component("checkRelayerTransactionDelegate")
  static class CheckRelayer extends PauseStep {

    CheckRelayer(PauseService pauses) {
      super(pauses);
    }

    @Override
    void run(DelegateExecution execution, long id) {
      execution.setVariable(RELAYER_STATE, pauses.relayerState(id).name());
      execution.setVariable(PAUSE_STATUS_DETAIL, pauses.batch(id).statusDetail());
    }
  }

  @Component("useNextPauserDelegate")
  static class UseNextPauser implements JavaDelegate {
    private final PauseService pauses;

    UseNextPauser(PauseService pauses) {
      this.pauses = pauses;
    }

    @Override
    public void execute(DelegateExecution execution) {
      execution.setVariable(NEXT_PAUSER_AVAILABLE, pauses.useNextPauser(batchId(execution)));
    }
  }

  @Component("prepareManualPauseDelegate")
  static class PrepareManual implements JavaDelegate {
    private final PauseService pauses;

    PrepareManual(PauseService pauses) {
      this.pauses = pauses;
    }

    @Override
    public void execute(DelegateExecution execution) {
      long id = batchId(execution);
      PauseService.ManualTransaction manual = pauses.prepareManual(id);
      execution.setVariable(SAFE_ADDRESS, manual.safe());
      execution.setVariable(TRANSACTION_BUILDER_URL, "/api/pauses/" + id + "/transaction-builder.json");
      execution.setVariable(RAW_CALL, "to " + manual.to() + ", value 0, operation "
          + (manual.operation() == 1 ? "1 (DELEGATECALL)" : "0 (CALL)") + ", data " + manual.data());
    }
  }

  /**
   * Verifies on-chain. The response's tasks show the outcome from the pause record when they are
   * created; nothing is written into the response's variables from here.
   */
  @Component("verifyPauseDelegate")
  static class Verify extends PauseStep {

    Verify(PauseService pauses) {
      super(pauses);
    }

    @Override
    void run(DelegateExecution execution, long id) {
      PauseService.VerificationResult result = pauses.verify(id);
      execution.setVariable(PAUSE_VERIFICATION, result.verification().name());
      execution.setVariable(PAUSE_FAILURE, result.detail());
      execution.setVariable(PAUSE_STATUS_DETAIL, pauses.batch(id).statusDetail());
    }
  }

  /** End listener of the process (also when it is deleted): frees the Safe nonce the pause held. */
  @Component("pauseProcessEndedListener")
  static class ProcessEnded implements org.camunda.bpm.engine.delegate.ExecutionListener {
    private final PauseService pauses;

    ProcessEnded(PauseService pauses) {
      this.pauses = pauses;
    }

    /**
     * By the process instance, not its batch variable: when an instance is deleted, its variables may
     * be gone by the time its end listener runs.
     */
    @Override
    public void notify(DelegateExecution execution) {
      pauses.processEnded(execution.getProcessInstanceId());
    }
  }

  /** Given up by the supervisor, not confirmed in time, no pauser left, or the transaction failed. */
  @Component("recordPauseFailedDelegate")
  static class RecordFailed implements JavaDelegate {
    private final PauseService pauses;
    private final IdentityService identity;

    RecordFailed(PauseService pauses, @Lazy IdentityService identity) {
      this.pauses = pauses;
      this.identity = identity;
    }

    @Override
    public void execute(DelegateExecution execution) {
      String notes = (String) execution.getVariable(NOTES);
      boolean pausedAfterAll = pauses.recordFailure(batchId(execution), notes == null ? null : "given up: " + notes,
          Actors.current(identity));
      execution.setVariable(PAUSED_AFTER_ALL, pausedAfterAll);
    }
  }
}
