package org.irflow.triage;

import static org.irflow.process.CustomerNotificationVariables.CUSTOMERS_AFFECTED;
import static org.irflow.process.Variables.ACTIVELY_EXPLOITED;
import static org.irflow.process.Variables.AFFECTED_SYSTEMS;
import static org.irflow.process.Variables.CHANNEL;
import static org.irflow.process.Variables.DESCRIPTION;
import static org.irflow.process.Variables.EVENT_ID;
import static org.irflow.process.Variables.EVENT_TITLE;
import static org.irflow.process.Variables.FINDING_TYPE;
import static org.irflow.process.Variables.FUNDS_AT_RISK;
import static org.irflow.process.Variables.INFORMATION_SPILL;
import static org.irflow.process.Variables.REGISTERED_CONTRACT_AFFECTED;
import static org.irflow.process.Variables.REPORTED_AT;
import static org.irflow.process.Variables.REPORTER;
import static org.irflow.process.Variables.REPORTER_EMAIL;
import static org.irflow.process.Variables.SOURCE;
import static org.irflow.process.Variables.SOURCE_SEVERITY;
import static org.irflow.process.Variables.SUSPECTED_SEVERITY;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.irflow.comms.OutboundMessage;
import org.irflow.comms.OutboundMessages;
import org.irflow.containment.ContractRegistry;
import org.irflow.incident.IncidentService;
import org.irflow.incident.SecurityEvents;
import org.irflow.incident.SecurityEvents.NewEvent;
import org.irflow.process.DrillVariables;
import org.irflow.triage.intake.CorrelationKeys;
import org.springframework.stereotype.Component;

/**
 * Stores the reported event before anything is decided about it. A triage started by the event intake
 * carries the id of the event the intake stored ({@code eventId}): nothing is inserted then.
 */
@Component("recordEventDelegate")
public class RecordEventDelegate implements JavaDelegate {

  private final IncidentService incidents;
  private final Clock clock;
  private final SecurityEvents events;
  private final ContractRegistry registry;
  private final OutboundMessages messages;
  private final CorrelationKeys correlationKeys;

  public RecordEventDelegate(IncidentService incidents, Clock clock, SecurityEvents events,
      ContractRegistry registry, OutboundMessages messages, CorrelationKeys correlationKeys) {
    this.correlationKeys = correlationKeys;
    this.incidents = incidents;
    this.clock = clock;
    this.events = events;
    this.registry = registry;
    this.messages = messages;
  }

  @Override
  public void execute(DelegateExecution execution) {
    // the decision table reads these as booleans: an unticked box is "no", never "unknown variable"
    for (String flag : new String[] {FUNDS_AT_RISK, ACTIVELY_EXPLOITED, INFORMATION_SPILL}) {
      execution.setVariable(flag, Boolean.TRUE.equals(execution.getVariable(flag)));
    }
    // "Customers are affected" on the triage form starts as the report's spill flag (IR-7); a start that
    // says so itself keeps its answer
    execution.setVariable(CUSTOMERS_AFFECTED, execution.hasVariable(CUSTOMERS_AFFECTED)
        ? Boolean.TRUE.equals(execution.getVariable(CUSTOMERS_AFFECTED))
        : Boolean.TRUE.equals(execution.getVariable(INFORMATION_SPILL)));
    execution.setVariable(REGISTERED_CONTRACT_AFFECTED,
        !registry.mentionedIn((String) execution.getVariable(AFFECTED_SYSTEMS)).isEmpty());
    // what a monitoring source said; null for a person's report, but always a variable the table can read
    for (String monitoringInput : new String[] {SOURCE, SOURCE_SEVERITY, FINDING_TYPE}) {
      if (!execution.hasVariable(monitoringInput)) {
        execution.setVariable(monitoringInput, null);
      }
    }
    Instant reportedAt = clock.instant();
    execution.setVariable(REPORTED_AT, reportedAt.truncatedTo(ChronoUnit.MINUTES).toString());
    Object receivedEventId = execution.getVariable(EVENT_ID);
    if (receivedEventId != null) {
      // started by the event intake (webhooks), which has stored the event already
      // a start that names any other event is bad input (400 through the REST API), not a server error
      if (!(receivedEventId instanceof Number id)
          || !events.claimForTriage(id.longValue(), execution.getProcessInstanceId())) {
        throw new FormFieldValidationException(EVENT_ID,
            "variable 'eventId': " + receivedEventId + " is no received event awaiting triage");
      }
      return;
    }
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
    // the registered contracts a person names are the report's correlation keys: once it is declared,
    // alerts on exactly those contracts become the incident's evidence
    events.storeKeys(eventId, reportedAt, correlationKeys.of(null, null, null, null,
        (String) execution.getVariable(AFFECTED_SYSTEMS)).all());
    acknowledgeToTheSender(execution, eventId);
  }

  /** A report to the security address is acknowledged to its sender, when the reporter gave the address. */
  private void acknowledgeToTheSender(DelegateExecution execution, long eventId) {
    Object address = execution.getVariable(REPORTER_EMAIL);
    if (!"SECURITY_EMAIL".equals(execution.getVariable(CHANNEL)) || !(address instanceof String to) || to.isBlank()) {
      return;
    }
    messages.send(new OutboundMessage(null, OutboundMessage.Channel.EMAIL, List.of(to.trim()),
        "We received your security report: " + execution.getVariable(EVENT_TITLE),
        "Thank you for your report. The security team has it (reference " + eventId + ") and is looking into it."
            + " We will contact you if we need more information. Please do not share details of the issue"
            + " publicly until we have published our response.", null,
        Boolean.TRUE.equals(execution.getVariable(DrillVariables.DRILL))), (String) execution.getVariable(REPORTER));
  }
}
