package org.irflow.response.spill;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** "Notify the system owner": an e-mail to the owners of the systems holding the spilled information. */
@Component("notifySystemOwnerDelegate")
public class NotifySystemOwnerDelegate implements JavaDelegate {

  private final InformationSpills spills;

  public NotifySystemOwnerDelegate(InformationSpills spills) {
    this.spills = spills;
  }

  @Override
  public void execute(DelegateExecution execution) {
    spills.notifySystemOwner(execution);
  }
}
