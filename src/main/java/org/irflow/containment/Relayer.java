package org.irflow.containment;

import java.math.BigInteger;

/**
 * OpenZeppelin Relayer (self-hosted; irflow.containment.relayer.url and .api-key): sends a
 * transaction from a relayer account that holds PAUSER_ROLE.
 */
public interface Relayer {

  /** POST /api/v1/relayers/{relayerId}/transactions */
  RelayerTransaction submit(String relayerId, String to, String data, BigInteger gasLimit);

  /** GET /api/v1/relayers/{relayerId}/transactions/{transactionId} */
  RelayerTransaction transaction(String relayerId, String transactionId);

  /**
   * @param status pending, sent, submitted, mined, confirmed, failed, expired or canceled
   * @param hash the chain transaction hash once sent, else null
   */
  record RelayerTransaction(String id, String hash, String status) {

    public boolean done() {
      return "mined".equals(status) || "confirmed".equals(status);
    }

    public boolean failed() {
      return "failed".equals(status) || "expired".equals(status) || "canceled".equals(status);
    }
  }
}
