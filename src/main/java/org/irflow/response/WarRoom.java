package org.irflow.response;

import static org.irflow.process.Variables.BACKUP_CHANNEL_ID;
import static org.irflow.process.Variables.COMMUNICATIONS_OFFICER;
import static org.irflow.process.Variables.INCIDENT_ID;
import static org.irflow.process.Variables.INCIDENT_SUPERVISOR;
import static org.irflow.process.Variables.OBJECTIVE;
import static org.irflow.process.Variables.RESPONDERS;
import static org.irflow.process.Variables.WAR_ROOM_CHANNEL;
import static org.irflow.process.Variables.WAR_ROOM_CHANNEL_ID;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.irflow.comms.OutboundMessage;
import org.irflow.comms.OutboundMessage.Channel;
import org.irflow.comms.OutboundMessages;
import org.irflow.process.DrillVariables;
import org.irflow.process.forms.FormValues;
import org.springframework.stereotype.Component;

/**
 * The incident's war room in chat: who belongs in it, and the posts the response makes there (the
 * objective, pinned; hand-off briefings; the resolution). Posts go out through {@link OutboundMessages},
 * so a chat outage never holds up the response.
 */
@Component("warRoom")
public class WarRoom {

  private final OutboundMessages messages;

  public WarRoom(OutboundMessages messages) {
    this.messages = messages;
  }

  /** Task listener of "Take command" (the objective): posts and pins {@code Incident Objective: ...}. */
  public void postObjective(DelegateTask task) {
    messages.sendPinned(chatPost(task, "Incident Objective: " + task.getVariable(OBJECTIVE)),
        (String) task.getVariable(INCIDENT_SUPERVISOR));
  }

  /** Posts a text in the incident's channel, for the supervisor to post by hand if chat stays down. */
  public void post(VariableScope scope, String text) {
    messages.send(chatPost(scope, text), (String) scope.getVariable(INCIDENT_SUPERVISOR));
  }

  /** Everybody of the incident: the supervisor, the activated responders and the communications officer. */
  public static List<String> members(VariableScope scope) {
    Set<String> members = new LinkedHashSet<>();
    add(members, (String) scope.getVariable(INCIDENT_SUPERVISOR));
    FormValues.list(scope.getVariable(RESPONDERS)).forEach(responder -> add(members, responder));
    add(members, (String) scope.getVariable(COMMUNICATIONS_OFFICER));
    return new ArrayList<>(members);
  }

  /** The channels to invite to: the ids the chat service gave, else none (entered by hand, not ours). */
  public static List<String> channelIds(VariableScope scope) {
    List<String> ids = new ArrayList<>();
    add(ids, (String) scope.getVariable(WAR_ROOM_CHANNEL_ID));
    add(ids, (String) scope.getVariable(BACKUP_CHANNEL_ID));
    return ids;
  }

  private static OutboundMessage chatPost(VariableScope scope, String text) {
    String channel = scope.getVariable(WAR_ROOM_CHANNEL_ID) != null
        ? (String) scope.getVariable(WAR_ROOM_CHANNEL_ID) : (String) scope.getVariable(WAR_ROOM_CHANNEL);
    return new OutboundMessage((String) scope.getVariable(INCIDENT_ID), Channel.CHAT,
        channel == null ? List.of() : List.of(channel), null, text, null,
        Boolean.TRUE.equals(scope.getVariable(DrillVariables.DRILL)));
  }

  private static void add(Collection<String> to, String value) {
    if (value != null && !value.isBlank()) {
      to.add(value.trim());
    }
  }
}
