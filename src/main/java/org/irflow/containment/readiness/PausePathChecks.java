package org.irflow.containment.readiness;

import static org.irflow.containment.readiness.PausePathResult.ItemStatus.FAILED;
import static org.irflow.containment.readiness.PausePathResult.ItemStatus.PASSED;
import static org.irflow.containment.readiness.PausePathResult.ItemStatus.SKIPPED;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.irflow.containment.ChainAccess;
import org.irflow.containment.ContainmentProperties;
import org.irflow.containment.ContractRegistry;
import org.irflow.containment.ContractRegistry.RegisteredContract;
import org.irflow.containment.PauseStyle;
import org.irflow.containment.Relayer;
import org.irflow.containment.SafeTransactionService;
import org.irflow.containment.chain.SafeTransactions;
import org.irflow.containment.readiness.PausePathResult.Item;
import org.irflow.containment.readiness.PausePathResult.Status;
import org.irflow.containment.signers.CoverageGap;
import org.irflow.containment.signers.SignerAddresses;
import org.irflow.containment.signers.SignerCoverage;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;
import org.web3j.crypto.Credentials;
import org.web3j.utils.Numeric;

/**
 * Checks, for one registered contract, each of its pause paths as a pause would use it, reading the
 * chain, the Safe Transaction Service and the relayer; never sends anything. Each finding is in words
 * a person can act on. A later item that an earlier failure makes meaningless (the simulation when
 * the Safe has lost its role, everything when the chain does not answer) is skipped, so that one
 * break shows as one failure.
 */
@Component
public class PausePathChecks {

  static final String CHAIN = "the chain answers with the registered chain id";
  static final String IS_SAFE = "the pauser is a Safe";
  static final String NOT_PAUSED = "the contract is not already paused";
  static final String SAFE_MAY_PAUSE = "the Safe holds the right to pause";
  static final String SAFE_SIMULATION = "a pause from the Safe succeeds in simulation";
  static final String PROPOSER = "irflow's proposer may propose to the Safe";
  static final String EXECUTOR = "the executor can pay for the pauses";
  static final String RELAYER_ANSWERS = "the relayer answers with the configured key";
  static final String RELAYER_MAY_PAUSE = "the relayer holds the right to pause";
  static final String RELAYER_SIMULATION = "a pause from the relayer succeeds in simulation";
  static final String NOTHING_ON_CHAIN = "manual: nothing to check on chain";
  static final String SIGNERS_REACH_THRESHOLD = "the signers on shift can meet the Safe's threshold all week";
  /** How far ahead the signers' coverage is checked. */
  static final Duration COVERAGE_HORIZON = Duration.ofDays(7);

  private final ChainAccess chain;
  private final SafeTransactionService safeService;
  private final Relayer relayer;
  private final ContainmentProperties containment;
  private final PauseReadinessProperties properties;
  private final SignerCoverage coverage;
  private final SignerAddresses signerAddresses;

  public PausePathChecks(ChainAccess chain, SafeTransactionService safeService, Relayer relayer,
      ContainmentProperties containment, PauseReadinessProperties properties, @Lazy SignerCoverage coverage,
      SignerAddresses signerAddresses) {
    this.coverage = coverage;
    this.signerAddresses = signerAddresses;
    this.chain = chain;
    this.safeService = safeService;
    this.relayer = relayer;
    this.containment = containment;
    this.properties = properties;
  }

  /** Every path of the contract, in the registry's order of preference; one manual result without RPC. */
  public List<PausePathResult> check(RegisteredContract contract, Instant now) {
    if (!chain.configured(contract.chainId())) {
      return List.of(new PausePathResult(contract.name(), contract.chainId(), PausePathResult.MANUAL, Status.MANUAL,
          List.of(new Item(NOTHING_ON_CHAIN, SKIPPED, "irflow has no RPC endpoint for chain " + contract.chainId()
              + ": a pause is prepared for signing by hand in Safe{Wallet}")), now));
    }
    List<PausePathResult> results = new ArrayList<>();
    for (String pauser : contract.pausers()) {
      List<Item> items = new ArrayList<>();
      Item chainItem = chainAnswers(contract.chainId());
      items.add(chainItem);
      if (chainItem.status() == PASSED) {
        if (pauser.startsWith(ContractRegistry.SAFE_PREFIX)) {
          safePath(contract, pauser.substring(ContractRegistry.SAFE_PREFIX.length()).toLowerCase(Locale.ROOT), items, now);
        } else {
          relayerPath(contract, pauser.substring(ContractRegistry.RELAYER_PREFIX.length()), items);
        }
      }
      boolean failed = items.stream().anyMatch(item -> item.status() == FAILED);
      results.add(new PausePathResult(contract.name(), contract.chainId(), pauser,
          failed ? Status.FAILED : Status.PASSED, List.copyOf(items), now));
    }
    return results;
  }

