package org.irflow.containment.pause;

import static org.irflow.process.ContainmentVariables.MESSAGE_SIGNATURE_REPORTED;
import static org.irflow.process.ContainmentVariables.PAUSE_BATCH_ID;
import static org.irflow.process.ContainmentVariables.STALLED_DECISION;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.irflow.process.Actors;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/** Completion listeners of the pause's user tasks. */
@Component("pauseTaskListeners")
public class PauseTaskListeners {

  private final PauseService pauses;
  private final IdentityService identity;

  public PauseTaskListeners(PauseService pauses, @Lazy IdentityService identity) {
    this.pauses = pauses;
    this.identity = identity;
  }

  /**
   * A signer says they signed: the confirmations are looked at now, not at the next poll. When the
   * poll is not waiting (it is looking at them this very moment), nothing is needed.
   */
  public void signatureReported(DelegateTask task) {
    task.getProcessEngineServices().getRuntimeService().createMessageCorrelation(MESSAGE_SIGNATURE_REPORTED)
        .processInstanceId(task.getProcessInstanceId())
        .correlateAll();
  }

  /** "Keep waiting" for a stalled transaction starts its timeout again. */
  public void stalledDecided(DelegateTask task) {
    if ("KEEP_WAITING".equals(task.getVariable(STALLED_DECISION))) {
      pauses.keepWaiting(((Number) task.getVariable(PAUSE_BATCH_ID)).longValue(), Actors.current(identity));
    }
  }
}
