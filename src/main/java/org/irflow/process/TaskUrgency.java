package org.irflow.process;

import java.time.Duration;
import java.util.Date;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionRuleResult;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.irflow.incident.Incident;
import org.irflow.incident.Incidents;
import org.springframework.stereotype.Component;

/**
 * How urgent an incident's task is, for Tasklist: its priority and its due date, both from the
 * ResponsePolicy decision table for the incident's severity as it stands when the task is created (the
 * incident record, which follows a severity change; else the process's {@code severity} variable).
 * The models name it in each user task: {@code camunda:priority="${taskUrgency.priority(execution)}"},
 * {@code camunda:dueDate="${taskUrgency.due(execution, 'containment')}"}.
 *
 * <p>The table is evaluated directly, not as a decision of the process: nothing goes to the history or
 * the timeline for each task (the response's own "Apply response policy" records the policy once).
 */
@Component("taskUrgency")
public class TaskUrgency {

  static final String DECISION = "ResponsePolicy";
  /** Priority of a task whose severity is not known yet (Camunda's default). */
  static final int DEFAULT_PRIORITY = 50;
  /** Severity assumed for the due date of a task whose severity is not known yet. */
  static final String DEFAULT_SEVERITY = "SEV3";

  /** The kinds of task with a due date of their own in the policy: its output is {@code <kind>TaskDueIn}. */
  public enum Kind {
    /** pausing contracts, signing and executing the pause, a stalled or failed pause */
    CONTAINMENT("containment"),
    /** the response's own steps: war room, roles, plan, sync calls, hand-offs, spill tasks */
    RESPONSE("response"),
    /** public updates, customer notices, a message to send by hand */
    COMMUNICATIONS("communications"),
    /** the post-mortem: draft, action items, publication, weekly review, closure */
    POST_MORTEM("postMortem");

    private final String name;

    Kind(String name) {
      this.name = name;
    }

    String output() {
      return name + "TaskDueIn";
    }

    static Kind of(String name) {
      for (Kind kind : values()) {
        if (kind.name.equals(name)) {
          return kind;
        }
      }
      throw new IllegalArgumentException("no kind of task '" + name + "'; one of containment, response,"
          + " communications, postMortem");
    }
  }

  private final Incidents incidents;

  public TaskUrgency(Incidents incidents) {
    this.incidents = incidents;
  }

  /** The task's priority: the policy's taskPriority for the severity (SEV1 on top). */
  public int priority(VariableScope scope) {
    return severityOf(scope).map(severity -> ((Number) policy(severity).get("taskPriority")).intValue())
        .orElse(DEFAULT_PRIORITY);
  }

  /** When a task of that kind (containment, response, communications, postMortem) created now is due. */
  public Date due(VariableScope scope, String kind) {
    String severity = severityOf(scope).orElse(DEFAULT_SEVERITY);
    Duration dueIn = Duration.parse((String) policy(severity).get(Kind.of(kind).output()));
    return Date.from(ClockUtil.getCurrentTime().toInstant().plus(dueIn));
  }

  /** The incident's severity now, else the variable (a triage's decided severity); empty when unknown. */
  Optional<String> severityOf(VariableScope scope) {
    Object incidentId = scope.getVariable(Variables.INCIDENT_ID);
    if (incidentId instanceof String id) {
      Optional<String> recorded = incidents.find(id).map(Incident::severity).map(Enum::name);
      if (recorded.isPresent()) {
        return recorded;
      }
    }
    return scope.getVariable(Variables.SEVERITY) instanceof String severity && !severity.isBlank()
        ? Optional.of(severity) : Optional.empty();
  }

  private static Map<String, Object> policy(String severity) {
    ProcessEngineConfigurationImpl configuration = Context.getProcessEngineConfiguration();
    DmnDecision decision = (DmnDecision) configuration.getDeploymentCache()
        .findDeployedLatestDecisionDefinitionByKey(DECISION);
    DmnDecisionRuleResult result = configuration.getDmnEngine()
        .evaluateDecisionTable(decision, org.camunda.bpm.engine.variable.Variables.putValue("severity", severity))
        .getSingleResult();
    if (result == null) {
      throw new IllegalStateException("ResponsePolicy has no rule for severity " + severity);
    }
    return result.getEntryMap();
  }
}
