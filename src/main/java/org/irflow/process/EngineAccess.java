package org.irflow.process;

import java.util.function.Supplier;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;

/**
 * Runs engine calls made by a delegate on behalf of the process rather than of the person whose
 * task completion triggered it (e.g. reassigning the outgoing supervisor's tasks at a hand-off), and
 * marks the calls irflow's own code makes with variables it chose itself while a person is
 * authenticated (an /api request that starts a process).
 */
public final class EngineAccess {

  private static final ThreadLocal<Boolean> IRFLOW_CALL = new ThreadLocal<>();

  private EngineAccess() {}

  /**
   * Runs engine calls whose variables irflow's own code chose, outside any engine command, while a
   * person is authenticated: e.g. an /api endpoint that starts a triage with provenance it took from
   * a stored event. Without it, such a call is checked like the person's own REST call, which may set
   * only the fields of the form in question. Never pass variables a request supplied through here.
   */
  public static <T> T asIrflow(Supplier<T> work) {
    Boolean outer = IRFLOW_CALL.get();
    IRFLOW_CALL.set(Boolean.TRUE);
    try {
      return work.get();
    } finally {
      if (outer == null) {
        IRFLOW_CALL.remove();
      }
    }
  }

  /** True inside {@link #asIrflow}. */
  public static boolean isIrflowCall() {
    return Boolean.TRUE.equals(IRFLOW_CALL.get());
  }

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

  /**
   * Runs the work in an engine command of its own with authorization checks off: for an /api request
   * that has already decided the caller may do it, where the engine would check the person's own
   * Camunda permissions (reading users and groups, starting one of irflow's own processes).
   */
  public static <T> T inCommandAsProcess(ProcessEngine engine, Supplier<T> work) {
    return ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getCommandExecutorTxRequired()
        .execute(context -> asProcess(work));
  }

  public static void asProcess(Runnable work) {
    asProcess(() -> {
      work.run();
      return null;
    });
  }
}
