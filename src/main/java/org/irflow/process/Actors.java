package org.irflow.process;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;

/** Who did it: the person whose request runs the step, or irflow itself for timers and jobs. */
public final class Actors {

  public static final String SYSTEM = "irflow";

  private Actors() {}

  public static String current(IdentityService identity) {
    Authentication authentication = identity.getCurrentAuthentication();
    return authentication == null || authentication.getUserId() == null ? SYSTEM
        : authentication.getUserId();
  }
}
