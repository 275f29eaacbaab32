package org.irflow.readiness.training;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** The training_enrolment and training_record tables. */
@Repository
public class TrainingRecords {

  /** A member known to the training programme. */
  public record Enrolment(String userId, String responseGroup, Instant joinedAt, String processInstanceId) {}

  private final JdbcTemplate jdbc;

  public TrainingRecords(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  public boolean isEnrolled(String userId) {
    Integer count = jdbc.queryForObject("select count(*) from training_enrolment where user_id = ?",
        Integer.class, userId);
    return count != null && count > 0;
  }

  public void enrol(String userId, String responseGroup, Instant joinedAt) {
    jdbc.update("insert into training_enrolment (user_id, response_group, joined_at) values (?, ?, ?)",
        userId, responseGroup, utc(joinedAt));
  }

  public void rejoined(String userId, String responseGroup, Instant joinedAt) {
    jdbc.update("update training_enrolment set response_group = ?, joined_at = ? where user_id = ?",
        responseGroup, utc(joinedAt), userId);
  }

  public void trainingStarted(String userId, String processInstanceId) {
    jdbc.update("update training_enrolment set process_instance_id = ? where user_id = ?",
        processInstanceId, userId);
  }

  public Optional<Enrolment> enrolment(String userId) {
    return jdbc.query("select * from training_enrolment where user_id = ?", TrainingRecords::enrolment,
        userId).stream().findFirst();
  }

  public List<Enrolment> enrolments() {
    return jdbc.query("select * from training_enrolment order by user_id", TrainingRecords::enrolment);
  }

  public long startRound(String userId, String responseGroup, TrainingKind kind, Instant joinedAt,
      Instant startedAt, Instant dueAt, String processInstanceId) {
    GeneratedKeyHolder key = new GeneratedKeyHolder();
    jdbc.update(connection -> {
      var insert = connection.prepareStatement("""
          insert into training_record (user_id, response_group, kind, joined_at, started_at, due_at,
                                       process_instance_id)
          values (?, ?, ?, ?, ?, ?, ?)""", new String[] {"id"});
      insert.setString(1, userId);
      insert.setString(2, responseGroup);
      insert.setString(3, kind.name());
      insert.setObject(4, utc(joinedAt));
      insert.setObject(5, utc(startedAt));
      insert.setObject(6, utc(dueAt));
      insert.setString(7, processInstanceId);
      return insert;
    }, key);
    return key.getKey().longValue();
  }

  public void reminded(long roundId, Instant at) {
    jdbc.update("update training_record set reminded_at = ? where id = ?", utc(at), roundId);
  }

  public void escalated(long roundId, Instant at) {
    jdbc.update("update training_record set escalated_at = ? where id = ?", utc(at), roundId);
  }

  public void completed(long roundId, Instant at, LocalDate attendedOn, String notesLocation,
      boolean attendanceConfirmed, String by) {
    jdbc.update("""
        update training_record set completed_at = ?, attended_on = ?, notes_location = ?,
               attendance_confirmed = ?, completed_by = ?
        where id = ?""", utc(at), attendedOn, notesLocation, attendanceConfirmed, by, roundId);
  }

  public Optional<TrainingRound> round(long roundId) {
    return jdbc.query("select * from training_record where id = ?", TrainingRecords::round, roundId)
        .stream().findFirst();
  }

  /** A member's rounds, oldest first. */
  public List<TrainingRound> roundsOf(String userId) {
    return jdbc.query("select * from training_record where user_id = ? order by started_at, id",
        TrainingRecords::round, userId);
  }

  private static Enrolment enrolment(ResultSet rs, int row) throws SQLException {
    return new Enrolment(rs.getString("user_id"), rs.getString("response_group"),
        instant(rs, "joined_at"), rs.getString("process_instance_id"));
  }

  private static TrainingRound round(ResultSet rs, int row) throws SQLException {
    return new TrainingRound(
        rs.getLong("id"),
        rs.getString("user_id"),
        rs.getString("response_group"),
        TrainingKind.valueOf(rs.getString("kind")),
        instant(rs, "joined_at"),
        instant(rs, "started_at"),
        instant(rs, "due_at"),
        instant(rs, "reminded_at"),
        instant(rs, "escalated_at"),
        instant(rs, "completed_at"),
        rs.getObject("attended_on", LocalDate.class),
        rs.getString("notes_location"),
        rs.getBoolean("attendance_confirmed"),
        rs.getString("completed_by"),
        rs.getString("process_instance_id"));
  }

  static OffsetDateTime utc(Instant instant) {
    return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
  }

  static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }
}
