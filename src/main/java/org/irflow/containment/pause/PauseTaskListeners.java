package org.irflow.containment.pause;

import static org.irflow.process.ContainmentVariables.MESSAGE_SIGNATURE_REPORTED;
import static org.irflow.process.ContainmentVariables.PAUSE_BATCH_ID;
import static org.irflow.process.ContainmentVariables.STALLED_DECISION;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.impl.cfg.TransactionState;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.irflow.process.Actors;
import org.irflow.process.EngineAccess;
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
   * completing the task, which failed now and then (the signer answered HTTP 500); and it runs on
   * behalf of the process, since the signer's own rights do not reach the pause's instance. When it finds no wait (the poll is looking this very moment) or fails (its own
   * transaction rolls back; the signer's completion stands), the next poll, at most one poll interval
   * later, does the same.
   */
  public void signatureReported(DelegateTask task) {
    String processInstanceId = task.getProcessInstanceId();
    RuntimeService runtime = task.getProcessEngineServices().getRuntimeService();
    CommandContext completion = Context.getCommandContext();
    completion.getTransactionContext().addTransactionListener(TransactionState.COMMITTED, committed -> {
      // the completion has committed: whatever happens here must not reach the signer as an error
      try {
        completion.getProcessEngineConfiguration().getCommandExecutorTxRequiresNew().execute(commandContext -> {
          // on behalf of the process: a signer may complete their task, not update the pause's instance
          EngineAccess.asProcess(() -> runtime.createMessageCorrelation(MESSAGE_SIGNATURE_REPORTED)
              .processInstanceId(processInstanceId).correlateAll());
          return null;
        });
      } catch (RuntimeException e) {
        LOG.info("pause {}: the signer's report did not reach the confirmation wait ({}); the next poll looks",
            processInstanceId, e.toString());
      }
    });
  }

  /** "Keep waiting" for a stalled transaction starts its timeout again. */
  public void stalledDecided(DelegateTask task) {
    if ("KEEP_WAITING".equals(task.getVariable(STALLED_DECISION))) {
      pauses.keepWaiting(((Number) task.getVariable(PAUSE_BATCH_ID)).longValue(), Actors.current(identity));
    }
  }
}
