package org.irflow.readiness.drill;

import static org.irflow.process.DrillVariables.DRILL_SCHEDULE_OUTCOME;

import java.time.Clock;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * The timer "Drill due" fired: is the drill still due? A real incident (or a drill) since the due
 * date was computed pushes it back; the new due date is set and the schedule waits again. An
 * instance that is no longer the registered schedule ends.
 */
@Component("checkDrillStillDueDelegate")
public class CheckDrillStillDueDelegate implements JavaDelegate {

  public static final String DUE = "DUE";
  public static final String NOT_YET = "NOT_YET";
  public static final String SUPERSEDED = "SUPERSEDED";

  private final DrillService drills;
  private final Clock clock;

  public CheckDrillStillDueDelegate(DrillService drills, Clock clock) {
    this.drills = drills;
    this.clock = clock;
  }

  @Override
  public void execute(DelegateExecution execution) {
    if (!drills.isRegisteredSchedule(execution.getProcessInstanceId())) {
      execution.setVariable(DRILL_SCHEDULE_OUTCOME, SUPERSEDED);
      return;
    }
    DrillService.DueDate due = drills.nextDue();
    ComputeNextDrillDateDelegate.setDueDate(execution, due);
    execution.setVariable(DRILL_SCHEDULE_OUTCOME, due.due().isAfter(clock.instant()) ? NOT_YET : DUE);
  }
}
