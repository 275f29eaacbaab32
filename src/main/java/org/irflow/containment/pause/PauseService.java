package org.irflow.containment.pause;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.time.Clock;
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
import org.irflow.containment.chain.SafeTransactions;
import org.irflow.incident.Incident;
import org.irflow.incident.Incidents;
import org.irflow.incident.Timeline;
import org.irflow.incident.TimelineKind;
import org.irflow.process.Actors;
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

  public enum RelayerState { DONE, PENDING, FAILED }

  public enum Verification { VERIFIED, UNVERIFIED, PENDING, FAILED }

  private final ContractRegistry registry;
  private final ContainmentProperties containment;
  private final ChainAccess chain;
  private final SafeTransactionService safeService;
  private final Relayer relayer;
  private final SafeTransactions safeTransactions;
  private final PauseBatches batches;
  private final Incidents incidents;
  private final Timeline timeline;
  private final ObjectMapper json;
  private final Clock clock;

  public PauseService(ContractRegistry registry, ContainmentProperties containment, ChainAccess chain,
      SafeTransactionService safeService, Relayer relayer, SafeTransactions safeTransactions,
      PauseBatches batches, Incidents incidents, Timeline timeline, ObjectMapper json, Clock clock) {
    this.registry = registry;
    this.containment = containment;
    this.chain = chain;
    this.safeService = safeService;
    this.relayer = relayer;
    this.safeTransactions = safeTransactions;
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

  /**
   * Simulates pause() on every contract from the Safe (eth_call, eth_estimateGas). The Safe's batch
   * runs each pause() with the Safe as sender, so each is simulated from the Safe.
   *
   * @return the revert reason, or empty when every call would succeed
   */
  public Optional<String> simulate(long batchId) {
    PauseBatch batch = batches.get(batchId);
    String safe = safeOf(batch);
    for (int i = 0; i < batch.contractAddresses().size(); i++) {
      Optional<String> revert = chain.simulate(batch.chainId(), safe, batch.contractAddresses().get(i),
          SafeTransactions.PAUSE);
      if (revert.isPresent()) {
        String reason = "pause() on " + batch.contractNames().get(i) + " (" + batch.contractAddresses().get(i)
            + ") from the Safe " + safe + " reverts: " + revert.get();
        batches.update(batchId, "status = ?, revert_reason = ?", PauseStatus.SIMULATION_FAILED.name(), reason);
        return Optional.of(reason);
      }
    }
    batches.update(batchId, "revert_reason = null");
    return Optional.empty();
  }

  // ---------------------------------------------------------------- Safe path

  /** What the signers need: the SafeTx hash, the decoded call and the Safe{Wallet} link. */
  public record Proposal(String safe, String safeTxHash, String call, String safeWalletLink, int threshold) {}

  /**
   * Builds the Safe transaction (one pause(), or several through MultiSendCallOnly), checks its hash
   * against the Safe's own, records it, then proposes it signed with the proposer key, unless the
   * service already knows it (a re-run after a crash).
   */
  public Proposal propose(long batchId) {
    PauseBatch batch = batches.get(batchId);
    String safe = safeOf(batch);
    if (batch.safeTxHash() == null) {
      ChainAccess.SafeState state = chain.safeState(batch.chainId(), safe);
      RegisteredChain registered = registry.chain(batch.chainId()).orElseThrow();
      SafeTransaction transaction = safeTransactions.pause(batch.contractAddresses(),
          registered.multiSendCallOnly(), state.nonce());
      String hash = safeTransactions.hash(batch.chainId(), safe, transaction);
      String onChain = chain.onChainSafeTransactionHash(batch.chainId(), safe, transaction);
      if (!hash.equalsIgnoreCase(onChain)) {
        throw new IllegalStateException("SafeTx hash " + hash + " differs from the Safe's getTransactionHash "
            + onChain + "; not proposing");
      }
      batches.recordNow(batchId, """
          status = ?, pause_path = ?, safe_address = ?, safe_nonce = ?, safe_threshold = ?, safe_tx_to = ?,
          safe_tx_data = ?, safe_tx_operation = ?, safe_tx_hash = ?, proposed_at = ?, tx_hash = null""",
          PauseStatus.PROPOSED.name(), Path.SAFE.name(), safe, state.nonce().longValueExact(), state.threshold(),
          transaction.to(), transaction.data(), transaction.operation(), hash, clock.instant());
      batch = batches.get(batchId);
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
    timeline.append(source(batch), TimelineKind.PAUSE_SUBMITTED, Actors.SYSTEM,
        "Pause proposed to the Safe " + safe + how + " (SafeTx " + batch.safeTxHash() + ", nonce "
            + batch.safeNonce() + "): " + describeCall(batch) + "; waiting for " + batch.safeThreshold()
            + " confirmations", null);
    return new Proposal(safe, batch.safeTxHash(), describeCall(batch), safeWalletLink(batch),
        batch.safeThreshold());
  }

  /** Confirmations so far, as the Safe Transaction Service knows them. */
  public record Confirmations(int count, int required, boolean thresholdMet) {}

  public Confirmations confirmations(long batchId) {
    PauseBatch batch = batches.get(batchId);
    SafeTransactionService.Proposal proposal = safeService.proposal(batch.chainId(), batch.safeTxHash())
        .orElseThrow(() -> new IllegalStateException("the Safe Transaction Service does not know "
            + batch.safeTxHash()));
    int required = Math.max(proposal.confirmationsRequired(), batch.safeThreshold());
    int count = proposal.confirmations().size();
    return new Confirmations(count, required, proposal.executed() || count >= required);
  }

  /**
   * Sends execTransaction with the collected signatures, paid by the executor key, unless the Safe's
   * nonce has moved past the proposal (executed already, by irflow before a crash or by an owner).
   */
  public void execute(long batchId) {
    PauseBatch batch = batches.get(batchId);
    if (batch.txHash() != null) {
      return;
    }
    SafeTransactionService.Proposal proposal = safeService.proposal(batch.chainId(), batch.safeTxHash())
        .orElseThrow(() -> new IllegalStateException("the Safe Transaction Service does not know "
            + batch.safeTxHash()));
    ChainAccess.SafeState state = chain.safeState(batch.chainId(), batch.safeAddress());
    if (state.nonce().compareTo(BigInteger.valueOf(batch.safeNonce())) > 0) {
      // executed already: the service knows by which transaction once it has indexed it
      batches.recordNow(batchId, "tx_hash = ?", proposal.transactionHash());
      return;
    }
    batches.recordNow(batchId, "status = ?, execution_started_at = ?", PauseStatus.EXECUTING.name(),
        clock.instant());
    String signatures = SafeTransactions.joinSignatures(proposal.confirmations());
    String txHash = chain.executeSafeTransaction(batch.chainId(), batch.safeAddress(), batch.safeTransaction(),
        signatures);
    batches.recordNow(batchId, "tx_hash = ?", txHash);
    timeline.append(source(batch), TimelineKind.PAUSE_SUBMITTED, Actors.SYSTEM,
        "Safe transaction " + batch.safeTxHash() + " executed with " + proposal.confirmations().size()
            + " confirmations: transaction " + txHash, null);
  }

  // ---------------------------------------------------------------- relayer path

  /** Sends pause() through the relayer, unless a submission was already recorded. */
  public void submitToRelayer(long batchId) {
    PauseBatch batch = batches.get(batchId);
    if (batch.relayerTxId() != null) {
      return;
    }
    if (batch.relayerSubmittedAt() != null && allPaused(batch)) {
      // sent before a crash, its id lost: the contracts are paused; verification reads them
      return;
    }
    String relayerId = batch.pauser().substring(ContractRegistry.RELAYER_PREFIX.length());
    String contract = batch.contractAddresses().get(0);
    batches.recordNow(batchId, "status = ?, pause_path = ?, relayer_id = ?, relayer_submitted_at = ?, tx_hash = null",
        PauseStatus.RELAYER_SUBMITTED.name(), Path.RELAYER.name(), relayerId, clock.instant());
    Relayer.RelayerTransaction transaction = relayer.submit(relayerId, contract, SafeTransactions.PAUSE,
        RELAYER_GAS_LIMIT);
    batches.recordNow(batchId, "relayer_tx_id = ?, tx_hash = ?", transaction.id(), transaction.hash());
    timeline.append(source(batch), TimelineKind.PAUSE_SUBMITTED, Actors.SYSTEM,
        "Pause of " + batch.describeContracts() + " sent through relayer " + relayerId + " (relayer transaction "
            + transaction.id() + ", status " + transaction.status() + ")", null);
  }

  public RelayerState relayerState(long batchId) {
    PauseBatch batch = batches.get(batchId);
    if (batch.relayerTxId() == null) {
      return allPaused(batch) ? RelayerState.DONE : RelayerState.FAILED;
    }
    Relayer.RelayerTransaction transaction = relayer.transaction(batch.relayerId(), batch.relayerTxId());
    if (transaction.hash() != null && !transaction.hash().equals(batch.txHash())) {
      batches.update(batchId, "tx_hash = ?", transaction.hash());
    }
    if (transaction.done()) {
      return RelayerState.DONE;
    }
    if (transaction.failed()) {
      batches.update(batchId, "failure = ?", "relayer transaction " + transaction.id() + " " + transaction.status());
      return RelayerState.FAILED;
    }
    return RelayerState.PENDING;
  }

  /** The relayer failed: the next pauser takes over (a Safe). Returns whether there is one. */
  public boolean useNextPauser(long batchId) {
    PauseBatch batch = batches.get(batchId);
    String failed = batch.pauser();
    batches.update(batchId, "pauser_index = pauser_index + 1, tx_hash = null");
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
   * paused() is true on every contract and the receipt of the pausing transaction holds their
   * Paused events; records the transaction, block and time on the incident's timeline.
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
    List<String> notPaused = new ArrayList<>();
    for (int i = 0; i < batch.contractAddresses().size(); i++) {
      if (!chain.paused(batch.chainId(), batch.contractAddresses().get(i))) {
        notPaused.add(batch.contractNames().get(i));
      }
    }
    ChainAccess.Receipt receipt = null;
    if (batch.txHash() != null) {
      receipt = chain.receipt(batch.chainId(), batch.txHash()).orElse(null);
      if (receipt == null) {
        return new VerificationResult(Verification.PENDING, "transaction " + batch.txHash() + " not mined yet");
      }
      if (!receipt.success() || Boolean.FALSE.equals(receipt.safeExecutionSucceeded())) {
        return fail(batch, "transaction " + batch.txHash() + " failed"
            + (Boolean.FALSE.equals(receipt.safeExecutionSucceeded()) ? " (Safe ExecutionFailure)" : " (reverted)"));
      }
      List<String> withEvent = receipt.pausedContracts().stream().map(a -> a.toLowerCase(Locale.ROOT)).toList();
      List<String> withoutEvent = new ArrayList<>();
      for (int i = 0; i < batch.contractAddresses().size(); i++) {
        if (!withEvent.contains(batch.contractAddresses().get(i).toLowerCase(Locale.ROOT))) {
          withoutEvent.add(batch.contractNames().get(i));
        }
      }
      if (!withoutEvent.isEmpty()) {
        return fail(batch, "no Paused event for " + String.join(", ", withoutEvent) + " in transaction "
            + batch.txHash() + (notPaused.isEmpty() ? "" : "; not paused: " + String.join(", ", notPaused)));
      }
    } else if (!notPaused.isEmpty()) {
      return new VerificationResult(Verification.PENDING, "not paused yet: " + String.join(", ", notPaused));
    }
    if (!notPaused.isEmpty()) {
      return fail(batch, "paused() is false on " + String.join(", ", notPaused));
    }
    Instant now = clock.instant();
    batches.update(batchId, "status = ?, block_number = ?, block_time = ?, verified_at = ?, failure = null",
        PauseStatus.PAUSED.name(), receipt == null ? null : receipt.blockNumber(),
        receipt == null ? null : receipt.blockTime(), now);
    timeline.append(source(batch), TimelineKind.CONTRACTS_PAUSED, Actors.SYSTEM,
        "Paused " + batch.describeContracts() + " on chain " + batch.chainId()
            + (receipt == null ? " (paused() true; the pausing transaction is unknown)"
                : ": transaction " + receipt.transactionHash() + " in block " + receipt.blockNumber()
                    + " at " + receipt.blockTime() + ", Paused event and paused() verified"),
        null);
    return new VerificationResult(Verification.VERIFIED, null);
  }

  private VerificationResult fail(PauseBatch batch, String reason) {
    batches.update(batch.id(), "failure = ?", reason);
    return new VerificationResult(Verification.FAILED, reason);
  }

  /** The pause ends without effect: given up, not confirmed in time, or failed. */
  public void recordFailure(long batchId, String reason, String actor) {
    PauseBatch batch = batches.get(batchId);
    String why = reason != null ? reason : batch.failure() != null ? batch.failure() : batch.revertReason();
    batches.update(batchId, "status = ?, failure = ?", PauseStatus.FAILED.name(), why);
    timeline.append(source(batch), TimelineKind.PAUSE_FAILED, actor,
        "Pause of " + batch.describeContracts() + " failed: " + why, null);
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

  private static boolean blank(String value) {
    return value == null || value.isBlank();
  }
}
