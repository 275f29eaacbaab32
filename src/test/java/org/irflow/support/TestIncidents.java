package org.irflow.support;

import java.time.Clock;
import org.irflow.incident.Incident;
import org.irflow.incident.IncidentService;
import org.irflow.incident.SecurityEvents.NewEvent;
import org.irflow.incident.Severity;
import org.springframework.stereotype.Component;

/** Declares incidents directly, for tests that start in the response. */
@Component
public class TestIncidents {

  private final IncidentService incidents;
  private final Clock clock;

  public TestIncidents(IncidentService incidents, Clock clock) {
    this.incidents = incidents;
    this.clock = clock;
  }

  public Incident declare(String title, Severity severity, String supervisor) {
    long eventId = incidents.recordReportedEvent(new NewEvent(clock.instant(), "dave", "MONITORING_ALERT",
        title, "test event", "0xVault", severity.name(), null));
    return incidents.declare(eventId, severity, supervisor, supervisor, false);
  }
}
