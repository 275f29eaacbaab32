package org.irflow.incident;

import static org.irflow.incident.Timeline.instant;
import static org.irflow.incident.Timeline.utc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.stereotype.Repository;

/** The incident table and its per-year numbering. */
@Repository
public class Incidents {

  private final JdbcTemplate jdbc;
  private final TransactionTemplate ownTransaction;

  public Incidents(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
    this.jdbc = jdbc;
    this.ownTransaction = new TransactionTemplate(transactions);
    this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  /**
   * The next id of the form INC-2026-0001, taken in a short transaction of its own: the row lock on the
   * year's counter is held only for the increment, so that declarations on all threads and nodes do not
   * queue behind one another's whole triage and response start (ADR 0005). Two nodes never hand out the
   * same number; a declaration that rolls back leaves its number unused, and the next one takes the
   * following number.
   */
  String nextId(Instant declaredAt) {
    int year = declaredAt.atZone(ZoneOffset.UTC).getYear();
    // the year's row is created in a transaction of its own: a node that loses the race to create
    // it must not have its own transaction spoilt (PostgreSQL aborts a transaction on any error)
    try {
      ownTransaction.executeWithoutResult(status -> jdbc.update("""
          insert into incident_number (incident_year, last_number)
          select ?, 0 where not exists (select 1 from incident_number where incident_year = ?)""", year, year));
    } catch (DuplicateKeyException createdByAnotherNode) {
      // the row exists, which is all we need
    }
    int number = ownTransaction.execute(status -> {
      jdbc.update("update incident_number set last_number = last_number + 1 where incident_year = ?", year);
      return jdbc.queryForObject("select last_number from incident_number where incident_year = ?",
          Integer.class, year);
    });
    return String.format("INC-%d-%04d", year, number);
  }

  void insert(Incident incident) {
    jdbc.update("""
        insert into incident (id, title, severity, status, drill, primary_supervisor, event_id,
                              reported_at, declared_at)
        values (?, ?, ?, ?, ?, ?, ?, ?, ?)""",
        incident.id(), incident.title(), incident.severity().name(), incident.status().name(),
        incident.drill(), incident.primarySupervisor(), incident.eventId(),
        utc(incident.reportedAt()), utc(incident.declaredAt()));
  }

  void setResponseProcessInstance(String incidentId, String processInstanceId) {
    jdbc.update("update incident set response_process_instance_id = ? where id = ?",
        processInstanceId, incidentId);
  }

  void setWarRoom(String incidentId, String channel, String backupChannel) {
    jdbc.update("update incident set war_room_channel = ?, backup_channel = ? where id = ?",
        channel, backupChannel, incidentId);
  }

  void setObjective(String incidentId, String objective) {
    jdbc.update("update incident set objective = ? where id = ?", objective, incidentId);
  }

  void setSupervisor(String incidentId, String supervisor) {
    jdbc.update("update incident set primary_supervisor = ? where id = ?", supervisor, incidentId);
  }

  void setSeverity(String incidentId, Severity severity) {
    jdbc.update("update incident set severity = ? where id = ?", severity.name(), incidentId);
  }

  void resolve(String incidentId, Instant resolvedAt, boolean close) {
    jdbc.update("""
        update incident set status = ?, resolved_at = ?, closed_at = ? where id = ?""",
        (close ? IncidentStatus.CLOSED : IncidentStatus.RESOLVED).name(), utc(resolvedAt),
        close ? utc(resolvedAt) : null, incidentId);
  }

  /** The post-mortem is done: nothing more to do. Returns false if the incident was closed already. */
  boolean close(String incidentId, Instant closedAt) {
    return jdbc.update("update incident set status = ?, closed_at = ? where id = ? and status <> ?",
        IncidentStatus.CLOSED.name(), utc(closedAt), incidentId, IncidentStatus.CLOSED.name()) == 1;
  }

  /** The incident was merged into another one: it ends, and names the one it went into. */
  void markMerged(String incidentId, String intoIncidentId, Instant at) {
    jdbc.update("update incident set status = ?, merged_into = ?, closed_at = ? where id = ?",
        IncidentStatus.MERGED.name(), intoIncidentId, utc(at), incidentId);
  }

  public Optional<Incident> find(String incidentId) {
    return jdbc.query("select * from incident where id = ?", Incidents::map, incidentId)
        .stream().findFirst();
  }


  /** Incidents, newest first, optionally only those of one status or severity. */
  public List<Incident> list(IncidentStatus status, Severity severity, int limit) {
    return search(null, status, severity, limit);
  }

  /**
   * Incidents, newest first, whose id or title contains the text (any case; every incident when it is
   * blank), optionally only those of one status or severity.
   */
  public List<Incident> search(String text, IncidentStatus status, Severity severity, int limit) {
    StringBuilder sql = new StringBuilder("select * from incident where 1 = 1");
    List<Object> args = new ArrayList<>();
    if (text != null && !text.isBlank()) {
      String pattern = "%" + text.trim().toLowerCase(Locale.ROOT)
          .replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
      sql.append(" and (lower(id) like ? escape '\\' or lower(title) like ? escape '\\')");
      args.add(pattern);
      args.add(pattern);
    }
    if (status != null) {
      sql.append(" and status = ?");
      args.add(status.name());
    }
    if (severity != null) {
      sql.append(" and severity = ?");
      args.add(severity.name());
    }
    sql.append(" order by declared_at desc, id desc limit ").append(limit);
    return jdbc.query(sql.toString(), Incidents::map, args.toArray());
  }

  private static Incident map(ResultSet rs, int row) throws SQLException {
    return new Incident(
        rs.getString("id"),
        rs.getString("title"),
        Severity.valueOf(rs.getString("severity")),
        IncidentStatus.valueOf(rs.getString("status")),
        rs.getBoolean("drill"),
        rs.getString("primary_supervisor"),
        rs.getString("objective"),
        rs.getString("war_room_channel"),
        rs.getString("backup_channel"),
        rs.getObject("event_id", Long.class),
        rs.getString("response_process_instance_id"),
        instant(rs, "reported_at"),
        instant(rs, "declared_at"),
        instant(rs, "resolved_at"),
        instant(rs, "closed_at"));
  }
}
