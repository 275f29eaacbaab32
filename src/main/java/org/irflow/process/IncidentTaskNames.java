package org.irflow.process;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.Expression;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.impl.task.TaskDefinition;
import org.irflow.incident.Incident;
import org.irflow.incident.Incidents;
import org.springframework.stereotype.Component;

/**
 * Names every task of an incident so that a Tasklist card says whose it is:
 * {@code INC-2026-0007 · Sign the pause transaction · Vault drained}; a triage before its incident
 * exists: {@code Event 42 · Triage event · Unusual withdrawals}. The models keep the plain action
 * ("Sign the pause transaction") as the element name, readable in the diagram; programme tasks outside
 * any incident (training, readiness) keep it as their name too.
 */
@Component
public class IncidentTaskNames implements TaskListener {

  /** Between the parts of a task's name. */
  public static final String SEPARATOR = " · ";
  /** The name column holds 255 characters; a long title is cut to fit. */
  static final int MAX_NAME_LENGTH = 255;

  private final Incidents incidents;

  public IncidentTaskNames(Incidents incidents) {
    this.incidents = incidents;
  }

  /** A task is created: its name gets the incident (or event) and its title. */
  @Override
  public void notify(DelegateTask task) {
    String action = action(task);
    String incidentId = task.getVariable(Variables.INCIDENT_ID) instanceof String id ? id : null;
    String reference;
    String title;
    if (incidentId != null) {
      reference = incidentId;
      title = incidents.find(incidentId).map(Incident::title)
          .orElse(task.getVariable(Variables.INCIDENT_TITLE) instanceof String variable ? variable : null);
    } else if (task.getVariable(Variables.EVENT_ID) instanceof Number eventId) {
      reference = "Event " + eventId.longValue();
      title = task.getVariable(Variables.EVENT_TITLE) instanceof String variable ? variable : null;
    } else {
      return;
    }
    task.setName(name(reference, action, title));
  }

  static String name(String reference, String action, String title) {
    String name = reference + SEPARATOR + action;
    if (title == null || title.isBlank()) {
      return cut(name, MAX_NAME_LENGTH);
    }
    int room = MAX_NAME_LENGTH - name.length() - SEPARATOR.length();
    return room < 2 ? cut(name, MAX_NAME_LENGTH) : name + SEPARATOR + cut(title.strip(), room);
  }

  private static String cut(String text, int length) {
    return text.length() <= length ? text : text.substring(0, length - 1) + "…";
  }

  /**
   * What the task asks, without the incident: the model's element name, with its expressions
   * resolved ("Pause Vault now?"). The timeline, already the incident's, says this.
   */
  public static String action(DelegateTask task) {
    TaskDefinition definition = task instanceof TaskEntity entity ? entity.getTaskDefinition() : null;
    Expression expression = definition == null ? null : definition.getNameExpression();
    if (expression == null) {
      return task.getName();
    }
    Object value = expression.getValue(task);
    return value == null ? task.getName() : value.toString();
  }
}
