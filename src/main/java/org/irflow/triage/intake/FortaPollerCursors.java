package org.irflow.triage.intake;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The tables forta_poller_cursor and forta_poller_seen (V8): how far the Forta GraphQL poller got for
 * one set of bots and chain, and which alerts of the overlap window it already handed to the intake.
 */
@Repository
public class FortaPollerCursors {

  /**
   * Where polling stands.
   *
   * @param newestCreatedAt the newest createdAt among the alerts received so far (null: none yet)
   * @param polledAt when the last complete poll began (null: none complete yet)
   */
  public record Cursor(String key, String scope, Instant newestCreatedAt, Instant polledAt) {}

  private final JdbcTemplate jdbc;
  private final TransactionTemplate transactions;

  public FortaPollerCursors(JdbcTemplate jdbc, PlatformTransactionManager transactionManager) {
    this.jdbc = jdbc;
    this.transactions = new TransactionTemplate(transactionManager);
  }

  public Optional<Cursor> find(String key) {
    List<Cursor> found = jdbc.query("""
        select cursor_key, scope, newest_created_at, polled_at from forta_poller_cursor where cursor_key = ?""",
        (rs, row) -> new Cursor(rs.getString("cursor_key"), rs.getString("scope"),
            instant(rs, "newest_created_at"), instant(rs, "polled_at")), key);
    return found.stream().findFirst();
  }

  /** Hash → createdAt of the alerts already handed over within the overlap window. */
  public Map<String, Instant> seen(String key) {
    Map<String, Instant> seen = new HashMap<>();
    jdbc.query("select alert_hash, created_at from forta_poller_seen where cursor_key = ?",
        rs -> {
          seen.put(rs.getString("alert_hash"), instant(rs, "created_at"));
        }, key);
    return seen;
  }

  /** Stores the cursor and replaces its seen alerts, in one transaction. */
  public void save(Cursor cursor, Map<String, Instant> seen, Instant now) {
    transactions.executeWithoutResult(status -> {
      int updated = jdbc.update("""
          update forta_poller_cursor set scope = ?, newest_created_at = ?, polled_at = ?, updated_at = ?
          where cursor_key = ?""",
          cursor.scope(), utc(cursor.newestCreatedAt()), utc(cursor.polledAt()), utc(now), cursor.key());
      if (updated == 0) {
        jdbc.update("""
            insert into forta_poller_cursor (cursor_key, scope, newest_created_at, polled_at, updated_at)
            values (?, ?, ?, ?, ?)""",
            cursor.key(), cursor.scope(), utc(cursor.newestCreatedAt()), utc(cursor.polledAt()), utc(now));
      }
      jdbc.update("delete from forta_poller_seen where cursor_key = ?", cursor.key());
      List<Object[]> rows = new ArrayList<>();
      seen.forEach((hash, createdAt) -> rows.add(new Object[] {cursor.key(), hash, utc(createdAt)}));
      if (!rows.isEmpty()) {
        jdbc.batchUpdate("insert into forta_poller_seen (cursor_key, alert_hash, created_at) values (?, ?, ?)", rows);
      }
    });
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }
}
