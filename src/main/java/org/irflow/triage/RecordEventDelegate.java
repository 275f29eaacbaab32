package org.irflow.triage;

import static org.irflow.process.Variables.ACTIVELY_EXPLOITED;
import static org.irflow.process.Variables.AFFECTED_SYSTEMS;
import static org.irflow.process.Variables.CHANNEL;
import static org.irflow.process.Variables.DESCRIPTION;
import static org.irflow.process.Variables.EVENT_ID;
import static org.irflow.process.Variables.EVENT_TITLE;
import static org.irflow.process.Variables.FUNDS_AT_RISK;
import static org.irflow.process.Variables.REPORTED_AT;
import static org.irflow.process.Variables.REPORTER;
import static org.irflow.process.Variables.SUSPECTED_SEVERITY;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.irflow.incident.IncidentService;
import org.irflow.incident.SecurityEvents.NewEvent;
import org.springframework.stereotype.Component;

/** Stores the reported event before anything is decided about it. */
@Component("recordEventDelegate")
public class RecordEventDelegate implements JavaDelegate {

  private final IncidentService incidents;
  private final Clock clock;

  public RecordEventDelegate(IncidentService incidents, Clock clock) {
    this.incidents = incidents;
    this.clock = clock;
  }

  @Override
  public void execute(DelegateExecution execution) {
    // the decision table reads these as booleans: an unticked box is "no", never "unknown variable"
    for (String flag : new String[] {FUNDS_AT_RISK, ACTIVELY_EXPLOITED}) {
      execution.setVariable(flag, Boolean.TRUE.equals(execution.getVariable(flag)));
    }
    Instant reportedAt = clock.instant();
    execution.setVariable(REPORTED_AT, reportedAt.truncatedTo(ChronoUnit.MINUTES).toString());
    long eventId = incidents.recordReportedEvent(new NewEvent(
        reportedAt,
        (String) execution.getVariable(REPORTER),
        (String) execution.getVariable(CHANNEL),
        (String) execution.getVariable(EVENT_TITLE),
        (String) execution.getVariable(DESCRIPTION),
        (String) execution.getVariable(AFFECTED_SYSTEMS),
        (String) execution.getVariable(SUSPECTED_SEVERITY),
        execution.getProcessInstanceId()));
    execution.setVariable(EVENT_ID, eventId);
  }
}
