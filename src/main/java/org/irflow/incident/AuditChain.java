package org.irflow.incident;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;

/**
 * The one definition of what an audit-chain hash covers, shared by the sealer, the verifier, the export
 * and the command-line check (no Spring, no engine: plain JDBC rows in, hex strings out).
 *
 * <p>The canonical text is a version tag followed by the fields in a fixed order, each written as
 * {@code N} for null or {@code S<length>:<value>} (length in UTF-16 chars of the value), so that no field
 * can bleed into the next: "ab"+"c" and "a"+"bc" give different texts. occurred_at is written as an
 * ISO-8601 instant in UTC ({@link DateTimeFormatter#ISO_INSTANT}). incident_id is not covered: an event's
 * rows gain it when the event is declared an incident, after they may have been sealed.
 */
public final class AuditChain {

  /** previous_hash of the first entry of the chain. */
  public static final String GENESIS = "0".repeat(64);

  static final String VERSION = "irflow-timeline-v1";

  /** Columns every chain query reads. */
  public static final String COLUMNS = "id, occurred_at, incident_id, event_id, kind, actor, summary, details,"
      + " process_instance_id, activity_id, seal_seq, previous_hash, entry_hash";

  private AuditChain() {}

  /** A timeline row with its seal columns (null while unsealed). */
  public record Row(long id, Instant occurredAt, String incidentId, Long eventId, String kind, String actor,
      String summary, String details, String processInstanceId, String activityId, Long sealSeq,
      String previousHash, String entryHash) {

    public boolean sealed() {
      return sealSeq != null;
    }

    /** The hash this row should carry at its place in the chain. */
    public String expectedHash() {
      return hash(sealSeq, previousHash, this);
    }
  }

  public static Row map(ResultSet rs, int rowNumber) throws SQLException {
    OffsetDateTime occurred = rs.getObject("occurred_at", OffsetDateTime.class);
    return new Row(rs.getLong("id"), occurred == null ? null : occurred.toInstant(), rs.getString("incident_id"),
        rs.getObject("event_id", Long.class), rs.getString("kind"), rs.getString("actor"), rs.getString("summary"),
        rs.getString("details"), rs.getString("process_instance_id"), rs.getString("activity_id"),
        rs.getObject("seal_seq", Long.class), rs.getString("previous_hash"), rs.getString("entry_hash"));
  }

  /** The canonical text of the entry at seal_seq with that predecessor hash. */
  public static String canonical(long sealSeq, String previousHash, Row row) {
    StringBuilder text = new StringBuilder(VERSION);
    field(text, Long.toString(sealSeq));
    field(text, previousHash);
    field(text, Long.toString(row.id()));
    field(text, row.occurredAt() == null ? null : DateTimeFormatter.ISO_INSTANT.format(row.occurredAt()));
    field(text, row.eventId() == null ? null : Long.toString(row.eventId()));
    field(text, row.kind());
    field(text, row.actor());
    field(text, row.summary());
    field(text, row.details());
    field(text, row.processInstanceId());
    field(text, row.activityId());
    return text.toString();
  }

  /** Hex SHA-256 of the canonical text (UTF-8). */
  public static String hash(Long sealSeq, String previousHash, Row row) {
    if (sealSeq == null) {
      return null;
    }
    return sha256(canonical(sealSeq, previousHash, row));
  }

  static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  private static void field(StringBuilder text, String value) {
    text.append('|');
    if (value == null) {
      text.append('N');
    } else {
      text.append('S').append(value.length()).append(':').append(value);
    }
  }
}
