package org.irflow.comms;

/**
 * One vendor behind one channel (Slack for CHAT, the pagers for PAGE, ...), looked up by
 * {@link OutboundRouter}. Every adapter is optional: without its settings it is not configured and
 * its channel's messages are skipped (and recorded so) by the caller.
 */
public interface OutboundAdapter {

  /** The channel it delivers. */
  OutboundMessage.Channel channel();

  /** Whether its settings are there (a token, a URL, ...). */
  boolean isConfigured();

  /**
   * Where a configured adapter would deliver the message, in words a person reads before approving it
   * ("posted through Discord webhook 1234 on discord.com"): a host, an id or a name, never a secret.
   */
  String destination(OutboundMessage message);

  /**
   * Sends the message; answers the vendor's reference to it, or null.
   *
   * @throws DeliveryFailed naming the vendor, the operation and its answer, never a secret
   */
  String deliver(OutboundMessage message);
}
