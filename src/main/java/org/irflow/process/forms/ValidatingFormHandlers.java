package org.irflow.process.forms;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.form.StartFormData;
import org.camunda.bpm.engine.form.TaskFormData;
import org.camunda.bpm.engine.impl.form.handler.StartFormHandler;
import org.camunda.bpm.engine.impl.form.handler.TaskFormHandler;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.impl.persistence.entity.DeploymentEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParse;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;

/**
 * Form handlers that check a submission against its Camunda Form before the engine takes it.
 * A {@link FormFieldValidationException} is what the REST API answers with 400 and Tasklist shows.
 */
public final class ValidatingFormHandlers {

  private ValidatingFormHandlers() {}

  /**
   * Throws a {@link FormFieldValidationException} naming every field that breaks the form's rules.
   *
   * @param submitted the values to check: a submission, or everything visible to the task
   * @param scope the task or execution the form belongs to
   */
  public static void check(FormSchema schema, List<FormRule> rules, Map<String, Object> submitted,
      VariableScope scope) {
    List<String> problems = new ArrayList<>(schema.problems(submitted, FormUsers::membersOf));
    if (!rules.isEmpty()) {
      Map<String, Object> values = new HashMap<>(scope.getVariables());
      values.putAll(submitted);
      rules.forEach(rule -> problems.addAll(rule.problems(values, scope)));
    }
    if (!problems.isEmpty()) {
      // the message is what Tasklist shows: the problems in words, nothing of the engine's internals
      throw new FormFieldValidationException(problems, String.join("\n", problems));
    }
  }


  /**
   * The submitted values of the form's input fields, typed as submitted. Anything else in a
   * submission (a displayed field such as the incident id, or a variable the form does not have,
   * such as the incident's supervisor) is dropped, so a form can change only what it asks for.
   * The choices of a list field (a JSON array from Tasklist, or text through the REST API) are stored
   * as one text, comma-separated, as expressions such as {@code camunda:candidateUsers} read it.
   */
  static VariableMap inputsOnly(FormSchema schema, VariableMap submitted) {
    VariableMap inputs = Variables.createVariables();
    for (String key : schema.inputKeys()) {
      if (submitted.containsKey(key)) {
        inputs.putValueTyped(key, submitted.getValueTyped(key));
      }
    }
    for (FormField field : schema.listFields()) {
      if (inputs.containsKey(field.key()) && inputs.get(field.key()) != null) {
        inputs.putValueTyped(field.key(),
            Variables.stringValue(String.join(", ", FormValues.list(inputs.get(field.key())))));
      }
    }
    return inputs;
  }

  /**
   * Stores the choices of the form's list fields as {@link #inputsOnly} does, for a completion that
   * set them as variables without the form (REST /complete, the Java API).
   */
  public static void storeListsAsText(FormSchema schema, VariableScope scope) {
    for (FormField field : schema.listFields()) {
      Object value = scope.getVariable(field.key());
      if (value != null && !(value instanceof String)) {
        scope.setVariable(field.key(), String.join(", ", FormValues.list(value)));
      }
    }
  }

  /** Start form of a process. */
  public record Start(StartFormHandler delegate, FormSchema schema, List<FormRule> rules)
      implements StartFormHandler {
    @Override
    public StartFormData createStartFormData(ProcessDefinitionEntity processDefinition) {
      return delegate.createStartFormData(processDefinition);
    }

    @Override
    public void parseConfiguration(Element element, DeploymentEntity deployment,
        ProcessDefinitionEntity processDefinition, BpmnParse bpmnParse) {
      delegate.parseConfiguration(element, deployment, processDefinition, bpmnParse);
    }

    @Override
    public void submitFormVariables(VariableMap properties, VariableScope variableScope) {
      check(schema, rules, properties, variableScope);
      delegate.submitFormVariables(inputsOnly(schema, properties), variableScope);
    }
  }

  /** Form of a user task. */
  public record Task(TaskFormHandler delegate, FormSchema schema, List<FormRule> rules)
      implements TaskFormHandler {
    @Override
    public TaskFormData createTaskForm(TaskEntity task) {
      return delegate.createTaskForm(task);
    }

    @Override
    public void parseConfiguration(Element element, DeploymentEntity deployment,
        ProcessDefinitionEntity processDefinition, BpmnParse bpmnParse) {
      delegate.parseConfiguration(element, deployment, processDefinition, bpmnParse);
    }

    @Override
    public void submitFormVariables(VariableMap properties, VariableScope variableScope) {
      check(schema, rules, properties, variableScope);
      delegate.submitFormVariables(inputsOnly(schema, properties), variableScope);
    }
  }

}
