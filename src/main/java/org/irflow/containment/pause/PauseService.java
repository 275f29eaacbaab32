package org.irflow.containment.pause;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.irflow.containment.ChainAccess;
import org.irflow.containment.ContainmentProperties;
import org.irflow.containment.ContractRegistry;
import org.irflow.containment.ContractRegistry.RegisteredChain;
import org.irflow.containment.ContractRegistry.RegisteredContract;
import org.irflow.containment.Relayer;
import org.irflow.containment.SafeTransaction;
import org.irflow.containment.SafeTransactionService;
import org.irflow.containment.chain.ChainUnavailable;
import org.irflow.containment.chain.SafeTransactions;
import org.irflow.containment.chain.TransactionReverted;
import org.irflow.containment.safe.ServiceCallFailed;
import org.irflow.incident.Incident;
import org.irflow.incident.Incidents;
import org.irflow.incident.Timeline;
import org.irflow.incident.TimelineKind;
import org.irflow.process.Actors;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Keys;

/**
 * Pausing registered contracts: batches, the three paths (relayer, Safe, manual), verification. No
 * Camunda imports; the delegates call it. Every submission is recorded before it leaves, and every
 * step looks at what was recorded first, so that a retried job never sends the same pause twice.
 */
@Service
public class PauseService {

  /** gas limit for one pause() sent through the relayer */
  static final BigInteger RELAYER_GAS_LIMIT = BigInteger.valueOf(150_000);
  static final String ORIGIN = "{\"url\":\"https://github.com/irflow\",\"name\":\"irflow\"}";

  public enum Path { RELAYER, SAFE, MANUAL, DRILL }

  public enum RelayerState { DONE, PENDING, FAILED, STALLED }

  public enum Verification { VERIFIED, UNVERIFIED, PENDING, FAILED, STALLED, RESEND }

  private final ContractRegistry registry;
  private final ContainmentProperties containment;
  private final ChainAccess chain;
  private final SafeTransactionService safeService;
  private final Relayer relayer;
  private final SafeTransactions safeTransactions;
  private final PrestagedPauses prestagedPauses;
  private final PauseBatches batches;
  private final Incidents incidents;
  private final Timeline timeline;
  private final ObjectMapper json;
  private final Clock clock;

  public PauseService(ContractRegistry registry, ContainmentProperties containment, ChainAccess chain,
      SafeTransactionService safeService, Relayer relayer, SafeTransactions safeTransactions,
      PrestagedPauses prestagedPauses, PauseBatches batches, Incidents incidents, Timeline timeline, ObjectMapper json,
      Clock clock) {
    this.registry = registry;
    this.containment = containment;
    this.chain = chain;
    this.safeService = safeService;
    this.relayer = relayer;
    this.safeTransactions = safeTransactions;
    this.prestagedPauses = prestagedPauses;
    this.batches = batches;
    this.incidents = incidents;
    this.timeline = timeline;
    this.json = json;
    this.clock = clock;
  }

  // ---------------------------------------------------------------- request and batches

  /**
   * Splits a request into batches (contracts on one chain with the same preferred pauser; a relayer
   * sends one pause() per transaction, so relayer batches hold one contract) and records them.
   *
   * @throws IllegalArgumentException naming an unknown contract
   */
  public List<Long> request(String incidentId, List<String> contractNames, String requestedBy, boolean automatic) {
    Incident incident = incidents.find(incidentId)
        .orElseThrow(() -> new IllegalArgumentException("unknown incident " + incidentId));
    Map<String, List<RegisteredContract>> groups = new LinkedHashMap<>();
    for (String name : contractNames) {
      RegisteredContract contract = registry.contract(name.trim())
          .orElseThrow(() -> new IllegalArgumentException("'" + name.trim() + "' is not a registered contract"));
      String key = contract.chainId() + "|" + contract.preferredPauser();
      if (contract.preferredPauser().startsWith(ContractRegistry.RELAYER_PREFIX)) {
        key += "|" + contract.name();
      }
      List<RegisteredContract> group = groups.computeIfAbsent(key, k -> new ArrayList<>());
      if (!group.contains(contract)) {
        group.add(contract);
      }
    }
    List<Long> ids = new ArrayList<>();
    Instant now = clock.instant();
    for (List<RegisteredContract> group : groups.values()) {
      long id = batches.create(new PauseBatches.NewBatch(incidentId, group.get(0).chainId(),
          group.stream().map(RegisteredContract::name).toList(),
          group.stream().map(RegisteredContract::address).toList(),
          group.get(0).pausers(), requestedBy, now, automatic, incident.drill()));
      PauseBatch batch = batches.get(id);
      timeline.append(Timeline.Source.ofIncident(incidentId), TimelineKind.PAUSE_REQUESTED, requestedBy,
          (automatic ? "Automatic pause started" : "Pause requested") + " for " + batch.describeContracts()
              + " on chain " + batch.chainId() + " (pause " + id + ", pauser " + batch.pauser() + ")",
          null);
      ids.add(id);
    }
    return ids;
  }

  public void processStarted(long batchId, String processInstanceId) {
    batches.update(batchId, "process_instance_id = ?", processInstanceId);
  }

  public PauseBatch batch(long batchId) {
    return batches.get(batchId);
  }

  // ---------------------------------------------------------------- which way

  /**
   * Chooses the way to pause with the pauser in use: a drill never touches a production chain;
   * without RPC endpoints, or for a Safe without transaction service or keys, a person signs.
   */
  public Path route(long batchId) {
    PauseBatch batch = batches.get(batchId);
    RegisteredChain registered = registry.chain(batch.chainId()).orElseThrow();
    Path path;
    if (batch.drill() && registered.production()) {
      path = Path.DRILL;
    } else if (!chain.configured(batch.chainId())) {
      path = Path.MANUAL;
    } else if (batch.pauser() != null && batch.pauser().startsWith(ContractRegistry.RELAYER_PREFIX)) {
      path = Path.RELAYER;
    } else if (batch.pauser() == null || registered.safeTransactionServiceUrl() == null
        || blank(containment.keys().proposer()) || blank(containment.keys().executor())) {
      path = Path.MANUAL;
    } else {
      path = Path.SAFE;
    }
    batches.update(batchId, "pause_path = ?", path.name());
    return path;
  }

