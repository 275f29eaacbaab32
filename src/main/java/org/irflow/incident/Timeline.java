package org.irflow.incident;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The timeline table: appended to, never changed, except that an event's rows join its incident. */
@Repository
public class Timeline {

  private final JdbcTemplate jdbc;
  private final Clock clock;

  public Timeline(JdbcTemplate jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /** What a caller knows about where an entry belongs. */
  public record Source(String incidentId, Long eventId, String processInstanceId, String activityId) {
    public static Source ofIncident(String incidentId) {
      return new Source(incidentId, null, null, null);
    }
  }

  /** One entry to append. */
  public record Entry(Source source, TimelineKind kind, String actor, String summary, String details) {}

  private static final String INSERT = """
      insert into timeline_entry (occurred_at, incident_id, event_id, kind, actor, summary, details,
                                  process_instance_id, activity_id)
      values (?, ?, ?, ?, ?, ?, ?, ?, ?)""";

  public void append(Source source, TimelineKind kind, String actor, String summary, String details) {
    appendAll(List.of(new Entry(source, kind, actor, summary, details)));
  }

  /** Appends entries in one JDBC batch, all at this instant. */
  public void appendAll(List<Entry> entries) {
    if (entries.isEmpty()) {
      return;
    }
    OffsetDateTime now = utc(clock.instant());
    jdbc.batchUpdate(INSERT, entries.stream().map(entry -> new Object[] {now, entry.source().incidentId(),
        entry.source().eventId(), entry.kind().name(), entry.actor(), abbreviate(entry.summary(), 2000),
        entry.details(), entry.source().processInstanceId(), entry.source().activityId()}).toList());
  }

  /** The event's triage becomes the start of its incident's timeline. */
  void attachEventToIncident(long eventId, String incidentId) {
    jdbc.update("update timeline_entry set incident_id = ? where event_id = ? and incident_id is null",
        incidentId, eventId);
  }

  public List<TimelineEntry> ofIncident(String incidentId) {
    return jdbc.query("select * from timeline_entry where incident_id = ? order by occurred_at, id",
        Timeline::map, incidentId);
  }

  public List<TimelineEntry> ofEvent(long eventId) {
    return jdbc.query("select * from timeline_entry where event_id = ? order by occurred_at, id",
        Timeline::map, eventId);
  }

  private static TimelineEntry map(ResultSet rs, int row) throws SQLException {
    return new TimelineEntry(
        rs.getLong("id"),
        instant(rs, "occurred_at"),
        rs.getString("incident_id"),
        rs.getObject("event_id", Long.class),
        TimelineKind.valueOf(rs.getString("kind")),
        rs.getString("actor"),
        rs.getString("summary"),
        rs.getString("details"),
        rs.getString("process_instance_id"),
        rs.getString("activity_id"));
  }

  public static OffsetDateTime utc(Instant instant) {
    return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
  }

  static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }

  private static String abbreviate(String text, int max) {
    return text == null || text.length() <= max ? text : text.substring(0, max - 1) + "…";
  }
}
