package org.irflow.comms;

import java.util.ArrayList;
import java.util.List;
import org.irflow.comms.OutboundMessage.Channel;
import org.springframework.stereotype.Component;

/**
 * A message to people by their irflow user ids, through what irflow.comms.contacts knows of each: an
 * e-mail where they have an address and SMTP is configured, a direct chat message where they have a
 * Slack member id and Slack is configured. Each is an outbound message of its own (retries, then "Send
 * the message by hand").
 */
@Component
public class DirectMessages {

  /**
   * Who was reached how.
   *
   * @param messageIds the outbound messages queued
   * @param reached "erin by e-mail and chat", one per person reached
   * @param unreachable the people irflow has no configured way to reach
   */
  public record Reach(List<Long> messageIds, List<String> reached, List<String> unreachable) {

    /**
     * "sent to erin by e-mail and chat; no e-mail or chat to reach bob (irflow.comms.contacts, SMTP, Slack)"
     *
     * @param sentTo the words before those reached ("sent to"), or empty
     */
    public String describe(String sentTo) {
      return (reached.isEmpty() ? "" : (sentTo.isEmpty() ? "" : sentTo + " ") + String.join(", ", reached))
          + (reached.isEmpty() || unreachable.isEmpty() ? "" : "; ")
          + (unreachable.isEmpty() ? "" : "no e-mail or chat to reach " + String.join(", ", unreachable)
              + " (irflow.comms.contacts, SMTP, Slack)");
    }
  }

  private final OutboundMessages messages;
  private final OutboundGateway gateway;
  private final ContactDirectory contacts;

  public DirectMessages(OutboundMessages messages, OutboundGateway gateway, ContactDirectory contacts) {
    this.messages = messages;
    this.gateway = gateway;
    this.contacts = contacts;
  }

  /**
   * Sends the text to each person by e-mail and chat, where they can be reached so.
   *
   * @param drill whether the messages are a drill's (see {@link OutboundMessage}: a drill's e-mail goes to
   *     the drill channel instead)
   * @param responsible who sends a message by hand if its delivery keeps failing
   */
  public Reach send(String incidentId, List<String> userIds, String subject, String body, String severity,
      boolean drill, String responsible) {
    List<Long> sent = new ArrayList<>();
    List<String> reached = new ArrayList<>();
    List<String> unreachable = new ArrayList<>();
    for (String userId : userIds) {
      List<String> ways = new ArrayList<>();
      if (gateway.isConfigured(Channel.EMAIL)) {
        contacts.email(userId).ifPresent(address -> {
          sent.add(messages.send(new OutboundMessage(incidentId, Channel.EMAIL, List.of(address), subject, body,
              severity, drill), responsible));
          ways.add("e-mail");
        });
      }
      if (gateway.isConfigured(Channel.CHAT)) {
        contacts.slackId(userId).ifPresent(slackId -> {
          sent.add(messages.send(new OutboundMessage(incidentId, Channel.CHAT, List.of(slackId), null,
              (subject == null ? "" : "*" + subject + "*\n") + body, severity, drill), responsible));
          ways.add("chat");
        });
      }
      if (ways.isEmpty()) {
        unreachable.add(userId);
      } else {
        reached.add(userId + " by " + String.join(" and ", ways));
      }
    }
    return new Reach(List.copyOf(sent), List.copyOf(reached), List.copyOf(unreachable));
  }
}
