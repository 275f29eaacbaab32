package org.irflow.comms;

import org.springframework.stereotype.Component;

/** Placeholder until the vendor adapters land: no channel is configured, every message is skipped. */
@Component
public class OutboundRouter implements OutboundGateway {

  @Override
  public boolean isConfigured(OutboundMessage.Channel channel) {
    return false;
  }

  @Override
  public String deliver(OutboundMessage message) {
    throw new DeliveryFailed("no " + message.channel() + " adapter is configured");
  }
}
