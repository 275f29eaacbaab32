package org.irflow.incidentpage;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;
import org.irflow.incident.Incident;
import org.irflow.incident.IncidentStatus;
import org.irflow.incident.Incidents;
import org.irflow.incidentpage.IncidentOverview.OpenTask;
import org.irflow.process.IncidentTaskNames;
import org.irflow.process.ProcessKeys;
import org.irflow.process.Variables;
import org.irflow.response.IncidentProcesses;
import org.irflow.security.GroupMembers;
import org.irflow.triage.SupervisorDeclaration;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * What a person is told right after a step in Tasklist: after starting a report or a declaration, and
 * after completing a task. Tasklist itself says only "The process has been started" or nothing; this
 * says what irflow made of it (the event's number, the incident's id, who has it now) and what comes
 * next, with the incident page's link. Only the person who took the step is answered.
 */
@Component
public class StepFeedback {

  /** How many of the incident's open tasks the feedback names. */
  static final int NEXT_TASKS_SHOWN = 4;
  private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm 'UTC'").withZone(ZoneOffset.UTC);

  /**
   * @param message what happened and what comes next, in sentences
   * @param incidentId the incident, null when there is none (yet)
   * @param link the incident page, null without an incident
   */
  public record Feedback(String message, String incidentId, String link) {}

  private final HistoryService history;
  private final Incidents incidents;
  private final IncidentOverview overview;
  private final IncidentProcesses processes;
  private final GroupMembers members;
  private final ManagementService management;
  private final RepositoryService repository;

  public StepFeedback(@Lazy HistoryService history, Incidents incidents, IncidentOverview overview,
      IncidentProcesses processes, @Lazy GroupMembers members, @Lazy ManagementService management,
      @Lazy RepositoryService repository) {
    this.management = management;
    this.repository = repository;
    this.history = history;
    this.incidents = incidents;
    this.overview = overview;
    this.processes = processes;
    this.members = members;
  }

  /** After the user started a process in Tasklist; empty when it is not theirs or irflow has nothing to add. */
  public Optional<Feedback> afterStart(String processInstanceId, String userId) {
    return processes.inCommand(() -> {
      HistoricProcessInstance started = history.createHistoricProcessInstanceQuery()
          .processInstanceId(processInstanceId).singleResult();
      if (started == null || !userId.equals(started.getStartUserId())) {
        return Optional.empty();
      }
      String key = started.getProcessDefinitionKey();
      if (SupervisorDeclaration.DECLARATION_PROCESS.equals(key)) {
        return incident(processInstanceId).map(incident -> withNextSteps(incident, userId,
            incident.id() + " is declared (" + incident.severity() + ") and you lead it; the response has started."));
      }
      if (ProcessKeys.INCIDENT_TRIAGE.equals(key)) {
        return Optional.of(afterReport(processInstanceId, userId));
      }
      return Optional.empty();
    });
  }

  /** After the user completed a task; empty when it was not theirs or irflow has nothing to add. */
  public Optional<Feedback> afterTask(String taskId, String userId) {
    return processes.inCommand(() -> {
      HistoricTaskInstance task = history.createHistoricTaskInstanceQuery().taskId(taskId).finished().singleResult();
      if (task == null || !userId.equals(task.getAssignee())) {
        return Optional.empty();
      }
      String done = "Done: “" + action(task.getName()) + "”.";
      Optional<Incident> incident = incident(task.getProcessInstanceId());
      if (incident.isEmpty()) {
        if ("Task_TriageEvent".equals(task.getTaskDefinitionKey())) {
          return Optional.of(new Feedback(done + " The event is recorded as not an incident; its triage is closed.",
              null, null));
        }
        return Optional.of(new Feedback(done, null, null));
      }
      if ("Task_TriageEvent".equals(task.getTaskDefinitionKey())) {
        Incident declared = incident.get();
        return Optional.of(withNextSteps(declared, userId, done + " " + declared.id() + " is declared ("
            + declared.severity() + "), led by " + members.nameOf(declared.primarySupervisor())
            + "; the response has started."));
      }
      return Optional.of(withNextSteps(incident.get(), userId, done));
    });
  }

