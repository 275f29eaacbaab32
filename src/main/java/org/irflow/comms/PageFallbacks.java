package org.irflow.comms;

import java.util.ArrayList;
import java.util.List;
import org.irflow.comms.OutboundMessage.Channel;
import org.irflow.incident.Timeline;
import org.irflow.incident.TimelineKind;
import org.irflow.process.Actors;
import org.springframework.stereotype.Component;

/**
 * A page that cannot reach its people (no pager is configured, or every attempt failed) goes to each
 * of them by e-mail and by a direct chat message instead, where irflow.comms.contacts knows their
 * address and Slack id and those channels are configured. Each fallback is an outbound message of its
 * own (retries, then "Send the message by hand"); the timeline says who was reached how, and who not.
 */
@Component
public class PageFallbacks {

  private final OutboundMessages messages;
  private final OutboundGateway gateway;
  private final ContactDirectory contacts;
  private final Timeline timeline;

  public PageFallbacks(OutboundMessages messages, OutboundGateway gateway, ContactDirectory contacts,
      Timeline timeline) {
    this.messages = messages;
    this.gateway = gateway;
    this.contacts = contacts;
    this.timeline = timeline;
  }

  /**
   * Sends the page's text to its recipients by e-mail and chat.
   *
   * @param why why the page did not reach them, for the message and the timeline ("no pager is configured")
   * @return the ids of the fallback messages
   */
  public List<Long> sendInstead(OutboundMessages.Recorded page, String why) {
    List<Long> sent = new ArrayList<>();
    List<String> reached = new ArrayList<>();
    List<String> unreachable = new ArrayList<>();
    String body = page.body() + "\n\n(Sent to you this way because the page did not go out: " + why + ".)";
    for (String recipient : page.recipients()) {
      List<String> ways = new ArrayList<>();
      if (gateway.isConfigured(Channel.EMAIL)) {
        contacts.email(recipient).ifPresent(address -> {
          sent.add(messages.send(new OutboundMessage(page.incidentId(), Channel.EMAIL, List.of(address),
              page.subject(), body, page.severity(), page.drill()), page.responsible()));
          ways.add("e-mail");
        });
      }
      if (gateway.isConfigured(Channel.CHAT)) {
        contacts.slackId(recipient).ifPresent(slackId -> {
          sent.add(messages.send(new OutboundMessage(page.incidentId(), Channel.CHAT, List.of(slackId), null,
              (page.subject() == null ? "" : "*" + page.subject() + "*\n") + body, page.severity(), page.drill()),
              page.responsible()));
          ways.add("chat");
        });
      }
      if (ways.isEmpty()) {
        unreachable.add(recipient);
      } else {
        reached.add(recipient + " by " + String.join(" and ", ways));
      }
    }
    if (page.incidentId() != null) {
      String summary = "Page \"" + page.subject() + "\" did not go out (" + why + "): "
          + (reached.isEmpty() ? "" : "sent instead to " + String.join(", ", reached))
          + (reached.isEmpty() || unreachable.isEmpty() ? "" : "; ")
          + (unreachable.isEmpty() ? "" : "no e-mail or chat to reach " + String.join(", ", unreachable)
              + " (irflow.comms.contacts, SMTP, Slack)");
      timeline.append(Timeline.Source.ofIncident(page.incidentId()),
          reached.isEmpty() ? TimelineKind.MESSAGE_FAILED : TimelineKind.MESSAGE_QUEUED, Actors.SYSTEM, summary,
          "outbound message " + page.id());
    }
    return sent;
  }
}
