package org.irflow.containment.pause;

import static org.irflow.process.ContainmentVariables.PAUSE_BATCH_ID;
import static org.irflow.process.ContainmentVariables.PAUSE_TRANSACTION_HASH;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.irflow.process.Actors;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/** Completion listener of "Execute the pause in Safe{Wallet}": the entered hash goes to the batch. */
@Component("manualPauseRecorder")
public class ManualPauseRecorder {

  private final PauseService pauses;
  private final IdentityService identity;

  public ManualPauseRecorder(PauseService pauses, @Lazy IdentityService identity) {
    this.pauses = pauses;
    this.identity = identity;
  }

  public void executed(DelegateTask task) {
    pauses.recordManualExecution(((Number) task.getVariable(PAUSE_BATCH_ID)).longValue(),
        (String) task.getVariable(PAUSE_TRANSACTION_HASH), Actors.current(identity));
  }
}
