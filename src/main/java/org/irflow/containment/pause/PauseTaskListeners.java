package org.irflow.containment.pause;

import static org.irflow.process.ContainmentVariables.MESSAGE_SIGNATURE_REPORTED;
import static org.irflow.process.ContainmentVariables.PAUSE_BATCH_ID;
import static org.irflow.process.ContainmentVariables.STALLED_DECISION;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.impl.cfg.TransactionState;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.irflow.process.Actors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/** Completion listeners of the pause's user tasks. */
@Component("pauseTaskListeners")
public class PauseTaskListeners {

  private static final Logger LOG = LoggerFactory.getLogger(PauseTaskListeners.class);

  private final PauseService pauses;
  private final IdentityService identity;

  public PauseTaskListeners(PauseService pauses, @Lazy IdentityService identity) {
    this.pauses = pauses;
    this.identity = identity;
  }

  /**
   * A signer says they signed: the confirmations are looked at now, not at the next poll. The message
   * is sent once the completion has committed, in a command of its own: sent from inside the
   * completion it cancelled the confirmation wait of the same process while the engine was still
   * completing the task, which failed now and then (a NullPointerException in the engine, the signer
   * answered HTTP 500). When it finds no wait (the poll is looking this very moment) or fails, the next
   * poll, at most one poll interval later, does the same.
   */
  public void signatureReported(DelegateTask task) {
    String processInstanceId = task.getProcessInstanceId();
    RuntimeService runtime = task.getProcessEngineServices().getRuntimeService();
    CommandContext completion = Context.getCommandContext();
    completion.getTransactionContext().addTransactionListener(TransactionState.COMMITTED, committed ->
        completion.getProcessEngineConfiguration().getCommandExecutorTxRequiresNew().execute(commandContext -> {
          try {
            runtime.createMessageCorrelation(MESSAGE_SIGNATURE_REPORTED).processInstanceId(processInstanceId)
                .correlateAll();
          } catch (ProcessEngineException e) {
            LOG.info("pause {}: the signer's report did not reach the confirmation wait ({}); the next poll looks",
                processInstanceId, e.getMessage());
          }
          return null;
        }));
  }

  /** "Keep waiting" for a stalled transaction starts its timeout again. */
  public void stalledDecided(DelegateTask task) {
    if ("KEEP_WAITING".equals(task.getVariable(STALLED_DECISION))) {
      pauses.keepWaiting(((Number) task.getVariable(PAUSE_BATCH_ID)).longValue(), Actors.current(identity));
    }
  }
}
