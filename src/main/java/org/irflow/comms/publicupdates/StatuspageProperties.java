package org.irflow.comms.publicupdates;

import java.net.URI;
import java.time.Duration;
import org.irflow.security.Secrets;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * irflow.comms.statuspage.*: public updates as incidents on an Atlassian Statuspage page.
 *
 * @param apiKey a Statuspage API key, sent as {@code Authorization: OAuth <key>}; from the environment
 *     (IRFLOW_COMMS_STATUSPAGE_APIKEY), never logged
 * @param pageId the page's id (IRFLOW_COMMS_STATUSPAGE_PAGEID); without key and page: not configured
 * @param baseUrl the REST API, up to and including {@code /v1}
 * @param timeout connect and request timeout
 */
@ConfigurationProperties("irflow.comms.statuspage")
public record StatuspageProperties(String apiKey, String pageId,
    @DefaultValue("https://api.statuspage.io/v1") URI baseUrl, @DefaultValue("PT5S") Duration timeout) {

  public StatuspageProperties {
    apiKey = apiKey == null || apiKey.isBlank() ? null : apiKey.strip();
    pageId = pageId == null || pageId.isBlank() ? null : pageId.strip();
  }

  public boolean configured() {
    return apiKey != null && pageId != null;
  }

  @Override
  public String toString() {
    return "StatuspageProperties[apiKey=" + Secrets.masked(apiKey) + ", pageId=" + pageId + ", baseUrl="
        + baseUrl + ", timeout=" + timeout + "]";
  }
}
