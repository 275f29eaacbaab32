package org.irflow.postmortem;

import java.util.List;
import org.irflow.comms.CommsProperties;
import org.irflow.comms.DirectMessages;
import org.irflow.incident.Incident;
import org.irflow.incident.IncidentService;
import org.irflow.incident.Timeline;
import org.irflow.incident.TimelineKind;
import org.irflow.incidentpage.IncidentPageLinks;
import org.irflow.incidentpage.IncidentRoles;
import org.irflow.process.Actors;
import org.springframework.stereotype.Component;

/**
 * Tells everybody who took part in an incident that it is closed (its supervisor, communications officer,
 * responders, the signers of its pauses and whoever else had one of its tasks): by e-mail and chat where
 * the contact directory knows them, with the incident's id, title, page and the post-mortem's summary.
 * A drill's participants are told too, the message marked as a drill: it goes to the team, not to the
 * public or customers, so it is sent as an ordinary team message rather than re-routed as a drill's.
 */
@Component
public class ClosureNotices {

  private final IncidentService incidents;
  private final IncidentRoles roles;
  private final DirectMessages direct;
  private final CommsProperties comms;
  private final Timeline timeline;

  public ClosureNotices(IncidentService incidents, IncidentRoles roles, DirectMessages direct, CommsProperties comms,
      Timeline timeline) {
    this.incidents = incidents;
    this.roles = roles;
    this.direct = direct;
    this.comms = comms;
    this.timeline = timeline;
  }

  /** Sends the notices of a closure and says on the timeline who was told how. */
  public void tell(PostMortem postMortem, String closedBy) {
    Incident incident = incidents.get(postMortem.incidentId());
    boolean drill = incident.drill() || postMortem.drill();
    List<String> participants = List.copyOf(roles.of(incident).participants());
    String subject = (drill ? "[DRILL] " : "") + "Incident " + incident.id() + " closed: " + incident.title();
    String body = (drill ? "This was a drill.\n\n" : "")
        + "Incident " + incident.id() + " \"" + incident.title() + "\" is closed: " + closedBy
        + " closed its post-mortem.\n\n"
        + "Post-mortem summary: " + (postMortem.summary() == null || postMortem.summary().isBlank()
            ? "(none written)" : postMortem.summary().strip()) + "\n\n"
        + "The whole story, timeline and post-mortem: " + comms.link(IncidentPageLinks.of(incident.id())) + "\n\n"
        + "You receive this because you took part in the incident.";
    DirectMessages.Reach reach = direct.send(incident.id(), participants, subject, body, incident.severity().name(),
        false, closedBy);
    String told = participants.isEmpty() ? "nobody took part in it by name" : reach.describe("");
    timeline.append(Timeline.Source.ofIncident(incident.id()),
        reach.reached().isEmpty() ? TimelineKind.MESSAGE_SKIPPED : TimelineKind.MESSAGE_QUEUED, Actors.SYSTEM,
        (drill ? "Drill participants" : "Participants") + " told of the closure: " + told + ".", null);
  }
}
