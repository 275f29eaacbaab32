package org.irflow.comms;

import java.util.List;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * What a message would come to if it went out now, one line per message, for a person about to approve
 * it: "Discord: configured — posted through Discord webhook 1234 on discord.com", "Statuspage: not
 * configured — only recorded on the timeline". It asks the code that decides when the message is sent:
 * {@link OutboundMessages#route} (a drill's public message goes to the drill channel) and the
 * {@link OutboundGateway} (a channel without an adapter is skipped), so the form and the delivery
 * never disagree. No line holds a secret: adapters name a host, an id or a count.
 */
@Component
public class OutboundPreview {

  static final String ONLY_RECORDED = "only recorded on the timeline";

  private final OutboundMessages messages;
  private final OutboundGateway gateway;

  public OutboundPreview(OutboundMessages messages, OutboundGateway gateway) {
    this.messages = messages;
    this.gateway = gateway;
  }

  /** One line per message, in their order; {@code none} when there are none. */
  public String lines(List<OutboundMessage> outbound, String none) {
    return outbound.isEmpty() ? none : outbound.stream().map(this::line).collect(Collectors.joining("\n"));
  }

  /** "Discord: configured — posted through ...", "Discord: drill — to the drill channel instead; Chat: ...". */
  public String line(OutboundMessage message) {
    OutboundMessages.Route route = messages.route(message);
    String channel = message.channel().label();
    if (route.nowhere()) {
      return channel + ": drill — not sent, no drill channel is configured (irflow.comms.drill-channel); "
          + ONLY_RECORDED;
    }
    String state = state(route.message());
    return route.reroutedFrom() == null ? channel + ": " + state
        : channel + ": drill — to the drill channel instead; " + route.message().channel().label() + ": " + state;
  }

  private String state(OutboundMessage message) {
    return gateway.isConfigured(message.channel()) ? "configured — " + gateway.destination(message)
        : "not configured — " + ONLY_RECORDED;
  }
}
