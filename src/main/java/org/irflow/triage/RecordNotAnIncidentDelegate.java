package org.irflow.triage;

import static org.irflow.process.Variables.DISPOSITION;
import static org.irflow.process.Variables.EVENT_ID;
import static org.irflow.process.Variables.SEVERITY;
import static org.irflow.process.Variables.TRIAGE_NOTES;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.irflow.incident.IncidentService;
import org.irflow.process.Actors;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/** The event is kept on record; no incident follows. */
@Component("recordNotAnIncidentDelegate")
public class RecordNotAnIncidentDelegate implements JavaDelegate {

  static final String NOT_AN_INCIDENT = "NOT_AN_INCIDENT";

  private final IncidentService incidents;
  private final IdentityService identity;

  public RecordNotAnIncidentDelegate(IncidentService incidents, @Lazy IdentityService identity) {
    this.incidents = incidents;
    this.identity = identity;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String notes = (String) execution.getVariable(TRIAGE_NOTES);
    boolean triagedByPerson = notes != null;
    incidents.recordNotAnIncident(
        (Long) execution.getVariable(EVENT_ID),
        triagedByPerson ? NOT_AN_INCIDENT : (String) execution.getVariable(DISPOSITION),
        (String) execution.getVariable(SEVERITY),
        triagedByPerson ? Actors.current(identity) : Actors.SYSTEM + " (TriageDecision)",
        triagedByPerson ? notes : "recorded only, by the decision table's criteria");
  }
}
