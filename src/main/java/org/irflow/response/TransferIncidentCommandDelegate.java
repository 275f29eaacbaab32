package org.irflow.response;

import static org.irflow.process.Variables.HAND_OFF_BRIEFING;
import static org.irflow.process.Variables.INCIDENT_ID;
import static org.irflow.process.Variables.INCIDENT_SUPERVISOR;
import static org.irflow.process.Variables.INCOMING_SUPERVISOR;
import static org.irflow.process.Variables.LAST_BRIEFING;
import static org.irflow.process.Variables.OUTGOING_SUPERVISOR;

import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.task.Task;
import org.irflow.incident.IncidentService;
import org.irflow.process.EngineAccess;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * The incoming supervisor accepted: the incident record, the variable that assigns later tasks and
 * every open task of the outgoing supervisor in this response pass to the incoming one.
 */
@Component("transferIncidentCommandDelegate")
public class TransferIncidentCommandDelegate implements JavaDelegate {

  private final IncidentService incidents;
  private final TaskService tasks;
  private final WarRoom warRoom;

  public TransferIncidentCommandDelegate(IncidentService incidents, @Lazy TaskService tasks, WarRoom warRoom) {
    this.incidents = incidents;
    this.tasks = tasks;
    this.warRoom = warRoom;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String outgoing = (String) execution.getVariable(OUTGOING_SUPERVISOR);
    String incoming = (String) execution.getVariable(INCOMING_SUPERVISOR);
    String briefing = (String) execution.getVariable(HAND_OFF_BRIEFING);
    incidents.handOff((String) execution.getVariable(INCIDENT_ID), outgoing, incoming, briefing);
    execution.getProcessInstance().setVariable(INCIDENT_SUPERVISOR, incoming);
    execution.getProcessInstance().setVariable(LAST_BRIEFING, briefing);
    warRoom.post(execution, "Hand-off: " + incoming + " now leads the response (from " + outgoing + ").\nBriefing: "
        + briefing);
    EngineAccess.asProcess(() -> {
      for (Task task : tasks.createTaskQuery().processInstanceId(execution.getProcessInstanceId())
          .taskAssignee(outgoing).list()) {
        tasks.setAssignee(task.getId(), incoming);
      }
    });
  }
}
