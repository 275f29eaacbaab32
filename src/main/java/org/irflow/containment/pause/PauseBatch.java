package org.irflow.containment.pause;

import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import org.irflow.containment.SafeTransaction;

/**
 * One pause: contracts on one chain with the same preferred pauser. Holds every submission made for
 * it, so that a re-run step finds what was already sent.
 */
public record PauseBatch(
    long id,
    String incidentId,
    long chainId,
    List<String> contractNames,
    List<String> contractAddresses,
    List<String> pausers,
    int pauserIndex,
    String pausePath,
    PauseStatus status,
    String requestedBy,
    Instant requestedAt,
    boolean automatic,
    boolean drill,
    String processInstanceId,
    String revertReason,
    String safeAddress,
    Long safeNonce,
    Integer safeThreshold,
    String safeTxTo,
    String safeTxData,
    Integer safeTxOperation,
    String safeTxHash,
    Instant proposedAt,
    Instant executionStartedAt,
    String relayerId,
    Instant relayerSubmittedAt,
    String relayerTxId,
    String txHash,
    Long blockNumber,
    Instant blockTime,
    Instant verifiedAt,
    String failure,
    String statusDetail,
    int failedAttempts,
    Long safeFromBlock,
    String supersededSafeTxHashes,
    String signedTx,
    Long signedTxNonce,
    Instant waitingSince,
    String relayerRejected,
    Long splitFrom) {

  /** The pauser in use: "relayer:id" or "safe:0x...", or null when every pauser was tried. */
  public String pauser() {
    return pauserIndex < pausers.size() ? pausers.get(pauserIndex) : null;
  }

  /** The Safe transaction as recorded before it was proposed. */
  public SafeTransaction safeTransaction() {
    return SafeTransaction.of(safeTxTo, safeTxData, safeTxOperation, BigInteger.valueOf(safeNonce));
  }

  /** "Vault (0xabc...), Bridge (0xdef...)" */
  public String describeContracts() {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < contractNames.size(); i++) {
      if (i > 0) {
        text.append(", ");
      }
      text.append(contractNames.get(i)).append(" (").append(contractAddresses.get(i)).append(')');
    }
    return text.toString();
  }
}
