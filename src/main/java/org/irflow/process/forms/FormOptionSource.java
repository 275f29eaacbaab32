package org.irflow.process.forms;

import java.util.List;

/**
 * Options of a form field that are not a group's members, named in the form by the component property
 * {@code optionsFrom}; a Spring bean per source.
 */
public interface FormOptionSource {

  /** The name forms use in {@code optionsFrom}, e.g. {@code registered-contracts}. */
  String name();

  /** The options as they are now, each with the label a person reads. */
  List<FormField.Option> options();
}
