package org.irflow.security;

import org.camunda.bpm.engine.BadUserRequestException;

/**
 * A person tried to set a variable that only irflow's own code sets, or that the form in question
 * does not ask for. The engine REST API answers it with 400 and this message, which names the
 * variable.
 */
public class VariableNotAllowed extends BadUserRequestException {

  public VariableNotAllowed(String message) {
    super(message);
  }
}
