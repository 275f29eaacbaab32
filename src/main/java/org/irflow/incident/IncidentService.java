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
    Instant now = clock.instant();
    events.decide(eventId, disposition, severity, now, decidedBy);
    List<Long> gathered = events.gatheredInto(eventId);
    events.decideGathered(gathered, disposition, severity, now, decidedBy, null);
    timeline.append(new Source(null, eventId, null, null), TimelineKind.EVENT_RECORDED, decidedBy,
        "Event recorded, not an incident" + (reason == null ? "" : ": " + reason)
            + (gathered.isEmpty() ? "" : " (with the " + gathered.size() + " event(s) gathered into its triage)"), null);
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
    // the events gathered into the triage are the new incident's evidence, their timelines part of its own
    List<Long> gathered = events.gatheredInto(eventId);
    events.decideGathered(gathered, "EVIDENCE", null, now, declaredBy, incident.id());
    gathered.forEach(id -> timeline.attachEventToIncident(id, incident.id()));
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

  /** A monitoring event joined the open triage of another event, which holds its keys. */
  public void gatherIntoTriage(long eventId, String triageProcessInstanceId, long originEventId, String summary,
      String matchedOn) {
    timeline.append(new Source(null, eventId, triageProcessInstanceId, null), TimelineKind.EVENT_GATHERED,
        Actors.SYSTEM, "Gathered into the open triage of event " + originEventId + ": " + summary,
        "matched on " + matchedOn);
  }

  /**
   * An event started its own triage although it shares a key with an open incident or triage: the link
   * goes on the timeline of both, with why the event did not join.
   */
  public void recordRelated(long eventId, String triageProcessInstanceId, String relatedIncidentId,
      long relatedEventId, String relatedTriageProcessInstanceId, String why) {
    String other = relatedIncidentId != null ? relatedIncidentId : "the open triage of event " + relatedEventId;
    timeline.appendAll(List.of(
        new Timeline.Entry(new Source(null, eventId, triageProcessInstanceId, null), TimelineKind.EVENT_RELATED,
            Actors.SYSTEM, "Triage of its own, related to " + other, why),
        new Timeline.Entry(relatedIncidentId != null ? Source.ofIncident(relatedIncidentId)
            : new Source(null, relatedEventId, relatedTriageProcessInstanceId, null), TimelineKind.EVENT_RELATED,
            Actors.SYSTEM, "Related event " + eventId + " started a triage of its own", why)));
  }

  /**
   * A person takes an attached event off its incident: the event is ready for a triage of its own
   * (the caller starts it in this transaction), and the incident's timeline says who moved it.
   */
  public void detach(String incidentId, long eventId, String actor) {
    Incident incident = get(incidentId);
    if (incident.eventId() != null && incident.eventId() == eventId) {
      throw new IllegalArgumentException("event " + eventId + " is the event " + incidentId
          + " was declared for; merge or resolve the incident instead");
    }
    if (!events.detach(eventId, incidentId)) {
      throw new NoSuchElementException("event " + eventId + " is not attached to " + incidentId);
    }
    timeline.appendAll(List.of(
        new Timeline.Entry(Source.ofIncident(incidentId), TimelineKind.EVENT_DETACHED, actor,
            "Event " + eventId + " moved to a triage of its own by " + actor, null),
        new Timeline.Entry(new Source(null, eventId, null, null), TimelineKind.EVENT_DETACHED, actor,
            "Moved off " + incidentId + " to a triage of its own by " + actor, null)));
  }

  /**
   * A person takes an event gathered into an open triage out of it: the event is ready for a triage of
   * its own (the caller starts it in this transaction), and the timelines of the triage and of the event
   * say who moved it.
   */
  public void detachFromTriage(String triageProcessInstanceId, long originEventId, long eventId, String actor) {
    if (!events.detachFromTriage(eventId, triageProcessInstanceId)) {
      throw new NoSuchElementException("event " + eventId + " is not gathered into the open triage of event "
          + originEventId);
    }
    timeline.appendAll(List.of(
        new Timeline.Entry(new Source(null, originEventId, triageProcessInstanceId, null), TimelineKind.EVENT_DETACHED,
            actor, "Event " + eventId + " moved to a triage of its own by " + actor, null),
        new Timeline.Entry(new Source(null, eventId, null, null), TimelineKind.EVENT_DETACHED, actor,
            "Moved off the triage of event " + originEventId + " to a triage of its own by " + actor, null)));
  }

  /**
   * A person merges one open incident into another: every event of the merged one becomes an event of
   * the one kept, the merged one ends as MERGED, and the timelines of both say who did it. Answers the
   * merged incident as it was before.
   */
  public Incident merge(String keptId, String mergedId, String actor) {
    if (keptId.equals(mergedId)) {
      throw new IllegalArgumentException("an incident cannot be merged into itself");
    }
    Incident kept = get(keptId);
    Incident merged = get(mergedId);
    for (Incident incident : List.of(kept, merged)) {
      if (incident.status() != IncidentStatus.DECLARED) {
        throw new IllegalStateException(incident.id() + " is " + incident.status() + ": only open incidents merge");
      }
    }
    if (kept.drill() != merged.drill()) {
      throw new IllegalStateException("a drill and a real incident never merge");
    }
    List<Long> moved = events.eventsOfIncident(mergedId);
    events.moveEvents(mergedId, keptId);
    incidents.markMerged(mergedId, keptId, clock.instant());
    timeline.appendAll(List.of(
        new Timeline.Entry(Source.ofIncident(keptId), TimelineKind.INCIDENTS_MERGED, actor,
            mergedId + " merged into this incident by " + actor + " (" + moved.size() + " event(s): " + merged.title() + ")",
            "events " + moved),
        new Timeline.Entry(Source.ofIncident(mergedId), TimelineKind.INCIDENTS_MERGED, actor,
            "Merged into " + keptId + " by " + actor, "events " + moved)));
    return merged;
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
