package org.irflow.comms;

import java.util.List;

/**
 * One message irflow sends out: to the incident's chat channel, as a page, as a public update on one
 * public channel, or as an e-mail. Holds no secret: where it goes is named here, how to reach it
 * (tokens, webhook URLs) is configuration.
 *
 * @param incidentId the incident it belongs to (null for programme messages such as plan changes)
 * @param channel where it goes
 * @param recipients chat: the channel id; page: the irflow user ids or group to page; e-mail: addresses;
 *     public channels: empty
 * @param subject page summary, e-mail subject, public update title (null for a chat post)
 * @param body the text
 * @param severity SEV1..SEV4 where the channel has a notion of it (pages, status page), else null
 * @param drill a drill's message: never reaches public channels or customers; the
 *     {@link OutboundMessages} service sends it to the drill channel instead
 */
public record OutboundMessage(String incidentId, Channel channel, List<String> recipients, String subject,
    String body, String severity, boolean drill) {

  public OutboundMessage {
    recipients = recipients == null ? List.of() : List.copyOf(recipients);
  }

  /** Where a message goes. */
  public enum Channel {
    /** a post to a chat channel (Slack); recipients = [channel id] */
    CHAT("Chat"),
    /** a page through every configured pager (PagerDuty Events API v2, Opsgenie) */
    PAGE("Page"),
    /** a public update on Discord (webhook) */
    DISCORD("Discord"),
    /** a public update as an Atlassian Statuspage incident (created, then updated, per irflow incident) */
    STATUSPAGE("Statuspage"),
    /** a public update as a forum/website post through a signed generic webhook */
    WEBSITE("Website"),
    /** an e-mail over SMTP; recipients = addresses */
    EMAIL("E-mail");

    private final String label;

    Channel(String label) {
      this.label = label;
    }

    /** The channel's name as a person reads it. */
    public String label() {
      return label;
    }

    /** Reaches the public or customers: never from a drill (pages and chat stay inside the team). */
    public boolean isPublicOrExternal() {
      return this == DISCORD || this == STATUSPAGE || this == WEBSITE || this == EMAIL;
    }
  }
}
