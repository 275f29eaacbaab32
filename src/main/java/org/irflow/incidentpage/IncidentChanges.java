package org.irflow.incidentpage;

import static org.irflow.process.Variables.INCIDENT_SUPERVISOR;
import static org.irflow.process.Variables.SEVERITY;

import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.irflow.comms.CommsProperties;
import org.irflow.comms.OutboundMessage;
import org.irflow.comms.OutboundMessage.Channel;
import org.irflow.comms.OutboundMessages;
import org.irflow.comms.PublicUpdates;
import org.irflow.incident.Incident;
import org.irflow.incident.IncidentService;
import org.irflow.incident.IncidentStatus;
import org.irflow.incident.Severity;
import org.irflow.incident.Timeline;
import org.irflow.incident.TimelineKind;
import org.irflow.process.PostMortemVariables;
import org.irflow.process.Variables;
import org.irflow.response.IncidentProcesses;
import org.irflow.security.GroupMembers;
import org.irflow.security.Groups;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What a supervisor changes on a running incident from its page, and the note anyone of it adds: each
 * in one transaction with the incident's row locked, each on the timeline naming the person. The
 * processes follow: their variables (what later tasks show and whom they go to) and their open tasks.
 * The caller has checked who may do it; the engine work is irflow's own.
 */
@Service
@Transactional
public class IncidentChanges {

  /** A role that may be given to other people, the group its people come from and the variables naming them. */
  public enum Role {
    SUPERVISOR("incident command supervisor", Groups.INCIDENT_COMMANDERS,
        List.of(INCIDENT_SUPERVISOR, PostMortemVariables.PRIMARY_SUPERVISOR)),
    COMMUNICATIONS_OFFICER("communications officer", Groups.COMMUNICATIONS, List.of(Variables.COMMUNICATIONS_OFFICER)),
    RESPONDERS("responders", Groups.RESPONDERS, List.of(Variables.RESPONDERS));

    final String title;
    final String group;
    final List<String> variables;

    Role(String title, String group, List<String> variables) {
      this.title = title;
      this.group = group;
      this.variables = variables;
    }

    public String title() {
      return title;
    }
  }

  /** A person-facing refusal of a value: the field it concerns and why, in words. */
  public static class InvalidValue extends RuntimeException {
    private final String field;

    public InvalidValue(String field, String message) {
      super(message);
      this.field = field;
    }

    public String field() {
      return field;
    }
  }

  private final IncidentService incidents;
  private final IncidentProcesses processes;
  private final IncidentRoles roles;
  private final OutboundMessages messages;
  private final PublicUpdates publicUpdates;
  private final CommsProperties comms;
  private final GroupMembers groupMembers;
  private final Timeline timeline;
  private final RuntimeService runtime;
  private final TaskService tasks;

  public IncidentChanges(IncidentService incidents, IncidentProcesses processes, IncidentRoles roles,
      OutboundMessages messages, PublicUpdates publicUpdates, CommsProperties comms, GroupMembers groupMembers,
      Timeline timeline, @Lazy RuntimeService runtime, @Lazy TaskService tasks) {
    this.incidents = incidents;
    this.processes = processes;
    this.roles = roles;
    this.messages = messages;
    this.publicUpdates = publicUpdates;
    this.comms = comms;
    this.groupMembers = groupMembers;
    this.timeline = timeline;
    this.runtime = runtime;
    this.tasks = tasks;
  }

  /**
   * Changes the severity; the processes show the new one; a rise pages the incident's team (its
   * supervisor, communications officer and responders). Answers the id of the page, null when lowered.
   */
  public Long changeSeverity(String incidentId, Severity severity, String reason, String actor) {
    Incident current = incidents.get(incidentId);
    if (current.severity() == severity) {
      // refused before the engine command, which would log it as an error
      throw new IllegalStateException(incidentId + " is " + severity + " already");
    }
    return processes.inCommand(() -> {
      processes.lock(incidentId);
      Severity before = incidents.changeSeverity(incidentId, severity, actor, reason);
      setWhereSet(incidentId, List.of(SEVERITY), severity.name());
      if (severity.ordinal() >= before.ordinal()) {
        return null;
      }
      Incident incident = incidents.get(incidentId);
      List<String> team = roles.of(incident).team();
      return messages.send(new OutboundMessage(incidentId, Channel.PAGE,
          team.isEmpty() ? List.of(Groups.INCIDENT_COMMANDERS) : team,
          incidentId + " raised to " + severity + ": " + incident.title(),
          "Severity raised from " + before + " to " + severity + " by " + actor
              + (reason == null || reason.isBlank() ? "" : ": " + reason.trim()) + ". Incident page: "
              + IncidentPageLinks.of(incidentId),
          severity.name(), incident.drill()), incident.primarySupervisor() != null ? incident.primarySupervisor() : actor);
    });
  }

