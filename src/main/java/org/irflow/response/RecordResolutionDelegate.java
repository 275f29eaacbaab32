package org.irflow.response;

import static org.irflow.process.Variables.INCIDENT_ID;
import static org.irflow.process.Variables.RESOLUTION_SUMMARY;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.irflow.incident.IncidentService;
import org.irflow.process.Actors;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/** Marks the incident resolved (and closed, when the policy owes no post-mortem). */
@Component("recordResolutionDelegate")
public class RecordResolutionDelegate implements JavaDelegate {

  static final String POST_MORTEM_MANDATORY = "postMortemMandatory";

  private final IncidentService incidents;
  private final IdentityService identity;

  public RecordResolutionDelegate(IncidentService incidents, @Lazy IdentityService identity) {
    this.incidents = incidents;
    this.identity = identity;
  }

  @Override
  public void execute(DelegateExecution execution) {
    incidents.resolve(
        (String) execution.getVariable(INCIDENT_ID),
        (String) execution.getVariable(RESOLUTION_SUMMARY),
        Boolean.TRUE.equals(execution.getVariable(POST_MORTEM_MANDATORY)),
        Actors.current(identity));
  }
}
