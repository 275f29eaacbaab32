package org.irflow.process.forms;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.spin.plugin.variable.SpinValues;
import org.irflow.security.GroupMembers;
import org.irflow.security.Groups;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * Fills the options of a task's choice fields when the task is created: for each field with a
 * {@code valuesKey}, a task variable of that name holding {@code [{"label", "value"}]}, which the form
 * in Tasklist reads. A field with the property {@code memberOf} offers the group's members with their
 * names; one with {@code optionsFrom} offers what that {@link FormOptionSource} lists. These are
 * irflow's own variables on the task, not a person's input: nobody submits them.
 */
@Component
public class FormOptions {

  /** {@code optionsFrom} of a field offering every member of the programme's groups. */
  public static final String PROGRAMME_MEMBERS = "programme-members";

  private final GroupMembers members;
  private final Map<String, FormOptionSource> sources;

  private final ObjectMapper json;

  public FormOptions(@Lazy GroupMembers members, @Lazy List<FormOptionSource> sources, ObjectMapper json) {
    this.json = json;
    this.members = members;
    this.sources = sources.stream().collect(Collectors.toMap(FormOptionSource::name, Function.identity()));
  }

  /** Task listener on "create" of every user task whose form has such fields. */
  public void fill(DelegateTask task, FormSchema form) {
    for (FormField field : form.fieldsWithFilledOptions()) {
      task.setVariableLocal(field.valuesKey(), SpinValues.jsonValue(json(options(field))).create());
    }
  }

  List<FormField.Option> options(FormField field) {
    if (field.memberOf() != null) {
      return membersOf(List.of(field.memberOf()));
    }
    if (PROGRAMME_MEMBERS.equals(field.optionsFrom())) {
      return membersOf(Groups.PROGRAMME);
    }
    FormOptionSource source = sources.get(field.optionsFrom());
    if (source == null) {
      throw new IllegalStateException("field " + field.key() + " takes its options from '" + field.optionsFrom()
          + "', which irflow does not know; known: " + sources.keySet() + " and " + PROGRAMME_MEMBERS);
    }
    return source.options();
  }

  private List<FormField.Option> membersOf(List<String> groups) {
    return members.withNames(groups).stream()
        .map(member -> new FormField.Option(member.id(), member.displayName())).toList();
  }

  private String json(List<FormField.Option> options) {
    try {
      return json.writeValueAsString(options);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
