package org.irflow.triage;

import static org.irflow.process.Variables.INCIDENT_ID;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.irflow.process.Actors;
import org.irflow.response.spill.InformationSpills;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/** The declared incident is an information spill (the report said so): its spill response starts (IR-9). */
@Component("startSpillResponseDelegate")
public class StartSpillResponseDelegate implements JavaDelegate {

  private final InformationSpills spills;
  private final IdentityService identity;

  public StartSpillResponseDelegate(InformationSpills spills, @Lazy IdentityService identity) {
    this.spills = spills;
    this.identity = identity;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String by = Actors.current(identity);
    spills.startFor((String) execution.getVariable(INCIDENT_ID), Actors.SYSTEM.equals(by) ? Actors.SYSTEM + " (triage)" : by);
  }
}
