package org.irflow.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.impl.persistence.deploy.cache.DeploymentCache;
import org.irflow.incident.Timeline;
import org.irflow.incident.TimelineKind;
import org.irflow.process.DrillVariables;
import org.irflow.process.EngineAccess;
import org.irflow.process.TimelineListeners;
import org.irflow.process.Variables;
import org.irflow.process.forms.FormSchema;
import org.irflow.process.forms.FormSchemas;
import org.irflow.security.CommandVariables.RunningWrite;
import org.irflow.security.CommandVariables.Start;
import org.irflow.security.CommandVariables.StartAtActivity;
import org.irflow.security.CommandVariables.TaskWrite;
import org.irflow.security.CommandVariables.Writes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a person to the fields of the form in question on every way into the engine: the engine REST
 * API, Tasklist and Cockpit (which call the same API), and Java calls made while a person is
 * authenticated. Where an event came from ({@code source}, {@code sourceSeverity},
 * {@code findingType}, the stored event's id) and whether it is a drill are set only by irflow's own
 * code: the intake, the drill process, delegates.
 *
 * <p>The check is made once, on the command a person's call opens, against the variables that call
 * hands to the engine; the delegates, listeners and decisions that then run inside the same command
 * write what they like. Commands without an authenticated user (the job executor, the intake,
 * schedules, start-up) and calls inside {@link EngineAccess#asIrflow} pass unchecked.
 *
 * <ul>
 *   <li>Starting a process: only the input fields of its start form (none without a start form), and
 *       at its start event.</li>
 *   <li>Completing a user task, its BPMN error or escalation, or setting its variables: only the input
 *       fields of the task's form. A form submission may carry the form's display-only fields too
 *       (Tasklist sends them); the form handler drops them.</li>
 *   <li>Variables of running instances (Cockpit's variable editing, modification, restart, message
 *       and signal payloads, migration, batches): operators only (group camunda-admin), never the
 *       variables irflow alone sets, and each change goes on the incident's timeline and the log.</li>
 * </ul>
 *
 * A refused call changes nothing and gets a {@link VariableNotAllowed} (HTTP 400) naming every
 * refused variable.
 */
public class PersonVariablesGuard extends CommandInterceptor {

  private static final Logger LOG = LoggerFactory.getLogger(PersonVariablesGuard.class);

  /** Variables no person sets, operators included: where an event came from, and whether it is a drill. */
  public static final Set<String> SET_ONLY_BY_IRFLOW = Set.of(DrillVariables.DRILL, Variables.SOURCE,
      Variables.SOURCE_SEVERITY, Variables.FINDING_TYPE, Variables.EVENT_ID);

  private final FormSchemas forms;
  private final Timeline timeline;
  private final ProcessEngineConfigurationImpl configuration;

  public PersonVariablesGuard(FormSchemas forms, Timeline timeline, ProcessEngineConfigurationImpl configuration) {
    this.forms = forms;
    this.timeline = timeline;
    this.configuration = configuration;
  }

  @Override
  public <T> T execute(Command<T> command) {
    // a command inside another one is irflow's own code at work (a delegate, a listener)
    if (Context.getCommandContext() != null || EngineAccess.isIrflowCall()) {
      return next.execute(command);
    }
    Authentication person = configuration.getIdentityService().getCurrentAuthentication();
    if (person == null || person.getUserId() == null) {
      return next.execute(command);
    }
    Writes writes = CommandVariables.of(command).orElse(null);
    if (writes == null) {
      return next.execute(command);
    }
    boolean operator = person.getGroupIds() != null && person.getGroupIds().contains(Groups.ADMINS);
    List<String> refused;
    if (writes instanceof Start start) {
      refused = next.execute(context -> refusedAtStart(start, context));
    } else if (writes instanceof TaskWrite task) {
      refused = next.execute(context -> refusedOnTask(task, context));
    } else if (operator) {
      refused = refusedToOperator(writes);
    } else if (writes instanceof StartAtActivity) {
      refused = List.of("a person starts a process at its start event only; starting it at an activity is"
          + " an operator's repair (group " + Groups.ADMINS + ")");
    } else {
      refused = writes.names().stream()
          .map(name -> "variable '" + name + "' cannot be set by a person: only an operator (group "
              + Groups.ADMINS + ") changes the variables of a running process")
          .toList();
    }
    if (!refused.isEmpty()) {
      throw new VariableNotAllowed(String.join("; ", refused));
    }
    T result = next.execute(command);
    if (operator && !writes.names().isEmpty()
        && (writes instanceof RunningWrite || writes instanceof StartAtActivity)) {
      recordOperatorChange(person.getUserId(), command, writes);
    }
    return result;
  }

  private List<String> refusedAtStart(Start start, CommandContext context) {
    ProcessDefinitionEntity definition = context.runWithoutAuthorization(() -> definition(start));
    if (definition == null) {
      return List.of(); // the start itself answers that there is no such process
    }
    FormSchema form = forms.find(definition.getStartFormDefinition()).orElse(null);
    return refused(start.names(), form, start.formSubmission(), "the start form of " + definition.getKey());
  }

  private ProcessDefinitionEntity definition(Start start) {
    DeploymentCache deployments = configuration.getDeploymentCache();
    try {
      return start.definitionId() != null ? deployments.findDeployedProcessDefinitionById(start.definitionId())
          : deployments.findDeployedLatestProcessDefinitionByKey(start.definitionKey());
    } catch (ProcessEngineException noSuchProcess) {
      return null;
    }
  }

  private List<String> refusedOnTask(TaskWrite write, CommandContext context) {
    TaskEntity task = context.runWithoutAuthorization(() -> context.getTaskManager().findTaskById(write.taskId()));
    if (task == null) {
      return List.of(); // the call itself answers that there is no such task
    }
    FormSchema form = task.getTaskDefinition() == null ? null
        : forms.find(task.getTaskDefinition().getFormDefinition()).orElse(null);
    return refused(write.names(), form, write.formSubmission(), "the form of task '" + task.getName() + "'");
  }

  private static List<String> refused(Set<String> names, FormSchema form, boolean formSubmission, String what) {
    List<String> refused = new ArrayList<>();
    for (String name : names) {
      if (form != null && form.inputKeys().contains(name)) {
        continue;
      }
      if (form != null && formSubmission && form.displayKeys().contains(name)) {
        continue; // shown on the form, sent back by Tasklist, dropped by the form handler
      }
      String reason = SET_ONLY_BY_IRFLOW.contains(name) ? "only irflow itself sets it (the intake, the drill process)"
          : form == null ? what + " has no fields"
          : form.displayKeys().contains(name) ? what + " ('" + form.id() + "') shows it but does not ask for it"
          : what + " ('" + form.id() + "') does not ask for it";
      refused.add("variable '" + name + "' cannot be set by a person: " + reason);
    }
    return refused;
  }

  private static List<String> refusedToOperator(Writes writes) {
    return writes.names().stream().filter(SET_ONLY_BY_IRFLOW::contains)
        .map(name -> "variable '" + name + "' cannot be set by a person, operators included: only irflow itself"
            + " sets it (the intake, the drill process)")
        .toList();
  }

  /** An operator's repair goes on the log, and on the incident's timeline when it concerns one instance. */
  private void recordOperatorChange(String operator, Command<?> command, Writes writes) {
    String instance = writes instanceof RunningWrite running ? running.processInstanceOrExecutionId() : null;
    LOG.warn("Operator {} changed the variables {} of {} ({})", operator, writes.names(),
        instance == null ? "running processes" : "process execution " + instance, command.getClass().getSimpleName());
    if (instance == null) {
      return;
    }
    next.execute(context -> {
      ExecutionEntity execution = context.runWithoutAuthorization(
          () -> context.getExecutionManager().findExecutionById(instance));
      Timeline.Source source = execution == null ? null
          : TimelineListeners.sourceOf(execution.getProcessInstance(), null);
      if (source != null) {
        timeline.append(source, TimelineKind.VARIABLES_CHANGED_BY_OPERATOR, operator,
            "Operator " + operator + " changed the variables " + String.join(", ", writes.names()) + " by hand",
            null);
      }
      return null;
    });
  }
}
