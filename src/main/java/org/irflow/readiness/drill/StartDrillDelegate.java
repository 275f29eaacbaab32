package org.irflow.readiness.drill;

import static org.irflow.process.DrillVariables.DRILL_ID;
import static org.irflow.process.DrillVariables.DRILL_TRIAGE_PROCESS_INSTANCE_ID;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.irflow.process.EngineAccess;
import org.irflow.process.ProcessKeys;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * Runs the drill through the real triage: starts IncidentTriageProcess with the plan's report and
 * the variable {@code drill = true}, which flows on to the incident row and the response.
 */
@Component("startDrillDelegate")
public class StartDrillDelegate implements JavaDelegate {

  static final String TRIAGE_BUSINESS_KEY_PREFIX = "DRILL-";

  private final RuntimeService runtime;
  private final DrillService drills;

  public StartDrillDelegate(@Lazy RuntimeService runtime, DrillService drills) {
    this.runtime = runtime;
    this.drills = drills;
  }

  @Override
  public void execute(DelegateExecution execution) {
    long drillId = ((Number) execution.getVariable(DRILL_ID)).longValue();
    Drill drill = drills.get(drillId);
    ProcessInstance triage = EngineAccess.asProcess(() -> runtime.startProcessInstanceByKey(
        ProcessKeys.INCIDENT_TRIAGE, TRIAGE_BUSINESS_KEY_PREFIX + drillId, drills.triageReport(drill)));
    drills.started(drillId, triage.getId(), execution.getProcessInstanceId(),
        execution.getCurrentActivityId());
    execution.setVariable(DRILL_TRIAGE_PROCESS_INSTANCE_ID, triage.getId());
  }
}
