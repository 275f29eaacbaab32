package org.irflow.readiness.drill;

import static org.irflow.process.DrillVariables.DRILL_ACTIVELY_EXPLOITED;
import static org.irflow.process.DrillVariables.DRILL_AFFECTED_SYSTEMS;
import static org.irflow.process.DrillVariables.DRILL_AT;
import static org.irflow.process.DrillVariables.DRILL_FUNDS_AT_RISK;
import static org.irflow.process.DrillVariables.DRILL_ID;
import static org.irflow.process.DrillVariables.DRILL_PARTICIPANTS;
import static org.irflow.process.DrillVariables.DRILL_SCENARIO;
import static org.irflow.process.DrillVariables.DRILL_SEVERITY;
import static org.irflow.process.DrillVariables.DRILL_STARTS_AT;
import static org.irflow.process.DrillVariables.NEXT_DRILL_DUE;

import java.time.Instant;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.irflow.process.Actors;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/** Stores the plan of "Plan drill" and sets {@code drillStartsAt}, the date of the timer "Drill date reached". */
@Component("recordDrillPlanDelegate")
public class RecordDrillPlanDelegate implements JavaDelegate {

  private final DrillService drills;
  private final IdentityService identity;

  public RecordDrillPlanDelegate(DrillService drills, @Lazy IdentityService identity) {
    this.drills = drills;
    this.identity = identity;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Instant startsAt = DrillService.parseDateTime((String) execution.getVariable(DRILL_AT));
    DrillPlan plan = new DrillPlan(
        Instant.parse((String) execution.getVariable(NEXT_DRILL_DUE)),
        startsAt,
        ((String) execution.getVariable(DRILL_SCENARIO)).strip(),
        DrillService.participants((String) execution.getVariable(DRILL_PARTICIPANTS)),
        (String) execution.getVariable(DRILL_SEVERITY),
        ((String) execution.getVariable(DRILL_AFFECTED_SYSTEMS)).strip(),
        Boolean.TRUE.equals(execution.getVariable(DRILL_FUNDS_AT_RISK)),
        Boolean.TRUE.equals(execution.getVariable(DRILL_ACTIVELY_EXPLOITED)),
        Actors.current(identity));
    long drillId = drills.plan(plan, execution.getProcessInstanceId());
    execution.setVariable(DRILL_ID, drillId);
    execution.setVariable(DRILL_STARTS_AT, startsAt.toString());
  }
}
