package org.irflow.triage;

import static org.irflow.process.Variables.INCIDENT_ID;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.irflow.process.Actors;
import org.irflow.response.customers.CustomerNotifications;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/** The supervisor declared the incident with "Customers are affected" ticked: notify them (IR-7). */
@Component("startCustomerNotificationDelegate")
public class StartCustomerNotificationDelegate implements JavaDelegate {

  private final CustomerNotifications notifications;
  private final IdentityService identity;

  public StartCustomerNotificationDelegate(CustomerNotifications notifications, @Lazy IdentityService identity) {
    this.notifications = notifications;
    this.identity = identity;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String by = Actors.current(identity);
    notifications.startFor((String) execution.getVariable(INCIDENT_ID),
        Actors.SYSTEM.equals(by) ? Actors.SYSTEM + " (triage)" : by);
  }
}
