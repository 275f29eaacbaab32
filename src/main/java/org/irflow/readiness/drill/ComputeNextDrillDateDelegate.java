package org.irflow.readiness.drill;

import static org.irflow.process.DrillVariables.LAST_DRILL_AT;
import static org.irflow.process.DrillVariables.LAST_REAL_INCIDENT_AT;
import static org.irflow.process.DrillVariables.NEXT_DRILL_DUE;

import java.time.Instant;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Sets {@code nextDrillDue} (ISO 8601), the date of the timer "Drill due". */
@Component("computeNextDrillDateDelegate")
public class ComputeNextDrillDateDelegate implements JavaDelegate {

  private final DrillService drills;

  public ComputeNextDrillDateDelegate(DrillService drills) {
    this.drills = drills;
  }

  @Override
  public void execute(DelegateExecution execution) {
    setDueDate(execution, drills.nextDue());
  }

  static void setDueDate(DelegateExecution execution, DrillService.DueDate due) {
    execution.setVariable(NEXT_DRILL_DUE, due.due().toString());
    execution.setVariable(LAST_REAL_INCIDENT_AT, text(due.lastRealIncident()));
    execution.setVariable(LAST_DRILL_AT, text(due.lastDrill()));
  }

  private static String text(Instant instant) {
    return instant == null ? null : instant.toString();
  }
}
