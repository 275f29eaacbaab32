package org.irflow.readiness.drill;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** The drill and drill_schedule tables, and the facts about incidents the schedule counts from. */
@Repository
public class Drills {

  private final JdbcTemplate jdbc;

  public Drills(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  // ---- the schedule row

  /** Locks the schedule row until the surrounding transaction ends (one starter at a time). */
  void lockSchedule() {
    jdbc.queryForObject("select id from drill_schedule where id = 1 for update", Integer.class);
  }

  Optional<String> scheduleProcessInstanceId() {
    return Optional.ofNullable(jdbc.queryForObject(
        "select process_instance_id from drill_schedule where id = 1", String.class));
  }

  void registerScheduleInstance(String processInstanceId) {
    jdbc.update("update drill_schedule set process_instance_id = ? where id = 1", processInstanceId);
  }

  /** Sets the first start of the schedule, unless it is already set. */
  void scheduleStarted(Instant at) {
    jdbc.update("update drill_schedule set first_started_at = ? where id = 1 and first_started_at is null",
        utc(at));
  }

  Optional<Instant> scheduleFirstStartedAt() {
    return Optional.ofNullable(jdbc.queryForObject(
        "select first_started_at from drill_schedule where id = 1", OffsetDateTime.class))
        .map(OffsetDateTime::toInstant);
  }

  // ---- what the next due date counts from

  /** The last incident that was not a drill, declared up to {@code now}. */
  Optional<Instant> lastRealIncidentDeclaredAt(Instant now) {
    return Optional.ofNullable(jdbc.queryForObject(
        "select max(declared_at) from incident where drill = false and declared_at <= ?",
        OffsetDateTime.class, utc(now))).map(OffsetDateTime::toInstant);
  }

  /** The last drill started up to {@code now}. */
  Optional<Instant> lastDrillStartedAt(Instant now) {
    return Optional.ofNullable(jdbc.queryForObject(
        "select max(started_at) from drill where started_at <= ?", OffsetDateTime.class, utc(now)))
        .map(OffsetDateTime::toInstant);
  }

  // ---- drills

  long insert(DrillPlan plan, Instant plannedAt, String scheduleProcessInstanceId) {
    GeneratedKeyHolder key = new GeneratedKeyHolder();
    jdbc.update(connection -> {
      PreparedStatement statement = connection.prepareStatement("""
          insert into drill (status, due_at, planned_for, scenario, participants, suspected_severity,
                             affected_systems, funds_at_risk, actively_exploited, planned_by, planned_at,
                             schedule_process_instance_id)
          values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", new String[] {"id"});
      statement.setString(1, DrillStatus.PLANNED.name());
      statement.setObject(2, utc(plan.dueAt()));
      statement.setObject(3, utc(plan.plannedFor()));
      statement.setString(4, plan.scenario());
      statement.setString(5, String.join(", ", plan.participants()));
      statement.setString(6, plan.suspectedSeverity());
      statement.setString(7, plan.affectedSystems());
      statement.setBoolean(8, plan.fundsAtRisk());
      statement.setBoolean(9, plan.activelyExploited());
      statement.setString(10, plan.plannedBy());
      statement.setObject(11, utc(plannedAt));
      statement.setString(12, scheduleProcessInstanceId);
      return statement;
    }, key);
    return key.getKey().longValue();
  }

  void started(long drillId, Instant startedAt, String triageProcessInstanceId, Long eventId,
      String incidentId) {
    jdbc.update(connection -> {
      PreparedStatement statement = connection.prepareStatement("""
          update drill set status = ?, started_at = ?, triage_process_instance_id = ?, event_id = ?,
                           incident_id = ?
          where id = ?""");
      statement.setString(1, DrillStatus.STARTED.name());
      statement.setObject(2, utc(startedAt));
      statement.setString(3, triageProcessInstanceId);
      if (eventId == null) {
        statement.setNull(4, Types.BIGINT);
      } else {
        statement.setLong(4, eventId);
      }
      statement.setString(5, incidentId);
      statement.setLong(6, drillId);
      return statement;
    });
  }

  /** The drill's incident's post-mortem closed. Returns whether a drill had that incident. */
  boolean postMortemClosed(String incidentId, Instant at) {
    return jdbc.update("""
        update drill set status = ?, post_mortem_closed_at = ?, incident_id = ?
        where id = (select max(d.id) from drill d left join security_event e on e.id = d.event_id
                    where d.incident_id = ? or e.incident_id = ?)""",
        DrillStatus.POST_MORTEM_CLOSED.name(), utc(at), incidentId, incidentId, incidentId) > 0;
  }

  /** The security event (id, incident id) a drill's triage recorded, if it has recorded one. */
  Optional<EventOfTriage> eventOfTriage(String triageProcessInstanceId) {
    return jdbc.query("select id, incident_id from security_event where triage_process_instance_id = ?",
        (rs, row) -> new EventOfTriage(rs.getLong("id"), rs.getString("incident_id")),
        triageProcessInstanceId).stream().findFirst();
  }

  record EventOfTriage(long eventId, String incidentId) {}

  // an incident declared after the drill started is found through the drill's security event
  private static final String SELECT = """
      select d.*, coalesce(d.incident_id, e.incident_id) as the_incident_id, i.status as incident_status
      from drill d
      left join security_event e on e.id = d.event_id
      left join incident i on i.id = coalesce(d.incident_id, e.incident_id)
      """;

  public Optional<Drill> find(long drillId) {
    return jdbc.query(SELECT + " where d.id = ?", Drills::map, drillId).stream().findFirst();
  }

  /** Drills, newest plan first. */
  public List<Drill> list(int limit) {
    return jdbc.query(SELECT + " order by d.planned_at desc, d.id desc limit " + limit, Drills::map);
  }

  private static Drill map(ResultSet rs, int row) throws SQLException {
    return new Drill(
        rs.getLong("id"),
        DrillStatus.valueOf(rs.getString("status")),
        instant(rs, "due_at"),
        instant(rs, "planned_for"),
        rs.getString("scenario"),
        rs.getString("participants"),
        rs.getString("suspected_severity"),
        rs.getString("affected_systems"),
        rs.getBoolean("funds_at_risk"),
        rs.getBoolean("actively_exploited"),
        rs.getString("planned_by"),
        instant(rs, "planned_at"),
        rs.getString("schedule_process_instance_id"),
        instant(rs, "started_at"),
        rs.getString("triage_process_instance_id"),
        rs.getObject("event_id", Long.class),
        rs.getString("the_incident_id"),
        rs.getString("incident_status"),
        instant(rs, "post_mortem_closed_at"));
  }

  static OffsetDateTime utc(Instant instant) {
    return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
  }

  static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }
}
