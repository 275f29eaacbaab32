package org.irflow.comms;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.runtime.Incident;
import org.springframework.stereotype.Component;

/**
 * Every attempt failed: records the failure, raises an incident that Cockpit shows on this instance
 * until the message is sent by hand, and puts the message on the responsible person's task. A page goes
 * by e-mail and chat at once as well ({@link PageFallbacks}), not only when someone finds the task.
 */
@Component("raiseDeliveryIncidentDelegate")
public class RaiseDeliveryIncidentDelegate implements JavaDelegate {

  static final String INCIDENT_TYPE = "outboundMessageFailed";
  static final String DELIVERY_INCIDENT_ID = "deliveryIncidentId";

  private final OutboundMessages messages;
  private final PageFallbacks pageFallbacks;

  public RaiseDeliveryIncidentDelegate(OutboundMessages messages, PageFallbacks pageFallbacks) {
    this.messages = messages;
    this.pageFallbacks = pageFallbacks;
  }

  @Override
  public void execute(DelegateExecution execution) {
    long id = ((Number) execution.getVariable(OutboundMessages.OUTBOUND_MESSAGE_ID)).longValue();
    String error = (String) execution.getVariable("outboundError");
    messages.failed(id, error == null ? "delivery failed" : error);
    OutboundMessages.Recorded message = messages.find(id).orElseThrow();
    if (message.channel() == OutboundMessage.Channel.PAGE) {
      pageFallbacks.sendInstead(message, "every paging attempt failed");
    }
    Incident incident = execution.getProcessEngineServices().getRuntimeService().createIncident(INCIDENT_TYPE,
        execution.getId(), "outbound message " + id, message.channel() + " message could not be delivered after "
            + message.attempts() + " attempts (" + error + "); " + message.responsible() + " sends it by hand");
    execution.setVariable(DELIVERY_INCIDENT_ID, incident.getId());
    execution.setVariable("outboundRecipients", String.join(", ", message.recipients()));
    execution.setVariable("outboundSubject", message.subject());
    execution.setVariable("outboundBody", message.body().length() <= 3900 ? message.body()
        : message.body().substring(0, 3899) + "…");
  }
}
