package org.irflow.containment.pause;

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
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The pause_batch table. Submissions are recorded with {@link #recordNow}: in a transaction of their
 * own, committed before the request leaves irflow, so that a crash after the send still finds them.
 */
@Repository
public class PauseBatches {

  private final JdbcTemplate jdbc;
  private final TransactionTemplate ownTransaction;

  public PauseBatches(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
    this.jdbc = jdbc;
    this.ownTransaction = new TransactionTemplate(transactions);
    this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  public record NewBatch(String incidentId, long chainId, List<String> contractNames,
      List<String> contractAddresses, List<String> pausers, String requestedBy, Instant requestedAt,
      boolean automatic, boolean drill) {}

  public long create(NewBatch batch) {
    GeneratedKeyHolder key = new GeneratedKeyHolder();
    jdbc.update(connection -> {
      var statement = connection.prepareStatement("""
          insert into pause_batch (incident_id, chain_id, contract_names, contract_addresses, pausers,
                                   pauser_index, status, requested_by, requested_at, automatic, drill)
          values (?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?)""", new String[] {"id"});
      statement.setString(1, batch.incidentId());
      statement.setLong(2, batch.chainId());
      statement.setString(3, String.join(",", batch.contractNames()));
      statement.setString(4, String.join(",", batch.contractAddresses()));
      statement.setString(5, String.join(",", batch.pausers()));
      statement.setString(6, PauseStatus.REQUESTED.name());
      statement.setString(7, batch.requestedBy());
      statement.setObject(8, utc(batch.requestedAt()));
      statement.setBoolean(9, batch.automatic());
      statement.setBoolean(10, batch.drill());
      return statement;
    }, key);
    return key.getKey().longValue();
  }

  /** An update inside the caller's transaction (the engine's job). */
  /** Frees the Safe nonce the batches of a pause process hold (none when they hold none). */
  public void freeNonceClaimsOf(String processInstanceId) {
    jdbc.update("update pause_batch set safe_nonce_claim = null where process_instance_id = ?", processInstanceId);
  }

  public void update(long id, String assignments, Object... values) {
    Object[] arguments = new Object[values.length + 1];
    for (int i = 0; i < values.length; i++) {
      arguments[i] = values[i] instanceof Instant instant ? utc(instant) : values[i];
    }
    arguments[values.length] = id;
    jdbc.update("update pause_batch set " + assignments + " where id = ?", arguments);
  }

  /** The same, committed at once in a transaction of its own: a record of what is about to be sent. */
  public void recordNow(long id, String assignments, Object... values) {
    ownTransaction.executeWithoutResult(status -> update(id, assignments, values));
  }

  /** Runs the work in a transaction of its own, committed when it returns. */
  public void inOwnTransaction(Runnable work) {
    ownTransaction.executeWithoutResult(status -> work.run());
  }

  /**
   * Moves the contracts with these addresses out of a batch into a new batch of the same incident,
   * chain and pausers (e.g. a contract the Safe cannot pause, so that the others go on without it).
   *
   * @return the new batch's id
   */
  public long splitOff(long id, List<String> addresses, PauseStatus status, String statusDetail) {
    PauseBatch batch = get(id);
    List<String> movedNames = new java.util.ArrayList<>();
    List<String> movedAddresses = new java.util.ArrayList<>();
    List<String> keptNames = new java.util.ArrayList<>();
    List<String> keptAddresses = new java.util.ArrayList<>();
    for (int i = 0; i < batch.contractNames().size(); i++) {
      boolean moved = addresses.stream().anyMatch(batch.contractAddresses().get(i)::equalsIgnoreCase);
      (moved ? movedNames : keptNames).add(batch.contractNames().get(i));
      (moved ? movedAddresses : keptAddresses).add(batch.contractAddresses().get(i));
    }
    long moved = create(new NewBatch(batch.incidentId(), batch.chainId(), movedNames, movedAddresses,
        batch.pausers(), batch.requestedBy(), batch.requestedAt(), batch.automatic(), batch.drill()));
    update(moved, "pauser_index = ?, status = ?, status_detail = ?, split_from = ?", batch.pauserIndex(),
        status.name(), statusDetail, id);
    update(id, "contract_names = ?, contract_addresses = ?", String.join(",", keptNames),
        String.join(",", keptAddresses));
    return moved;
  }

  /** The pause that holds a Safe nonce for its live proposal, if any. */
  public Optional<Long> holderOfSafeNonce(long chainId, String safe, long nonce) {
    return jdbc.queryForList("select id from pause_batch where chain_id = ? and safe_address = ? and safe_nonce_claim = ?",
        Long.class, chainId, safe.toLowerCase(java.util.Locale.ROOT), nonce).stream().findFirst();
  }

  public PauseBatch get(long id) {
    return find(id).orElseThrow(() -> new java.util.NoSuchElementException("no pause batch " + id));
  }

  public Optional<PauseBatch> find(long id) {
    return jdbc.query("select * from pause_batch where id = ?", PauseBatches::map, id).stream().findFirst();
  }

  public List<PauseBatch> ofIncident(String incidentId) {
    return jdbc.query("select * from pause_batch where incident_id = ? order by id", PauseBatches::map, incidentId);
  }

  private static PauseBatch map(ResultSet rs, int row) throws SQLException {
    return new PauseBatch(
        rs.getLong("id"),
        rs.getString("incident_id"),
        rs.getLong("chain_id"),
        List.of(rs.getString("contract_names").split(",")),
        List.of(rs.getString("contract_addresses").split(",")),
        List.of(rs.getString("pausers").split(",")),
        rs.getInt("pauser_index"),
        rs.getString("pause_path"),
        PauseStatus.valueOf(rs.getString("status")),
        rs.getString("requested_by"),
        instant(rs, "requested_at"),
        rs.getBoolean("automatic"),
        rs.getBoolean("drill"),
        rs.getString("process_instance_id"),
        rs.getString("revert_reason"),
        rs.getString("safe_address"),
        rs.getObject("safe_nonce", Long.class),
        rs.getObject("safe_threshold", Integer.class),
        rs.getString("safe_tx_to"),
        rs.getString("safe_tx_data"),
        rs.getObject("safe_tx_operation", Integer.class),
        rs.getString("safe_tx_hash"),
        instant(rs, "proposed_at"),
        instant(rs, "execution_started_at"),
        rs.getString("relayer_id"),
        instant(rs, "relayer_submitted_at"),
        rs.getString("relayer_tx_id"),
        rs.getString("tx_hash"),
        rs.getObject("block_number", Long.class),
        instant(rs, "block_time"),
        instant(rs, "verified_at"),
        rs.getString("failure"),
        rs.getString("status_detail"),
        rs.getInt("failed_attempts"),
        rs.getObject("safe_from_block", Long.class),
        rs.getString("superseded_safe_tx_hashes"),
        rs.getString("signed_tx"),
        rs.getObject("signed_tx_nonce", Long.class),
        instant(rs, "waiting_since"),
        rs.getString("relayer_rejected"),
        rs.getObject("split_from", Long.class));
  }

  /** The Safe Transaction Builder file of a batch on the manual path, if one was prepared. */
  public Optional<String> transactionBuilderFile(long id) {
    return jdbc.queryForList("select transaction_builder from pause_batch where id = ?", String.class, id)
        .stream().filter(java.util.Objects::nonNull).findFirst();
  }

  static OffsetDateTime utc(Instant instant) {
    return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
  }

  static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }
}
