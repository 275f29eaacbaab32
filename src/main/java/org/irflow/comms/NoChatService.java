package org.irflow.comms;

import java.util.Collection;
import org.springframework.stereotype.Component;

/** Placeholder until the Slack adapter lands: no chat service, channels are entered by hand. */
@Component
public class NoChatService implements ChatService {

  @Override
  public boolean isConfigured() {
    return false;
  }

  @Override
  public IncidentChannels createIncidentChannels(String incidentId) {
    throw new DeliveryFailed("no chat service is configured");
  }

  @Override
  public void invite(String channelId, Collection<String> userIds) {
    throw new DeliveryFailed("no chat service is configured");
  }

  @Override
  public void pin(String channelId, String messageReference) {
    throw new DeliveryFailed("no chat service is configured");
  }
}
