package org.irflow.comms.publicupdates;

import java.net.URI;
import java.time.Duration;
import org.irflow.security.Secrets;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * irflow.comms.website.*: public updates posted to the website or forum through a signed generic webhook.
 *
 * @param url where the update is posted (IRFLOW_COMMS_WEBSITE_URL)
 * @param secret the HMAC-SHA256 key of {@code X-Signature}; from the environment (IRFLOW_COMMS_WEBSITE_SECRET),
 *     never logged. Without URL and secret: not configured
 * @param timeout connect and request timeout
 */
@ConfigurationProperties("irflow.comms.website")
public record WebsiteProperties(URI url, String secret, @DefaultValue("PT5S") Duration timeout) {

  public WebsiteProperties {
    secret = secret == null || secret.isBlank() ? null : secret;
    url = url == null || url.toString().isBlank() ? null : url;
  }

  public boolean configured() {
    return url != null && secret != null;
  }

  @Override
  public String toString() {
    return "WebsiteProperties[url=" + Secrets.masked(url) + ", secret=" + Secrets.masked(secret)
        + ", timeout=" + timeout + "]";
  }
}
