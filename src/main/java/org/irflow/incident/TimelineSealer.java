package org.irflow.incident;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Chains committed timeline rows after the fact, so that writers take no lock: every second (and when
 * called) it takes the unsealed rows in id order and gives each the next seal_seq, the previous entry's
 * hash and its own hash ({@link AuditChain}). It holds the row lock of the one-row timeline_chain table
 * for the whole of a batch, so two nodes never seal at once; the second waits, then sees the rows sealed.
 * A row committed late (a lower id than rows already sealed) simply gets a later seal_seq.
 */
@Component
public class TimelineSealer {

  private static final Logger log = LoggerFactory.getLogger(TimelineSealer.class);

  private final JdbcTemplate jdbc;
  private final TransactionTemplate transactions;
  private final Clock clock;
  private final int batchSize;

  public TimelineSealer(JdbcTemplate jdbc, PlatformTransactionManager transactionManager, Clock clock,
      @Value("${irflow.audit.seal-batch-size:1000}") int batchSize) {
    this.jdbc = jdbc;
    this.transactions = new TransactionTemplate(transactionManager);
    this.clock = clock;
    this.batchSize = batchSize;
  }

  /** The scheduled run ({@link TimelineSealerSchedule}): a failure is logged, the next run retries. */
  void sealQuietly() {
    try {
      sealPending();
    } catch (RuntimeException e) {
      log.warn("Sealing the timeline failed; the next run retries: {}", e.toString());
    }
  }

  /** Seals every row committed so far, one transaction per batch; answers how many it sealed. */
  public int sealPending() {
    int total = 0;
    int sealed;
    do {
      sealed = transactions.execute(status -> sealBatch());
      total += sealed;
    } while (sealed == batchSize);
    return total;
  }

  private int sealBatch() {
    Map<String, Object> head = jdbc.queryForMap(
        "select last_seq, last_hash from timeline_chain where id = 1 for update");
    long seq = ((Number) head.get("last_seq")).longValue();
    String previous = (String) head.get("last_hash");
    List<AuditChain.Row> rows = jdbc.query("select " + AuditChain.COLUMNS
        + " from timeline_entry where seal_seq is null order by id fetch first " + batchSize + " rows only",
        AuditChain::map);
    if (rows.isEmpty()) {
      return 0;
    }
    List<Object[]> updates = new ArrayList<>(rows.size());
    long lastId = 0;
    for (AuditChain.Row row : rows) {
      seq++;
      String hash = AuditChain.hash(seq, previous, row);
      updates.add(new Object[] {seq, previous, hash, row.id()});
      previous = hash;
      lastId = row.id();
    }
    int[] counts = jdbc.batchUpdate("update timeline_entry set seal_seq = ?, previous_hash = ?, entry_hash = ?"
        + " where id = ? and seal_seq is null", updates);
    for (int count : counts) {
      if (count == 0) {  // a row vanished under us: roll back rather than leave a gap in the chain
        throw new IllegalStateException("a timeline row changed while it was sealed");
      }
    }
    jdbc.update("update timeline_chain set last_seq = ?, last_hash = ?, last_entry_id = ?, sealed_at = ? where id = 1",
        seq, previous, lastId, Timeline.utc(clock.instant()));
    return rows.size();
  }
}
