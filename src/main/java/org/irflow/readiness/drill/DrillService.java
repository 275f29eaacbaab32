package org.irflow.readiness.drill;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.irflow.incident.Timeline;
import org.irflow.incident.Timeline.Source;
import org.irflow.incident.TimelineKind;
import org.irflow.process.Actors;
import org.irflow.process.CadenceProperties;
import org.irflow.process.DrillVariables;
import org.irflow.process.Variables;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The drill schedule's rules and records: when a drill is due, its plan, its start. */
@Service
@Transactional
public class DrillService {

  /** The channel a drill's event arrives through: it simulates a monitoring alert. */
  static final String DRILL_CHANNEL = "MONITORING_ALERT";
  static final String TITLE_PREFIX = "DRILL: ";

  private final Drills drills;
  private final Timeline timeline;
  private final CadenceProperties cadences;
  private final Clock clock;

  public DrillService(Drills drills, Timeline timeline, CadenceProperties cadences, Clock clock) {
    this.drills = drills;
    this.timeline = timeline;
    this.cadences = cadences;
    this.clock = clock;
  }

  /** When the next drill is due, and the facts it counts from. */
  public record DueDate(Instant due, Instant lastRealIncident, Instant lastDrill, Instant scheduleStarted) {}

  /** The next drill's due date as of now (engine clock), by the rule of {@link DrillCalendar}. */
  @Transactional(readOnly = true)
  public DueDate nextDue() {
    Instant now = clock.instant();
    Instant lastReal = drills.lastRealIncidentDeclaredAt(now).orElse(null);
    Instant lastDrill = drills.lastDrillStartedAt(now).orElse(null);
    Instant started = drills.scheduleFirstStartedAt().orElse(now);
    return new DueDate(DrillCalendar.nextDue(lastReal, lastDrill, started, cadences.drillInterval()),
        lastReal, lastDrill, started);
  }

  /** Whether the schedule instance is the registered one (another may have replaced it). */
  @Transactional(readOnly = true)
  public boolean isRegisteredSchedule(String processInstanceId) {
    return drills.scheduleProcessInstanceId().map(processInstanceId::equals).orElse(false);
  }

  public long plan(DrillPlan plan, String scheduleProcessInstanceId) {
    return drills.insert(plan, clock.instant(), scheduleProcessInstanceId);
  }

  public Drill get(long drillId) {
    return drills.find(drillId).orElseThrow(() -> new NoSuchElementException("no drill " + drillId));
  }

  /**
   * What the drill reports to the real triage: every field of the "Report security event" form,
   * and the drill flag.
   */
  public Map<String, Object> triageReport(Drill drill) {
    Map<String, Object> report = new LinkedHashMap<>();
    report.put(Variables.EVENT_TITLE, abbreviate(TITLE_PREFIX + firstLine(drill.scenario()), 300));
    report.put(Variables.REPORTER, drill.plannedBy());
    report.put(Variables.CHANNEL, DRILL_CHANNEL);
    report.put(Variables.DESCRIPTION, "THIS IS A DRILL, not a real incident (drill " + drill.id()
        + ", planned by " + drill.plannedBy() + ").\n\nScenario:\n" + drill.scenario()
        + "\n\nParticipants: " + drill.participants());
    report.put(Variables.AFFECTED_SYSTEMS, drill.affectedSystems());
    report.put(Variables.SUSPECTED_SEVERITY, drill.suspectedSeverity());
    report.put("fundsAtRisk", drill.fundsAtRisk());
    report.put("activelyExploited", drill.activelyExploited());
    report.put(DrillVariables.DRILL, true);
    return report;
  }

  /**
   * The drill's triage has started: records it on the drill, and DRILL_STARTED on the timeline of its
   * event, which becomes the incident's timeline when the event is declared an incident.
   */
  public Drill started(long drillId, String triageProcessInstanceId, String scheduleProcessInstanceId,
      String activityId) {
    Drill drill = get(drillId);
    Drills.EventOfTriage event = drills.eventOfTriage(triageProcessInstanceId).orElse(null);
    Long eventId = event == null ? null : event.eventId();
    String incidentId = event == null ? null : event.incidentId();
    drills.started(drillId, clock.instant(), triageProcessInstanceId, eventId, incidentId);
    if (eventId != null || incidentId != null) {
      timeline.append(new Source(incidentId, eventId, scheduleProcessInstanceId, activityId),
          TimelineKind.DRILL_STARTED, Actors.SYSTEM,
          "Drill " + drillId + " started, planned by " + drill.plannedBy() + "; participants: "
              + drill.participants() + ". Scenario: " + drill.scenario(),
          "{\"drillId\":" + drillId + "}");
    }
    return get(drillId);
  }

  /** The post-mortem of a drill's incident closed. */
  public boolean postMortemClosed(String incidentId) {
    return drills.postMortemClosed(incidentId, clock.instant());
  }

  @Transactional(readOnly = true)
  public List<Drill> list(int limit) {
    return drills.list(limit);
  }

  // ---- form values

  /** User ids separated by commas, semicolons or blanks. */
  public static List<String> participants(String text) {
    if (text == null) {
      return List.of();
    }
    return Arrays.stream(text.split("[,;\\s]+")).map(String::trim).filter(id -> !id.isEmpty())
        .distinct().toList();
  }

  private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ISO_DATE_TIME;

  /**
   * A date and time as form-js sends it ({@code 2027-05-24T10:00Z}, {@code 2027-05-24T12:00+02:00})
   * or without zone, taken as UTC.
   */
  public static Instant parseDateTime(String text) {
    if (text == null || text.isBlank()) {
      throw new DateTimeParseException("empty", String.valueOf(text), 0);
    }
    TemporalAccessor parsed = DATE_TIME.parse(text.trim());
    if (parsed.isSupported(ChronoField.OFFSET_SECONDS)) {
      return OffsetDateTime.from(parsed).toInstant();
    }
    return LocalDateTime.from(parsed).toInstant(ZoneOffset.UTC);
  }

  private static String firstLine(String text) {
    String trimmed = text == null ? "" : text.strip();
    int newline = trimmed.indexOf('\n');
    return newline < 0 ? trimmed : trimmed.substring(0, newline).strip();
  }

  private static String abbreviate(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max - 1) + "…";
  }
}
