package org.irflow.comms;

import java.util.List;
import org.irflow.incident.Timeline;
import org.irflow.incident.TimelineKind;
import org.irflow.process.Actors;
import org.springframework.stereotype.Component;

/**
 * A page that cannot reach its people (no pager is configured, or every attempt failed) goes to each
 * of them by e-mail and by a direct chat message instead ({@link DirectMessages}); the timeline says who
 * was reached how, and who not.
 */
@Component
public class PageFallbacks {

  private final DirectMessages direct;
  private final Timeline timeline;

  public PageFallbacks(DirectMessages direct, Timeline timeline) {
    this.direct = direct;
    this.timeline = timeline;
  }

  /**
   * Sends the page's text to its recipients by e-mail and chat.
   *
   * @param why why the page did not reach them, for the message and the timeline ("no pager is configured")
   * @return the ids of the fallback messages
   */
  public List<Long> sendInstead(OutboundMessages.Recorded page, String why) {
    String body = page.body() + "\n\n(Sent to you this way because the page did not go out: " + why + ".)";
    DirectMessages.Reach reach = direct.send(page.incidentId(), page.recipients(), page.subject(), body,
        page.severity(), page.drill(), page.responsible());
    if (page.incidentId() != null) {
      timeline.append(Timeline.Source.ofIncident(page.incidentId()),
          reach.reached().isEmpty() ? TimelineKind.MESSAGE_FAILED : TimelineKind.MESSAGE_QUEUED, Actors.SYSTEM,
          "Page \"" + page.subject() + "\" did not go out (" + why + "): " + reach.describe("sent instead to"),
          "outbound message " + page.id());
    }
    return reach.messageIds();
  }
}
