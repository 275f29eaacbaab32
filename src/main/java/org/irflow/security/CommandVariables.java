package org.irflow.security;

import java.lang.reflect.Field;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.camunda.bpm.engine.impl.cmd.AbstractInstantiationCmd;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.migration.MigrationPlan;

/**
 * The variables an engine command is about to write, and where: read from the command itself, before
 * it runs. Camunda's commands keep the caller's variables in fields without getters, so they are read
 * by field name; a command of a known class whose field is missing (a Camunda upgrade renamed it)
 * fails loudly rather than letting its variables through.
 *
 * <p>Every command of Camunda 7.24 that takes variables from its caller is listed here: process
 * starts, task completions and task variables, execution variables, message and signal payloads,
 * modifications, restarts, migrations, conditional starts, batches and external tasks. Queries and
 * reads take none and are not listed.
 */
final class CommandVariables {

  /** What a command writes. */
  sealed interface Writes {
    Set<String> names();
  }

  /**
   * A new process instance at its start event: the start form's fields.
   *
   * @param definitionId or null when started by key
   * @param formSubmission the start form was submitted (the form handler drops its display-only fields)
   */
  record Start(String definitionId, String definitionKey, boolean formSubmission, Set<String> names)
      implements Writes {}

  /**
   * Variables given with a user task's completion (or its BPMN error or escalation), or set on the
   * task: the task form's fields.
   *
   * @param formSubmission the task form was submitted (the form handler drops its display-only fields)
   */
  record TaskWrite(String taskId, boolean formSubmission, Set<String> names) implements Writes {}

  /** A new process instance started at activities of the operator's choice, skipping its start event. */
  record StartAtActivity(Set<String> names) implements Writes {}

  /**
   * Variables written into running process instances: an operator's repair.
   *
   * @param processInstanceOrExecutionId the one instance concerned; null when several or not known yet
   */
  record RunningWrite(String processInstanceOrExecutionId, Set<String> names) implements Writes {}

  private static final Map<String, Function<Object, Writes>> BY_COMMAND_CLASS = new LinkedHashMap<>();

  static {
    String cmd = "org.camunda.bpm.engine.impl.cmd.";
    // starts
    BY_COMMAND_CLASS.put(cmd + "StartProcessInstanceCmd", command -> {
      Object builder = read(command, "instantiationBuilder");
      Object modification = read(builder, "modificationBuilder");
      Set<String> names = names(read(modification, "processVariables"));
      Collection<?> instructions = (Collection<?>) read(modification, "operations");
      if (instructions != null && !instructions.isEmpty()) {
        names.addAll(names(instructions));
        return new StartAtActivity(names);
      }
      return new Start((String) read(builder, "processDefinitionId"), (String) read(builder, "processDefinitionKey"),
          false, names);
    });
    BY_COMMAND_CLASS.put(cmd + "SubmitStartFormCmd",
        command -> new Start((String) read(command, "processDefinitionId"), null, true, names(read(command, "variables"))));
    BY_COMMAND_CLASS.put(cmd + "StartProcessInstanceAtActivitiesCmd", command -> {
      Object modification = read(read(command, "instantiationBuilder"), "modificationBuilder");
      Set<String> names = names(read(modification, "processVariables"));
      names.addAll(names(read(modification, "operations")));
      return new StartAtActivity(names);
    });
    BY_COMMAND_CLASS.put(cmd + "EvaluateStartConditionCmd",
        command -> new RunningWrite(null, names(read(read(command, "builder"), "variables"))));
    // user tasks (ResolveTaskCmd is a CompleteTaskCmd)
    BY_COMMAND_CLASS.put(cmd + "CompleteTaskCmd", command -> task(command, "taskId", false, "variables"));
    BY_COMMAND_CLASS.put(cmd + "SubmitTaskFormCmd", command -> task(command, "taskId", true, "properties"));
    BY_COMMAND_CLASS.put(cmd + "HandleTaskBpmnErrorCmd", command -> task(command, "taskId", false, "variables"));
    BY_COMMAND_CLASS.put(cmd + "HandleTaskEscalationCmd", command -> task(command, "taskId", false, "variables"));
    BY_COMMAND_CLASS.put(cmd + "SetTaskVariablesCmd", command -> task(command, "entityId", false, "variables"));
    BY_COMMAND_CLASS.put(cmd + "RemoveTaskVariablesCmd", command -> task(command, "entityId", false, "variableNames"));
    BY_COMMAND_CLASS.put(cmd + "PatchTaskVariablesCmd",
        command -> task(command, "entityId", false, "variables", "deletions"));
    // running instances
    BY_COMMAND_CLASS.put(cmd + "SetExecutionVariablesCmd", command -> running(command, "entityId", "variables"));
    BY_COMMAND_CLASS.put(cmd + "RemoveExecutionVariablesCmd", command -> running(command, "entityId", "variableNames"));
    BY_COMMAND_CLASS.put(cmd + "PatchExecutionVariablesCmd",
        command -> running(command, "entityId", "variables", "deletions"));
    BY_COMMAND_CLASS.put(cmd + "AbstractCorrelateMessageCmd", command -> {
      Object builder = read(command, "builder");
      // the correlation keys only select instances; the payload is written
      return new RunningWrite((String) read(builder, "processInstanceId"), names(
          read(builder, "payloadProcessInstanceVariables"), read(builder, "payloadProcessInstanceVariablesLocal"),
          read(builder, "payloadProcessInstanceVariablesToTriggeredScope")));
    });
    BY_COMMAND_CLASS.put(cmd + "MessageEventReceivedCmd", command -> running(command, "executionId",
        "processVariables", "processVariablesLocal", "processVariablesToTriggeredScope"));
    BY_COMMAND_CLASS.put(cmd + "SignalCmd", command -> running(command, "executionId", "processVariables"));
    BY_COMMAND_CLASS.put(cmd + "SignalEventReceivedCmd", command -> {
      Object builder = read(command, "builder");
      return new RunningWrite((String) read(builder, "executionId"), names(read(builder, "variables")));
    });
    Function<Object, Writes> modification = command -> {
      Object builder = read(command, "builder");
      Set<String> names = names(read(builder, "processVariables"), read(builder, "operations"));
      return new RunningWrite((String) read(builder, "processInstanceId"), names);
    };
    BY_COMMAND_CLASS.put(cmd + "ModifyProcessInstanceCmd", modification);
    BY_COMMAND_CLASS.put(cmd + "ModifyProcessInstanceAsyncCmd", modification);
    BY_COMMAND_CLASS.put(cmd + "AbstractModificationCmd",
        command -> new RunningWrite(null, names(read(read(command, "builder"), "instructions"))));
    BY_COMMAND_CLASS.put(cmd + "AbstractRestartProcessInstanceCmd",
        command -> new RunningWrite(null, names(read(read(command, "builder"), "instructions"))));
    BY_COMMAND_CLASS.put("org.camunda.bpm.engine.impl.batch.RestartProcessInstancesBatchCmd",
        command -> new RunningWrite(null, names(read(read(command, "builder"), "instructions"))));
    BY_COMMAND_CLASS.put(cmd + "batch.CorrelateAllMessageBatchCmd", command -> running(command, null, "variables"));
    BY_COMMAND_CLASS.put(cmd + "batch.variables.SetVariablesToProcessInstancesBatchCmd",
        command -> running(command, null, "variables"));
    BY_COMMAND_CLASS.put("org.camunda.bpm.engine.impl.migration.AbstractMigrationCmd", command -> {
      MigrationPlan plan = (MigrationPlan) read(read(command, "executionBuilder"), "migrationPlan");
      return new RunningWrite(null, names(plan.getVariables()));
    });
    BY_COMMAND_CLASS.put(cmd + "CompleteExternalTaskCmd", command -> running(command, null, "variables", "localVariables"));
    BY_COMMAND_CLASS.put(cmd + "HandleExternalTaskFailureCmd",
        command -> running(command, null, "variables", "localVariables"));
    BY_COMMAND_CLASS.put(cmd + "HandleExternalTaskBpmnErrorCmd", command -> running(command, null, "variables"));
  }