  /**
   * Gives a role to other people: the incident's processes name them from now on, and the open tasks
   * of the role pass to them. {@code people}: one user id for the supervisor and the communications
   * officer, one or more for the responders.
   */
  public void reassign(String incidentId, Role role, List<String> people, String actor) {
    // refusals before the engine command, which would log them as errors
    Incident incident = incidents.get(incidentId);
    if (incident.status() != IncidentStatus.DECLARED && incident.status() != IncidentStatus.RESOLVED) {
      throw new IllegalStateException(incidentId + " is " + incident.status().name().toLowerCase()
          + ": its roles no longer change");
    }
    List<String> chosen = check(role, people, processes.inCommand(() -> groupMembers.of(List.of(role.group))));
    IncidentRoles.Roles now = roles.of(incident);
    List<String> before = switch (role) {
      case SUPERVISOR -> now.supervisor() == null ? List.of() : List.of(now.supervisor().id());
      case COMMUNICATIONS_OFFICER -> now.communicationsOfficer() == null ? List.of()
          : List.of(now.communicationsOfficer().id());
      case RESPONDERS -> now.responders().stream().map(IncidentRoles.Person::id).toList();
    };
    if (Set.copyOf(before).equals(Set.copyOf(chosen))) {
      throw new IllegalStateException(String.join(", ", chosen) + (chosen.size() == 1 ? " is" : " are")
          + " the " + role.title + " of " + incidentId + " already");
    }
    processes.inCommand(() -> {
      processes.lock(incidentId);
      if (role == Role.RESPONDERS) {
        setResponders(incident, chosen);
        passCandidacy(incidentId, before, chosen);
      } else {
        String from = before.isEmpty() ? null : before.get(0);
        String to = chosen.get(0);
        setWhereSet(incidentId, role.variables, to);
        if (role == Role.COMMUNICATIONS_OFFICER && incident.responseProcessInstanceId() != null
            && isRunning(incident.responseProcessInstanceId())) {
          // the response is where the officer is chosen; later tasks of other processes read it there
          runtime.setVariable(incident.responseProcessInstanceId(), Variables.COMMUNICATIONS_OFFICER, to);
        }
        if (from != null) {
          passTasks(incidentId, role.group, from, to);
        }
      }
      incidents.reassignRole(incidentId, role.title, String.join(", ", before), String.join(", ", chosen), actor);
      return null;
    });
  }

  /** Publishes a public update at once to every public channel; answers the channels it goes to. */
  public List<Channel> postPublicUpdate(String incidentId, String title, String text, String actor) {
    Incident incident = incidents.get(incidentId);
    if (incident.status() == IncidentStatus.CLOSED || incident.status() == IncidentStatus.MERGED) {
      throw new IllegalStateException(incidentId + " is " + incident.status().name().toLowerCase()
          + ": it takes no more public updates");
    }
    return processes.inCommand(() -> {
      List<Channel> channels = comms.publicChannels().stream().filter(Channel::isPublicOrExternal).toList();
      timeline.append(Timeline.Source.ofIncident(incidentId), TimelineKind.PUBLIC_UPDATE_POSTED, actor,
          "Public update “" + title.trim() + "” posted by " + actor + " from the incident page"
              + (channels.isEmpty() ? "; no public channel is configured, so it is only recorded"
              : " to " + channels.stream().map(Channel::name).map(IncidentChanges::channelName)
                  .collect(Collectors.joining(", "))), text.trim());
      String officer = roles.of(incident).communicationsOfficer() == null ? actor
          : roles.of(incident).communicationsOfficer().id();
      publicUpdates.publish(incidentId, title.trim(), text.trim(), incident.severity().name(), incident.drill(),
          officer);
      return channels;
    });
  }

  public void addNote(String incidentId, String note, String actor) {
    incidents.addNote(incidentId, note, actor);
  }

