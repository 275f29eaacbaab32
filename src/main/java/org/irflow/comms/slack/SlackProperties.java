package org.irflow.comms.slack;

import java.net.URI;
import java.time.Duration;
import org.irflow.security.Secrets;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * irflow.comms.slack.*: the Slack app irflow posts as (chat channels of the war room, CHAT messages).
 *
 * @param botToken the bot token ({@code xoxb-...}), sent as {@code Authorization: Bearer}; from the
 *     environment (IRFLOW_COMMS_SLACK_BOTTOKEN), never logged. None: Slack is not configured. Scopes:
 *     groups:write and channels:manage (create), groups:read and channels:read (find), chat:write, pins:write
 * @param baseUrl the Web API, up to and including {@code /api}
 * @param timeout connect and request timeout of each call
 */
@ConfigurationProperties("irflow.comms.slack")
public record SlackProperties(String botToken, @DefaultValue("https://slack.com/api") URI baseUrl,
    @DefaultValue("PT5S") Duration timeout) {

  public SlackProperties {
    botToken = botToken == null || botToken.isBlank() ? null : botToken.strip();
  }

  public boolean configured() {
    return botToken != null;
  }

  @Override
  public String toString() {
    return "SlackProperties[botToken=" + Secrets.masked(botToken) + ", baseUrl=" + baseUrl
        + ", timeout=" + timeout + "]";
  }
}
