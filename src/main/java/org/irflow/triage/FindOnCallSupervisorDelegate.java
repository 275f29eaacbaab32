package org.irflow.triage;

import static org.irflow.process.Variables.ESCALATE_AFTER;
import static org.irflow.process.Variables.INCIDENT_COMMANDER;
import static org.irflow.process.Variables.ON_CALL_PRIMARY;
import static org.irflow.process.Variables.ON_CALL_SECONDARY;
import static org.irflow.process.Variables.TRIAGE_DUE_AT;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.irflow.readiness.OnCall;
import org.irflow.readiness.OnCallService;
import org.irflow.security.Groups;
import org.springframework.stereotype.Component;

/**
 * The triage goes to the on-call primary supervisor now; the secondary is kept for escalation. The
 * task's due date is when that escalation happens.
 */
@Component("findOnCallSupervisorDelegate")
public class FindOnCallSupervisorDelegate implements JavaDelegate {

  private final OnCallService onCall;
  private final Clock clock;

  public FindOnCallSupervisorDelegate(OnCallService onCall, Clock clock) {
    this.onCall = onCall;
    this.clock = clock;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Instant instant = clock.instant();
    OnCall now = onCall.onCall(Groups.INCIDENT_COMMANDERS, instant);
    execution.setVariable(ON_CALL_PRIMARY, now.primary());
    execution.setVariable(ON_CALL_SECONDARY, now.secondary());
    execution.setVariable(INCIDENT_COMMANDER, now.primary());
    // shown as the task's due date in Tasklist: the moment the triage escalates
    Duration escalateAfter = Duration.parse((String) execution.getVariable(ESCALATE_AFTER));
    execution.setVariable(TRIAGE_DUE_AT, Date.from(instant.plus(escalateAfter)));
  }
}
