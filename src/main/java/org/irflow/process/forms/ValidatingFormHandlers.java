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
    List<String> problems = new ArrayList<>(schema.problems(submitted, FormUsers::isMember));
    if (!rules.isEmpty()) {
      Map<String, Object> values = new HashMap<>(scope.getVariables());
      values.putAll(submitted);
      rules.forEach(rule -> problems.addAll(rule.problems(values, scope)));
    }
    if (!problems.isEmpty()) {
      throw new FormFieldValidationException(problems,
          "form '" + schema.id() + "' is invalid: " + String.join("; ", problems));
    }
  }


  /**
   * The submitted values of the form's input fields, typed as submitted. Anything else in a
   * submission (a displayed field such as the incident id, or a variable the form does not have,
   * such as the incident's supervisor) is dropped, so a form can change only what it asks for.
   */
  static VariableMap inputsOnly(FormSchema schema, VariableMap submitted) {
    VariableMap inputs = Variables.createVariables();
    for (String key : schema.inputKeys()) {
      if (submitted.containsKey(key)) {
        inputs.putValueTyped(key, submitted.getValueTyped(key));
      }
    }
    return inputs;
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
