package org.irflow.comms;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.irflow.process.Actors;
import org.springframework.stereotype.Component;

/** The responsible person sent the message by hand: recorded, and the Cockpit incident resolved. */
@Component("recordSentByHandDelegate")
public class RecordSentByHandDelegate implements JavaDelegate {

  private final OutboundMessages messages;

  public RecordSentByHandDelegate(OutboundMessages messages) {
    this.messages = messages;
  }

  @Override
  public void execute(DelegateExecution execution) {
    long id = ((Number) execution.getVariable(OutboundMessages.OUTBOUND_MESSAGE_ID)).longValue();
    messages.sentByHand(id, Actors.current(execution.getProcessEngineServices().getIdentityService()),
        (String) execution.getVariable("sentByHandNote"));
    String incidentId = (String) execution.getVariable(RaiseDeliveryIncidentDelegate.DELIVERY_INCIDENT_ID);
    if (incidentId != null) {
      execution.getProcessEngineServices().getRuntimeService().resolveIncident(incidentId);
    }
  }
}
