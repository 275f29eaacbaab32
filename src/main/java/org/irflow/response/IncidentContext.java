package org.irflow.response;

import static org.irflow.process.Variables.COMMUNICATIONS_OFFICER;
import static org.irflow.process.Variables.INCIDENT_ID;
import static org.irflow.process.Variables.INCIDENT_SUPERVISOR;
import static org.irflow.process.Variables.INCIDENT_TITLE;
import static org.irflow.process.Variables.OBJECTIVE;
import static org.irflow.process.Variables.SEVERITY;

import java.util.List;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.runtime.VariableInstance;
import org.irflow.incident.Incident;
import org.irflow.incident.Incidents;
import org.irflow.process.EngineAccess;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * What the processes beside an incident's response (customer notification, spill response) read of the
 * incident when a task is created: who commands it now (the incident record follows hand-offs), who its
 * communications officer is (chosen in the response's "Take command"), and its objective.
 */
@Component("incidentContext")
public class IncidentContext {

  private final Incidents incidents;
  private final RuntimeService runtime;

  public IncidentContext(Incidents incidents, @Lazy RuntimeService runtime) {
    this.incidents = incidents;
    this.runtime = runtime;
  }

  /** The incident's supervisor now (its record), else the variable {@code incidentSupervisor}. */
  public String supervisor(VariableScope scope) {
    String incidentId = (String) scope.getVariable(INCIDENT_ID);
    return incidents.find(incidentId).map(Incident::primarySupervisor)
        .orElse((String) scope.getVariable(INCIDENT_SUPERVISOR));
  }

  /**
   * The incident's communications officer: the variable {@code communicationsOfficer} of this process if
   * set, else the one the response activated; null while none is (the task goes to the group).
   */
  public String communicationsOfficer(VariableScope scope) {
    Object own = scope.getVariable(COMMUNICATIONS_OFFICER);
    if (own instanceof String officer && !officer.isBlank()) {
      return officer;
    }
    return communicationsOfficerOf((String) scope.getVariable(INCIDENT_ID));
  }

  /** The communications officer the incident's response activated, or null. */
  public String communicationsOfficerOf(String incidentId) {
    String response = incidents.find(incidentId).map(Incident::responseProcessInstanceId).orElse(null);
    if (response == null) {
      return null;
    }
    List<VariableInstance> officer = EngineAccess.asProcess(() -> runtime.createVariableInstanceQuery()
        .processInstanceIdIn(response).variableName(COMMUNICATIONS_OFFICER).list());
    return officer.stream().map(VariableInstance::getValue).filter(value -> value instanceof String s && !s.isBlank())
        .map(String.class::cast).findFirst().orElse(null);
  }

  /** Task listener (create): the form shows the incident as it stands now (title, severity, objective). */
  public void refresh(DelegateTask task) {
    incidents.find((String) task.getVariable(INCIDENT_ID)).ifPresent(incident -> {
      task.getExecution().setVariable(INCIDENT_TITLE, incident.title());
      task.getExecution().setVariable(SEVERITY, incident.severity().name());
      task.getExecution().setVariable(OBJECTIVE, incident.objective());
    });
  }
}
