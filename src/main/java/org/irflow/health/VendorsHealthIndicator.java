package org.irflow.health;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.actuate.mail.MailHealthIndicator;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.stereotype.Component;

/**
 * "vendors" in /actuator/health: whether the services irflow sends through answer (today the SMTP server;
 * the chat, paging and status page APIs are only called to deliver). A vendor that does not answer
 * delays its messages, which are retried and then handed to a person; it does not stop the node from
 * taking alerts. So an unreachable vendor makes this {@link #DEGRADED}, which application.yaml orders after
 * UP (management.endpoint.health.status.order): it shows in the details and never turns the node's
 * health or readiness DOWN.
 */
@Component
public class VendorsHealthIndicator implements HealthIndicator {

  public static final Status DEGRADED = new Status("DEGRADED", "a vendor irflow sends through does not answer");

  private final ObjectProvider<JavaMailSenderImpl> mail;

  public VendorsHealthIndicator(ObjectProvider<JavaMailSenderImpl> mail) {
    this.mail = mail;
  }

  @Override
  public Health health() {
    Map<String, Object> vendors = new LinkedHashMap<>();
    boolean allAnswer = true;
    JavaMailSenderImpl sender = mail.getIfAvailable();
    if (sender == null) {
      vendors.put("mail", "not configured (spring.mail.host)");
    } else {
      Health smtp = new MailHealthIndicator(sender).health();
      vendors.put("mail", smtp);
      allAnswer = Status.UP.equals(smtp.getStatus());
    }
    return Health.status(allAnswer ? Status.UP : DEGRADED).withDetails(vendors).build();
  }
}
