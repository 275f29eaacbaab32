package org.irflow.response;

import static org.irflow.process.Variables.INCIDENT_ID;

import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.irflow.comms.ChatService;
import org.irflow.incident.Timeline;
import org.irflow.incident.TimelineKind;
import org.irflow.process.Actors;
import org.irflow.process.JobAttempts;
import org.springframework.stereotype.Component;

/**
 * Invites the supervisor, the activated responders and the communications officer to the channels
 * irflow created. When every attempt failed the response goes on, and the timeline says who is to be
 * invited by hand.
 */
@Component("inviteToWarRoomDelegate")
public class InviteToWarRoomDelegate implements JavaDelegate {

  private final ChatService chat;
  private final Timeline timeline;

  public InviteToWarRoomDelegate(ChatService chat, Timeline timeline) {
    this.chat = chat;
    this.timeline = timeline;
  }

  @Override
  public void execute(DelegateExecution execution) {
    List<String> channels = WarRoom.channelIds(execution);
    if (!chat.isConfigured() || channels.isEmpty()) {
      return;
    }
    List<String> members = WarRoom.members(execution);
    String incidentId = (String) execution.getVariable(INCIDENT_ID);
    try {
      for (String channel : channels) {
        chat.invite(channel, members);
      }
      timeline.append(Timeline.Source.ofIncident(incidentId), TimelineKind.CHAT_MEMBERS_INVITED, Actors.SYSTEM,
          "Invited to the incident channels: " + String.join(", ", members), null);
    } catch (RuntimeException failure) {
      if (!JobAttempts.isLast(execution)) {
        throw failure;
      }
      timeline.append(Timeline.Source.ofIncident(incidentId), TimelineKind.CHAT_MEMBERS_INVITED, Actors.SYSTEM,
          "Could not invite " + String.join(", ", members) + " (" + failure.getMessage() + "): invite them by hand",
          null);
    }
  }
}
