package org.irflow.process.forms;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.VariableScope;

/**
 * A rule of one form beyond what its JSON can say (a reason required only when withholding, a line
 * format, a state of the world such as "no committed action item open"). Spring beans of this type
 * are applied wherever the form is submitted, like the form's own rules.
 */
public interface FormRule {

  /** The id of the form in forms/ this rule belongs to. */
  String formId();

  /**
   * @param values the submitted values over the variables already visible to the task or start
   * @param scope the task or execution, e.g. to read the incident id
   * @return one message per problem, each naming its field; empty when the submission is acceptable
   */
  List<String> problems(Map<String, Object> values, VariableScope scope);
}
