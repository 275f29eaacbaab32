package org.irflow.readiness.planreview;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** The plan_review and plan_review_cycle tables. */
@Repository
public class PlanReviews {

  private final JdbcTemplate jdbc;

  public PlanReviews(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** Completion of the last completed review. */
  public Optional<Instant> lastCompletedAt() {
    return Optional.ofNullable(jdbc.queryForObject(
        "select max(completed_at) from plan_review where completed_at is not null", OffsetDateTime.class))
        .map(OffsetDateTime::toInstant);
  }

  /** The yearly cycle's anchor while no review has completed: set once, at the first ask. */
  Instant cycleAnchor(Instant now) {
    jdbc.update("update plan_review_cycle set anchor_at = ? where id = 1 and anchor_at is null", utc(now));
    return jdbc.queryForObject("select anchor_at from plan_review_cycle where id = 1", OffsetDateTime.class)
        .toInstant();
  }

  long insert(PlanReviewReason reason, String drillIncidentId, String processInstanceId, Instant startedAt,
      Instant reviewedSince, String versionsReviewed) {
    GeneratedKeyHolder key = new GeneratedKeyHolder();
    jdbc.update(connection -> {
      PreparedStatement statement = connection.prepareStatement("""
          insert into plan_review (reason, drill_incident_id, process_instance_id, started_at,
                                   reviewed_since, versions_reviewed)
          values (?, ?, ?, ?, ?, ?)""", new String[] {"id"});
      statement.setString(1, reason.name());
      statement.setString(2, drillIncidentId);
      statement.setString(3, processInstanceId);
      statement.setObject(4, utc(startedAt));
      statement.setObject(5, utc(reviewedSince));
      statement.setString(6, versionsReviewed);
      return statement;
    }, key);
    return key.getKey().longValue();
  }

  void reviewed(long id, String reviewedBy, Instant at, String notes, String changesDecided) {
    jdbc.update("""
        update plan_review set reviewed_by = ?, reviewed_at = ?, review_notes = ?, changes_decided = ?
        where id = ?""", reviewedBy, utc(at), notes, changesDecided, id);
  }

  void changesRecorded(long id, String recordedBy, String planChanges) {
    jdbc.update("update plan_review set changes_recorded_by = ?, plan_changes = ? where id = ?",
        recordedBy, planChanges, id);
  }

  void distributed(long id, String distributedTo, Instant at) {
    jdbc.update("""
        update plan_review set distributed_to = ?, distributed_at = ?, completed_at = ? where id = ?""",
        distributedTo, utc(at), utc(at), id);
  }

  public Optional<PlanReview> find(long id) {
    return jdbc.query("select * from plan_review where id = ?", PlanReviews::map, id).stream().findFirst();
  }

  /** Reviews, newest first. */
  public List<PlanReview> list(int limit) {
    return jdbc.query("select * from plan_review order by started_at desc, id desc limit " + limit,
        PlanReviews::map);
  }

  private static PlanReview map(ResultSet rs, int row) throws SQLException {
    return new PlanReview(
        rs.getLong("id"),
        PlanReviewReason.valueOf(rs.getString("reason")),
        rs.getString("drill_incident_id"),
        rs.getString("process_instance_id"),
        instant(rs, "started_at"),
        instant(rs, "reviewed_since"),
        rs.getString("versions_reviewed"),
        rs.getString("reviewed_by"),
        instant(rs, "reviewed_at"),
        rs.getString("review_notes"),
        rs.getString("changes_decided"),
        rs.getString("changes_recorded_by"),
        rs.getString("plan_changes"),
        rs.getString("distributed_to"),
        instant(rs, "distributed_at"),
        instant(rs, "completed_at"));
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }
}
