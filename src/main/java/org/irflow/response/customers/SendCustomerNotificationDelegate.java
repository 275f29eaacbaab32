package org.irflow.response.customers;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** "Send customer notification": the approved e-mail to every customer contact, through OutboundMessages. */
@Component("sendCustomerNotificationDelegate")
public class SendCustomerNotificationDelegate implements JavaDelegate {

  private final CustomerNotifications notifications;

  public SendCustomerNotificationDelegate(CustomerNotifications notifications) {
    this.notifications = notifications;
  }

  @Override
  public void execute(DelegateExecution execution) {
    notifications.send(execution);
  }
}
