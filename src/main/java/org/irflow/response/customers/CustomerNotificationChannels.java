package org.irflow.response.customers;

import org.camunda.bpm.engine.delegate.VariableScope;
import org.irflow.comms.OutboundPreview;
import org.irflow.process.forms.FormTextSource;
import org.springframework.stereotype.Component;

/** "Approve customer notification" says where the notice goes once approved: the e-mail, or the drill channel. */
@Component
public class CustomerNotificationChannels implements FormTextSource {

  private final CustomerNotifications notifications;
  private final OutboundPreview preview;

  public CustomerNotificationChannels(CustomerNotifications notifications, OutboundPreview preview) {
    this.notifications = notifications;
    this.preview = preview;
  }

  @Override
  public String name() {
    return "customer-notification-channels";
  }

  @Override
  public String text(VariableScope task) {
    return preview.line(notifications.notice(task));
  }
}
