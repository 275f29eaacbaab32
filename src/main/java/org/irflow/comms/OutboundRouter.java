package org.irflow.comms;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.irflow.comms.OutboundMessage.Channel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The {@link OutboundGateway}: hands each message to the adapter of its channel (Slack, the pagers,
 * Discord, Statuspage, the website webhook, SMTP). A channel whose adapter has no settings is not
 * configured; a drill's public or customer message is refused here too, whatever reaches it.
 */
@Component
public class OutboundRouter implements OutboundGateway {

  private static final Logger log = LoggerFactory.getLogger(OutboundRouter.class);

  private final Map<Channel, OutboundAdapter> adapters = new EnumMap<>(Channel.class);

  public OutboundRouter(List<OutboundAdapter> adapters) {
    for (OutboundAdapter adapter : adapters) {
      OutboundAdapter previous = this.adapters.put(adapter.channel(), adapter);
      if (previous != null) {
        throw new IllegalStateException("two adapters for " + adapter.channel() + ": "
            + previous.getClass().getSimpleName() + " and " + adapter.getClass().getSimpleName());
      }
    }
    log.info("Outbound channels configured: {}", this.adapters.values().stream().filter(OutboundAdapter::isConfigured)
        .map(adapter -> adapter.channel().name()).collect(Collectors.joining(", ", "[", "]")));
  }

  @Override
  public boolean isConfigured(Channel channel) {
    OutboundAdapter adapter = adapters.get(channel);
    return adapter != null && adapter.isConfigured();
  }

  @Override
  public String destination(OutboundMessage message) {
    if (!isConfigured(message.channel())) {
      throw new IllegalStateException(message.channel() + " is not configured: it has no destination");
    }
    return adapters.get(message.channel()).destination(message);
  }

  @Override
  public String deliver(OutboundMessage message) {
    if (message.drill() && message.channel().isPublicOrExternal()) {
      throw new DeliveryFailed("a drill's " + message.channel() + " message is never sent to the public or customers");
    }
    if (!isConfigured(message.channel())) {
      throw new DeliveryFailed("no adapter is configured for " + message.channel());
    }
    String reference = adapters.get(message.channel()).deliver(message);
    log.info("Delivered {} message{} ({})", message.channel(),
        message.incidentId() == null ? "" : " of " + message.incidentId(),
        reference == null ? "no reference" : "reference " + reference);
    return reference;
  }
}