  private CommandVariables() {}

  /** What the command writes; empty when it takes no variables from its caller. */
  static Optional<Writes> of(Command<?> command) {
    for (Class<?> type = command.getClass(); type != null; type = type.getSuperclass()) {
      Function<Object, Writes> reader = BY_COMMAND_CLASS.get(type.getName());
      if (reader != null) {
        return Optional.of(reader.apply(command));
      }
    }
    return Optional.empty();
  }

  /** The names of the commands this class reads, for the test that compares them with Camunda's. */
  static Set<String> commandClasses() {
    return BY_COMMAND_CLASS.keySet();
  }

  private static TaskWrite task(Object command, String taskIdField, boolean formSubmission, String... fields) {
    return new TaskWrite((String) read(command, taskIdField), formSubmission, namesOf(command, fields));
  }

  private static RunningWrite running(Object command, String idField, String... fields) {
    return new RunningWrite(idField == null ? null : (String) read(command, idField), namesOf(command, fields));
  }

  private static Set<String> namesOf(Object command, String... fields) {
    Set<String> names = new LinkedHashSet<>();
    for (String field : fields) {
      names.addAll(names(read(command, field)));
    }
    return names;
  }

  /**
   * The variable names in maps of variables, collections of names, or lists of modification
   * instructions (whose start-before and start-after steps carry variables).
   */
  private static Set<String> names(Object... values) {
    Set<String> names = new LinkedHashSet<>();
    for (Object value : values) {
      if (value instanceof Map<?, ?> variables) {
        variables.keySet().forEach(name -> names.add(String.valueOf(name)));
      } else if (value instanceof Collection<?> items) {
        for (Object item : items) {
          if (item instanceof AbstractInstantiationCmd instruction) {
            names.addAll(names(instruction.getVariables(), instruction.getVariablesLocal()));
          } else if (item instanceof String name) {
            names.add(name);
          }
        }
      }
    }
    return names;
  }

  private static Object read(Object target, String fieldName) {
    for (Class<?> type = target.getClass(); type != null; type = type.getSuperclass()) {
      try {
        Field field = type.getDeclaredField(fieldName);
        field.setAccessible(true);
        return field.get(target);
      } catch (NoSuchFieldException notHere) {
        // declared further up
      } catch (IllegalAccessException e) {
        throw new IllegalStateException("cannot read " + fieldName + " of " + target.getClass().getName(), e);
      }
    }
    throw new IllegalStateException(target.getClass().getName() + " has no field " + fieldName
        + ": this Camunda version keeps its variables elsewhere; irflow refuses the command");
  }
}
