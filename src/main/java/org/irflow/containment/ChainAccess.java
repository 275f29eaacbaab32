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

  /**
   * Signs execTransaction with the given signatures (r||s||v, sorted by owner), paid by the executor
   * key, with an explicit nonce (the executor's pending count), after simulating it from the executor.
   * Nothing is sent: the caller records the signed bytes first, then {@link #broadcast}s them.
   *
   * @throws org.irflow.containment.chain.TransactionReverted when the simulation reverts
   */
  SignedTransaction signSafeExecution(long chainId, String safe, SafeTransaction transaction, String signatures);

  /**
   * Sends signed bytes to the chain; sending the same bytes again is harmless (a node that already has
   * them answers "already known", a mined one "nonce too low": both are taken as sent).
   */
  void broadcast(long chainId, String signedTransaction);

  /** Whether the chain has mined a transaction, holds it pending, or does not know it. */
  TransactionState transactionState(long chainId, String transactionHash);

  /** The number of transactions of an account in the latest block: its next nonce once all are mined. */
  BigInteger minedNonce(long chainId, String account);

  /** The executor's address (irflow.containment.keys.executor), or null without a key. */
  String executorAddress();

  /** The latest block number. */
  long blockNumber(long chainId);

  /**
   * The Safe's ExecutionSuccess or ExecutionFailure event for this SafeTx hash, from block
   * {@code fromBlock} on: whether, and by which transaction, this very Safe transaction executed.
   */
  Optional<SafeExecution> safeExecution(long chainId, String safe, String safeTxHash, long fromBlock);

  /** The receipt, once mined; empty while pending or unknown. */
  Optional<Receipt> receipt(long chainId, String transactionHash);

  /** paused() of a Pausable contract. */
  boolean paused(long chainId, String contract);

  /** The chain id the chain's node answers to eth_chainId (a misconfigured RPC URL answers another). */
  long nodeChainId(long chainId);

  /** The account's balance in wei, latest block. */
  BigInteger balance(long chainId, String account);

  /** The node's current gas price in wei (eth_gasPrice). */
  BigInteger gasPrice(long chainId);

  /**
   * VERSION() of a Safe, e.g. "1.5.0".
   *
   * @throws org.irflow.containment.chain.TransactionReverted when the address answers no VERSION()
   *     (no contract there, or not a Safe)
   */
  String safeVersion(long chainId, String safe);

  /**
   * owner() of an Ownable contract, in lower case.
   *
   * @throws org.irflow.containment.chain.TransactionReverted when the contract has no owner()
   */
  String owner(long chainId, String contract);

  /**
   * hasRole(role, account) of an AccessControl contract.
   *
   * @param role the role's bytes32 as 0x-hex, e.g. {@code PAUSER_ROLE} = keccak256("PAUSER_ROLE")
   * @throws org.irflow.containment.chain.TransactionReverted when the contract has no hasRole()
   */
  boolean hasRole(long chainId, String contract, String role, String account);

  /** A signed transaction: its hash, the signed bytes (hex) and the sender's nonce it uses. */
  record SignedTransaction(String hash, String raw, BigInteger nonce) {}

  enum TransactionState { MINED, PENDING, UNKNOWN }

  /** The transaction in which a Safe executed a SafeTx, and whether the inner call succeeded. */
  record SafeExecution(String transactionHash, boolean success) {}

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
