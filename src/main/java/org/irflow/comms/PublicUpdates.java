package org.irflow.comms;

import java.util.List;
import org.irflow.comms.OutboundMessage.Channel;
import org.springframework.stereotype.Service;

/**
 * Publishes an approved public update, or a post-mortem, to every public channel of
 * {@code irflow.comms.public-channels}: one outbound message per channel, each delivered (or failed
 * and handed to a person) on its own. A drill's go to the drill channel instead.
 */
@Service
public class PublicUpdates {

  private final OutboundMessages messages;
  private final CommsProperties properties;

  public PublicUpdates(OutboundMessages messages, CommsProperties properties) {
    this.messages = messages;
    this.properties = properties;
  }

  /** Answers the ids of the outbound messages, one per public channel. */
  public List<Long> publish(String incidentId, String title, String text, String severity, boolean drill,
      String responsible) {
    return messages(incidentId, title, text, severity, drill).stream()
        .map(message -> messages.send(message, responsible))
        .toList();
  }

  /** The messages {@link #publish} sends: one per public channel. */
  public List<OutboundMessage> messages(String incidentId, String title, String text, String severity,
      boolean drill) {
    return properties.publicChannels().stream()
        .filter(Channel::isPublicOrExternal)
        .map(channel -> new OutboundMessage(incidentId, channel, List.of(), title, text, severity, drill))
        .toList();
  }
}
