package org.irflow.process.forms;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.irflow.process.VariableTexts;
import org.irflow.security.Groups;

/**
 * The server-side rules of one Camunda Form: required fields, allowed options, group membership.
 * Every message starts with the field's label and says in words what is wrong and what to choose
 * instead, as a person reads it in Tasklist.
 */
public record FormSchema(String id, List<FormField> fields) {

  /** A longer text would fail as a 500 when the engine stores the variable. */
  static final int LONGEST_TEXT = VariableTexts.LONGEST;

  /** What form-js's own e-mail check accepts, near enough: something@domain.tld, no spaces. */
  private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

  /**
   * Checks a submission. Returns one message per problem, each naming the field; empty when valid.
   *
   * @param membersOf the user ids of a group's members
   */
  public List<String> problems(Map<String, Object> submitted, Function<String, List<String>> membersOf) {
    List<String> problems = new ArrayList<>();
    for (FormField field : fields) {
      if (field.input()) {
        check(field, submitted.get(field.key()), field.describe(), membersOf, problems);
      }
    }
    return problems;
  }

  private static void check(FormField field, Object value, String where,
      Function<String, List<String>> membersOf, List<String> problems) {
    List<String> chosen;
    List<Map<String, Object>> rows;
    try {
      chosen = field.isList() ? FormValues.list(value) : null;
      // rows may also come as text through the REST API, which the form's own rule reads
      rows = field.isRows() && FormValues.isRows(value) ? FormValues.rows(value) : null;
    } catch (IllegalArgumentException notAList) {
      problems.add(where + ": expected a list of choices");
      return;
    }
    boolean blank = value == null || (value instanceof String s && s.isBlank())
        || (chosen != null && chosen.isEmpty()) || (rows != null && rows.isEmpty())
        // a required checkbox is a confirmation: only a tick fills it
        || ("checkbox".equals(field.type()) && field.required() && !Boolean.TRUE.equals(value));
    if (blank) {
      // a conditionally hidden field cannot be required of everyone
      if (field.required() && !field.conditional()) {
        problems.add(where + ": " + ("checkbox".equals(field.type()) ? "tick it to go on" : "required"));
      }
      return;
    }
    if (rows != null) {
      for (int i = 0; i < rows.size(); i++) {
        for (FormField rowField : field.rowFields()) {
          check(rowField, rows.get(i).get(rowField.key()), where + ", row " + (i + 1) + ", "
              + rowField.describe(), membersOf, problems);
        }
      }
      return;
    }
    if (field.isRows()) {
      return;
    }
    for (String one : chosen != null ? chosen : List.of(String.valueOf(value))) {
      if (!field.options().isEmpty() && !field.optionValues().contains(one)) {
        problems.add(where + ": " + one + " is not a choice here; choose one of "
            + String.join("; ", field.options().stream().map(FormField.Option::label).toList()));
      }
      if (field.memberOf() != null) {
        List<String> members = membersOf.apply(field.memberOf());
        if (!members.contains(one.trim())) {
          problems.add(where + ": " + one + " is not " + Groups.memberNoun(field.memberOf())
              + (members.isEmpty() ? "; nobody is, ask an operator to add them"
                  : ": choose one of " + String.join(", ", members)));
        }
      }
    }
    if (value instanceof String text) {
      if (text.length() > LONGEST_TEXT) {
        problems.add(where + ": " + text.length() + " characters is too long; at most " + LONGEST_TEXT);
      }
      if ("email".equals(field.validationType()) && !EMAIL.matcher(text.trim()).matches()) {
        problems.add(where + ": " + text + " is not an e-mail address (name@example.org)");
      }
      if (field.pattern() != null && !text.matches(field.pattern())) {
        problems.add(where + ": " + text + " is not in the form this field asks for"
            + (field.label() == null ? "" : " (see the hint under it)"));
      }
    }
  }

  public List<String> inputKeys() {
    return fields.stream().filter(FormField::input).map(FormField::key).toList();
  }

  /** Fields the form shows but does not ask for (disabled, read-only): Tasklist submits them too. */
  public List<String> displayKeys() {
    return fields.stream().filter(field -> !field.input()).map(FormField::key).toList();
  }

  /** The list fields (taglist, checklist) among the inputs. */
  public List<FormField> listFields() {
    return fields.stream().filter(field -> field.input() && field.isList()).toList();
  }

  /**
   * A field whose options irflow fills when the task is created: it names a group or a source. A field
   * with a values key and neither reads options its process sets itself (e.g. the outcomes an action
   * item may have).
   */
  private static boolean fillsOptions(FormField field) {
    return field.valuesKey() != null && (field.memberOf() != null || field.optionsFrom() != null);
  }

  /** The display fields whose text irflow writes when the task is created ({@link FormTexts}). */
  public List<FormField> fieldsWithFilledText() {
    return fields.stream().filter(field -> field.textFrom() != null).toList();
  }

  /** The fields whose options irflow fills when the task is created. */
  public List<FormField> fieldsWithFilledOptions() {
    List<FormField> filled = new ArrayList<>();
    for (FormField field : fields) {
      if (fillsOptions(field)) {
        filled.add(field);
      }
      field.rowFields().stream().filter(FormSchema::fillsOptions).forEach(filled::add);
    }
    return filled;
  }
}
