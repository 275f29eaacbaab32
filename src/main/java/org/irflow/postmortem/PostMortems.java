package org.irflow.postmortem;

import static org.irflow.postmortem.ActionItems.instant;
import static org.irflow.postmortem.ActionItems.utc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The post_mortem table. */
@Repository
public class PostMortems {

  private final JdbcTemplate jdbc;

  public PostMortems(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  void insert(String incidentId, String processInstanceId, String supervisor, boolean drill,
      Instant startedAt, String gatheredTimeline) {
    jdbc.update("""
        insert into post_mortem (incident_id, process_instance_id, primary_supervisor, drill, status,
                                 started_at, gathered_timeline)
        values (?, ?, ?, ?, ?, ?, ?)""", incidentId, processInstanceId, supervisor, drill,
        PostMortem.OPEN, utc(startedAt), gatheredTimeline);
  }

  void draft(String incidentId, String summary, String timeline, String rootCause, String wentWell,
      String wentWrong, Instant at, String by) {
    jdbc.update("""
        update post_mortem set summary = ?, timeline_markdown = ?, root_cause = ?, went_well = ?,
                               went_wrong = ?, drafted_at = ?, drafted_by = ?
        where incident_id = ?""", summary, timeline, rootCause, wentWell, wentWrong, utc(at), by, incidentId);
  }

  void noActionItems(String incidentId, boolean none) {
    jdbc.update("update post_mortem set no_action_items = ? where incident_id = ?", none, incidentId);
  }

  void publication(String incidentId, Publication publication, String where, String reason, Instant at,
      String by) {
    jdbc.update("""
        update post_mortem set publication = ?, published_where = ?, withheld_reason = ?,
                               publication_decided_at = ?, publication_decided_by = ?
        where incident_id = ?""", publication.name(), where, reason, utc(at), by, incidentId);
  }

  void close(String incidentId, String notes, Instant at, String by) {
    jdbc.update("""
        update post_mortem set status = ?, closing_notes = ?, closed_at = ?, closed_by = ?
        where incident_id = ?""", PostMortem.CLOSED, notes, utc(at), by, incidentId);
  }

  /** Locks the post-mortem's row until the transaction ends: closures of its action items take turns. */
  void lock(String incidentId) {
    jdbc.queryForList("select incident_id from post_mortem where incident_id = ? for update", String.class, incidentId);
  }

  public Optional<PostMortem> find(String incidentId) {
    return jdbc.query("select * from post_mortem where incident_id = ?", PostMortems::map, incidentId)
        .stream().findFirst();
  }

  private static PostMortem map(ResultSet rs, int row) throws SQLException {
    String publication = rs.getString("publication");
    return new PostMortem(
        rs.getString("incident_id"),
        rs.getString("process_instance_id"),
        rs.getString("primary_supervisor"),
        rs.getBoolean("drill"),
        rs.getString("status"),
        instant(rs, "started_at"),
        rs.getString("gathered_timeline"),
        rs.getString("summary"),
        rs.getString("timeline_markdown"),
        rs.getString("root_cause"),
        rs.getString("went_well"),
        rs.getString("went_wrong"),
        instant(rs, "drafted_at"),
        rs.getString("drafted_by"),
        rs.getBoolean("no_action_items"),
        publication == null ? null : Publication.valueOf(publication),
        rs.getString("published_where"),
        rs.getString("withheld_reason"),
        instant(rs, "publication_decided_at"),
        rs.getString("publication_decided_by"),
        rs.getString("closing_notes"),
        instant(rs, "closed_at"),
        rs.getString("closed_by"));
  }
}
