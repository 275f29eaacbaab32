package org.irflow.process.forms;

import org.camunda.bpm.engine.delegate.VariableScope;

/**
 * The text of a display field that irflow computes when the task is created (what an approval will
 * lead to, say), named in the form by the component property {@code textFrom}; a Spring bean per source.
 */
public interface FormTextSource {

  /** The name forms use in {@code textFrom}, e.g. {@code public-update-channels}. */
  String name();

  /** The text as it stands now, from the task's variables. */
  String text(VariableScope task);
}