  private Item chainAnswers(long chainId) {
    try {
      long answered = chain.nodeChainId(chainId);
      return answered == chainId
          ? new Item(CHAIN, PASSED, "chain id " + answered + ", block " + chain.blockNumber(chainId))
          : new Item(CHAIN, FAILED, "the RPC endpoint answers chain id " + answered + ", the registry says "
              + chainId + ": an RPC URL of irflow.containment.chains points at the wrong network");
    } catch (RuntimeException unreachable) {
      return new Item(CHAIN, FAILED, "no RPC endpoint answered (" + unreachable.getMessage() + ")");
    }
  }

  private void safePath(RegisteredContract contract, String safe, List<Item> items, Instant now) {
    ChainAccess.SafeState state;
    try {
      String version = chain.safeVersion(contract.chainId(), safe);
      state = chain.safeState(contract.chainId(), safe);
      items.add(new Item(IS_SAFE, PASSED, "Safe " + version + " at " + safe + ", " + state.threshold() + " of "
          + state.owners().size() + " owners"));
    } catch (RuntimeException notASafe) {
      items.add(new Item(IS_SAFE, FAILED, safe + " does not answer as a Safe (VERSION, getOwners, getThreshold): "
          + notASafe.getMessage()));
      return;
    }
    boolean paused = notPaused(contract, items);
    boolean mayPause = mayPause(contract, safe, "the Safe", SAFE_MAY_PAUSE, items);
    simulate(contract, safe, "the Safe", SAFE_SIMULATION, paused, mayPause, items);
    items.add(proposer(contract.chainId(), safe, state));
    items.add(executor(contract.chainId()));
    items.add(signerCoverage(contract.chainId(), safe, now));
  }

  /**
   * Whether, for every hour of the coming week, the signers on shift hold the threshold's worth of the
   * Safe's owner keys. Skipped while no signer has an owner address of this Safe on record: irflow cannot
   * tell then, and says how to change that.
   */
  private Item signerCoverage(long chainId, String safe, Instant now) {
    try {
      List<String> owners = chain.safeState(chainId, safe).owners().stream()
          .map(owner -> owner.toLowerCase(Locale.ROOT)).toList();
      if (signerAddresses.all().stream().noneMatch(address -> owners.contains(address.address().toLowerCase(Locale.ROOT)))) {
        return new Item(SIGNERS_REACH_THRESHOLD, SKIPPED, "no signer has an owner address of this Safe on record:"
            + " each signer proves theirs in Tasklist (\"Prove my signing address\")");
      }
      List<CoverageGap> gaps = coverage.gaps(now, COVERAGE_HORIZON).stream()
          .filter(gap -> gap.chainId() == chainId && gap.safe().equalsIgnoreCase(safe)).toList();
      if (gaps.isEmpty()) {
        return new Item(SIGNERS_REACH_THRESHOLD, PASSED, "every hour of the next " + COVERAGE_HORIZON.toDays()
            + " days has the threshold's worth of owners among the signers on shift");
      }
      return new Item(SIGNERS_REACH_THRESHOLD, FAILED, gaps.size() + " stretch(es) below the threshold: "
          + String.join("; ", gaps.stream().limit(3).map(CoverageGap::text).toList())
          + (gaps.size() > 3 ? "; and " + (gaps.size() - 3) + " more (GET /api/signers/coverage)" : ""));
    } catch (RuntimeException unreadable) {
      return new Item(SIGNERS_REACH_THRESHOLD, FAILED, "the signers' coverage could not be read: " + unreadable.getMessage());
    }
  }

  private void relayerPath(RegisteredContract contract, String relayerId, List<Item> items) {
    boolean paused = notPaused(contract, items);
    String address;
    try {
      address = relayer.address(relayerId);
      items.add(new Item(RELAYER_ANSWERS, PASSED, "relayer " + relayerId + ", account " + address));
    } catch (RuntimeException refused) {
      items.add(new Item(RELAYER_ANSWERS, FAILED, "relayer " + relayerId + " did not answer as expected: "
          + refused.getMessage()));
      return;
    }
    boolean mayPause = mayPause(contract, address, "the relayer's account", RELAYER_MAY_PAUSE, items);
    simulate(contract, address, "the relayer's account", RELAYER_SIMULATION, paused, mayPause, items);
  }

  /** Whether the contract is paused (true) after recording the item. */
  private boolean notPaused(RegisteredContract contract, List<Item> items) {
    try {
      boolean paused = chain.paused(contract.chainId(), contract.address());
      items.add(paused
          ? new Item(NOT_PAUSED, FAILED, contract.address() + " is paused now: a pause would change nothing;"
              + " unpause it when the incident that paused it is over")
          : new Item(NOT_PAUSED, PASSED, "paused() is false"));
      return paused;
    } catch (RuntimeException unreadable) {
      items.add(new Item(NOT_PAUSED, FAILED, "paused() could not be read: " + unreadable.getMessage()));
      return false;
    }
  }

