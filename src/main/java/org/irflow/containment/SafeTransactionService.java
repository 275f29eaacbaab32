package org.irflow.containment;

import java.util.List;
import java.util.Optional;

/**
 * The Safe Transaction Service of a chain (irflow.containment.chains[].safe-transaction-service-url):
 * where proposals wait for the owners' confirmations. Backs off on 429; other failures throw, and
 * the job that called it retries.
 */
public interface SafeTransactionService {

  /**
   * Proposes a transaction (POST /api/v2/safes/{safe}/multisig-transactions/), signed by the sender.
   *
   * @throws ProposalRejected when the service answers 422 (hash, sender or signature do not match)
   */
  void propose(long chainId, String safe, SafeTransaction transaction, String safeTxHash, String sender,
      String signature, String origin);

  /** The proposal as the service knows it (GET /api/v2/multisig-transactions/{safeTxHash}/); empty on 404. */
  Optional<Proposal> proposal(long chainId, String safeTxHash);

  /**
   * The delegates registered for {@code delegate} (GET /api/v2/delegates/?delegate={delegate}): the
   * delegators it may propose for, each for one Safe or (safe null) for every Safe of that delegator.
   */
  List<Delegation> delegations(long chainId, String delegate);

  /** A delegate may propose for {@code safe} (null: every Safe) on behalf of the owner {@code delegator}. */
  record Delegation(String safe, String delegate, String delegator) {}

  /**
   * The Safe as the service has indexed it (GET /api/v1/safes/{safe}/): the nonce, owners and
   * threshold it checks proposals against. Empty on 404 (the service does not know the Safe).
   *
   * @throws org.irflow.containment.safe.ServiceCallFailed when no answer comes, or one that is not
   *     exactly one Safe (a garbled or repeated answer is never taken for the Safe)
   */
  Optional<IndexedSafe> safe(long chainId, String safe);

  /** A Safe as the service knows it; owners in lower case, in the Safe's order. */
  record IndexedSafe(java.math.BigInteger nonce, List<String> owners, int threshold) {}

  /** A proposal and its confirmations so far. */
  record Proposal(String safeTxHash, int confirmationsRequired, List<Confirmation> confirmations,
      boolean executed, String transactionHash) {}

  /** One owner's signature of the SafeTx hash. */
  record Confirmation(String owner, String signature) {}

  /** The service refused a proposal (HTTP 422), with its explanation. */
  class ProposalRejected extends RuntimeException {
    public ProposalRejected(String message) {
      super(message);
    }
  }
}
