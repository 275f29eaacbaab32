package org.irflow.containment.pause;

import java.math.BigInteger;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.irflow.containment.ChainAccess;
import org.irflow.containment.ContractRegistry;
import org.irflow.containment.ContractRegistry.RegisteredChain;
import org.irflow.containment.ContractRegistry.RegisteredContract;
import org.irflow.containment.SafeTransaction;
import org.irflow.containment.SafeTransactionService;
import org.irflow.containment.chain.SafeTransactions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One pre-staged pause per Safe: the Safe transaction that pauses every registered contract whose
 * preferred pauser is the Safe (what a pause of all of them proposes), built by the pause path's own
 * builder for the Safe's nonce, owners and threshold as read on-chain, its hash checked against the
 * Safe's getTransactionHash, and stored with what it was built against. A refresh rebuilds it when
 * any of these drifted; a pause proposes it only while it still matches the chain, and builds afresh
 * otherwise, so a moved nonce never makes irflow propose a transaction that cannot execute.
 *
 * <p>A refresh reads the Safe on the chain and at the Safe Transaction Service the pause would be
 * proposed to. Without a usable answer from both it changes nothing: the pause stored before stays
 * exactly as it was, and the refresh says why it was not checked.
 */
@Service("prestagedPauses")
public class PrestagedPauses {

  private static final Logger log = LoggerFactory.getLogger(PrestagedPauses.class);

  private final ContractRegistry registry;
  private final ChainAccess chain;
  private final SafeTransactionService safeService;
  private final SafeTransactions safeTransactions;
  private final JdbcTemplate jdbc;
  private final TransactionTemplate transactions;
  private final Clock clock;

