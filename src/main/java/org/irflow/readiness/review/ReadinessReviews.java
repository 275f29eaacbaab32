package org.irflow.readiness.review;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/**
 * The readiness_review and readiness_gap tables. Also used by ReadinessReviewProcess as
 * {@code readinessReviews}: the collection of its multi-instance task and the context of its forms.
 */
@Repository("readinessReviews")
public class ReadinessReviews {

  public enum Assessment { READY, READY_WITH_GAPS, NOT_READY }

  /** A finding of one check: a GAP (becomes a task) or PENDING (listed only). */
  public record Gap(long id, long reviewId, String check, String kind, String subject, String summary,
      String status, String resolution, String closedBy, Instant closedAt) {}

  /** One monthly review with what its checks found. */
  public record Review(long id, String processInstanceId, Instant startedAt, String assessment,
      String notes, String confirmedBy, Instant confirmedAt, List<Gap> gaps, List<Gap> pending) {}

  private static final int MAX_FINDINGS_TEXT = 3900;

  private final JdbcTemplate jdbc;

  public ReadinessReviews(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  public long open(String processInstanceId, Instant at) {
    GeneratedKeyHolder key = new GeneratedKeyHolder();
    jdbc.update(connection -> {
      var insert = connection.prepareStatement(
          "insert into readiness_review (process_instance_id, started_at) values (?, ?)", new String[] {"id"});
      insert.setString(1, processInstanceId);
      insert.setObject(2, utc(at));
      return insert;
    }, key);
    return key.getKey().longValue();
  }

  public void addFindings(long reviewId, String check, List<ReadinessCheck.Finding> findings) {
    for (ReadinessCheck.Finding finding : findings) {
      jdbc.update("""
          insert into readiness_gap (review_id, check_name, finding_kind, subject, summary, status)
          values (?, ?, ?, ?, ?, 'OPEN')""", reviewId, check, finding.pending() ? "PENDING" : "GAP",
          finding.subject(), abbreviate(finding.summary(), 500));
    }
  }

  /** Ids of the review's open gaps: one "Close readiness gap" task each. */
  public List<Long> openGapIds(Object reviewId) {
    return jdbc.queryForList("""
        select id from readiness_gap where review_id = ? and finding_kind = 'GAP' and status = 'OPEN'
        order by id""", Long.class, id(reviewId));
  }

  public int openGapCount(Object reviewId) {
    return openGapIds(reviewId).size();
  }

  public Gap gap(Object gapId) {
    return jdbc.query("select * from readiness_gap where id = ?", ReadinessReviews::gap, id(gapId))
        .stream().findFirst().orElseThrow(() -> new NoSuchElementException("no readiness gap " + gapId));
  }

  public String gapSummary(Object gapId) {
    return gap(gapId).summary();
  }

  public String gapCheck(Object gapId) {
    return gap(gapId).check();
  }

  public void closeGap(long gapId, String status, String resolution, String by, Instant at) {
    jdbc.update("update readiness_gap set status = ?, resolution = ?, closed_by = ?, closed_at = ? where id = ?",
        status, resolution, by, utc(at), gapId);
  }

  /** The review's findings as short lines, for the "Confirm readiness" form. */
  public String findingsText(Object reviewId) {
    StringBuilder text = new StringBuilder();
    for (Gap gap : findings(id(reviewId))) {
      String line = "- [" + ("PENDING".equals(gap.kind()) ? "pending" : gap.status().toLowerCase()) + "] "
          + gap.summary() + (gap.resolution() == null ? "" : " — " + gap.resolution()) + "\n";
      if (text.length() + line.length() > MAX_FINDINGS_TEXT) {
        text.append("- ... (see GET /api/readiness-reviews)\n");
        break;
      }
      text.append(line);
    }
    return text.isEmpty() ? "No gaps found." : text.toString();
  }

  public int acceptedGapCount(Object reviewId) {
    Integer count = jdbc.queryForObject("""
        select count(*) from readiness_gap where review_id = ? and finding_kind = 'GAP' and status = 'ACCEPTED'""",
        Integer.class, id(reviewId));
    return count == null ? 0 : count;
  }

  public void confirm(long reviewId, Assessment assessment, String notes, String by, Instant at) {
    jdbc.update("""
        update readiness_review set assessment = ?, assessment_notes = ?, confirmed_by = ?, confirmed_at = ?
        where id = ?""", assessment.name(), notes, by, utc(at), reviewId);
  }

  public List<Gap> findings(long reviewId) {
    return jdbc.query("select * from readiness_gap where review_id = ? order by id", ReadinessReviews::gap, reviewId);
  }

  public Review get(long reviewId) {
    List<Review> found = reviews("select * from readiness_review where id = ?", reviewId);
    if (found.isEmpty()) {
      throw new NoSuchElementException("no readiness review " + reviewId);
    }
    return found.get(0);
  }

  /** The latest reviews first. */
  public List<Review> list(int limit) {
    return reviews("select * from readiness_review order by started_at desc, id desc limit " + limit);
  }

  private List<Review> reviews(String sql, Object... args) {
    Map<Long, Review> reviews = new LinkedHashMap<>();
    jdbc.query(sql, rs -> {
      long id = rs.getLong("id");
      List<Gap> all = findings(id);
      List<Gap> gaps = new ArrayList<>();
      List<Gap> pending = new ArrayList<>();
      all.forEach(gap -> ("PENDING".equals(gap.kind()) ? pending : gaps).add(gap));
      reviews.put(id, new Review(id, rs.getString("process_instance_id"), instant(rs, "started_at"),
          rs.getString("assessment"), rs.getString("assessment_notes"), rs.getString("confirmed_by"),
          instant(rs, "confirmed_at"), gaps, pending));
    }, args);
    return List.copyOf(reviews.values());
  }

  private static Gap gap(ResultSet rs, int row) throws SQLException {
    return new Gap(rs.getLong("id"), rs.getLong("review_id"), rs.getString("check_name"),
        rs.getString("finding_kind"), rs.getString("subject"), rs.getString("summary"),
        rs.getString("status"), rs.getString("resolution"), rs.getString("closed_by"),
        instant(rs, "closed_at"));
  }

  private static long id(Object value) {
    if (value instanceof Number number) {
      return number.longValue();
    }
    return Long.parseLong(String.valueOf(value));
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }

  private static String abbreviate(String text, int max) {
    return text == null || text.length() <= max ? text : text.substring(0, max - 1) + "…";
  }
}
