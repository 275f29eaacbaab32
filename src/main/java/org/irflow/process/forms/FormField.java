package org.irflow.process.forms;

import java.util.List;

/**
 * One input of a Camunda Form, as far as the server checks it.
 *
 * @param options allowed values of a select or radio group; empty when free
 * @param memberOf a Camunda group the entered user id must belong to (component property "memberOf")
 * @param input false for display-only fields (disabled, readonly, text views)
 */
public record FormField(
    String key, String label, String type, boolean required, List<String> options,
    String memberOf, boolean conditional, boolean input, String pattern) {

  public String describe() {
    return label == null || label.isBlank() ? "'" + key + "'" : "'" + key + "' (" + label + ")";
  }
}
