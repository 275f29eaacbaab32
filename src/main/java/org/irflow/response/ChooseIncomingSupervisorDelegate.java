package org.irflow.response;

import static org.irflow.process.Variables.INCIDENT_SUPERVISOR;
import static org.irflow.process.Variables.INCOMING_SUPERVISOR;
import static org.irflow.process.Variables.OUTGOING_SUPERVISOR;

import java.time.Clock;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.irflow.readiness.OnCall;
import org.irflow.readiness.OnCallService;
import org.irflow.security.Groups;
import org.springframework.stereotype.Component;

/**
 * At the end of the business day, command passes to whoever is on call now: the primary, or the
 * secondary when the primary is the outgoing supervisor. Nobody else on call: no hand-off.
 */
@Component("chooseIncomingSupervisorDelegate")
public class ChooseIncomingSupervisorDelegate implements JavaDelegate {

  private final OnCallService onCall;
  private final Clock clock;

  public ChooseIncomingSupervisorDelegate(OnCallService onCall, Clock clock) {
    this.onCall = onCall;
    this.clock = clock;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String outgoing = (String) execution.getVariable(INCIDENT_SUPERVISOR);
    OnCall now = onCall.onCall(Groups.INCIDENT_COMMANDERS, clock.instant());
    String incoming = now.primary() != null && !now.primary().equals(outgoing) ? now.primary()
        : now.secondary() != null && !now.secondary().equals(outgoing) ? now.secondary()
        : null;
    // local to this hand-off: two hand-offs never share them
    execution.setVariableLocal(OUTGOING_SUPERVISOR, outgoing);
    execution.setVariableLocal(INCOMING_SUPERVISOR, incoming);
  }
}