  /** A drill on a production chain: recorded, nothing sent. */
  public void recordDrill(long batchId) {
    PauseBatch batch = batches.get(batchId);
    batches.update(batchId, "status = ?", PauseStatus.DRILL_NO_EFFECT.name());
    timeline.append(source(batch), TimelineKind.PAUSE_FAILED, Actors.SYSTEM,
        "Drill: pause of " + batch.describeContracts() + " not sent, chain " + batch.chainId()
            + " is a production chain (drills never act on one)", null);
  }

  // ---------------------------------------------------------------- simulation

  public enum Simulation { PASSED, ALREADY_PAUSED, REVERTED }

  /**
   * The simulation's outcome. Contracts already paused, or that the Safe cannot pause while others of
   * the batch can, are split out of the batch so that the others go on.
   *
   * @param revertReason why the Safe cannot pause (REVERTED), else null
   * @param cannotPause a batch split off for the contracts the Safe cannot pause, to be given to the
   *     supervisor in a pause process of its own; null when none was split off
   */
  public record SimulationResult(Simulation outcome, String revertReason, Long cannotPause) {}

  /**
   * Simulates pause() on every contract from the Safe (eth_call, eth_estimateGas). The Safe's batch
   * runs each pause() with the Safe as sender, so each is simulated from the Safe. A pause() that
   * reverts because the contract is paused already (EnforcedPause(), "Pausable: paused"), confirmed by
   * paused(), is no failure: that contract is paused, not by this pause.
   */
  public SimulationResult simulate(long batchId) {
    PauseBatch batch = batches.get(batchId);
    String safe = safeOf(batch);
    List<String> alreadyPaused = new ArrayList<>();
    Map<String, String> cannot = new LinkedHashMap<>();
    for (int i = 0; i < batch.contractAddresses().size(); i++) {
      String address = batch.contractAddresses().get(i);
      Optional<String> revert = chain.simulate(batch.chainId(), safe, address, SafeTransactions.PAUSE);
      if (revert.isEmpty()) {
        continue;
      }
      if (saysPaused(revert.get()) && chain.paused(batch.chainId(), address)) {
        alreadyPaused.add(address);
      } else {
        cannot.put(address, "pause() on " + batch.contractNames().get(i) + " (" + address + ") from the Safe " + safe
            + " reverts: " + revert.get());
      }
    }
    int pausable = batch.contractAddresses().size() - alreadyPaused.size() - cannot.size();
    if (pausable == 0 && cannot.isEmpty()) {
      batches.update(batchId, "revert_reason = null, status_detail = ?", ALREADY_PAUSED_DETAIL);
      return new SimulationResult(Simulation.ALREADY_PAUSED, null, null);
    }
    if (!alreadyPaused.isEmpty()) {
      splitOffAlreadyPaused(batch, alreadyPaused);
    }
    String reasons = String.join("; ", cannot.values());
    if (pausable == 0) {
      batches.update(batchId, "status = ?, revert_reason = ?, status_detail = ?", PauseStatus.SIMULATION_FAILED.name(),
          reasons, "the Safe cannot pause: " + reasons);
      return new SimulationResult(Simulation.REVERTED, reasons, null);
    }
    Long split = null;
    if (!cannot.isEmpty()) {
      split = batches.splitOff(batchId, List.copyOf(cannot.keySet()), PauseStatus.REQUESTED, reasons);
      PauseBatch moved = batches.get(split);
      timeline.append(source(batch), TimelineKind.PAUSE_FAILED, Actors.SYSTEM,
          "The Safe cannot pause " + moved.describeContracts() + " (" + reasons + "): split out as pause " + split
              + " for the supervisor; the other contracts of pause " + batchId + " go on", null);
    }
    batches.update(batchId, "revert_reason = null");
    return new SimulationResult(Simulation.PASSED, null, split);
  }

  static final String ALREADY_PAUSED_DETAIL = "paused (not by this transaction): paused() was already true";

  /** Contracts found paused already get a batch of their own, recorded as paused. */
  private void splitOffAlreadyPaused(PauseBatch batch, List<String> addresses) {
    long split = batches.splitOff(batch.id(), addresses, PauseStatus.PAUSED, ALREADY_PAUSED_DETAIL);
    batches.update(split, "verified_at = ?", clock.instant());
    PauseBatch moved = batches.get(split);
    timeline.append(source(batch), TimelineKind.CONTRACTS_PAUSED, Actors.SYSTEM,
        "Paused " + moved.describeContracts() + " on chain " + batch.chainId()
            + " (not by this pause: paused() was already true; recorded as pause " + split + ")", null);
  }

  /** A revert that says the contract is paused already (OpenZeppelin 5 and 4). */
  static boolean saysPaused(String revertReason) {
    return revertReason.contains("EnforcedPause") || revertReason.contains("Pausable: paused");
  }

  // ---------------------------------------------------------------- Safe path

  /** What the signers need: the SafeTx hash, the decoded call and the Safe{Wallet} link. */
  public record Proposal(String safe, String safeTxHash, String call, String safeWalletLink, int threshold,
      long nonce, String notice) {}

  /** How many later nonces are tried when irflow's own pauses hold the Safe's next ones. */
  static final int NONCES_TO_TRY = 16;

