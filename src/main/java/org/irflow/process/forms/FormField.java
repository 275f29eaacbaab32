package org.irflow.process.forms;

import java.util.List;

/**
 * One input of a Camunda Form, as far as the server checks it.
 *
 * @param options allowed values of a select, radio group, checklist or taglist written in the form;
 *     empty when free or when the options come from a variable ({@code valuesKey})
 * @param memberOf a Camunda group every chosen user id must belong to (component property "memberOf")
 * @param valuesKey the variable the browser reads the options from; irflow fills it when the task is
 *     created ({@link FormOptions})
 * @param optionsFrom where those options come from when they are not a group's members (component
 *     property "optionsFrom", e.g. {@code registered-contracts})
 * @param input false for display-only fields (disabled, readonly, text views)
 * @param validationType form-js's built-in check of a text field, e.g. {@code email}
 * @param rowFields the fields of each row of a repeating group ({@code dynamiclist}); empty otherwise
 * @param textFrom the {@link FormTextSource} that writes a display field's text when the task is created
 *     (component property "textFrom", e.g. {@code public-update-channels}); null otherwise
 */
public record FormField(
    String key, String label, String type, boolean required, List<Option> options,
    String memberOf, String valuesKey, String optionsFrom, boolean conditional, boolean input,
    String pattern, String validationType, List<FormField> rowFields, String textFrom) {

  /** One choice of a select, radio group, checklist or taglist. */
  public record Option(String value, String label) {}

  /** A taglist or checklist: its value is a list of choices. */
  public boolean isList() {
    return "taglist".equals(type) || "checklist".equals(type);
  }

  /** A repeating group of rows, each a map of the row fields' values. */
  public boolean isRows() {
    return "dynamiclist".equals(type);
  }

  public List<String> optionValues() {
    return options.stream().map(Option::value).toList();
  }

  /** The field as a person sees it: its label. */
  public String describe() {
    return label == null || label.isBlank() ? key : label;
  }
}
