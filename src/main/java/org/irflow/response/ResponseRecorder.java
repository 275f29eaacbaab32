package org.irflow.response;

import static org.irflow.process.Variables.BACKUP_CHANNEL;
import static org.irflow.process.Variables.COMMUNICATIONS_OFFICER;
import static org.irflow.process.Variables.INCIDENT_ID;
import static org.irflow.process.Variables.NOTIFY_CUSTOMERS;
import static org.irflow.process.Variables.OBJECTIVE;
import static org.irflow.process.Variables.RESPONDERS;
import static org.irflow.process.Variables.WAR_ROOM_CHANNEL;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.irflow.incident.IncidentService;
import org.irflow.response.customers.CustomerNotifications;
import org.irflow.process.Actors;
import org.irflow.process.forms.FormValues;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/** Task listeners of the response that carry what was entered into the incident record. */
@Component("responseRecorder")
public class ResponseRecorder {

  private final IncidentService incidents;
  private final IdentityService identity;
  private final CustomerNotifications customerNotifications;

  public ResponseRecorder(IncidentService incidents, @Lazy IdentityService identity,
      CustomerNotifications customerNotifications) {
    this.incidents = incidents;
    this.identity = identity;
    this.customerNotifications = customerNotifications;
  }

  public void warRoomOpened(DelegateTask task) {
    incidents.openWarRoom(incidentId(task), (String) task.getVariable(WAR_ROOM_CHANNEL),
        (String) task.getVariable(BACKUP_CHANNEL), actor(task));
  }

  public void respondersActivated(DelegateTask task) {
    incidents.activateResponders(incidentId(task), String.join(", ", FormValues.list(task.getVariable(RESPONDERS))),
        (String) task.getVariable(COMMUNICATIONS_OFFICER), actor(task));
  }

  public void objectiveStated(DelegateTask task) {
    incidents.stateObjective(incidentId(task), (String) task.getVariable(OBJECTIVE), actor(task));
  }

  /**
   * "Review progress": the supervisor found customers affected; a notification starts (or the running
   * one goes on). The box is cleared so that the next review does not start another.
   */
  public void customersToNotify(DelegateTask task) {
    if (Boolean.TRUE.equals(task.getVariable(NOTIFY_CUSTOMERS))) {
      customerNotifications.startFor(incidentId(task), actor(task));
      task.setVariable(NOTIFY_CUSTOMERS, false);
    }
  }

  private static String incidentId(DelegateTask task) {
    return (String) task.getVariable(INCIDENT_ID);
  }

  private String actor(DelegateTask task) {
    String actor = Actors.current(identity);
    return Actors.SYSTEM.equals(actor) && task.getAssignee() != null ? task.getAssignee() : actor;
  }
}
