package org.irflow.triage;

import static org.irflow.process.Variables.EVENT_ID;
import static org.irflow.process.Variables.INCIDENT_COMMANDER;
import static org.irflow.process.Variables.INCIDENT_ID;
import static org.irflow.process.Variables.INCIDENT_TITLE;
import static org.irflow.process.Variables.SEVERITY;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.irflow.incident.Incident;
import org.irflow.incident.IncidentService;
import org.irflow.incident.Severity;
import org.irflow.process.Actors;
import org.irflow.process.DrillVariables;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/** Creates the incident record (INC-YYYY-NNNN) for the triaged event, flagged when it is a drill. */
@Component("declareIncidentDelegate")
public class DeclareIncidentDelegate implements JavaDelegate {

  private final IncidentService incidents;
  private final IdentityService identity;

  public DeclareIncidentDelegate(IncidentService incidents, @Lazy IdentityService identity) {
    this.incidents = incidents;
    this.identity = identity;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String declaredBy = Actors.current(identity);
    if (Actors.SYSTEM.equals(declaredBy)) {
      declaredBy = Actors.SYSTEM + " (TriageDecision)";
    }
    Incident incident = incidents.declare(
        (Long) execution.getVariable(EVENT_ID),
        Severity.valueOf((String) execution.getVariable(SEVERITY)),
        (String) execution.getVariable(INCIDENT_COMMANDER),
        declaredBy,
        // a drill's triage carries drill = true; a real event has no such variable
        Boolean.TRUE.equals(execution.getVariable(DrillVariables.DRILL)));
    execution.setVariable(INCIDENT_ID, incident.id());
    execution.setVariable(INCIDENT_TITLE, incident.title());
  }
}