  public PrestagedPauses(ContractRegistry registry, ChainAccess chain, SafeTransactionService safeService,
      SafeTransactions safeTransactions, JdbcTemplate jdbc, PlatformTransactionManager transactionManager,
      Clock clock) {
    // its own transaction: a refresh that loses a race to another must not roll back its caller's work
    this.transactions = new TransactionTemplate(transactionManager);
    this.transactions.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    this.registry = registry;
    this.chain = chain;
    this.safeService = safeService;
    this.safeTransactions = safeTransactions;
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /**
   * A stored pre-staged pause.
   *
   * @param owners the Safe's owners it was built against, lower case, in the Safe's order
   * @param buildReason why it was (re)built: the first build, or what had drifted
   * @param refreshProblem why the last refresh could not check or rebuild it; null when it could
   */
  public record PrestagedPause(long chainId, String safe, long nonce, List<String> owners, int threshold,
      List<String> contractNames, List<String> contractAddresses, SafeTransaction transaction, String safeTxHash,
      Instant builtAt, String buildReason, Instant refreshedAt, String refreshProblem) {}

  /** What a refresh did for one Safe. */
  public enum Outcome {
    /** built for the first time */
    BUILT,
    /** rebuilt because something drifted (said in the detail) */
    REBUILT,
    /** still matches the chain: kept */
    UNCHANGED,
    /** the chain or the Safe Transaction Service gave no usable answer: nothing was changed */
    NOT_REFRESHED,
    /** no registered contract is paused through the Safe any more: its pre-staged pause was removed */
    REMOVED
  }

  /** The refresh of one Safe, in words. */
  public record Refresh(long chainId, String safe, Outcome outcome, String detail) {}

  // ---------------------------------------------------------------- refresh

  /**
   * Refreshes the pre-staged pause of every Safe that is the preferred pauser of a registered contract
   * on a chain irflow reaches, and removes those of Safes no contract is paused through any more.
   */
  public List<Refresh> refreshAll() {
    List<Refresh> refreshes = new ArrayList<>();
    Map<SafeOnChain, List<RegisteredContract>> safes = safesToStage();
    for (Map.Entry<SafeOnChain, List<RegisteredContract>> entry : safes.entrySet()) {
      refreshes.add(refresh(entry.getKey(), entry.getValue()));
    }
    for (PrestagedPause stored : all()) {
      if (!safes.containsKey(new SafeOnChain(stored.chainId(), stored.safe()))) {
        jdbc.update("delete from prestaged_pause where chain_id = ? and safe_address = ?", stored.chainId(),
            stored.safe());
        refreshes.add(new Refresh(stored.chainId(), stored.safe(), Outcome.REMOVED,
            "no registered contract on chain " + stored.chainId() + " is paused through the Safe any more"));
      }
    }
    refreshes.forEach(refresh -> log.info("Pre-staged pause of the Safe {} on chain {}: {} ({})", refresh.safe(),
        refresh.chainId(), refresh.outcome(), refresh.detail()));
    return refreshes;
  }

  private record SafeOnChain(long chainId, String safe) {}

  /** Each Safe with the contracts whose preferred pauser it is, in registry order. */
  private Map<SafeOnChain, List<RegisteredContract>> safesToStage() {
    Map<SafeOnChain, List<RegisteredContract>> safes = new LinkedHashMap<>();
    for (RegisteredContract contract : registry.contracts()) {
      String pauser = contract.preferredPauser();
      boolean reachable = chain.configured(contract.chainId()) && registry.chain(contract.chainId())
          .map(RegisteredChain::safeTransactionServiceUrl).isPresent();
      if (pauser.startsWith(ContractRegistry.SAFE_PREFIX) && reachable) {
        String safe = pauser.substring(ContractRegistry.SAFE_PREFIX.length()).toLowerCase(Locale.ROOT);
        safes.computeIfAbsent(new SafeOnChain(contract.chainId(), safe), key -> new ArrayList<>()).add(contract);
      }
    }
    return safes;
  }

  private Refresh refresh(SafeOnChain safe, List<RegisteredContract> contracts) {
    Optional<PrestagedPause> stored = find(safe.chainId(), safe.safe());
    ChainAccess.SafeState state;
    Optional<SafeTransactionService.IndexedSafe> indexed;
    try {
      state = chain.safeState(safe.chainId(), safe.safe());
      indexed = safeService.safe(safe.chainId(), safe.safe());
    } catch (RuntimeException noUsableAnswer) {
      return notRefreshed(safe, stored, PauseService.reasonOf(noUsableAnswer));
    }
    String serviceProblem = indexed.isEmpty()
        ? "the Safe Transaction Service does not know the Safe: it would refuse the proposal"
        : serviceDisagrees(indexed.get(), state);
    List<String> addresses = contracts.stream().map(RegisteredContract::address).toList();
    List<String> names = contracts.stream().map(RegisteredContract::name).toList();
    if (stored.isPresent()) {
      List<String> drift = drift(stored.get(), state, names, addresses);
      if (drift.isEmpty()) {
        jdbc.update("update prestaged_pause set refreshed_at = ?, refresh_problem = ? where chain_id = ? and safe_address = ?",
            PauseBatches.utc(clock.instant()), serviceProblem, safe.chainId(), safe.safe());
        return new Refresh(safe.chainId(), safe.safe(), Outcome.UNCHANGED, "still matches the chain: "
            + describe(stored.get()) + (serviceProblem == null ? "" : "; " + serviceProblem));
      }
      return build(safe, state, names, addresses, Outcome.REBUILT, String.join("; ", drift), serviceProblem, stored);
    }
    return build(safe, state, names, addresses, Outcome.BUILT, "first pre-staged pause of the Safe", serviceProblem,
        stored);
  }

  private Refresh build(SafeOnChain safe, ChainAccess.SafeState state, List<String> names, List<String> addresses,
      Outcome outcome, String reason, String serviceProblem, Optional<PrestagedPause> stored) {
    String multiSend = registry.chain(safe.chainId()).map(RegisteredChain::multiSendCallOnly).orElse(null);
    SafeTransaction transaction;
    String hash;
    try {
      transaction = safeTransactions.pause(addresses, multiSend, state.nonce());
      hash = safeTransactions.hash(safe.chainId(), safe.safe(), transaction);
      String onChain = chain.onChainSafeTransactionHash(safe.chainId(), safe.safe(), transaction);
      if (!hash.equalsIgnoreCase(onChain)) {
        return notRefreshed(safe, stored, "SafeTx hash " + hash + " differs from the Safe's getTransactionHash "
            + onChain);
      }
    } catch (RuntimeException cannotBuild) {
      return notRefreshed(safe, stored, PauseService.reasonOf(cannotBuild));
    }
    try {
      store(safe, state, names, addresses, transaction, hash, clock.instant(), reason, serviceProblem);
    } catch (DuplicateKeyException refreshedMeanwhile) {
      return notRefreshed(safe, find(safe.chainId(), safe.safe()), "another refresh stored the Safe's pre-staged"
          + " pause at the same moment");
    }
    PrestagedPause built = find(safe.chainId(), safe.safe()).orElseThrow();
    return new Refresh(safe.chainId(), safe.safe(), outcome, (outcome == Outcome.REBUILT ? "rebuilt: " + reason
        + "; now " : "built: ") + describe(built) + (serviceProblem == null ? "" : "; " + serviceProblem));
  }

  private void store(SafeOnChain safe, ChainAccess.SafeState state, List<String> names, List<String> addresses,
      SafeTransaction transaction, String hash, Instant builtAt, String reason, String serviceProblem) {
    transactions.executeWithoutResult(status -> {
      jdbc.update("delete from prestaged_pause where chain_id = ? and safe_address = ?", safe.chainId(), safe.safe());
      jdbc.update("""
        insert into prestaged_pause (chain_id, safe_address, safe_nonce, safe_owners, safe_threshold, contract_names,
                                     contract_addresses, safe_tx_to, safe_tx_data, safe_tx_operation, safe_tx_hash,
                                     built_at, build_reason, refreshed_at, refresh_problem)
        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
        safe.chainId(), safe.safe(), state.nonce().longValueExact(), String.join(",", lower(state.owners())),
        state.threshold(), String.join(",", names), String.join(",", lower(addresses)), transaction.to(),
        transaction.data(), transaction.operation(), hash, PauseBatches.utc(builtAt), cut(reason),
        PauseBatches.utc(builtAt), serviceProblem == null ? null : cut(serviceProblem));
    });
  }

  /** Nothing is changed but the note of why: the pause stored before (if any) stays exactly as it was. */
  private Refresh notRefreshed(SafeOnChain safe, Optional<PrestagedPause> stored, String why) {
    String kept = stored.map(pause -> "the pre-staged pause built at " + pause.builtAt() + " for nonce "
        + pause.nonce() + " (SafeTx " + pause.safeTxHash() + ") is kept unchanged")
        .orElse("no pre-staged pause was built");
    String detail = "not refreshed: " + why + "; " + kept;
    stored.ifPresent(pause -> jdbc.update(
        "update prestaged_pause set refreshed_at = ?, refresh_problem = ? where chain_id = ? and safe_address = ?",
        PauseBatches.utc(clock.instant()), cut(detail), safe.chainId(), safe.safe()));
    log.warn("Pre-staged pause of the Safe {} on chain {} {}", safe.safe(), safe.chainId(), detail);
    return new Refresh(safe.chainId(), safe.safe(), Outcome.NOT_REFRESHED, detail);
  }

  /** Where the service's view of the Safe differs from the chain's (it indexes behind the chain); null when not. */
  private static String serviceDisagrees(SafeTransactionService.IndexedSafe service, ChainAccess.SafeState state) {
    List<String> differences = new ArrayList<>();
    if (!service.nonce().equals(state.nonce())) {
      differences.add("nonce " + service.nonce() + " (the chain: " + state.nonce() + ")");
    }
    if (!service.owners().stream().sorted().toList().equals(lower(state.owners()).stream().sorted().toList())) {
      differences.add("owners " + service.owners() + " (the chain: " + lower(state.owners()) + ")");
    }
    if (service.threshold() != state.threshold()) {
      differences.add("threshold " + service.threshold() + " (the chain: " + state.threshold() + ")");
    }
    return differences.isEmpty() ? null : "the Safe Transaction Service has not caught up with the chain yet: it has "
        + String.join(", ", differences);
  }

  // ---------------------------------------------------------------- drift

  /**
   * What no longer matches between a pre-staged pause and the Safe as it is now, for these contracts,
   * in words; empty when it matches. Owners and threshold do not enter the SafeTx hash, but they decide
   * who must sign: a pause built against other owners is not the one that was checked.
   */
  List<String> drift(PrestagedPause staged, ChainAccess.SafeState state, List<String> names,
      List<String> addresses) {
    List<String> drift = new ArrayList<>();
    if (!state.nonce().equals(BigInteger.valueOf(staged.nonce()))) {
      drift.add("the Safe's nonce moved from " + staged.nonce() + " to " + state.nonce());
    }
    List<String> owners = lower(state.owners());
    List<String> added = owners.stream().filter(owner -> !staged.owners().contains(owner)).toList();
    List<String> removed = staged.owners().stream().filter(owner -> !owners.contains(owner)).toList();
    if (!added.isEmpty() || !removed.isEmpty()) {
      drift.add("the Safe's owners changed (" + changes(added, removed) + ")");
    }
    if (state.threshold() != staged.threshold()) {
      drift.add("the Safe's threshold changed from " + staged.threshold() + " to " + state.threshold());
    }
    List<String> wanted = lower(addresses);
    if (!wanted.stream().sorted().toList().equals(staged.contractAddresses().stream().sorted().toList())) {
      List<String> more = new ArrayList<>();
      List<String> fewer = new ArrayList<>();
      for (int i = 0; i < wanted.size(); i++) {
        if (!staged.contractAddresses().contains(wanted.get(i))) {
          more.add(names.get(i));
        }
      }
      for (int i = 0; i < staged.contractAddresses().size(); i++) {
        if (!wanted.contains(staged.contractAddresses().get(i))) {
          fewer.add(staged.contractNames().get(i));
        }
      }
      drift.add("the contracts differ (" + changes(more, fewer) + ")");
    } else {
      // the same contracts: the builder must still make this very transaction (e.g. the chain's MultiSendCallOnly)
      String multiSend = registry.chain(staged.chainId()).map(RegisteredChain::multiSendCallOnly).orElse(null);
      try {
        SafeTransaction rebuilt = safeTransactions.pause(staged.contractAddresses(), multiSend,
            BigInteger.valueOf(staged.nonce()));
        if (!safeTransactions.hash(staged.chainId(), staged.safe(), rebuilt).equalsIgnoreCase(staged.safeTxHash())) {
          drift.add("the pause transaction for these contracts is built differently now (MultiSendCallOnly "
              + multiSend + ")");
        }
      } catch (IllegalArgumentException cannotBuild) {
        drift.add("the pause transaction cannot be built now: " + cannotBuild.getMessage());
      }
    }
    return drift;
  }

  private static String changes(List<String> added, List<String> removed) {
    List<String> parts = new ArrayList<>();
    added.forEach(one -> parts.add(one + " added"));
    removed.forEach(one -> parts.add(one + " removed"));
    return String.join(", ", parts);
  }

  // ---------------------------------------------------------------- the pause path

  /**
   * For a pause about to be proposed: the pre-staged pause of the Safe when it still matches the Safe
   * as just read on-chain and the pause's contracts; else why the pause is built afresh.
   */
  public record Choice(PrestagedPause pause, String whyBuiltAfresh) {
    public boolean usable() {
      return pause != null;
    }
  }

  public Choice forPause(long chainId, String safe, ChainAccess.SafeState state, List<String> contractNames,
      List<String> contractAddresses) {
    Optional<PrestagedPause> stored = find(chainId, safe);
    if (stored.isEmpty()) {
      return new Choice(null, "no pre-staged pause for the Safe");
    }
    List<String> drift = drift(stored.get(), state, contractNames, contractAddresses);
    return drift.isEmpty() ? new Choice(stored.get(), null) : new Choice(null, String.join("; ", drift));
  }

  // ---------------------------------------------------------------- reading

  /** A pre-staged pause and whether it still matches the chain now. */
  public record Status(PrestagedPause pause, Boolean matchesChain, List<String> drift) {}

  /**
   * Every stored pre-staged pause, compared with its Safe on the chain and the registry now;
   * matchesChain is null when the chain cannot be read (said in drift).
   */
  public List<Status> statuses() {
    Map<SafeOnChain, List<RegisteredContract>> safes = safesToStage();
    List<Status> statuses = new ArrayList<>();
    for (PrestagedPause stored : all()) {
      List<RegisteredContract> contracts = safes.getOrDefault(new SafeOnChain(stored.chainId(), stored.safe()),
          List.of());
      try {
        ChainAccess.SafeState state = chain.safeState(stored.chainId(), stored.safe());
        List<String> drift = drift(stored, state, contracts.stream().map(RegisteredContract::name).toList(),
            contracts.stream().map(RegisteredContract::address).toList());
        statuses.add(new Status(stored, drift.isEmpty(), drift));
      } catch (RuntimeException unreadable) {
        statuses.add(new Status(stored, null, List.of("the Safe cannot be read on chain " + stored.chainId() + ": "
            + PauseService.reasonOf(unreadable))));
      }
    }
    return statuses;
  }

  public Optional<PrestagedPause> find(long chainId, String safe) {
    return jdbc.query("select * from prestaged_pause where chain_id = ? and safe_address = ?", PrestagedPauses::map,
        chainId, safe.toLowerCase(Locale.ROOT)).stream().findFirst();
  }

  public List<PrestagedPause> all() {
    return jdbc.query("select * from prestaged_pause order by chain_id, safe_address", PrestagedPauses::map);
  }

  private static PrestagedPause map(ResultSet rs, int row) throws SQLException {
    BigInteger nonce = BigInteger.valueOf(rs.getLong("safe_nonce"));
    return new PrestagedPause(rs.getLong("chain_id"), rs.getString("safe_address"), nonce.longValueExact(),
        List.of(rs.getString("safe_owners").split(",")), rs.getInt("safe_threshold"),
        List.of(rs.getString("contract_names").split(",")), List.of(rs.getString("contract_addresses").split(",")),
        SafeTransaction.of(rs.getString("safe_tx_to"), rs.getString("safe_tx_data"), rs.getInt("safe_tx_operation"),
            nonce),
        rs.getString("safe_tx_hash"), PauseBatches.instant(rs, "built_at"), rs.getString("build_reason"),
        PauseBatches.instant(rs, "refreshed_at"), rs.getString("refresh_problem"));
  }

  private static String describe(PrestagedPause pause) {
    return "SafeTx " + pause.safeTxHash() + " at nonce " + pause.nonce() + " pausing "
        + String.join(", ", pause.contractNames()) + ", " + pause.threshold() + " of " + pause.owners().size()
        + " owners, built at " + pause.builtAt();
  }

  private static List<String> lower(List<String> addresses) {
    return addresses.stream().map(address -> address.toLowerCase(Locale.ROOT)).toList();
  }

  private static String cut(String text) {
    return text.length() > 2000 ? text.substring(0, 1997) + "..." : text;
  }
}
