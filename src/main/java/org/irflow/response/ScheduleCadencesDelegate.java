package org.irflow.response;

import static org.irflow.process.Variables.COMMS_SYNC_CYCLE;
import static org.irflow.process.Variables.COMMS_SYNC_EVERY;
import static org.irflow.process.Variables.HAND_OFF_TIME_OF_DAY;
import static org.irflow.process.Variables.PUBLIC_UPDATE_CYCLE;
import static org.irflow.process.Variables.PUBLIC_UPDATE_EVERY;
import static org.irflow.process.Variables.TEAM_LEAD_SYNC_EVERY;
import static org.irflow.process.Variables.HAND_OFF_CYCLE;
import static org.irflow.process.Variables.INCIDENT_SUPERVISOR;
import static org.irflow.process.Variables.TEAM_LEAD_SYNC_CYCLE;

import java.time.Clock;
import java.time.ZoneId;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.irflow.readiness.OnCallService;
import org.springframework.stereotype.Component;

/** Turns the ResponsePolicy's outputs into the cycles of the response's timers. */
@Component("scheduleCadencesDelegate")
public class ScheduleCadencesDelegate implements JavaDelegate {

  private final OnCallService onCall;
  private final ResponseProperties properties;
  private final Clock clock;

  public ScheduleCadencesDelegate(OnCallService onCall, ResponseProperties properties, Clock clock) {
    this.onCall = onCall;
    this.properties = properties;
    this.clock = clock;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String supervisor = (String) execution.getVariable(INCIDENT_SUPERVISOR);
    ZoneId zone = supervisor == null ? properties.defaultTimeZone()
        : onCall.homeZoneOf(supervisor).orElse(properties.defaultTimeZone());
    ResponseCadences cadences = ResponseCadences.of(
        (String) execution.getVariable(TEAM_LEAD_SYNC_EVERY),
        (String) execution.getVariable(COMMS_SYNC_EVERY),
        (String) execution.getVariable(HAND_OFF_TIME_OF_DAY),
        (String) execution.getVariable(PUBLIC_UPDATE_EVERY),
        zone, clock.instant());
    execution.setVariable(TEAM_LEAD_SYNC_CYCLE, cadences.teamLeadSyncCycle());
    execution.setVariable(COMMS_SYNC_CYCLE, cadences.commsSyncCycle());
    execution.setVariable(HAND_OFF_CYCLE, cadences.handOffCycle());
    execution.setVariable(PUBLIC_UPDATE_CYCLE, cadences.publicUpdateCycle());
  }
}
