package org.irflow.api;

import java.util.Arrays;
import java.util.List;
import org.irflow.api.ApiExceptionHandler.BadRequest;
import org.irflow.incident.Incident;
import org.irflow.incident.IncidentService;
import org.irflow.incident.IncidentStatus;
import org.irflow.incident.Incidents;
import org.irflow.incident.Severity;
import org.irflow.incident.TimelineEntry;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Incidents and their timelines, for people and for the dashboards of later issues. */
@RestController
@RequestMapping("/api/incidents")
public class IncidentController {

  private static final int MAX_LIMIT = 500;

  private final Incidents incidents;
  private final IncidentService incidentService;
  private final CurrentUser currentUser;

  public IncidentController(Incidents incidents, IncidentService incidentService, CurrentUser currentUser) {
    this.incidents = incidents;
    this.incidentService = incidentService;
    this.currentUser = currentUser;
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
