package org.irflow.response;

import static org.irflow.process.PostMortemVariables.DRILL;
import static org.irflow.process.PostMortemVariables.POST_MORTEM_MANDATORY;
import static org.irflow.process.PostMortemVariables.POST_MORTEM_OWED;
import static org.irflow.process.PostMortemVariables.POST_MORTEM_REQUESTED;
import static org.irflow.process.Variables.INCIDENT_ID;
import static org.irflow.process.Variables.RESOLUTION_SUMMARY;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.irflow.incident.IncidentService;
import org.irflow.process.Actors;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * Marks the incident resolved, and decides whether a post-mortem is owed: the ResponsePolicy makes
 * it mandatory (high severity), the supervisor asked for one, or the incident is a drill. An
 * incident that owes none is closed at once.
 */
@Component("recordResolutionDelegate")
public class RecordResolutionDelegate implements JavaDelegate {

  private final IncidentService incidents;
  private final IdentityService identity;
  private final WarRoom warRoom;

  public RecordResolutionDelegate(IncidentService incidents, @Lazy IdentityService identity, WarRoom warRoom) {
    this.incidents = incidents;
    this.identity = identity;
    this.warRoom = warRoom;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String incidentId = (String) execution.getVariable(INCIDENT_ID);
    boolean owed = Boolean.TRUE.equals(execution.getVariable(POST_MORTEM_MANDATORY))
        || Boolean.TRUE.equals(execution.getVariable(POST_MORTEM_REQUESTED))
        || Boolean.TRUE.equals(execution.getVariable(DRILL))
        || incidents.get(incidentId).drill();
    execution.setVariable(POST_MORTEM_OWED, owed);
    incidents.resolve(incidentId, (String) execution.getVariable(RESOLUTION_SUMMARY), owed,
        Actors.current(identity));
    warRoom.post(execution, "Resolved: " + execution.getVariable(RESOLUTION_SUMMARY));
  }
}