  /**
   * Builds the Safe transaction (one pause(), or several through MultiSendCallOnly), checks its hash
   * against the Safe's own, records it, then proposes it signed with the proposer key, unless the
   * service already knows it (a re-run after a crash). The nonce is the Safe's next one not held by
   * another live pause of irflow (a unique claim in the database, so two pauses through one Safe take
   * consecutive nonces even on two nodes). When the Safe's nonce has moved past an earlier proposal of
   * this batch (another Safe transaction used it), the pause is proposed again at the current nonce.
   */
  public Proposal propose(long batchId) {
    PauseBatch batch = batches.get(batchId);
    String safe = safeOf(batch);
    String notice = null;
    ChainAccess.SafeState state = null;
    if (batch.safeTxHash() != null) {
      state = chain.safeState(batch.chainId(), safe);
      if (state.nonce().compareTo(BigInteger.valueOf(batch.safeNonce())) > 0) {
        String superseded = batch.supersededSafeTxHashes() == null ? batch.safeTxHash()
            : batch.supersededSafeTxHashes() + " " + batch.safeTxHash();
        batches.recordNow(batchId, """
            superseded_safe_tx_hashes = ?, safe_tx_hash = null, safe_nonce_claim = null, signed_tx = null,
            signed_tx_nonce = null, tx_hash = null""", superseded);
        notice = "another Safe transaction used nonce " + batch.safeNonce();
        batch = batches.get(batchId);
      }
    }
    String builtHow = null;
    if (batch.safeTxHash() == null) {
      state = state != null ? state : chain.safeState(batch.chainId(), safe);
      builtHow = claimNonceAndRecord(batch, safe, state);
      batch = batches.get(batchId);
      if (notice != null) {
        notice += "; the pause was proposed again at nonce " + batch.safeNonce() + " with the Safe's current "
            + state.owners().size() + " owners and threshold " + state.threshold() + " (sign the new SafeTx "
            + batch.safeTxHash() + ")";
      }
    }
    // the entry is written in this job's transaction: when an earlier attempt proposed and then died
    // (a crash, a killed node) before its commit, its entry is gone too, so this attempt writes it
    String how = "";
    if (safeService.proposal(batch.chainId(), batch.safeTxHash()).isEmpty()) {
      Credentials proposer = Credentials.create(containment.keys().proposer());
      String sender = Keys.toChecksumAddress(proposer.getAddress());
      String signature = SafeTransactions.sign(batch.safeTxHash(), containment.keys().proposer());
      safeService.propose(batch.chainId(), Keys.toChecksumAddress(safe), batch.safeTransaction(),
          batch.safeTxHash(), sender, signature, ORIGIN);
    } else {
      how = " by an earlier attempt that did not finish (the service knows it; not proposed again)";
    }
    String waiting = "waiting for " + batch.safeThreshold() + " confirmations";
    batches.update(batchId, "status_detail = ?", notice != null ? notice : "proposed at nonce " + batch.safeNonce()
        + "; " + waiting);
    timeline.append(source(batch), TimelineKind.PAUSE_SUBMITTED, Actors.SYSTEM,
        (notice != null ? "Pause proposed again: " + notice + ". " : "")
            + "Pause proposed to the Safe " + safe + how + " (SafeTx " + batch.safeTxHash() + ", nonce "
            + batch.safeNonce() + "): " + describeCall(batch) + "; " + waiting
            + (builtHow == null ? "" : ". " + capitalised(builtHow)), null);
    return new Proposal(safe, batch.safeTxHash(), describeCall(batch), safeWalletLink(batch),
        batch.safeThreshold(), batch.safeNonce(), notice);
  }

  /**
   * Records the transaction at the first nonce from the Safe's that no other live pause holds: the
   * Safe's pre-staged pause when it still matches the Safe as just read and the pause's contracts,
   * else one built afresh and checked against the Safe's own getTransactionHash.
   *
   * @return how the transaction came about, for the timeline
   */
  private String claimNonceAndRecord(PauseBatch batch, String safe, ChainAccess.SafeState state) {
    RegisteredChain registered = registry.chain(batch.chainId()).orElseThrow();
    long fromBlock = chain.blockNumber(batch.chainId());
    PrestagedPauses.Choice prestaged = prestagedPauses.forPause(batch.chainId(), safe, state, batch.contractNames(),
        batch.contractAddresses());
    String builtAfresh = prestaged.whyBuiltAfresh();
    BigInteger nonce = state.nonce();
    for (int tried = 0; tried < NONCES_TO_TRY; tried++, nonce = nonce.add(BigInteger.ONE)) {
      boolean usePrestaged = tried == 0 && prestaged.usable();
      SafeTransaction transaction;
      String hash;
      if (usePrestaged) {
        transaction = prestaged.pause().transaction();
        hash = prestaged.pause().safeTxHash();
      } else {
        transaction = safeTransactions.pause(batch.contractAddresses(), registered.multiSendCallOnly(), nonce);
        hash = safeTransactions.hash(batch.chainId(), safe, transaction);
        String onChain = chain.onChainSafeTransactionHash(batch.chainId(), safe, transaction);
        if (!hash.equalsIgnoreCase(onChain)) {
          throw new IllegalStateException("SafeTx hash " + hash + " differs from the Safe's getTransactionHash "
              + onChain + "; not proposing");
        }
      }
      try {
        batches.recordNow(batch.id(), """
            status = ?, pause_path = ?, safe_address = ?, safe_nonce = ?, safe_nonce_claim = ?, safe_threshold = ?,
            safe_tx_to = ?, safe_tx_data = ?, safe_tx_operation = ?, safe_tx_hash = ?, proposed_at = ?,
            safe_from_block = ?, tx_hash = null, signed_tx = null, signed_tx_nonce = null""",
            PauseStatus.PROPOSED.name(), Path.SAFE.name(), safe.toLowerCase(Locale.ROOT), nonce.longValueExact(),
            nonce.longValueExact(), state.threshold(), transaction.to(), transaction.data(), transaction.operation(),
            hash, clock.instant(), fromBlock);
        return usePrestaged ? "proposed the pre-staged pause built at " + prestaged.pause().builtAt()
            : "built afresh: " + builtAfresh;
      } catch (DuplicateKeyException heldByAnotherPause) {
        // another live pause through this Safe holds the nonce: take the next one
        if (usePrestaged) {
          builtAfresh = "another pause of irflow holds nonce " + nonce + ", the pre-staged pause's";
        }
      }
    }
    throw new IllegalStateException("the Safe " + safe + "'s next " + NONCES_TO_TRY
        + " nonces are all held by other pauses of irflow");
  }

