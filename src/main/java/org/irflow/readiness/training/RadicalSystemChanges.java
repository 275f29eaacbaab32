package org.irflow.readiness.training;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The radical_system_change table: each change signalled invalidates training completed before it. */
@Repository
public class RadicalSystemChanges {

  private final JdbcTemplate jdbc;

  public RadicalSystemChanges(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  public void record(String description, Instant at, String by, String processInstanceId) {
    jdbc.update("""
        insert into radical_system_change (description, signalled_at, signalled_by, process_instance_id)
        values (?, ?, ?, ?)""", description, TrainingRecords.utc(at), by, processInstanceId);
  }

  /** When the last radical change up to {@code now} was signalled, if ever. */
  public Optional<Instant> lastSignalledAt(Instant now) {
    OffsetDateTime last = jdbc.queryForObject(
        "select max(signalled_at) from radical_system_change where signalled_at <= ?",
        OffsetDateTime.class, TrainingRecords.utc(now));
    return Optional.ofNullable(last).map(OffsetDateTime::toInstant);
  }
}
