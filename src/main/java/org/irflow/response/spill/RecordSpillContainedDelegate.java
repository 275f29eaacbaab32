package org.irflow.response.spill;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** "Record spill contained": removal confirmed, access restricted, owner told; on the row and the timeline. */
@Component("recordSpillContainedDelegate")
public class RecordSpillContainedDelegate implements JavaDelegate {

  private final InformationSpills spills;

  public RecordSpillContainedDelegate(InformationSpills spills) {
    this.spills = spills;
  }

  @Override
  public void execute(DelegateExecution execution) {
    spills.contained(execution);
  }
}
