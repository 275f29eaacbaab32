package org.irflow.comms.paging;

import java.net.URI;
import java.time.Duration;
import org.irflow.security.Secrets;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * irflow.comms.paging.opsgenie.*: Opsgenie Alert API.
 *
 * @param apiKey the key of an Opsgenie API integration, sent as {@code Authorization: GenieKey}; from the
 *     environment (IRFLOW_COMMS_PAGING_OPSGENIE_APIKEY), never logged. None: not configured
 * @param url the create-alert endpoint ({@code https://api.eu.opsgenie.com/v2/alerts} for the EU instance)
 * @param timeout connect and request timeout
 */
@ConfigurationProperties("irflow.comms.paging.opsgenie")
public record OpsgenieProperties(String apiKey,
    @DefaultValue("https://api.opsgenie.com/v2/alerts") URI url,
    @DefaultValue("PT5S") Duration timeout) {

  public OpsgenieProperties {
    apiKey = apiKey == null || apiKey.isBlank() ? null : apiKey.strip();
  }

  public boolean configured() {
    return apiKey != null;
  }

  @Override
  public String toString() {
    return "OpsgenieProperties[apiKey=" + Secrets.masked(apiKey) + ", url=" + url + ", timeout="
        + timeout + "]";
  }
}