  /** Where a proposal stands, read on the chain and at the Safe Transaction Service. */
  public enum ProposalStage {
    /** fewer confirmations than the threshold, or the Safe has an earlier nonce to execute first */
    WAITING,
    /** the threshold is met by current owners and the Safe's nonce is the proposal's: execute */
    READY,
    /** this very SafeTx was executed (ExecutionSuccess/Failure for its hash), e.g. by an owner */
    EXECUTED,
    /** the Safe's nonce moved past the proposal and it was not executed: propose again */
    STALE
  }

  /**
   * Confirmations of current owners, the threshold read on-chain, and what to do next.
   *
   * @param owners the addresses of the owners whose confirmations count
   */
  public record Confirmations(int count, int required, ProposalStage stage, List<String> owners) {
    public boolean thresholdMet() {
      return stage == ProposalStage.READY || stage == ProposalStage.EXECUTED;
    }
  }

  public Confirmations confirmations(long batchId) {
    PauseBatch batch = batches.get(batchId);
    ChainAccess.SafeState state = chain.safeState(batch.chainId(), batch.safeAddress());
    int moved = state.nonce().compareTo(BigInteger.valueOf(batch.safeNonce()));
    if (moved > 0) {
      ProposalStage stage = executedElsewhere(batch) ? ProposalStage.EXECUTED : ProposalStage.STALE;
      return new Confirmations(0, state.threshold(), stage, List.of());
    }
    SafeTransactionService.Proposal proposal = proposal(batch);
    List<SafeTransactionService.Confirmation> counted = byCurrentOwners(proposal, state);
    int count = counted.size();
    int required = state.threshold();
    ProposalStage stage;
    String detail;
    if (count < required) {
      stage = ProposalStage.WAITING;
      detail = count + " of " + required + " confirmations by current owners"
          + (counted.size() < proposal.confirmations().size()
              ? " (" + (proposal.confirmations().size() - counted.size()) + " by addresses no longer owners not counted)"
              : "");
    } else if (moved < 0) {
      stage = ProposalStage.WAITING;
      detail = "confirmed; waiting for the Safe's earlier transaction at nonce " + state.nonce() + " to execute first"
          + batches.holderOfSafeNonce(batch.chainId(), batch.safeAddress(), state.nonce().longValueExact())
              .map(holder -> " (pause " + holder + " of irflow)").orElse(" (not a pause of irflow)");
    } else {
      stage = ProposalStage.READY;
      detail = "threshold met (" + count + " of " + required + "): executing";
    }
    batches.update(batchId, "status_detail = ?", detail);
    return new Confirmations(count, required, stage,
        counted.stream().map(SafeTransactionService.Confirmation::owner).toList());
  }

  /** The outcome of "Execute Safe transaction". */
  public enum Execution { SENT, EXECUTED_ELSEWHERE, STALE }

  private final Object executorLock = new Object();

  /**
   * Sends execTransaction with the current owners' signatures, paid by the executor key: signed once
   * with an explicit nonce and recorded before it leaves. A re-run finds the recorded transaction and
   * sends the same bytes again if the chain does not know them; it signs anew only when the executor's
   * nonce went to another transaction, so this one can never be mined (a replacement, on the timeline).
   * When the Safe's nonce has moved past the proposal, it finds out whether this SafeTx executed.
   */
  public Execution execute(long batchId) {
    PauseBatch batch = batches.get(batchId);
    if (batch.signedTx() != null) {
      ChainAccess.TransactionState known = chain.transactionState(batch.chainId(), batch.txHash());
      if (known != ChainAccess.TransactionState.UNKNOWN) {
        return Execution.SENT;
      }
      if (!executorNonceTaken(batch)) {
        chain.broadcast(batch.chainId(), batch.signedTx());
        timeline.append(source(batch), TimelineKind.PAUSE_SUBMITTED, Actors.SYSTEM,
            "Transaction " + batch.txHash() + " (execTransaction of SafeTx " + batch.safeTxHash()
                + ") sent again: the same signed bytes, the chain did not know them", null);
        return Execution.SENT;
      }
      timeline.append(source(batch), TimelineKind.PAUSE_ATTEMPT_FAILED, Actors.SYSTEM,
          "Transaction " + batch.txHash() + " can never be mined: the executor's nonce " + batch.signedTxNonce()
              + " went to another transaction; signing a replacement", null);
    }
    ChainAccess.SafeState state = chain.safeState(batch.chainId(), batch.safeAddress());
    if (state.nonce().compareTo(BigInteger.valueOf(batch.safeNonce())) > 0) {
      return executedElsewhere(batch) ? Execution.EXECUTED_ELSEWHERE : Execution.STALE;
    }
    SafeTransactionService.Proposal proposal = proposal(batch);
    List<SafeTransactionService.Confirmation> counted = byCurrentOwners(proposal, state);
    String signatures = SafeTransactions.joinSignatures(counted);
    ChainAccess.SignedTransaction signed;
    synchronized (executorLock) {
      // one executor nonce per signature: the next signing sees this one pending once it is broadcast
      signed = chain.signSafeExecution(batch.chainId(), batch.safeAddress(), batch.safeTransaction(), signatures);
      Instant now = clock.instant();
      batches.recordNow(batchId, """
          status = ?, execution_started_at = ?, tx_hash = ?, signed_tx = ?, signed_tx_nonce = ?, waiting_since = ?,
          status_detail = ?""", PauseStatus.EXECUTING.name(), now, signed.hash(), signed.raw(),
          signed.nonce().longValueExact(), now, "execTransaction " + signed.hash() + " sent; waiting to be mined");
      chain.broadcast(batch.chainId(), signed.raw());
    }
    timeline.append(source(batch), TimelineKind.PAUSE_SUBMITTED, Actors.SYSTEM,
        "Safe transaction " + batch.safeTxHash() + " executed with " + counted.size()
            + " confirmations of current owners: transaction " + signed.hash(), null);
    return Execution.SENT;
  }

  /**
   * For a recorded transaction the chain does not know: whether the executor's nonce it was signed
   * with has gone to another transaction since, so that it can never be mined.
   */
  private boolean executorNonceTaken(PauseBatch batch) {
    return chain.minedNonce(batch.chainId(), chain.executorAddress())
        .compareTo(BigInteger.valueOf(batch.signedTxNonce())) > 0;
  }

