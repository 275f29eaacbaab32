package org.irflow.incident;

import static org.irflow.incident.Timeline.instant;
import static org.irflow.incident.Timeline.utc;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** The security_event table. */
@Repository
public class SecurityEvents {

  private final JdbcTemplate jdbc;

  public SecurityEvents(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** A new event as reported, before any decision. */
  public record NewEvent(Instant reportedAt, String reporter, String channel, String title,
      String description, String affectedSystems, String suspectedSeverity,
      String triageProcessInstanceId) {}

  public long insert(NewEvent event) {
    GeneratedKeyHolder key = new GeneratedKeyHolder();
    jdbc.update(connection -> {
      PreparedStatement statement = connection.prepareStatement("""
          insert into security_event (reported_at, reporter, channel, title, description,
                                      affected_systems, suspected_severity, triage_process_instance_id)
          values (?, ?, ?, ?, ?, ?, ?, ?)""", new String[] {"id"});
      statement.setObject(1, utc(event.reportedAt()));
      statement.setString(2, event.reporter());
      statement.setString(3, event.channel());
      statement.setString(4, event.title());
      statement.setString(5, event.description());
      statement.setString(6, event.affectedSystems());
      statement.setString(7, event.suspectedSeverity());
      statement.setString(8, event.triageProcessInstanceId());
      return statement;
    }, key);
    return key.getKey().longValue();
  }

  public void decide(long eventId, String disposition, String severity, Instant decidedAt, String decidedBy) {
    jdbc.update("""
        update security_event set disposition = ?, severity = ?, decided_at = ?, decided_by = ?
        where id = ?""", disposition, severity, utc(decidedAt), decidedBy, eventId);
  }

  void linkIncident(long eventId, String incidentId) {
    jdbc.update("update security_event set incident_id = ? where id = ?", incidentId, eventId);
  }

  /** An alert as received from a monitoring source, normalised (issue 5). */
  public record ReceivedEvent(Instant receivedAt, String source, String reporter, String title,
      String description, String affectedSystems, String suspectedSeverity, String sourceSeverity,
      String findingType, String fingerprint, String payload) {}

  /** Stores a received alert (channel MONITORING_ALERT); its triage is linked later. */
  public long insertReceived(ReceivedEvent event) {
    GeneratedKeyHolder key = new GeneratedKeyHolder();
    jdbc.update(connection -> {
      PreparedStatement statement = connection.prepareStatement("""
          insert into security_event (reported_at, reporter, channel, title, description, affected_systems,
                                      suspected_severity, source, source_severity, finding_type, fingerprint,
                                      payload, received_at, duplicate_count)
          values (?, ?, 'MONITORING_ALERT', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)""", new String[] {"id"});
      statement.setObject(1, utc(event.receivedAt()));
      statement.setString(2, event.reporter());
      statement.setString(3, event.title());
      statement.setString(4, event.description());
      statement.setString(5, event.affectedSystems());
      statement.setString(6, event.suspectedSeverity());
      statement.setString(7, event.source());
      statement.setString(8, event.sourceSeverity());
      statement.setString(9, event.findingType());
      statement.setString(10, event.fingerprint());
      statement.setString(11, event.payload());
      statement.setObject(12, utc(event.receivedAt()));
      return statement;
    }, key);
    return key.getKey().longValue();
  }

  /** The newest received event with this fingerprint received at or after {@code since}. */
  public Optional<Long> findByFingerprintSince(String fingerprint, Instant since) {
    return jdbc.queryForList("""
            select id from security_event where fingerprint = ? and received_at >= ?
            order by received_at desc, id desc""", Long.class, fingerprint, utc(since))
        .stream().findFirst();
  }

  /** One more copy of the event's alert arrived. */
  public void countDuplicate(long eventId, Instant at) {
    jdbc.update("update security_event set duplicate_count = duplicate_count + 1, last_duplicate_at = ? where id = ?",
        utc(at), eventId);
  }

  /**
   * Links a received event (stored by the intake, not yet triaged) to the triage that starts for it;
   * false when there is no such event, so that no triage can take over another's event.
   */
  public boolean claimForTriage(long eventId, String triageProcessInstanceId) {
    return jdbc.update("""
        update security_event set triage_process_instance_id = ?
        where id = ? and source is not null and triage_process_instance_id is null""",
        triageProcessInstanceId, eventId) == 1;
  }

  public Optional<SecurityEvent> find(long eventId) {
    return jdbc.query("select * from security_event where id = ?", SecurityEvents::map, eventId)
        .stream().findFirst();
  }


  private static SecurityEvent map(ResultSet rs, int row) throws SQLException {
    return new SecurityEvent(
        rs.getLong("id"),
        instant(rs, "reported_at"),
        rs.getString("reporter"),
        rs.getString("channel"),
        rs.getString("title"),
        rs.getString("description"),
        rs.getString("affected_systems"),
        rs.getString("suspected_severity"),
        rs.getString("disposition"),
        rs.getString("severity"),
        rs.getString("triage_process_instance_id"),
        rs.getString("incident_id"),
        instant(rs, "decided_at"),
        rs.getString("decided_by"));
  }
}
