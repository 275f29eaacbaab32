package org.irflow.process.forms;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.irflow.process.VariableTexts;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * Writes the text of a task's computed display fields when the task is created: for each field with
 * the property {@code textFrom}, a task variable of the field's key holding what that
 * {@link FormTextSource} says. Like the filled options these are irflow's own variables on the task;
 * the form shows them read-only and nobody submits them.
 */
@Component
public class FormTexts {

  private final Map<String, FormTextSource> sources;

  public FormTexts(@Lazy List<FormTextSource> sources) {
    this.sources = sources.stream().collect(Collectors.toMap(FormTextSource::name, Function.identity()));
  }

  /** Task listener on "create" of every user task whose form has such fields. */
  public void fill(DelegateTask task, FormSchema form) {
    for (FormField field : form.fieldsWithFilledText()) {
      FormTextSource source = sources.get(field.textFrom());
      if (source == null) {
        throw new IllegalStateException("field " + field.key() + " takes its text from '" + field.textFrom()
            + "', which irflow does not know; known: " + sources.keySet());
      }
      task.setVariableLocal(field.key(), VariableTexts.fit(source.text(task), "the incident page"));
    }
  }
}
