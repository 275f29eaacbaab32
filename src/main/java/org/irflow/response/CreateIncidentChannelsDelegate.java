package org.irflow.response;

import static org.irflow.process.Variables.BACKUP_CHANNEL;
import static org.irflow.process.Variables.BACKUP_CHANNEL_ID;
import static org.irflow.process.Variables.INCIDENT_ID;
import static org.irflow.process.Variables.WAR_ROOM_CHANNEL;
import static org.irflow.process.Variables.WAR_ROOM_CHANNEL_ID;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.irflow.comms.ChatService;
import org.irflow.comms.ChatService.IncidentChannels;
import org.irflow.incident.Timeline;
import org.irflow.incident.TimelineKind;
import org.irflow.process.Actors;
import org.irflow.process.JobAttempts;
import org.springframework.stereotype.Component;

/**
 * Creates the incident channel and its backup in chat, which "Take command" then shows filled in.
 * Without a chat service, or when every attempt failed, the supervisor enters the channels by hand:
 * the war room never waits for chat.
 */
@Component("createIncidentChannelsDelegate")
public class CreateIncidentChannelsDelegate implements JavaDelegate {

  private final ChatService chat;
  private final Timeline timeline;

  public CreateIncidentChannelsDelegate(ChatService chat, Timeline timeline) {
    this.chat = chat;
    this.timeline = timeline;
  }

  @Override
  public void execute(DelegateExecution execution) {
    if (!chat.isConfigured()) {
      return;
    }
    String incidentId = (String) execution.getVariable(INCIDENT_ID);
    try {
      IncidentChannels channels = chat.createIncidentChannels(incidentId);
      execution.setVariable(WAR_ROOM_CHANNEL, channels.primaryName());
      execution.setVariable(WAR_ROOM_CHANNEL_ID, channels.primaryId());
      execution.setVariable(BACKUP_CHANNEL, channels.backupName());
      execution.setVariable(BACKUP_CHANNEL_ID, channels.backupId());
      timeline.append(Timeline.Source.ofIncident(incidentId), TimelineKind.CHAT_CHANNELS_CREATED, Actors.SYSTEM,
          "Incident channels created: #" + channels.primaryName() + ", backup #" + channels.backupName(), null);
    } catch (RuntimeException failure) {
      if (!JobAttempts.isLast(execution)) {
        throw failure;
      }
      timeline.append(Timeline.Source.ofIncident(incidentId), TimelineKind.CHAT_CHANNELS_CREATED, Actors.SYSTEM,
          "Incident channels could not be created (" + failure.getMessage() + "): the supervisor enters them",
          null);
    }
  }
}
