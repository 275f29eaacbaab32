package org.irflow.comms.slack;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.irflow.comms.ChatService;
import org.irflow.comms.ContactDirectory;
import org.irflow.comms.DeliveryFailed;
import org.irflow.comms.OutboundAdapter;
import org.irflow.comms.OutboundMessage;
import org.irflow.comms.Texts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.irflow.http.OutboundHttp;
import org.springframework.stereotype.Component;

/**
 * Slack as the incident's chat: creates (or finds) the private channels {@code inc-<id>} and
 * {@code inc-<id>-backup}, invites responders by their Slack member ids from the contact directory,
 * posts CHAT messages ({@code chat.postMessage}; the message {@code ts} is the reference) and pins them.
 */
@Component
public class SlackChatService implements ChatService, OutboundAdapter {

  /** Slack's limit for a channel name. */
  static final int MAX_CHANNEL_NAME = 80;
  /** Slack truncates longer texts; stay well below its 40,000 characters. */
  static final int MAX_TEXT = 39_000;
  private static final int LIST_PAGE_SIZE = 200;
  private static final int MAX_LIST_PAGES = 100;
  private static final Logger log = LoggerFactory.getLogger(SlackChatService.class);

  private final SlackProperties properties;
  private final ContactDirectory contacts;
  private final SlackWebApi api;

  public SlackChatService(SlackProperties properties, ContactDirectory contacts, OutboundHttp http) {
    this.properties = properties;
    this.contacts = contacts;
    this.api = new SlackWebApi(properties, http);
  }

  @Override
  public OutboundMessage.Channel channel() {
    return OutboundMessage.Channel.CHAT;
  }

  @Override
  public boolean isConfigured() {
    return properties.configured();
  }

  @Override
  public String destination(OutboundMessage message) {
    return "posted on Slack to " + (message.recipients().isEmpty() ? "no channel"
        : String.join(", ", message.recipients()));
  }

