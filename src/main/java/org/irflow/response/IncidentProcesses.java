package org.irflow.response;

import static org.irflow.process.Variables.INCIDENT_ID;
import static org.irflow.process.Variables.INCIDENT_SUPERVISOR;
import static org.irflow.process.Variables.INCIDENT_TITLE;
import static org.irflow.process.Variables.OBJECTIVE;
import static org.irflow.process.Variables.SEVERITY;

import java.util.Optional;
import java.util.function.Supplier;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.irflow.incident.Incident;
import org.irflow.process.DrillVariables;
import org.irflow.process.EngineAccess;
import org.springframework.context.annotation.Lazy;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * For processes of which an incident has at most one running (its customer notification, its spill
 * response): starts are serialised on the incident's row, so two nodes or two requests never start a
 * second one, and the check and the start are one transaction with the caller's.
 */
@Component
public class IncidentProcesses {

  private final JdbcTemplate jdbc;
  private final RuntimeService runtime;
  private final ProcessEngine engine;

  public IncidentProcesses(JdbcTemplate jdbc, @Lazy RuntimeService runtime, @Lazy ProcessEngine engine) {
    this.jdbc = jdbc;
    this.runtime = runtime;
    this.engine = engine;
  }

  /**
   * Runs the work inside an engine command, for the process (no authorization checks): the caller's
   * command when there is one (a delegate, a task listener), else a new one with its own transaction.
   */
  public <T> T inCommand(Supplier<T> work) {
    if (Context.getCommandContext() != null) {
      return EngineAccess.asProcess(work);
    }
    return ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getCommandExecutorTxRequired()
        .execute(commandContext -> EngineAccess.asProcess(work));
  }

  /** Locks the incident's row until the transaction ends; another starter waits here. */
  public void lock(String incidentId) {
    jdbc.queryForList("select id from incident where id = ? for update", String.class, incidentId);
  }

  /**
   * Starts the incident's process of that key unless one is running: the check and the start hold the
   * incident's row lock. Answers the running instance, or the one {@code start} started.
   */
  public String startOnce(String processKey, String incidentId, Supplier<String> start) {
    return inCommand(() -> {
      lock(incidentId);
      return running(processKey, incidentId).orElseGet(start);
    });
  }

  /** The variables every process of an incident starts with: what its tasks show and whom they go to. */
  public static VariableMap incidentVariables(Incident incident) {
    return Variables.createVariables()
        .putValue(INCIDENT_ID, incident.id())
        .putValue(INCIDENT_TITLE, incident.title())
        .putValue(SEVERITY, incident.severity().name())
        .putValue(OBJECTIVE, incident.objective())
        .putValue(INCIDENT_SUPERVISOR, incident.primarySupervisor())
        .putValue(DrillVariables.DRILL, incident.drill());
  }

  /** The incident's running (not ended) instance of the process, if any. */
  public Optional<String> running(String processKey, String incidentId) {
    return EngineAccess.asProcess(() -> runtime.createProcessInstanceQuery().processDefinitionKey(processKey)
        .processInstanceBusinessKey(incidentId).list().stream().map(ProcessInstance::getId).findFirst());
  }
}
