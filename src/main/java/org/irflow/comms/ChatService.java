package org.irflow.comms;

import java.util.Collection;

/** Port: the incident's chat channels (Slack Web API). */
public interface ChatService {

  /** The incident channel and its backup, as the chat service knows them. */
  record IncidentChannels(String primaryId, String primaryName, String backupId, String backupName) {}

  /** Whether a chat service is configured; without one, the war room's channels are entered by hand. */
  boolean isConfigured();

  /**
   * Creates (or, when they exist already, finds) the channels {@code inc-<id>} and {@code inc-<id>-backup}
   * (lower case, as Slack requires), private.
   */
  IncidentChannels createIncidentChannels(String incidentId);

  /** Invites irflow users (mapped to chat user ids by the contact directory) to a channel. */
  void invite(String channelId, Collection<String> userIds);

  /** Pins a posted message (by the reference {@link OutboundGateway#deliver} answered for it). */
  void pin(String channelId, String messageReference);
}
