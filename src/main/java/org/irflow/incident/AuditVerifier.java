package org.irflow.incident;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Recomputes the audit chain and names its first break. Plain JDBC and {@link AuditChain} only, so that
 * the command-line {@link AuditCheck} runs the same code without the application.
 */
@Component
public class AuditVerifier {

  /** What broke the chain first. */
  public enum BreakType { CHANGED, REMOVED, RELINKED }

  /**
   * The first break: the row where it shows (null when rows at the end of the chain are gone), the
   * seal_seq expected there, and why.
   */
  public record Break(Long timelineEntryId, long sealSeq, BreakType type, String reason) {}

  /** The chain's state: valid, how many entries were recomputed, the head's seal_seq, the first break. */
  public record Result(boolean valid, long checked, long sealedUpTo, long unsealed, Break firstBreak) {}

  /** One entry of an export, checked on its own: its hash and its link to its predecessor. */
  public enum EntryState { VALID, CHANGED, PREDECESSOR_MISSING, RELINKED, UNSEALED }

  public record EntryCheck(long timelineEntryId, Long sealSeq, EntryState state) {}

  private final JdbcTemplate jdbc;

  public AuditVerifier(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** Walks the whole chain in seal_seq order up to the head as it was when the walk started. */
  public Result verify() {
    // the head first: rows sealed after it was read are beyond it and not walked (no false "removed")
    Map<String, Object> head = jdbc.queryForMap("select last_seq, last_hash from timeline_chain where id = 1");
    long headSeq = ((Number) head.get("last_seq")).longValue();
    String headHash = (String) head.get("last_hash");
    long unsealed = jdbc.queryForObject("select count(*) from timeline_entry where seal_seq is null", Long.class);
    Walk walk = jdbc.query(connection -> {
      var statement = connection.prepareStatement("select " + AuditChain.COLUMNS
          + " from timeline_entry where seal_seq is not null and seal_seq <= ? order by seal_seq");
      statement.setLong(1, headSeq);
      statement.setFetchSize(500);
      return statement;
    }, (ResultSet rs) -> walk(rs));
    Break found = walk.firstBreak;
    if (found == null && walk.lastSeq != headSeq) {
      found = new Break(null, walk.lastSeq + 1, BreakType.REMOVED, "entries " + (walk.lastSeq + 1) + " to "
          + headSeq + " are missing: the chain's head is at seal_seq " + headSeq);
    } else if (found == null && headSeq > 0 && !headHash.equals(walk.lastHash)) {
      found = new Break(walk.lastId, headSeq, BreakType.CHANGED,
          "the last entry's hash differs from the chain's head (timeline_chain.last_hash)");
    }
    return new Result(found == null, walk.checked, headSeq, unsealed, found);
  }

  private static final class Walk {
    long checked;
    long lastSeq;
    String lastHash = AuditChain.GENESIS;
    Long lastId;
    Break firstBreak;
  }

  private static Walk walk(ResultSet rs) throws SQLException {
    Walk walk = new Walk();
    int rowNumber = 0;
    while (rs.next()) {
      AuditChain.Row row = AuditChain.map(rs, rowNumber++);
      long expected = walk.lastSeq + 1;
      if (row.sealSeq() != expected) {
        walk.firstBreak = new Break(row.id(), expected, BreakType.REMOVED, "entry with seal_seq " + expected
            + (row.sealSeq() - expected > 1 ? " to " + (row.sealSeq() - 1) : "") + " is missing before entry "
            + row.id() + " (seal_seq " + row.sealSeq() + ")");
        return walk;
      }
      if (!walk.lastHash.equals(row.previousHash())) {
        walk.firstBreak = new Break(row.id(), expected, BreakType.RELINKED, "entry " + row.id() + " (seal_seq "
            + expected + ") names previous_hash " + row.previousHash() + " but its predecessor hashes to "
            + walk.lastHash + ": an entry before it was replaced or removed");
        return walk;
      }
      String recomputed = row.expectedHash();
      if (!recomputed.equals(row.entryHash())) {
        walk.firstBreak = new Break(row.id(), expected, BreakType.CHANGED, "entry " + row.id() + " (seal_seq "
            + expected + ") was changed after sealing: its content hashes to " + recomputed + ", sealed as "
            + row.entryHash());
        return walk;
      }
      walk.checked++;
      walk.lastSeq = expected;
      walk.lastHash = row.entryHash();
      walk.lastId = row.id();
    }
    return walk;
  }

  /** Checks each entry on its own: its content against its hash, its previous_hash against its predecessor. */
  public List<EntryCheck> check(List<AuditChain.Row> rows) {
    List<EntryCheck> checks = new ArrayList<>(rows.size());
    for (AuditChain.Row row : rows) {
      checks.add(new EntryCheck(row.id(), row.sealSeq(), state(row)));
    }
    return checks;
  }

  private EntryState state(AuditChain.Row row) {
    if (!row.sealed()) {
      return EntryState.UNSEALED;
    }
    if (!row.expectedHash().equals(row.entryHash())) {
      return EntryState.CHANGED;
    }
    if (row.sealSeq() == 1) {
      return AuditChain.GENESIS.equals(row.previousHash()) ? EntryState.VALID : EntryState.RELINKED;
    }
    List<String> predecessor = jdbc.queryForList("select entry_hash from timeline_entry where seal_seq = ?",
        String.class, row.sealSeq() - 1);
    if (predecessor.isEmpty()) {
      return EntryState.PREDECESSOR_MISSING;
    }
    return predecessor.get(0).equals(row.previousHash()) ? EntryState.VALID : EntryState.RELINKED;
  }

  /** The incident's rows with their seal columns, in seal order (unsealed ones last, by id). */
  public List<AuditChain.Row> rowsOfIncident(String incidentId) {
    return jdbc.query("select " + AuditChain.COLUMNS + " from timeline_entry where incident_id = ?"
        + " order by case when seal_seq is null then 1 else 0 end, seal_seq, id", AuditChain::map, incidentId);
  }
}
