package org.irflow.process;

import java.util.function.Supplier;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;

/**
 * Runs engine calls made by a delegate on behalf of the process rather than of the person whose
 * task completion triggered it (e.g. reassigning the outgoing supervisor's tasks at a hand-off).
 */
public final class EngineAccess {

  private EngineAccess() {}

  public static <T> T asProcess(Supplier<T> work) {
    CommandContext commandContext = Context.getCommandContext();
    if (commandContext == null || !commandContext.isAuthorizationCheckEnabled()) {
      return work.get();
    }
    commandContext.disableAuthorizationCheck();
    try {
      return work.get();
    } finally {
      commandContext.enableAuthorizationCheck();
    }
  }

  public static void asProcess(Runnable work) {
    asProcess(() -> {
      work.run();
      return null;
    });
  }
}