  /** Whether the account holds the contract's owner role or PAUSER_ROLE, after recording the item. */
  private boolean mayPause(RegisteredContract contract, String account, String who, String check, List<Item> items) {
    try {
      if (contract.pauseStyle() == PauseStyle.OWNABLE) {
        String owner = chain.owner(contract.chainId(), contract.address());
        boolean holds = owner.equalsIgnoreCase(account);
        items.add(holds ? new Item(check, PASSED, who + " " + account + " is the contract's owner")
            : new Item(check, FAILED, "the contract's owner is " + owner + ", not " + who + " " + account
                + ": ownership was transferred away; transfer it back to " + account));
        return holds;
      }
      boolean holds = chain.hasRole(contract.chainId(), contract.address(), SafeTransactions.PAUSER_ROLE, account);
      items.add(holds ? new Item(check, PASSED, who + " " + account + " holds PAUSER_ROLE")
          : new Item(check, FAILED, who + " " + account + " does not hold PAUSER_ROLE: an admin of the contract"
              + " grants it again (grantRole(PAUSER_ROLE, " + account + "))"));
      return holds;
    } catch (RuntimeException unreadable) {
      items.add(new Item(check, FAILED, (contract.pauseStyle() == PauseStyle.OWNABLE ? "owner()" : "hasRole()")
          + " could not be read: " + unreadable.getMessage()));
      return false;
    }
  }

  private void simulate(RegisteredContract contract, String from, String who, String check, boolean paused,
      boolean mayPause, List<Item> items) {
    if (paused || !mayPause) {
      items.add(new Item(check, SKIPPED, paused ? "not simulated: the contract is already paused"
          : "not simulated: " + who + " " + from + " does not hold the right to pause"));
      return;
    }
    try {
      Optional<String> revert = chain.simulate(contract.chainId(), from, contract.address(), SafeTransactions.PAUSE);
      items.add(revert.isEmpty() ? new Item(check, PASSED, "pause() from " + who + " " + from + " succeeds in eth_call")
          : new Item(check, FAILED, "pause() from " + who + " " + from + " reverts: " + revert.get()));
    } catch (RuntimeException unreachable) {
      items.add(new Item(check, FAILED, "the simulation could not run: " + unreachable.getMessage()));
    }
  }

  private Item proposer(long chainId, String safe, ChainAccess.SafeState state) {
    String key = containment.keys() == null ? null : containment.keys().proposer();
    if (key == null || key.isBlank()) {
      return new Item(PROPOSER, FAILED, "no proposer key is configured (irflow.containment.keys.proposer)");
    }
    String proposer = Credentials.create(Numeric.cleanHexPrefix(key.strip())).getAddress().toLowerCase(Locale.ROOT);
    if (state.owners().contains(proposer)) {
      return new Item(PROPOSER, PASSED, "the proposer " + proposer + " is an owner of the Safe");
    }
    try {
      Optional<SafeTransactionService.Delegation> delegation = safeService.delegations(chainId, proposer).stream()
          .filter(d -> d.delegator() != null && state.owners().contains(d.delegator()))
          .filter(d -> d.safe() == null || d.safe().equals(safe))
          .findFirst();
      return delegation.isPresent()
          ? new Item(PROPOSER, PASSED, "the proposer " + proposer + " is a delegate of the owner "
              + delegation.get().delegator() + " at the Safe Transaction Service")
          : new Item(PROPOSER, FAILED, "the proposer " + proposer + " is neither an owner of the Safe nor a delegate"
              + " of a current owner at the Safe Transaction Service: an owner adds it as a delegate");
    } catch (RuntimeException unreachable) {
      return new Item(PROPOSER, FAILED, "the Safe Transaction Service did not list the proposer's delegations: "
          + unreachable.getMessage());
    }
  }

  private Item executor(long chainId) {
    String executor = chain.executorAddress();
    if (executor == null) {
      return new Item(EXECUTOR, FAILED, "no executor key is configured (irflow.containment.keys.executor)");
    }
    try {
      BigInteger balance = chain.balance(chainId, executor);
      BigInteger gasPrice = chain.gasPrice(chainId);
      BigInteger needed = gasPrice.multiply(BigInteger.valueOf(properties.gasPerPause()))
          .multiply(BigInteger.valueOf(properties.pausesFunded()));
      String funds = "the executor " + executor.toLowerCase(Locale.ROOT) + " holds " + ether(balance) + " ETH; "
          + properties.pausesFunded() + " pauses at " + gwei(gasPrice) + " gwei need " + ether(needed) + " ETH";
      return balance.compareTo(needed) >= 0 ? new Item(EXECUTOR, PASSED, funds)
          : new Item(EXECUTOR, FAILED, funds + ": send it at least " + ether(needed.subtract(balance)) + " ETH");
    } catch (RuntimeException unreachable) {
      return new Item(EXECUTOR, FAILED, "the executor's balance could not be read: " + unreachable.getMessage());
    }
  }

  static String ether(BigInteger wei) {
    return new BigDecimal(wei).divide(BigDecimal.TEN.pow(18), 6, RoundingMode.UP).stripTrailingZeros().toPlainString();
  }

  static String gwei(BigInteger wei) {
    return new BigDecimal(wei).divide(BigDecimal.TEN.pow(9), 3, RoundingMode.UP).stripTrailingZeros().toPlainString();
  }
}
