package org.irflow.comms.paging;

import java.net.URI;
import java.time.Duration;
import org.irflow.security.Secrets;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * irflow.comms.paging.pagerduty.*: PagerDuty Events API v2.
 *
 * @param routingKey the integration key of an "Events API v2" integration on the service to page; from
 *     the environment (IRFLOW_COMMS_PAGING_PAGERDUTY_ROUTINGKEY), never logged. None: not configured
 * @param url the enqueue endpoint ({@code https://events.eu.pagerduty.com/v2/enqueue} for the EU)
 * @param timeout connect and request timeout
 */
@ConfigurationProperties("irflow.comms.paging.pagerduty")
public record PagerDutyProperties(String routingKey,
    @DefaultValue("https://events.pagerduty.com/v2/enqueue") URI url,
    @DefaultValue("PT5S") Duration timeout) {

  public PagerDutyProperties {
    routingKey = routingKey == null || routingKey.isBlank() ? null : routingKey.strip();
  }

  public boolean configured() {
    return routingKey != null;
  }

  @Override
  public String toString() {
    return "PagerDutyProperties[routingKey=" + Secrets.masked(routingKey) + ", url=" + url
        + ", timeout=" + timeout + "]";
  }
}
