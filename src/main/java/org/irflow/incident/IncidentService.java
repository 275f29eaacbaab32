package org.irflow.incident;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.NoSuchElementException;
import org.irflow.incident.Timeline.Source;
import org.irflow.process.Actors;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Keeps the incident record and its timeline in step with the processes. */
@Service
@Transactional
public class IncidentService {

  private final Incidents incidents;
  private final SecurityEvents events;
  private final Timeline timeline;
  private final Clock clock;

  public IncidentService(Incidents incidents, SecurityEvents events, Timeline timeline, Clock clock) {
    this.incidents = incidents;
    this.events = events;
    this.timeline = timeline;
    this.clock = clock;
  }

  /** Records a reported event; its triage has started. */
  public long recordReportedEvent(SecurityEvents.NewEvent event) {
    long eventId = events.insert(event);
    timeline.append(new Source(null, eventId, event.triageProcessInstanceId(), null),
        TimelineKind.EVENT_REPORTED, event.reporter(),
        "Event reported by " + event.reporter() + " (" + event.channel() + "): " + event.title(), null);
    return eventId;
  }

  /** Closes the event's triage without an incident. */
  public void recordNotAnIncident(long eventId, String disposition, String severity, String decidedBy,
      String reason) {
    events.decide(eventId, disposition, severity, clock.instant(), decidedBy);
    timeline.append(new Source(null, eventId, null, null), TimelineKind.EVENT_RECORDED, decidedBy,
        "Event recorded, not an incident" + (reason == null ? "" : ": " + reason), null);
  }

  /**
   * Declares an incident for a triaged event: creates the record with the next INC-YYYY-NNNN id and
   * makes the event's triage the start of the incident's timeline.
   */
  public Incident declare(long eventId, Severity severity, String supervisor, String declaredBy,
      boolean drill) {
    SecurityEvent event = events.find(eventId)
        .orElseThrow(() -> new NoSuchElementException("no security event " + eventId));
    Instant now = clock.instant();
    Incident incident = new Incident(incidents.nextId(now), event.title(), severity,
        IncidentStatus.DECLARED, drill, supervisor, null, null, null, eventId, null,
        event.reportedAt(), now, null, null);
    incidents.insert(incident);
    events.decide(eventId, "INCIDENT", severity.name(), now, declaredBy);
    events.linkIncident(eventId, incident.id());
    timeline.attachEventToIncident(eventId, incident.id());
    timeline.append(new Source(incident.id(), eventId, null, null), TimelineKind.INCIDENT_DECLARED,
        declaredBy, "Incident " + incident.id() + " declared, " + severity
            + ", incident command supervisor " + (supervisor == null ? "not assigned" : supervisor),
        null);
    return incident;
  }

  /**
   * A monitoring event concerns this open incident: it is attached as evidence (no triage of its own)
   * and recorded on the incident's timeline with why it was matched.
   */
  public void attachEvidence(long eventId, String incidentId, String summary, String matchedOn) {
    events.markAttached(eventId, incidentId, clock.instant());
    timeline.append(new Source(incidentId, eventId, null, null), TimelineKind.EVIDENCE_ADDED, Actors.SYSTEM,
        "Evidence added: " + summary, "matched on " + matchedOn);
  }

  public void responseStarted(String incidentId, String processInstanceId) {
    incidents.setResponseProcessInstance(incidentId, processInstanceId);
  }

  public void openWarRoom(String incidentId, String channel, String backupChannel, String actor) {
    incidents.setWarRoom(incidentId, channel, backupChannel);
    timeline.append(Source.ofIncident(incidentId), TimelineKind.WAR_ROOM_OPENED, actor,
        "War room " + channel + ", backup " + backupChannel, null);
  }

  public void activateResponders(String incidentId, String responders, String communicationsOfficer,
      String actor) {
    timeline.append(Source.ofIncident(incidentId), TimelineKind.RESPONDERS_ACTIVATED, actor,
        "Responders activated: " + responders + "; public communications officer: "
            + communicationsOfficer, null);
  }

  public void stateObjective(String incidentId, String objective, String actor) {
    incidents.setObjective(incidentId, objective);
    timeline.append(Source.ofIncident(incidentId), TimelineKind.OBJECTIVE_STATED, actor,
        "Incident Objective: " + objective, null);
  }

  public void recordSyncCall(String incidentId, String call, String notes, String actor) {
    timeline.append(Source.ofIncident(incidentId), TimelineKind.SYNC_CALL, actor,
        call + ": " + notes, null);
  }

  /** The incoming supervisor has accepted incident command. */
  public void handOff(String incidentId, String outgoing, String incoming, String briefing) {
    incidents.setSupervisor(incidentId, incoming);
    timeline.append(Source.ofIncident(incidentId), TimelineKind.HAND_OFF, incoming,
        "Incident command handed off from " + outgoing + " to " + incoming + ". Briefing: " + briefing,
        null);
  }

  /**
   * Objectives achieved. An incident that owes no post-mortem is closed at once; one that does
   * stays resolved until its post-mortem closes it.
   */
  public void resolve(String incidentId, String summary, boolean postMortemOwed, String actor) {
    incidents.resolve(incidentId, clock.instant(), !postMortemOwed);
    timeline.append(Source.ofIncident(incidentId), TimelineKind.INCIDENT_RESOLVED, actor,
        "Incident resolved: " + summary, null);
  }

  /** Its post-mortem has closed: the incident is closed too. */
  public void closeAfterPostMortem(String incidentId, String actor) {
    get(incidentId);
    if (incidents.close(incidentId, clock.instant())) {
      timeline.append(Source.ofIncident(incidentId), TimelineKind.INCIDENT_CLOSED, actor,
          "Incident closed after its post-mortem", null);
    }
  }

  public Incident get(String incidentId) {
    return incidents.find(incidentId)
        .orElseThrow(() -> new NoSuchElementException("no incident " + incidentId));
  }

  public List<TimelineEntry> timelineOf(String incidentId) {
    get(incidentId);
    return timeline.ofIncident(incidentId);
  }
}
