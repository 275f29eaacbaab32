package org.irflow.api;

import java.util.Arrays;
import java.util.List;
import org.irflow.api.ApiExceptionHandler.BadRequest;
import org.irflow.api.ApiExceptionHandler.Conflict;
import org.irflow.incident.Incident;
import org.irflow.incident.IncidentService;
import org.irflow.incident.IncidentStatus;
import org.irflow.incident.Incidents;
import org.irflow.incident.SecurityEvents;
import org.irflow.incident.SecurityEvents.EventOverview;
import org.irflow.incident.Severity;
import org.irflow.incident.TimelineEntry;
import org.irflow.triage.intake.IncidentRegrouping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Incidents, their events and timelines, for people and for the dashboards of later issues; and the two
 * corrections an incident commander makes after correlation: move an attached event to a triage of its
 * own, merge two incidents.
 */
@RestController
@RequestMapping("/api/incidents")
public class IncidentController {

  private static final int MAX_LIMIT = 500;
  /** How many events of one incident or triage a person is shown (a storm's thousands are counted, not listed). */
  static final int EVENTS_SHOWN = 200;

  private final Incidents incidents;
  private final IncidentService incidentService;
  private final CurrentUser currentUser;
  private final IncidentRegrouping regrouping;
  private final SecurityEvents events;

  public IncidentController(Incidents incidents, IncidentService incidentService, CurrentUser currentUser,
      IncidentRegrouping regrouping, SecurityEvents events) {
    this.incidents = incidents;
    this.incidentService = incidentService;
    this.currentUser = currentUser;
    this.regrouping = regrouping;
    this.events = events;
  }

  @GetMapping
  public List<Incident> list(
      @RequestParam(required = false) String status,
      @RequestParam(required = false) String severity,
      @RequestParam(defaultValue = "100") int limit) {
    currentUser.requireProgrammeMember();
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new BadRequest("limit", "limit must be between 1 and " + MAX_LIMIT);
    }
    return incidents.list(parse(IncidentStatus.class, "status", status),
        parse(Severity.class, "severity", severity), limit);
  }

  @GetMapping("/{incidentId}")
  public Incident get(@PathVariable String incidentId) {
    currentUser.requireProgrammeMember();
    return incidentService.get(incidentId);
  }

  @GetMapping("/{incidentId}/timeline")
  public List<TimelineEntry> timeline(@PathVariable String incidentId) {
    currentUser.requireProgrammeMember();
    return incidentService.timelineOf(incidentId);
  }

  /**
   * The incident's events, its own first, at most {@value #EVENTS_SHOWN}: what an incident commander
   * chooses from to move one off it.
   */
  @GetMapping("/{incidentId}/events")
  public List<EventOverview> events(@PathVariable String incidentId) {
    currentUser.requireProgrammeMember();
    incidentService.get(incidentId);
    return events.overviewOfIncident(incidentId, EVENTS_SHOWN);
  }

  /** Where a moved event's triage started. */
  public record Detached(long eventId, String triageProcessInstanceId) {}

  /** Moves an event attached as evidence off the incident into a triage of its own (incident commanders). */
  @PostMapping("/{incidentId}/events/{eventId}/detach")
  public Detached detach(@PathVariable String incidentId, @PathVariable long eventId) {
    String actor = currentUser.requireIncidentCommander();
    return new Detached(eventId, Conflict.unlessRefused(() -> regrouping.detach(incidentId, eventId, actor)));
  }

  /** The incident to merge into the one of the path. */
  public record MergeRequest(String incidentId) {}

  /** Merges another open incident into this one (incident commanders); answers this one. */
  @PostMapping("/{incidentId}/merge")
  public Incident merge(@PathVariable String incidentId, @RequestBody(required = false) MergeRequest request) {
    String actor = currentUser.requireIncidentCommander();
    if (request == null || request.incidentId() == null || request.incidentId().isBlank()) {
      throw new BadRequest("incidentId", "'incidentId' (the incident to merge into " + incidentId + ") is required");
    }
    Conflict.unlessRefused(() -> {
      regrouping.merge(incidentId, request.incidentId().trim(), actor);
      return null;
    });
    return incidentService.get(incidentId);
  }

  private static <E extends Enum<E>> E parse(Class<E> type, String field, String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return Enum.valueOf(type, value.trim().toUpperCase());
    } catch (IllegalArgumentException e) {
      throw new BadRequest(field, "'" + value + "' is not a valid " + field + "; expected one of "
          + Arrays.toString(type.getEnumConstants()));
    }
  }
}