  /**
   * Whether this very SafeTx executed (its ExecutionSuccess or ExecutionFailure event); records the
   * transaction that executed it. The chain decides, not the service's isExecuted.
   */
  private boolean executedElsewhere(PauseBatch batch) {
    long from = batch.safeFromBlock() == null ? 0 : batch.safeFromBlock();
    Optional<ChainAccess.SafeExecution> execution = chain.safeExecution(batch.chainId(), batch.safeAddress(),
        batch.safeTxHash(), from);
    if (execution.isEmpty()) {
      return false;
    }
    if (!execution.get().transactionHash().equalsIgnoreCase(String.valueOf(batch.txHash()))) {
      batches.recordNow(batch.id(), "tx_hash = ?, signed_tx = null, signed_tx_nonce = null, status_detail = ?",
          execution.get().transactionHash(), "SafeTx executed by transaction " + execution.get().transactionHash());
      timeline.append(source(batch), TimelineKind.PAUSE_SUBMITTED, Actors.SYSTEM,
          "Safe transaction " + batch.safeTxHash() + " was executed by transaction "
              + execution.get().transactionHash() + " (not sent by irflow, e.g. an owner in Safe{Wallet})", null);
    }
    return true;
  }

  private SafeTransactionService.Proposal proposal(PauseBatch batch) {
    return safeService.proposal(batch.chainId(), batch.safeTxHash())
        .orElseThrow(() -> new IllegalStateException("the Safe Transaction Service does not know "
            + batch.safeTxHash()));
  }

  /** Only confirmations whose owner is an owner of the Safe now count (an owner may have been swapped out). */
  private static List<SafeTransactionService.Confirmation> byCurrentOwners(SafeTransactionService.Proposal proposal,
      ChainAccess.SafeState state) {
    return proposal.confirmations().stream()
        .filter(c -> state.owners().contains(c.owner().toLowerCase(Locale.ROOT)))
        .toList();
  }

  // ---------------------------------------------------------------- relayer path

  /**
   * Sends pause() through the relayer, unless it needs not: the contract is paused already, or an
   * earlier attempt's submission is found in the relayer's own list (its answer was lost: a 5xx or a
   * timeout after the relayer queued it). A 4xx answer means nothing was queued: recorded as rejected,
   * so that the next pauser takes over at once.
   */
  public void submitToRelayer(long batchId) {
    PauseBatch batch = batches.get(batchId);
    if (batch.relayerTxId() != null) {
      return;
    }
    String relayerId = batch.pauser().substring(ContractRegistry.RELAYER_PREFIX.length());
    String contract = batch.contractAddresses().get(0);
    if (batch.relayerSubmittedAt() != null) {
      Optional<Relayer.RelayerTransaction> earlier = earlierSubmission(batch, relayerId, contract);
      if (earlier.isPresent()) {
        batches.recordNow(batchId, "relayer_tx_id = ?, tx_hash = ?, status_detail = ?", earlier.get().id(),
            earlier.get().hash(), "relayer transaction " + earlier.get().id() + " " + earlier.get().status());
        timeline.append(source(batch), TimelineKind.PAUSE_SUBMITTED, Actors.SYSTEM,
            "Pause of " + batch.describeContracts() + ": the relayer had queued an earlier submission whose answer"
                + " was lost (relayer transaction " + earlier.get().id() + ", status " + earlier.get().status()
                + "); not sent again", null);
        return;
      }
    }
    if (allPaused(batch)) {
      batches.update(batchId, "pause_path = ?, relayer_id = ?, status_detail = ?", Path.RELAYER.name(), relayerId,
          ALREADY_PAUSED_DETAIL);
      return;
    }
    Instant now = clock.instant();
    batches.recordNow(batchId, """
        status = ?, pause_path = ?, relayer_id = ?, relayer_submitted_at = ?, tx_hash = null, waiting_since = ?,
        status_detail = ?""", PauseStatus.RELAYER_SUBMITTED.name(), Path.RELAYER.name(), relayerId, now, now,
        "sending pause() through relayer " + relayerId);
    Relayer.RelayerTransaction transaction;
    try {
      transaction = relayer.submit(relayerId, contract, SafeTransactions.PAUSE, RELAYER_GAS_LIMIT);
    } catch (ServiceCallFailed e) {
      if (e.status() >= 400 && e.status() < 500 && e.status() != 429) {
        String why = "relayer " + relayerId + " refused the transaction: " + e.getMessage();
        batches.recordNow(batchId, "relayer_rejected = ?, failure = ?, status_detail = ?", why, why, why);
        return;
      }
      throw e;
    }
    batches.recordNow(batchId, "relayer_tx_id = ?, tx_hash = ?, status_detail = ?", transaction.id(),
        transaction.hash(), "relayer transaction " + transaction.id() + " " + transaction.status());
    timeline.append(source(batch), TimelineKind.PAUSE_SUBMITTED, Actors.SYSTEM,
        "Pause of " + batch.describeContracts() + " sent through relayer " + relayerId + " (relayer transaction "
            + transaction.id() + ", status " + transaction.status() + ")", null);
  }

  /** The relayer's own record of a pause() of this contract queued since this batch first submitted it. */
  private Optional<Relayer.RelayerTransaction> earlierSubmission(PauseBatch batch, String relayerId, String contract) {
    return relayer.recentTransactions(relayerId, 50).stream()
        .filter(t -> contract.equalsIgnoreCase(t.to()) && SafeTransactions.PAUSE.equalsIgnoreCase(t.data()))
        .filter(t -> t.createdAt() == null || !t.createdAt().isBefore(batch.relayerSubmittedAt().minusSeconds(60)))
        .filter(t -> !t.failed())
        .findFirst();
  }

