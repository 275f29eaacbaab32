package org.irflow.postmortem;

import static org.irflow.process.PostMortemVariables.CLOSING_NOTES;
import static org.irflow.process.PostMortemVariables.PRIMARY_SUPERVISOR;
import static org.irflow.process.Variables.INCIDENT_ID;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/** The post-mortem is closed: so is the incident. */
@Component("closeIncidentDelegate")
public class CloseIncidentDelegate implements JavaDelegate {

  private final PostMortemService postMortems;
  private final IdentityService identity;

  public CloseIncidentDelegate(PostMortemService postMortems, @Lazy IdentityService identity) {
    this.postMortems = postMortems;
    this.identity = identity;
  }

  @Override
  public void execute(DelegateExecution execution) {
    postMortems.close((String) execution.getVariable(INCIDENT_ID),
        (String) execution.getVariable(CLOSING_NOTES),
        Actor.of(identity, (String) execution.getVariable(PRIMARY_SUPERVISOR)));
  }
}