  private Feedback afterReport(String triageId, String userId) {
    Optional<Incident> declared = incident(triageId);
    if (declared.isPresent()) {
      Incident incident = declared.get();
      return withNextSteps(incident, userId, "Your report is declared an incident at once: " + incident.id()
          + " (" + incident.severity() + "), led by " + members.nameOf(incident.primarySupervisor()) + ".");
    }
    String event = variable(triageId, Variables.EVENT_ID).map(id -> "event " + id).orElse("your event");
    boolean awaitingTriage = history.createHistoricTaskInstanceQuery().processInstanceId(triageId)
        .taskDefinitionKey("Task_TriageEvent").unfinished().count() > 0;
    if (!awaitingTriage) {
      return new Feedback("Your report is recorded as " + event + ". By the triage rules it needs no triage"
          + " task; the incident command supervisors can read it.", null, null);
    }
    String supervisor = variable(triageId, Variables.ON_CALL_PRIMARY).map(Object::toString).map(members::nameOf)
        .orElse("the on-call incident command supervisor");
    String due = history.createHistoricTaskInstanceQuery().processInstanceId(triageId)
        .taskDefinitionKey("Task_TriageEvent").unfinished().list().stream()
        .map(HistoricTaskInstance::getDueDate).filter(date -> date != null).findFirst()
        .map(date -> " by " + CLOCK.format(date.toInstant())).orElse("");
    return new Feedback("Your report is recorded as " + event + ". " + supervisor
        + ", on call, has it to triage" + due + " and may ask you for more; if it becomes an incident, its"
        + " page is linked from your tasks.", null, null);
  }

  private Feedback withNextSteps(Incident incident, String userId, String what) {
    String link = IncidentPageLinks.of(incident.id());
    if (incident.status() == IncidentStatus.CLOSED) {
      return new Feedback(what + " " + incident.id() + " is closed.", incident.id(), link);
    }
    // what irflow is still preparing is read first: a step it finishes meanwhile shows among the open tasks
    String preparing = preparing(incident);
    List<OpenTask> open = overview.openTasks(incident);
    if (open.isEmpty()) {
      return new Feedback(what + (preparing.isEmpty() ? " Nothing of " + incident.id() + " waits for anyone now."
          : preparing), incident.id(), link);
    }
    List<String> next = open.stream().limit(NEXT_TASKS_SHOWN).map(task -> "“" + action(task.name()) + "” ("
        + (task.assignee() == null ? "offered to " + String.join(", ", task.candidateGroups())
            : userId.equals(task.assignee().id()) ? "you" : task.assignee().name()) + ")").toList();
    String more = open.size() > NEXT_TASKS_SHOWN ? " and " + (open.size() - NEXT_TASKS_SHOWN) + " more" : "";
    return new Feedback(what + " Next in " + incident.id() + ": " + String.join(", ", next) + more + "." + preparing,
        incident.id(), link);
  }

  /**
   * The response's steps irflow is about to run on its own (asynchronous continuations, such as creating
   * the war room's channels before "Take command"): " irflow is preparing “…”, then more tasks follow.", or "".
   */
  private String preparing(Incident incident) {
    if (incident.responseProcessInstanceId() == null) {
      return "";
    }
    List<String> steps = management.createJobQuery().processInstanceId(incident.responseProcessInstanceId())
        .messages().withRetriesLeft().list().stream()
        .map(job -> activityName(job.getProcessDefinitionId(), ((JobEntity) job).getActivityId())).distinct().toList();
    return steps.isEmpty() ? "" : " irflow is preparing " + steps.stream().map(step -> "“" + step + "”")
        .collect(Collectors.joining(", ")) + "; more tasks follow in a moment.";
  }

  private String activityName(String processDefinitionId, String activityId) {
    ModelElementInstance element = repository.getBpmnModelInstance(processDefinitionId).getModelElementById(activityId);
    String name = element == null ? null : element.getAttributeValue("name");
    return name == null ? activityId : name;
  }

  /** The incident a process instance belongs to: its own variable, or that of the process it called. */
  private Optional<Incident> incident(String processInstanceId) {
    return variable(processInstanceId, Variables.INCIDENT_ID)
        .or(() -> history.createHistoricProcessInstanceQuery().superProcessInstanceId(processInstanceId).list()
            .stream().map(called -> variable(called.getId(), Variables.INCIDENT_ID)).flatMap(Optional::stream)
            .findFirst())
        .map(Object::toString).flatMap(incidents::find);
  }

  private Optional<Object> variable(String processInstanceId, String name) {
    List<HistoricVariableInstance> found = history.createHistoricVariableInstanceQuery()
        .processInstanceId(processInstanceId).variableName(name).list();
    return found.stream().map(HistoricVariableInstance::getValue).filter(value -> value != null).findFirst();
  }

  /** "INC-2026-0007 · Take command · Bridge replay" is "Take command"; a plain name is itself. */
  static String action(String taskName) {
    String[] parts = taskName == null ? new String[0] : taskName.split(IncidentTaskNames.SEPARATOR, 3);
    return parts.length >= 2 ? parts[1] : taskName;
  }
}
