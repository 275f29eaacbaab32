package org.irflow.readiness.review;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The contact_roster table. Configuration is the source of the rosters (name, owner, period): they
 * are loaded at every start; when each was last reviewed is kept across starts.
 */
@Repository
@Order(0)
public class ContactRosters implements ApplicationRunner {

  /** One roster and its last review. */
  public record Roster(String name, String owner, Period reviewEvery, Instant lastReviewedAt,
      String lastReviewedBy) {}

  private final JdbcTemplate jdbc;
  private final ReadinessProperties properties;

  public ContactRosters(JdbcTemplate jdbc, ReadinessProperties properties) {
    this.jdbc = jdbc;
    this.properties = properties;
  }

  @Override
  @Transactional
  public void run(ApplicationArguments args) {
    load();
  }

  @Transactional
  public void load() {
    List<ReadinessProperties.ContactRoster> rosters = properties.contactRosters();
    for (int i = 0; i < rosters.size(); i++) {
      ReadinessProperties.ContactRoster roster = rosters.get(i);
      String at = "irflow.readiness.contact-rosters[" + i + "]";
      if (roster.name() == null || roster.name().isBlank()) {
        throw new IllegalStateException("Invalid readiness configuration: " + at + ".name is missing");
      }
      if (roster.reviewEvery() == null || roster.reviewEvery().isNegative() || roster.reviewEvery().isZero()) {
        throw new IllegalStateException("Invalid readiness configuration: " + at
            + ".review-every must be a positive period such as P3M");
      }
    }
    List<String> names = rosters.stream().map(ReadinessProperties.ContactRoster::name).toList();
    for (String known : jdbc.queryForList("select name from contact_roster", String.class)) {
      if (!names.contains(known)) {
        jdbc.update("delete from contact_roster where name = ?", known);
      }
    }
    for (int i = 0; i < rosters.size(); i++) {
      ReadinessProperties.ContactRoster roster = rosters.get(i);
      int updated = jdbc.update("update contact_roster set owner = ?, review_every = ?, sort_order = ? where name = ?",
          roster.owner(), roster.reviewEvery().toString(), i, roster.name());
      if (updated == 0) {
        jdbc.update("insert into contact_roster (name, owner, review_every, sort_order) values (?, ?, ?, ?)",
            roster.name(), roster.owner(), roster.reviewEvery().toString(), i);
      }
    }
  }

  public List<Roster> all() {
    return jdbc.query("select * from contact_roster order by sort_order, name", ContactRosters::map);
  }

  public void reviewed(String name, Instant at, String by) {
    jdbc.update("update contact_roster set last_reviewed_at = ?, last_reviewed_by = ? where name = ?",
        at.atOffset(ZoneOffset.UTC), by, name);
  }

  private static Roster map(ResultSet rs, int row) throws SQLException {
    OffsetDateTime reviewed = rs.getObject("last_reviewed_at", OffsetDateTime.class);
    return new Roster(rs.getString("name"), rs.getString("owner"), Period.parse(rs.getString("review_every")),
        reviewed == null ? null : reviewed.toInstant(), rs.getString("last_reviewed_by"));
  }
}
