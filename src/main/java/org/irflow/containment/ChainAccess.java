package org.irflow.containment;

import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Reads and writes on a configured chain (irflow.containment.chains), through its RPC endpoints in
 * order, failing over to the next when one fails. Implemented with web3j.
 */
public interface ChainAccess {

  /** Whether irflow has RPC endpoints for this chain; without them pauses take the manual path. */
  boolean configured(long chainId);

  /**
   * Simulates a call (eth_call, then eth_estimateGas) from {@code from}.
   *
   * @return empty when it would succeed, else the revert reason (decoded Error(string), custom error
   *     selector, or the RPC's message)
   */
  Optional<String> simulate(long chainId, String from, String to, String data);

  /** Owners, threshold and nonce, read on-chain. */
  SafeState safeState(long chainId, String safe);

  /** The Safe's own getTransactionHash for the transaction. */
  String onChainSafeTransactionHash(long chainId, String safe, SafeTransaction transaction);

  /**
   * Sends execTransaction with the given signatures (r||s||v, sorted by owner), paid by the executor
   * key of irflow.containment.keys.executor. Returns the transaction hash.
   */
  String executeSafeTransaction(long chainId, String safe, SafeTransaction transaction, String signatures);

  /** The receipt, once mined; empty while pending or unknown. */
  Optional<Receipt> receipt(long chainId, String transactionHash);

  /** paused() of a Pausable contract. */
  boolean paused(long chainId, String contract);

  /** A Safe's owners, threshold and next nonce. */
  record SafeState(List<String> owners, int threshold, BigInteger nonce) {}

  /**
   * A mined transaction.
   *
   * @param pausedContracts addresses whose Paused(address) event is in the receipt's logs
   * @param safeExecutionSucceeded for execTransaction: ExecutionSuccess (true) or ExecutionFailure (false); null otherwise
   */
  record Receipt(String transactionHash, long blockNumber, Instant blockTime, boolean success,
      List<String> pausedContracts, Boolean safeExecutionSucceeded) {}
}