  public RelayerState relayerState(long batchId) {
    PauseBatch batch = batches.get(batchId);
    if (batch.relayerTxId() == null) {
      if (allPaused(batch)) {
        return RelayerState.DONE;
      }
      batches.update(batchId, "failure = ?", batch.relayerRejected() != null ? batch.relayerRejected()
          : "no relayer transaction was queued");
      return RelayerState.FAILED;
    }
    Relayer.RelayerTransaction transaction = relayer.transaction(batch.relayerId(), batch.relayerTxId());
    if (transaction.hash() != null && !transaction.hash().equals(batch.txHash())) {
      batches.update(batchId, "tx_hash = ?", transaction.hash());
    }
    if (transaction.done()) {
      return RelayerState.DONE;
    }
    if (transaction.failed()) {
      if (allPaused(batch)) {
        return RelayerState.DONE;   // paused, not by this transaction: verification says so
      }
      batches.update(batchId, "failure = ?", "relayer transaction " + transaction.id() + " " + transaction.status());
      return RelayerState.FAILED;
    }
    return stalled(batch, "relayer transaction " + transaction.id() + " " + transaction.status()).isPresent()
        ? RelayerState.STALLED : RelayerState.PENDING;
  }

  /** The relayer failed: the next pauser takes over (a Safe). Returns whether there is one. */
  public boolean useNextPauser(long batchId) {
    PauseBatch batch = batches.get(batchId);
    String failed = batch.pauser();
    batches.update(batchId, "pauser_index = pauser_index + 1, tx_hash = null, waiting_since = null");
    PauseBatch next = batches.get(batchId);
    timeline.append(source(batch), TimelineKind.PAUSE_FAILED, Actors.SYSTEM,
        "Pause through " + failed + " failed (" + batch.failure() + ")"
            + (next.pauser() == null ? "; no other pauser is registered" : "; falling back to " + next.pauser()),
        null);
    return next.pauser() != null;
  }

  // ---------------------------------------------------------------- manual path

  /** The raw call and the Safe Transaction Builder file a person loads in Safe{Wallet}. */
  public record ManualTransaction(String safe, String to, String data, int operation, String transactionBuilderJson) {}

  public ManualTransaction prepareManual(long batchId) {
    PauseBatch batch = batches.get(batchId);
    RegisteredChain registered = registry.chain(batch.chainId()).orElseThrow();
    String safe = batch.pausers().stream().filter(p -> p.startsWith(ContractRegistry.SAFE_PREFIX))
        .map(p -> p.substring(ContractRegistry.SAFE_PREFIX.length())).findFirst().orElse(null);
    SafeTransaction call = batch.contractAddresses().size() > 1 && registered.multiSendCallOnly() != null
        ? safeTransactions.pause(batch.contractAddresses(), registered.multiSendCallOnly(), BigInteger.ZERO)
        : SafeTransaction.of(batch.contractAddresses().get(0), SafeTransactions.PAUSE, 0, BigInteger.ZERO);
    ObjectNode file = json.createObjectNode();
    file.put("version", "1.0");
    file.put("chainId", Long.toString(batch.chainId()));
    file.put("createdAt", clock.millis());
    ObjectNode meta = file.putObject("meta");
    meta.put("name", "Pause " + String.join(", ", batch.contractNames()) + " (" + batch.incidentId() + ")");
    meta.put("description", "irflow pause " + batchId + " for incident " + batch.incidentId()
        + ": pause() on " + batch.describeContracts());
    meta.put("txBuilderVersion", "1.16.5");
    meta.put("createdFromSafeAddress", safe == null ? "" : Keys.toChecksumAddress(safe));
    meta.put("createdFromOwnerAddress", "");
    ArrayNode transactions = file.putArray("transactions");
    for (String address : batch.contractAddresses()) {
      ObjectNode transaction = transactions.addObject();
      transaction.put("to", Keys.toChecksumAddress(address));
      transaction.put("value", "0");
      transaction.put("data", SafeTransactions.PAUSE);
      transaction.putNull("contractMethod");
      transaction.putNull("contractInputsValues");
    }
    String builder = file.toPrettyString();
    batches.update(batchId, "status = ?, pause_path = ?, safe_address = ?, transaction_builder = ?",
        PauseStatus.AWAITING_MANUAL_EXECUTION.name(), Path.MANUAL.name(), safe, builder);
    return new ManualTransaction(safe, call.to(), call.data(), call.operation(), builder);
  }

  /**
   * Why a transaction hash entered for the batch's manual pause is not that pause, in words for the
   * person who entered it; empty when it is, or when irflow has no RPC endpoint for the chain (then
   * "Verify pause on-chain" reports it as unverified). Where the chain is configured the transaction
   * must be mined and successful (for a Safe, its execution too) and every contract paused.
   */
  public Optional<String> manualExecutionProblem(long batchId, String transactionHash) {
    PauseBatch batch = batches.get(batchId);
    if (!chain.configured(batch.chainId())) {
      return Optional.empty();
    }
    String hash = transactionHash.trim().toLowerCase(Locale.ROOT);
    try {
      ChainAccess.Receipt receipt = chain.receipt(batch.chainId(), hash).orElse(null);
      if (receipt == null) {
        return Optional.of("no transaction " + hash + " is mined on chain " + batch.chainId()
            + ": check the hash (and that it is on this chain), or wait until it is mined");
      }
      if (!receipt.success() || Boolean.FALSE.equals(receipt.safeExecutionSucceeded())) {
        return Optional.of("transaction " + hash + " failed on chain " + batch.chainId()
            + (receipt.success() ? " (the Safe reported ExecutionFailure)" : " (reverted)") + ": nothing was paused by it");
      }
      List<String> notPaused = notPaused(batch);
      if (!notPaused.isEmpty()) {
        return Optional.of("transaction " + hash + " succeeded, but " + String.join(", ", notPaused)
            + (notPaused.size() == 1 ? " is" : " are") + " not paused: is it the pause transaction?");
      }
      return Optional.empty();
    } catch (ChainUnavailable unavailable) {
      return Optional.of("chain " + batch.chainId() + " cannot be reached to check the transaction ("
          + unavailable.getMessage() + "); try again in a minute");
    }
  }