  /** The channel names of an incident: {@code inc-<id>} and {@code inc-<id>-backup}, as Slack allows them. */
  public static String channelName(String incidentId, boolean backup) {
    String id = incidentId.strip().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_-]+", "-");
    // irflow's ids (INC-2026-0001) start with the prefix already: inc-2026-0001, not inc-inc-2026-0001
    String base = id.startsWith("inc-") ? id : "inc-" + id;
    String suffix = backup ? "-backup" : "";
    if (base.length() + suffix.length() > MAX_CHANNEL_NAME) {
      base = base.substring(0, MAX_CHANNEL_NAME - suffix.length());
    }
    return base + suffix;
  }

  @Override
  public IncidentChannels createIncidentChannels(String incidentId) {
    JsonNode primary = createOrFind(channelName(incidentId, false));
    JsonNode backup = createOrFind(channelName(incidentId, true));
    return new IncidentChannels(primary.path("id").asText(), primary.path("name").asText(),
        backup.path("id").asText(), backup.path("name").asText());
  }

  private JsonNode createOrFind(String name) {
    try {
      JsonNode channel = api.call("conversations.create", arguments("name", name, "is_private", "true")).path("channel");
      log.info("Created Slack channel #{} ({})", channel.path("name").asText(), channel.path("id").asText());
      return channel;
    } catch (SlackWebApi.Error e) {
      if (!"name_taken".equals(e.error())) {
        throw e;
      }
    }
    JsonNode existing = find(name).orElseThrow(() -> new DeliveryFailed("Slack conversations.create failed: name_taken,"
        + " and conversations.list does not show #" + name + " to the bot (a private channel it is not a member of?)"));
    if (existing.path("is_archived").asBoolean(false)) {
      throw new DeliveryFailed("Slack channel #" + name + " (" + existing.path("id").asText()
          + ") exists but is archived: unarchive it or rename it");
    }
    log.info("Slack channel #{} exists already ({}); using it", name, existing.path("id").asText());
    return existing;
  }

  /** The channel of that name among those the bot can see, paging through conversations.list. */
  private Optional<JsonNode> find(String name) {
    String cursor = null;
    for (int page = 0; page < MAX_LIST_PAGES; page++) {
      JsonNode answer = api.call("conversations.list", arguments("types", "private_channel,public_channel",
          "limit", String.valueOf(LIST_PAGE_SIZE), "cursor", cursor));
      for (JsonNode channel : answer.path("channels")) {
        if (name.equals(channel.path("name").asText())) {
          return Optional.of(channel);
        }
      }
      cursor = answer.path("response_metadata").path("next_cursor").asText("");
      if (cursor.isEmpty()) {
        return Optional.empty();
      }
    }
    throw new DeliveryFailed("Slack conversations.list: more than " + MAX_LIST_PAGES + " pages without #" + name);
  }

  @Override
  public void invite(String channelId, Collection<String> userIds) {
    Set<String> slackIds = new LinkedHashSet<>();
    List<String> withoutSlackId = new ArrayList<>();
    for (String userId : userIds) {
      contacts.slackId(userId).ifPresentOrElse(slackIds::add, () -> withoutSlackId.add(userId));
    }
    if (!withoutSlackId.isEmpty()) {
      log.warn("Not invited to Slack channel {} (no irflow.comms.contacts.<user>.slack): {}", channelId,
          String.join(", ", withoutSlackId));
    }
    if (slackIds.isEmpty()) {
      return;
    }
    try {
      api.call("conversations.invite", arguments("channel", channelId, "users", String.join(",", slackIds)));
    } catch (SlackWebApi.Error e) {
      if (!"already_in_channel".equals(e.error())) {
        throw e;
      }
      if (slackIds.size() > 1) {
        // Slack invites nobody when one invitation fails: invite one by one, members already in are fine
        for (String slackId : slackIds) {
          inviteOne(channelId, slackId);
        }
      }
    }
    log.info("Invited to Slack channel {}: {}", channelId, String.join(", ", slackIds));
  }

  private void inviteOne(String channelId, String slackId) {
    try {
      api.call("conversations.invite", arguments("channel", channelId, "users", slackId));
    } catch (SlackWebApi.Error e) {
      if (!"already_in_channel".equals(e.error()) && !"cant_invite_self".equals(e.error())) {
        throw e;
      }
    }
  }

  @Override
  public void pin(String channelId, String messageReference) {
    try {
      api.call("pins.add", arguments("channel", channelId, "timestamp", messageReference));
    } catch (SlackWebApi.Error e) {
      if (!"already_pinned".equals(e.error())) {
        throw e;
      }
    }
  }

  /**
   * Posts the message to its channel (the recipient); answers the message {@code ts}. With several
   * channels it posts to each and answers {@code channel:ts} pairs, comma-separated.
   */
  @Override
  public String deliver(OutboundMessage message) {
    if (message.recipients().isEmpty()) {
      throw new DeliveryFailed("Slack chat.postMessage: the message names no channel");
    }
    String text = message.subject() == null || message.subject().isBlank() ? message.body()
        : "*" + message.subject().strip() + "*\n" + message.body();
    text = Texts.truncate(text, MAX_TEXT);
    List<String> references = new ArrayList<>();
    for (String channel : message.recipients()) {
      String ts = api.call("chat.postMessage", arguments("channel", channel, "text", text)).path("ts").asText(null);
      if (ts == null) {
        throw new DeliveryFailed("Slack chat.postMessage answered ok without a ts");
      }
      references.add(message.recipients().size() == 1 ? ts : channel + ":" + ts);
    }
    return String.join(",", references);
  }

  private static Map<String, String> arguments(String... namesAndValues) {
    Map<String, String> arguments = new LinkedHashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      if (namesAndValues[i + 1] != null) {
        arguments.put(namesAndValues[i], namesAndValues[i + 1]);
      }
    }
    return arguments;
  }
}
