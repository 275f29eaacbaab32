package org.irflow.comms;

/**
 * Port: delivers one message through the adapter configured for its channel (Slack, PagerDuty and
 * Opsgenie, Discord, Statuspage, the website webhook, SMTP).
 */
public interface OutboundGateway {

  /** Whether the channel has an adapter configured (unconfigured channels are skipped and recorded so). */
  boolean isConfigured(OutboundMessage.Channel channel);

  /**
   * Where the message would go through its channel's adapter, in words and without a secret; only for a
   * configured channel ({@link #isConfigured}).
   */
  String destination(OutboundMessage message);

  /**
   * Sends the message; answers what the vendor gave back to refer to it (a Slack message ts, a PagerDuty
   * dedup key, a Statuspage incident id, an SMTP message id, ...), or null.
   *
   * @throws DeliveryFailed when the vendor refused it or could not be reached (the caller retries)
   */
  String deliver(OutboundMessage message);
}
