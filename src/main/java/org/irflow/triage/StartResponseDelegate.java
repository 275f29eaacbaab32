package org.irflow.triage;

import static org.irflow.process.Variables.EVENT_ID;
import static org.irflow.process.Variables.INCIDENT_COMMANDER;
import static org.irflow.process.Variables.INCIDENT_ID;
import static org.irflow.process.Variables.INCIDENT_SUPERVISOR;
import static org.irflow.process.Variables.INCIDENT_TITLE;
import static org.irflow.process.Variables.SEVERITY;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.irflow.incident.IncidentService;
import org.irflow.process.ContainmentVariables;
import org.irflow.process.DrillVariables;
import org.irflow.process.EngineAccess;
import org.irflow.process.ProcessKeys;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * Starts the response with the incident id as business key, so that Cockpit finds every process of
 * an incident by that key. The triage ends here; the response carries the incident on, and the
 * drill flag ({@code drill}, false for a real incident).
 */
@Component("startResponseDelegate")
public class StartResponseDelegate implements JavaDelegate {

  private final RuntimeService runtime;
  private final IncidentService incidents;

  public StartResponseDelegate(@Lazy RuntimeService runtime, IncidentService incidents) {
    this.runtime = runtime;
    this.incidents = incidents;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String incidentId = (String) execution.getVariable(INCIDENT_ID);
    VariableMap variables = Variables.createVariables();
    // only what triage ticked: a null variable would break Tasklist's submission of the checklist
    if (execution.getVariable(ContainmentVariables.SELECTED_CONTRACTS) != null) {
      variables.putValue(ContainmentVariables.SELECTED_CONTRACTS, execution.getVariable(ContainmentVariables.SELECTED_CONTRACTS));
    }
    ProcessInstance response = EngineAccess.asProcess(() -> runtime.startProcessInstanceByKey(
        ProcessKeys.INCIDENT_RESPONSE, incidentId,
        variables
            .putValue(INCIDENT_ID, incidentId)
            .putValue(EVENT_ID, execution.getVariable(EVENT_ID))
            .putValue(INCIDENT_TITLE, execution.getVariable(INCIDENT_TITLE))
            .putValue(SEVERITY, execution.getVariable(SEVERITY))
            .putValue(INCIDENT_SUPERVISOR, execution.getVariable(INCIDENT_COMMANDER))
            .putValue(DrillVariables.DRILL, Boolean.TRUE.equals(execution.getVariable(DrillVariables.DRILL)))
            // containment: contracts under attack, pre-selected in "Pause contracts"; pauses already started
            .putValue(ContainmentVariables.CONTRACTS_TO_PAUSE, execution.getVariable(ContainmentVariables.CONTRACTS_TO_PAUSE))
            .putValue(ContainmentVariables.PAUSE_SUMMARY, execution.getVariable(ContainmentVariables.PAUSE_SUMMARY))));
    incidents.responseStarted(incidentId, response.getId());
  }
}
