package org.irflow.containment.readiness;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** "Check the pause path" of PauseReadinessProcess: every path of every registered contract. */
@Component("checkPausePathsDelegate")
public class CheckPausePathsDelegate implements JavaDelegate {

  private final PauseReadiness readiness;

  public CheckPausePathsDelegate(PauseReadiness readiness) {
    this.readiness = readiness;
  }

  @Override
  public void execute(DelegateExecution execution) {
    readiness.checkAll();
  }
}
