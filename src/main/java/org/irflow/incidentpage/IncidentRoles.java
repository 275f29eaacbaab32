package org.irflow.incidentpage;

import static org.irflow.process.Variables.COMMUNICATIONS_OFFICER;
import static org.irflow.process.Variables.RESPONDERS;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.identity.User;
import org.irflow.incident.Incident;
import org.irflow.process.ContainmentVariables;
import org.irflow.process.forms.FormValues;
import org.irflow.response.IncidentProcesses;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * Who plays which part in an incident, read from its record and its processes' history, so that it
 * holds for open and closed incidents alike: the supervisor (the record follows hand-offs), the
 * communications officer and the responders its response activated, and the signers its pauses asked.
 * Everybody who ever had a task of the incident takes part in it too (an earlier supervisor, an action
 * item's owner). Read for the incident, not for the person asking (a responder may not read the
 * engine's history or list users), so without authorization checks.
 */
@Component
public class IncidentRoles {

  /** The task of ContractPauseProcess in which a signer confirms the Safe transaction. */
  static final String SIGN_PAUSE_TASK = "Task_SignPauseTransaction";

  /** A person with the name people know them by (the user id when the profile has none). */
  public record Person(String id, String name) {}

  /**
   * The incident's roles now.
   *
   * @param others everybody else who had a task of the incident
   */
  public record Roles(Person supervisor, Person communicationsOfficer, List<Person> responders,
      List<Person> signers, List<Person> others) {

    /** Everybody who takes part in the incident. */
    public Set<String> participants() {
      Set<String> ids = new LinkedHashSet<>(team());
      signers.forEach(person -> ids.add(person.id()));
      others.forEach(person -> ids.add(person.id()));
      return ids;
    }

    /** Whom a page about the incident goes to: its supervisor, communications officer and responders. */
    public List<String> team() {
      Set<String> ids = new LinkedHashSet<>();
      if (supervisor != null) {
        ids.add(supervisor.id());
      }
      if (communicationsOfficer != null) {
        ids.add(communicationsOfficer.id());
      }
      responders.forEach(person -> ids.add(person.id()));
      return List.copyOf(ids);
    }
  }

  private final IncidentProcesses processes;
  private final HistoryService history;
  private final IdentityService identity;

  public IncidentRoles(IncidentProcesses processes, @Lazy HistoryService history, @Lazy IdentityService identity) {
    this.processes = processes;
    this.history = history;
    this.identity = identity;
  }

  public Roles of(Incident incident) {
    return processes.inCommand(() -> read(incident));
  }

  private Roles read(Incident incident) {
    String officer = null;
    List<String> responders = List.of();
    if (incident.responseProcessInstanceId() != null) {
      for (HistoricVariableInstance variable : history.createHistoricVariableInstanceQuery()
          .processInstanceId(incident.responseProcessInstanceId())
          .variableNameIn(COMMUNICATIONS_OFFICER, RESPONDERS).list()) {
        if (COMMUNICATIONS_OFFICER.equals(variable.getName()) && variable.getValue() instanceof String id
            && !id.isBlank()) {
          officer = id.trim();
        } else if (RESPONDERS.equals(variable.getName())) {
          responders = FormValues.list(variable.getValue());
        }
      }
    }
    List<HistoricTaskInstance> tasks = history.createHistoricTaskInstanceQuery()
        .processInstanceBusinessKey(incident.id()).list();
    Set<String> signers = new LinkedHashSet<>();
    Set<String> others = new LinkedHashSet<>();
    for (HistoricTaskInstance task : tasks) {
      if (task.getAssignee() == null) {
        continue;
      }
      if (ContainmentVariables.CONTRACT_PAUSE_PROCESS.equals(task.getProcessDefinitionKey())
          && SIGN_PAUSE_TASK.equals(task.getTaskDefinitionKey())) {
        signers.add(task.getAssignee());
      } else {
        others.add(task.getAssignee());
      }
    }
    String supervisor = incident.primarySupervisor();
    Set<String> named = new LinkedHashSet<>();
    if (supervisor != null) {
      named.add(supervisor);
    }
    if (officer != null) {
      named.add(officer);
    }
    named.addAll(responders);
    named.addAll(signers);
    others.removeAll(named);
    named.addAll(others);
    Map<String, Person> people = people(named);
    return new Roles(supervisor == null ? null : people.get(supervisor), officer == null ? null : people.get(officer),
        responders.stream().map(people::get).toList(), signers.stream().map(people::get).toList(),
        others.stream().map(people::get).toList());
  }

  /** Users by id with their names; an id without a user (deleted since) keeps the id as its name. */
  Map<String, Person> people(Collection<String> ids) {
    Map<String, Person> people = new LinkedHashMap<>();
    ids.forEach(id -> people.put(id, new Person(id, id)));
    if (!ids.isEmpty()) {
      for (User user : identity.createUserQuery().userIdIn(ids.toArray(String[]::new)).list()) {
        people.put(user.getId(), new Person(user.getId(), nameOf(user)));
      }
    }
    return people;
  }

  /** The people by id, read without authorization checks. */
  public Map<String, Person> peopleNamed(Collection<String> ids) {
    return processes.inCommand(() -> people(ids));
  }

  private static String nameOf(User user) {
    String name = ((user.getFirstName() == null ? "" : user.getFirstName()) + " "
        + (user.getLastName() == null ? "" : user.getLastName())).trim();
    return name.isEmpty() ? user.getId() : name;
  }
}
