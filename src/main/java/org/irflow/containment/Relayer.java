package org.irflow.containment;

import java.math.BigInteger;
import java.time.Instant;
import java.util.List;

/**
 * OpenZeppelin Relayer (self-hosted; irflow.containment.relayer.url and .api-key): sends a
 * transaction from a relayer account that holds PAUSER_ROLE.
 */
public interface Relayer {

  /** POST /api/v1/relayers/{relayerId}/transactions */
  RelayerTransaction submit(String relayerId, String to, String data, BigInteger gasLimit);

  /**
   * The relayer's account as the relayer reports it (GET /api/v1/relayers/{relayerId}, data.address),
   * in lower case; fails when the relayer refuses the configured key or does not know the id.
   */
  String address(String relayerId);

  /** GET /api/v1/relayers/{relayerId}/transactions/{transactionId} */
  RelayerTransaction transaction(String relayerId, String transactionId);

  /**
   * The relayer's most recent transactions, newest first (by the relayer's created_at), at most
   * {@code limit}: GET /api/v1/relayers/{relayerId}/transactions?page=1&amp;per_page={limit}. Every
   * transaction the relayer accepted is listed, whatever its status, including one whose POST answer
   * never reached irflow.
   *
   * @param limit at least 1
   */
  List<RelayerTransaction> recentTransactions(String relayerId, int limit);

  /**
   * @param status pending, sent, submitted, mined, confirmed, failed, expired or canceled
   * @param hash the chain transaction hash once sent, else null
   * @param to the called address as the relayer holds it, or null when the answer has none
   * @param data the calldata (0x-hex) as the relayer holds it, or null when the answer has none
   * @param createdAt when the relayer accepted the request, or null when the answer has none
   */
  record RelayerTransaction(String id, String hash, String status, String to, String data, Instant createdAt) {

    /** Only what following a transaction needs (no call, no time). */
    public RelayerTransaction(String id, String hash, String status) {
      this(id, hash, status, null, null, null);
    }

    public boolean done() {
      return "mined".equals(status) || "confirmed".equals(status);
    }

    public boolean failed() {
      return "failed".equals(status) || "expired".equals(status) || "canceled".equals(status);
    }
  }
}