  /** Whom each role may be given to: the members of its group, with their names. */
  public Map<Role, List<IncidentRoles.Person>> choices() {
    return processes.inCommand(() -> {
      Map<Role, List<IncidentRoles.Person>> choices = new EnumMap<>(Role.class);
      for (Role role : Role.values()) {
        choices.put(role, List.copyOf(roles.peopleNamed(groupMembers.of(List.of(role.group))).values()));
      }
      return choices;
    });
  }

  /** The chosen user ids, each once; refused with the field and the people to choose from otherwise. */
  private static List<String> check(Role role, List<String> people, List<String> members) {
    List<String> chosen = people == null ? List.of() : people.stream().filter(id -> id != null && !id.isBlank())
        .map(String::trim).distinct().toList();
    String field = role == Role.RESPONDERS ? "userIds" : "userId";
    String choices = members.isEmpty() ? "nobody (the group " + role.group + " has no members)"
        : String.join(", ", members);
    if (chosen.isEmpty()) {
      throw new InvalidValue(field, "choose the " + role.title + ": one of " + choices);
    }
    if (role != Role.RESPONDERS && chosen.size() > 1) {
      throw new InvalidValue(field, "an incident has one " + role.title + ": choose one of " + choices);
    }
    List<String> strangers = chosen.stream().filter(id -> !members.contains(id)).toList();
    if (!strangers.isEmpty()) {
      throw new InvalidValue(field, String.join(", ", strangers) + (strangers.size() == 1 ? " is not " : " are not ")
          + (role == Role.RESPONDERS ? "responders" : "a " + role.title) + ": choose from " + choices);
    }
    return chosen;
  }

  private List<ProcessInstance> running(String incidentId) {
    return runtime.createProcessInstanceQuery().processInstanceBusinessKey(incidentId).list();
  }

  private boolean isRunning(String processInstanceId) {
    return runtime.createProcessInstanceQuery().processInstanceId(processInstanceId).count() == 1;
  }

  /** Sets the value on every running process of the incident that has one of the variables. */
  private void setWhereSet(String incidentId, Collection<String> names, Object value) {
    for (ProcessInstance instance : running(incidentId)) {
      for (String name : names) {
        if (runtime.createVariableInstanceQuery().processInstanceIdIn(instance.getId()).variableName(name).count() > 0) {
          runtime.setVariable(instance.getId(), name, value);
        }
      }
    }
  }

  /** The response's responders, stored as the form stores them: one text, comma-separated. */
  private void setResponders(Incident incident, List<String> chosen) {
    String response = incident.responseProcessInstanceId();
    if (response != null && isRunning(response)) {
      runtime.setVariable(response, Variables.RESPONDERS, String.join(", ", chosen));
    }
  }

  /** Open tasks offered to the old responders are offered to the new ones instead. */
  private void passCandidacy(String incidentId, List<String> before, List<String> chosen) {
    for (Task task : tasks.createTaskQuery().processInstanceBusinessKey(incidentId).list()) {
      List<String> candidates = tasks.getIdentityLinksForTask(task.getId()).stream()
          .filter(link -> IdentityLinkType.CANDIDATE.equals(link.getType()) && link.getUserId() != null)
          .map(IdentityLink::getUserId).toList();
      if (candidates.isEmpty() || candidates.stream().noneMatch(before::contains)) {
        continue;
      }
      candidates.stream().filter(id -> before.contains(id) && !chosen.contains(id))
          .forEach(id -> tasks.deleteCandidateUser(task.getId(), id));
      chosen.stream().filter(id -> !candidates.contains(id)).forEach(id -> tasks.addCandidateUser(task.getId(), id));
    }
  }

  /** The role's open tasks held by the person who had it pass to the one who has it now. */
  private void passTasks(String incidentId, String group, String from, String to) {
    for (Task task : tasks.createTaskQuery().processInstanceBusinessKey(incidentId).taskAssignee(from)
        .taskCandidateGroup(group).includeAssignedTasks().list()) {
      tasks.setAssignee(task.getId(), to);
    }
  }

  static String channelName(String channel) {
    return switch (channel) {
      case "DISCORD" -> "Discord";
      case "STATUSPAGE" -> "Statuspage";
      case "WEBSITE" -> "the website";
      case "EMAIL" -> "e-mail";
      default -> channel;
    };
  }
}
