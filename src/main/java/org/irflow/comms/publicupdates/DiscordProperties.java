package org.irflow.comms.publicupdates;

import java.time.Duration;
import org.irflow.security.Secrets;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * irflow.comms.discord.*: public updates posted to a Discord channel through its webhook.
 *
 * @param webhookUrl {@code https://discord.com/api/webhooks/<id>/<token>}: the token is a secret, so
 *     the whole URL comes from the environment (IRFLOW_COMMS_DISCORD_WEBHOOKURL) and is never logged.
 *     None: not configured
 * @param username the name the posts appear under (the webhook's own name when absent)
 * @param timeout connect and request timeout
 */
@ConfigurationProperties("irflow.comms.discord")
public record DiscordProperties(String webhookUrl, String username, @DefaultValue("PT5S") Duration timeout) {

  public DiscordProperties {
    webhookUrl = webhookUrl == null || webhookUrl.isBlank() ? null : webhookUrl.strip();
    username = username == null || username.isBlank() ? null : username.strip();
  }

  public boolean configured() {
    return webhookUrl != null;
  }

  @Override
  public String toString() {
    return "DiscordProperties[webhookUrl=" + Secrets.masked(webhookUrl) + ", username=" + username
        + ", timeout=" + timeout + "]";
  }
}
