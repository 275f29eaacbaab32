package org.irflow.api;

import java.util.List;
import org.irflow.api.ApiExceptionHandler.BadRequest;
import org.irflow.api.ApiExceptionHandler.Conflict;
import org.irflow.api.IncidentController.Detached;
import org.irflow.incident.SecurityEvents;
import org.irflow.incident.SecurityEvents.EventOverview;
import org.irflow.triage.intake.IncidentRegrouping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The open triages the intake gathered other alerts into, and the correction an incident commander
 * makes when one of those alerts is about something else: move it into a triage of its own.
 */
@RestController
@RequestMapping("/api/triages")
public class TriageController {

  private static final int MAX_LIMIT = 500;

  private final SecurityEvents events;
  private final CurrentUser currentUser;
  private final IncidentRegrouping regrouping;

  public TriageController(SecurityEvents events, CurrentUser currentUser, IncidentRegrouping regrouping) {
    this.events = events;
    this.currentUser = currentUser;
    this.regrouping = regrouping;
  }

  /**
   * An undecided triage with its events: the one it was started for first, then those gathered into it.
   *
   * @param processInstanceId the triage's process instance
   * @param eventId the event it was started for
   * @param eventCount how many events it holds
   * @param events the first of them, at most {@value IncidentController#EVENTS_SHOWN}
   */
  public record OpenTriage(String processInstanceId, long eventId, String title, String suspectedSeverity,
      int eventCount, List<EventOverview> events) {}

  /** The undecided triages holding gathered events, the newest first. */
  @GetMapping
  public List<OpenTriage> withGatheredEvents(@RequestParam(defaultValue = "100") int limit) {
    currentUser.requireProgrammeMember();
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new BadRequest("limit", "limit must be between 1 and " + MAX_LIMIT);
    }
    return events.openTriagesWithGatheredEvents(limit).stream()
        .map(triage -> new OpenTriage(triage.processInstanceId(), triage.eventId(), triage.title(),
            triage.suspectedSeverity(), events.countOfTriage(triage.processInstanceId()),
            events.overviewOfTriage(triage.processInstanceId(), IncidentController.EVENTS_SHOWN)))
        .toList();
  }

  /** Moves an event gathered into this open triage into a triage of its own (incident commanders). */
  @PostMapping("/{processInstanceId}/events/{eventId}/detach")
  public Detached detach(@PathVariable String processInstanceId, @PathVariable long eventId) {
    String actor = currentUser.requireIncidentCommander();
    return new Detached(eventId,
        Conflict.unlessRefused(() -> regrouping.detachFromTriage(processInstanceId, eventId, actor)));
  }
}
