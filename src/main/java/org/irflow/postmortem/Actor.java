package org.irflow.postmortem;

import org.camunda.bpm.engine.IdentityService;
import org.irflow.process.Actors;

/** Who acted: the authenticated user, else the person the task was meant for. */
final class Actor {

  private Actor() {}

  static String of(IdentityService identity, String fallback) {
    String actor = Actors.current(identity);
    return Actors.SYSTEM.equals(actor) && fallback != null ? fallback : actor;
  }
}