  /** The person executed the prepared transaction in Safe{Wallet}: its hash, to verify. */
  public void recordManualExecution(long batchId, String transactionHash, String actor) {
    PauseBatch batch = batches.get(batchId);
    batches.update(batchId, "tx_hash = ?", transactionHash.trim().toLowerCase(Locale.ROOT));
    timeline.append(source(batch), TimelineKind.PAUSE_SUBMITTED, actor,
        "Pause of " + batch.describeContracts() + " executed in Safe{Wallet}: transaction " + transactionHash.trim(),
        null);
  }

  // ---------------------------------------------------------------- verification

  /** Result of a verification, with what to tell a person when it failed. */
  public record VerificationResult(Verification verification, String detail) {}

  /**
   * The chain decides: paused() true on every contract is a pause, by this pause's transaction (its
   * receipt holds their Paused events) or not (paused by someone else, or before); recorded with the
   * transaction, block and time on the incident's timeline. A transaction not mined yet is waited for,
   * up to irflow.containment.transaction-timeout, then a person is asked (STALLED). FAILED only when
   * the transaction was mined and a contract is still not paused.
   */
  public VerificationResult verify(long batchId) {
    PauseBatch batch = batches.get(batchId);
    if (!chain.configured(batch.chainId())) {
      batches.update(batchId, "status = ?", PauseStatus.PAUSED.name());
      timeline.append(source(batch), TimelineKind.CONTRACTS_PAUSED, Actors.SYSTEM,
          "Pause of " + batch.describeContracts() + " reported by transaction " + batch.txHash()
              + "; not verified on-chain (irflow has no RPC endpoint for chain " + batch.chainId() + ")", null);
      return new VerificationResult(Verification.UNVERIFIED, "no chain access");
    }
    List<String> notPaused = notPaused(batch);
    ChainAccess.Receipt receipt = batch.txHash() == null ? null
        : chain.receipt(batch.chainId(), batch.txHash()).orElse(null);
    if (notPaused.isEmpty()) {
      return recordPaused(batch, receipt);
    }
    if (batch.txHash() == null) {
      return waiting(batch, "not paused yet: " + String.join(", ", notPaused));
    }
    if (receipt == null) {
      if (batch.signedTx() != null
          && chain.transactionState(batch.chainId(), batch.txHash()) == ChainAccess.TransactionState.UNKNOWN) {
        if (executorNonceTaken(batch)) {
          return new VerificationResult(Verification.RESEND, "transaction " + batch.txHash()
              + " can never be mined: the executor's nonce went to another transaction");
        }
        chain.broadcast(batch.chainId(), batch.signedTx());   // the node lost it: the same bytes again
      }
      return waiting(batch, "transaction " + batch.txHash() + " not mined yet");
    }
    if (!receipt.success() || Boolean.FALSE.equals(receipt.safeExecutionSucceeded())) {
      return fail(batch, "transaction " + batch.txHash() + " failed"
          + (Boolean.FALSE.equals(receipt.safeExecutionSucceeded()) ? " (Safe ExecutionFailure)" : " (reverted)")
          + "; paused() is false on " + String.join(", ", notPaused));
    }
    return fail(batch, "transaction " + batch.txHash() + " was mined but paused() is false on "
        + String.join(", ", notPaused));
  }

  private List<String> notPaused(PauseBatch batch) {
    List<String> notPaused = new ArrayList<>();
    for (int i = 0; i < batch.contractAddresses().size(); i++) {
      if (!chain.paused(batch.chainId(), batch.contractAddresses().get(i))) {
        notPaused.add(batch.contractNames().get(i));
      }
    }
    return notPaused;
  }

  /** Every contract's paused() is true: by this pause's transaction when its receipt shows their Paused events. */
  private VerificationResult recordPaused(PauseBatch batch, ChainAccess.Receipt receipt) {
    boolean byThisTransaction = receipt != null && receipt.success()
        && !Boolean.FALSE.equals(receipt.safeExecutionSucceeded())
        && batch.contractAddresses().stream().allMatch(address -> receipt.pausedContracts().stream()
            .anyMatch(address::equalsIgnoreCase));
    String detail = byThisTransaction ? "paused by transaction " + receipt.transactionHash()
        : batch.txHash() == null ? ALREADY_PAUSED_DETAIL
            : "paused (not by this transaction): transaction " + batch.txHash()
                + (receipt == null ? " is not mined" : receipt.success() ? " has no Paused event for them"
                    : " reverted") + ", paused() is true";
    batches.update(batch.id(), """
        status = ?, block_number = ?, block_time = ?, verified_at = ?, failure = null, status_detail = ?,
        waiting_since = null""",
        PauseStatus.PAUSED.name(), byThisTransaction ? receipt.blockNumber() : null,
        byThisTransaction ? receipt.blockTime() : null, clock.instant(), detail);
    timeline.append(source(batch), TimelineKind.CONTRACTS_PAUSED, Actors.SYSTEM,
        "Paused " + batch.describeContracts() + " on chain " + batch.chainId()
            + (byThisTransaction ? ": transaction " + receipt.transactionHash() + " in block " + receipt.blockNumber()
                + " at " + receipt.blockTime() + ", Paused event and paused() verified" : " (" + detail + ")"),
        null);
    return new VerificationResult(Verification.VERIFIED, byThisTransaction ? null : detail);
  }

  /** Still waiting for a transaction to be mined: fine until the transaction timeout, then a person decides. */
  private VerificationResult waiting(PauseBatch batch, String why) {
    return stalled(batch, why).map(detail -> new VerificationResult(Verification.STALLED, detail))
        .orElseGet(() -> new VerificationResult(Verification.PENDING, why));
  }

  /**
   * Records what the pause waits for, and since when (the first time it is seen waiting). Once it has
   * waited irflow.containment.transaction-timeout: the status detail "STALLED: ..." and what it says.
   */
  private Optional<String> stalled(PauseBatch batch, String why) {
    Instant now = clock.instant();
    Instant since = batch.waitingSince() == null ? now : batch.waitingSince();
    Duration waited = Duration.between(since, now);
    if (waited.compareTo(containment.transactionTimeout()) >= 0) {
      String detail = why + " after " + waited.toSeconds() + " s";
      batches.update(batch.id(), "status_detail = ?", "STALLED: " + detail);
      return Optional.of(detail);
    }
    batches.update(batch.id(), "waiting_since = ?, status_detail = ?", since, why);
    return Optional.empty();
  }

