package org.irflow.process;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;

/**
 * What a task's card in Tasklist shows (the filters' variables): incident id, title, severity and the
 * event's title. Tasklist reads them for the card with the user's authorizations; responders,
 * communications officers and signers may work on their tasks but not read the process instance, so
 * for them the process's variables are not on the card. Each new task therefore gets its own copy
 * (task-local variables, which whoever may work on the task can read). A variable the task's form
 * lets a person enter (the triage's severity) is not copied: a local copy would take the entered
 * value, and the process would never see it.
 */
public final class TaskCards implements TaskListener {

  /** The card's variables with their labels, in the order Tasklist shows them. */
  public static final List<Map<String, String>> VARIABLES = List.of(
      Map.of("name", Variables.INCIDENT_ID, "label", "Incident"),
      Map.of("name", Variables.INCIDENT_TITLE, "label", "Title"),
      Map.of("name", Variables.SEVERITY, "label", "Severity"),
      Map.of("name", Variables.EVENT_TITLE, "label", "Event"));

  private final Collection<String> entered;

  /** @param entered the input fields of the task's form */
  public TaskCards(Collection<String> entered) {
    this.entered = entered;
  }

  @Override
  public void notify(DelegateTask task) {
    for (Map<String, String> variable : VARIABLES) {
      String name = variable.get("name");
      if (entered.contains(name)) {
        continue;
      }
      Object value = task.getExecution() == null ? null : task.getExecution().getVariable(name);
      if (value != null && !task.hasVariableLocal(name)) {
        task.setVariableLocal(name, value);
      }
    }
  }
}
