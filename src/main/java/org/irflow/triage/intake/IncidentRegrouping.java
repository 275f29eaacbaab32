package org.irflow.triage.intake;

import static org.irflow.process.Variables.EVIDENCE_COUNT;
import static org.irflow.process.Variables.EVIDENCE_SUMMARY;
import static org.irflow.process.Variables.GATHERED_EVENTS;
import static org.irflow.process.Variables.TRIAGE_EVENT_COUNT;

import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.stream.Stream;
import org.camunda.bpm.engine.RuntimeService;
import org.irflow.incident.Incident;
import org.irflow.incident.IncidentService;
import org.irflow.incident.Incidents;
import org.irflow.incident.SecurityEvent;
import org.irflow.incident.SecurityEvents;
import org.irflow.incident.SecurityEvents.TriageOrigin;
import org.irflow.process.ProcessKeys;
import org.irflow.response.IncidentProcesses;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What a person corrects after correlation: an event attached to an incident, or gathered into an open
 * triage, moved into a triage of its own; two open incidents merged into one. Each in one transaction,
 * with the incidents' rows (in id order) or the triage's own event locked, so that an alert being
 * attached or gathered at the same moment, or the triage's decision, waits and sees the result.
 */
@Service
public class IncidentRegrouping {

  private final IncidentService incidentService;
  private final Incidents incidents;
  private final SecurityEvents events;
  private final IncidentProcesses incidentProcesses;
  private final TriageDispatcher dispatcher;
  private final RuntimeService runtime;

  public IncidentRegrouping(IncidentService incidentService, Incidents incidents, SecurityEvents events,
      IncidentProcesses incidentProcesses, TriageDispatcher dispatcher, @Lazy RuntimeService runtime) {
    this.incidentService = incidentService;
    this.incidents = incidents;
    this.events = events;
    this.incidentProcesses = incidentProcesses;
    this.dispatcher = dispatcher;
    this.runtime = runtime;
  }

  /** Moves a monitoring event off its incident into a triage of its own; answers the triage's process instance. */
  @Transactional
  public String detach(String incidentId, long eventId, String actor) {
    // the person's authority is checked by the caller; the engine work is irflow's own
    return incidentProcesses.inCommand(() -> detachAsProcess(incidentId, eventId, actor));
  }

  private String detachAsProcess(String incidentId, long eventId, String actor) {
    incidentProcesses.lock(incidentId);
    SecurityEvent event = events.find(eventId)
        .orElseThrow(() -> new NoSuchElementException("no security event " + eventId));
    if (!"MONITORING_ALERT".equals(event.channel())) {
      throw new IllegalStateException("event " + eventId + " is a person's report, not an attached alert");
    }
    incidentService.detach(incidentId, eventId, actor);
    String triage = dispatcher.startTriageOfMovedEvent(eventId, "Moved off " + incidentId + " by " + actor);
    responseOf(incidentId).ifPresent(response -> {
      Object count = runtime.getVariable(response, EVIDENCE_COUNT);
      runtime.setVariables(response, Map.of(
          EVIDENCE_COUNT, Math.max(0, (count instanceof Number n ? n.intValue() : 0) - 1),
          EVIDENCE_SUMMARY, TriageDispatcher.newestFirst("Event " + eventId + " moved to a triage of its own by "
              + actor, (String) runtime.getVariable(response, EVIDENCE_SUMMARY))));
    });
    return triage;
  }

  /**
   * Moves an event gathered into an open triage of the intake into a triage of its own; answers the new
   * triage's process instance. The triage it leaves counts one event less.
   */
  @Transactional
  public String detachFromTriage(String triageProcessInstanceId, long eventId, String actor) {
    // the person's authority is checked by the caller; the engine work is irflow's own
    return incidentProcesses.inCommand(() -> detachFromTriageAsProcess(triageProcessInstanceId, eventId, actor));
  }

  private String detachFromTriageAsProcess(String triage, long eventId, String actor) {
    long origin = events.originOfTriage(triage).map(TriageOrigin::eventId)
        .orElseThrow(() -> new NoSuchElementException("no triage " + triage + " started by the intake"));
    if (origin == eventId) {
      throw new IllegalArgumentException("event " + eventId + " is the event the triage was started for;"
          + " decide the triage instead");
    }
    // the same lock as the dispatcher's gathering and the triage's decision take
    if (!events.lockUndecidedTriage(origin)
        || runtime.createProcessInstanceQuery().processInstanceId(triage).count() == 0) {
      throw new IllegalStateException("the triage of event " + origin + " has been decided; move the event off"
          + " its incident instead");
    }
    incidentService.detachFromTriage(triage, origin, eventId, actor);
    String moved = dispatcher.startTriageOfMovedEvent(eventId, "Moved off the triage of event " + origin + " by " + actor);
    runtime.setVariables(triage, Map.of(
        TRIAGE_EVENT_COUNT, events.countOfTriage(triage),
        GATHERED_EVENTS, TriageDispatcher.newestFirst("Event " + eventId + " moved to a triage of its own by " + actor,
            (String) runtime.getVariable(triage, GATHERED_EVENTS))));
    return moved;
  }

  /**
   * Merges {@code mergedId} into {@code keptId}: the kept incident's response gets the merged one's
   * events as evidence; the merged incident's response ends (its pauses, customer notification and
   * spill response, which are processes of their own, go on).
   */
  @Transactional
  public void merge(String keptId, String mergedId, String actor) {
    incidentProcesses.inCommand(() -> {
      mergeAsProcess(keptId, mergedId, actor);
      return null;
    });
  }

  private void mergeAsProcess(String keptId, String mergedId, String actor) {
    Stream.of(keptId, mergedId).sorted().forEach(incidentProcesses::lock);
    Incident merged = incidentService.merge(keptId, mergedId, actor);
    String line = mergedId + " (" + merged.title() + ") merged into this incident by " + actor;
    responseOf(keptId).ifPresent(response -> {
      // every event of the kept incident but the one it was declared for is its evidence now
      runtime.setVariables(response, Map.of(
          EVIDENCE_COUNT, events.eventsOfIncident(keptId).size() - 1,
          EVIDENCE_SUMMARY, TriageDispatcher.newestFirst(line, (String) runtime.getVariable(response, EVIDENCE_SUMMARY))));
      runtime.createMessageCorrelation(ProcessKeys.MESSAGE_EVIDENCE_ADDED).processInstanceId(response).correlateAll();
    });
    if (merged.responseProcessInstanceId() != null && runtime.createProcessInstanceQuery()
        .processInstanceId(merged.responseProcessInstanceId()).count() == 1) {
      runtime.deleteProcessInstance(merged.responseProcessInstanceId(), "merged into " + keptId + " by " + actor,
          true, true);
    }
  }

  private Optional<String> responseOf(String incidentId) {
    return incidents.find(incidentId).map(Incident::responseProcessInstanceId)
        .filter(response -> runtime.createProcessInstanceQuery().processInstanceId(response).count() == 1);
  }
}