  /** A person chose to keep waiting for a stalled transaction: the timeout starts again. */
  public void keepWaiting(long batchId, String actor) {
    PauseBatch batch = batches.get(batchId);
    batches.update(batchId, "waiting_since = null, status_detail = ?", "waiting again, as " + actor + " decided");
    timeline.append(source(batch), TimelineKind.PAUSE_SUBMITTED, actor,
        "Pause of " + batch.describeContracts() + ": keep waiting for transaction "
            + (batch.txHash() == null ? "(none yet)" : batch.txHash()), null);
  }

  private VerificationResult fail(PauseBatch batch, String reason) {
    batches.update(batch.id(), "failure = ?, status_detail = ?", reason, reason);
    return new VerificationResult(Verification.FAILED, reason);
  }

  /**
   * The pause ends without effect (given up, not confirmed in time, no pauser left, or the transaction
   * failed), unless the chain says otherwise: when every contract is paused after all, that is
   * recorded (paused, not by this pause) and true is returned. FAILED is never recorded while paused.
   */
  public boolean recordFailure(long batchId, String reason, String actor) {
    PauseBatch batch = batches.get(batchId);
    if (chain.configured(batch.chainId()) && batch.pausePath() != null && !Path.DRILL.name().equals(batch.pausePath())
        && notPaused(batch).isEmpty()) {
      recordPaused(batch, batch.txHash() == null ? null : chain.receipt(batch.chainId(), batch.txHash()).orElse(null));
      return true;
    }
    String why = reason != null ? reason : batch.failure() != null ? batch.failure() : batch.revertReason();
    batches.update(batchId, "status = ?, failure = ?, status_detail = ?",
        PauseStatus.FAILED.name(), why, why);
    timeline.append(source(batch), TimelineKind.PAUSE_FAILED, actor,
        "Pause of " + batch.describeContracts() + " failed: " + why, null);
    return false;
  }

  /**
   * The pause process ended, however (also deleted in Cockpit): the Safe nonce it held is free for
   * other pauses through the Safe.
   */
  public void processEnded(String processInstanceId) {
    batches.freeNonceClaimsOf(processInstanceId);
  }

  // ---------------------------------------------------------------- failed attempts

  /**
   * A step failed for a technical reason (RPC, service or relayer unreachable or failing) and the
   * engine will try it again: said at once on the timeline and in the pause's status detail, in a
   * transaction of its own (the step's own rolls back).
   */
  public void recordFailedAttempt(long batchId, String step, RuntimeException cause) {
    batches.inOwnTransaction(() -> {
      PauseBatch batch = batches.get(batchId);
      int attempt = batch.failedAttempts() + 1;
      String why = step + ": " + reasonOf(cause);
      batches.update(batchId, "failed_attempts = ?, status_detail = ?", attempt,
          "RETRYING: " + why + " (failed attempt " + attempt + ")");
      timeline.append(source(batch), TimelineKind.PAUSE_ATTEMPT_FAILED, Actors.SYSTEM,
          "Pause " + batchId + " of " + batch.describeContracts() + ": " + why + " (failed attempt " + attempt
              + "; tried again automatically)", null);
    });
  }

  /** The step succeeded: failed attempts before it are counted as over, with a line on the timeline. */
  public void stepSucceeded(long batchId, String step) {
    PauseBatch batch = batches.get(batchId);
    if (batch.failedAttempts() == 0) {
      return;
    }
    batches.update(batchId, "failed_attempts = 0");
    timeline.append(source(batch), TimelineKind.PAUSE_SUBMITTED, Actors.SYSTEM,
        "Pause " + batchId + ": " + step + " succeeded after " + batch.failedAttempts() + " failed attempts", null);
  }

  /** A short reason a person understands; messages of the clients never carry keys or URL paths. */
  static String reasonOf(RuntimeException cause) {
    String kind = cause instanceof ChainUnavailable ? "RPC unreachable"
        : cause instanceof ServiceCallFailed ? "service call failed"
            : cause instanceof TransactionReverted ? "transaction would revert"
                : cause.getClass().getSimpleName();
    String message = cause.getMessage() == null ? "" : cause.getMessage();
    return kind + (message.isEmpty() ? "" : " (" + (message.length() > 300 ? message.substring(0, 300) + "..." : message) + ")");
  }

  // ---------------------------------------------------------------- helpers

  public String describeCall(PauseBatch batch) {
    String calls = "pause() (" + SafeTransactions.PAUSE + ") on " + batch.describeContracts();
    return batch.contractAddresses().size() > 1
        ? calls + ", batched in one DELEGATECALL to MultiSendCallOnly.multiSend"
        : calls;
  }

  public String safeWalletLink(PauseBatch batch) {
    String prefix = registry.chain(batch.chainId()).map(RegisteredChain::safeWalletPrefix).orElse(null);
    if (prefix == null || batch.safeAddress() == null || batch.safeTxHash() == null) {
      return null;
    }
    String safe = Keys.toChecksumAddress(batch.safeAddress());
    return "https://app.safe.global/transactions/tx?safe=" + prefix + ":" + safe + "&id=multisig_" + safe + "_"
        + batch.safeTxHash();
  }

  private boolean allPaused(PauseBatch batch) {
    return batch.contractAddresses().stream().allMatch(address -> chain.paused(batch.chainId(), address));
  }

  private static String safeOf(PauseBatch batch) {
    String pauser = batch.pauser();
    if (pauser == null || !pauser.startsWith(ContractRegistry.SAFE_PREFIX)) {
      throw new IllegalStateException("pause " + batch.id() + ": the pauser in use is not a Safe: " + pauser);
    }
    return pauser.substring(ContractRegistry.SAFE_PREFIX.length());
  }

  private static Timeline.Source source(PauseBatch batch) {
    return new Timeline.Source(batch.incidentId(), null, batch.processInstanceId(), null);
  }

  private static String capitalised(String text) {
    return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
  }

  private static boolean blank(String value) {
    return value == null || value.isBlank();
  }
}
