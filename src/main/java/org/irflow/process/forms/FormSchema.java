package org.irflow.process.forms;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.BiPredicate;
import org.irflow.process.VariableTexts;

/** The server-side rules of one Camunda Form: required fields, allowed options, group membership. */
public record FormSchema(String id, List<FormField> fields) {

  /**
   * Checks a submission. Returns one message per problem, each naming the field; empty when valid.
   *
   * @param isMember answers whether a user id belongs to a group
   */
  /** A longer text would fail as a 500 when the engine stores the variable. */
  static final int LONGEST_TEXT = VariableTexts.LONGEST;

  public List<String> problems(Map<String, Object> submitted, BiPredicate<String, String> isMember) {
    List<String> problems = new ArrayList<>();
    for (FormField field : fields) {
      if (!field.input()) {
        continue;
      }
      Object value = submitted.get(field.key());
      boolean blank = value == null || (value instanceof String s && s.isBlank())
          || (value instanceof Collection<?> c && c.isEmpty())
          // a required checkbox is a confirmation: only a tick fills it
          || ("checkbox".equals(field.type()) && field.required() && !Boolean.TRUE.equals(value));
      if (blank) {
        // a conditionally hidden field cannot be required of everyone
        if (field.required() && !field.conditional()) {
          problems.add("field " + field.describe() + " is required");
        }
        continue;
      }
      if (!field.options().isEmpty() && !(value instanceof Collection<?>)
          && !field.options().contains(String.valueOf(value))) {
        problems.add("field " + field.describe() + " must be one of " + field.options()
            + ", not '" + value + "'");
      }
      if (value instanceof String text && text.length() > LONGEST_TEXT) {
        problems.add("field " + field.describe() + " is longer than " + LONGEST_TEXT + " characters");
      }
      if (field.pattern() != null && value instanceof String text && !text.matches(field.pattern())) {
        problems.add("field " + field.describe() + ": '" + value + "' is not of the expected form");
      }
      if (field.memberOf() != null && !isMember.test(String.valueOf(value).trim(), field.memberOf())) {
        problems.add("field " + field.describe() + ": '" + value + "' is not a member of group '"
            + field.memberOf() + "'");
      }
    }
    return problems;
  }

  public List<String> inputKeys() {
    return fields.stream().filter(FormField::input).map(FormField::key).toList();
  }

  /** Fields the form shows but does not ask for (disabled, read-only): Tasklist submits them too. */
  public List<String> displayKeys() {
    return fields.stream().filter(field -> !field.input()).map(FormField::key).toList();
  }
}
