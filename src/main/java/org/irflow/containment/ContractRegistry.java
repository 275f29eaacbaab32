package org.irflow.containment;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.irflow.triage.intake.SourceSeverity;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The protected contracts and their chains (irflow.containment.contracts and .chains), replaced in
 * the tables at every start: configuration is the source. RPC URLs are never stored or shown (they
 * may carry an API key); only their number is.
 */
@Component
@Order(1)
public class ContractRegistry implements ApplicationRunner {

  public static final String RELAYER_PREFIX = "relayer:";
  public static final String SAFE_PREFIX = "safe:";
  /** A contract name as a whole word, compiled once per name: correlation matches names on every alert. */
  private static final Map<String, Pattern> NAME_AS_WORD = new ConcurrentHashMap<>();

  private final ContainmentProperties containment;
  private final JdbcTemplate jdbc;

  public ContractRegistry(ContainmentProperties containment, JdbcTemplate jdbc) {
    this.containment = containment;
    this.jdbc = jdbc;
  }

  /** A chain as the registry shows it: no RPC URL, only how many there are. */
  public record RegisteredChain(long chainId, String name, int rpcEndpoints, String safeTransactionServiceUrl,
      String safeWalletPrefix, String multiSendCallOnly, boolean production) {}

  /**
   * A protected contract; pausers most preferred first ("relayer:id", "safe:0x..."); the policy an
   * alert must meet to pause it without a person, when {@code automaticPauseAllowed}; the user who
   * fixes its pause paths (null: the on-call incident command supervisor).
   */
  public record RegisteredContract(String name, long chainId, String address, PauseStyle pauseStyle,
      List<String> pausers, boolean automaticPauseAllowed, AutomaticPausePolicy automaticPause, String owner) {

    public String preferredPauser() {
      return pausers.get(0);
    }
  }

  @Override
  @Transactional
  public void run(ApplicationArguments args) {
    load();
  }

  @Transactional
  public void load() {
    validate(containment);
    jdbc.update("delete from protected_contract");
    jdbc.update("delete from contract_chain");
    for (ContainmentProperties.Chain chain : containment.chains()) {
      jdbc.update("""
          insert into contract_chain (chain_id, name, rpc_endpoints, safe_transaction_service_url,
                                      safe_wallet_prefix, multi_send_call_only, production)
          values (?, ?, ?, ?, ?, ?, ?)""",
          chain.chainId(), chain.name(), rpcUrls(chain).size(), blankToNull(chain.safeTransactionServiceUrl()),
          blankToNull(chain.safeWalletPrefix()), blankToNull(chain.multiSendCallOnly()), chain.production());
    }
    int order = 0;
    for (ContainmentProperties.ProtectedContract contract : containment.contracts()) {
      jdbc.update("""
          insert into protected_contract (name, chain_id, address, pause_style, pausers,
                                          automatic_pause_allowed, sort_order,
                                          automatic_pause_minimum_severity, automatic_pause_finding_types,
                                          automatic_pause_window, automatic_pause_trusted_sources, owner)
          values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
          contract.name(), contract.chainId(), contract.address(), contract.pauseStyle().name(),
          String.join(",", contract.pausers()), contract.automaticPauseAllowed(), order++,
          policy(contract).minimumSeverity().name(), String.join(",", policy(contract).findingTypes()),
          policy(contract).corroborationWindow().toString(),
          // a monitor's name may hold a comma, never a line break
          String.join("\n", policy(contract).trustedSources()), blankToNull(contract.owner()));
    }
  }

  public List<RegisteredContract> contracts() {
    return jdbc.query("select * from protected_contract order by sort_order", (rs, row) ->
        new RegisteredContract(rs.getString("name"), rs.getLong("chain_id"), rs.getString("address"),
            PauseStyle.valueOf(rs.getString("pause_style")), List.of(rs.getString("pausers").split(",")),
            rs.getBoolean("automatic_pause_allowed"), new AutomaticPausePolicy(
                SourceSeverity.valueOf(rs.getString("automatic_pause_minimum_severity")),
                List.of(rs.getString("automatic_pause_finding_types").split(",")),
                Duration.parse(rs.getString("automatic_pause_window")),
                rs.getString("automatic_pause_trusted_sources").isEmpty() ? List.of()
                    : List.of(rs.getString("automatic_pause_trusted_sources").split("\n"))),
            rs.getString("owner")));
  }

  public List<RegisteredChain> chains() {
    return jdbc.query("select * from contract_chain order by chain_id", (rs, row) ->
        new RegisteredChain(rs.getLong("chain_id"), rs.getString("name"), rs.getInt("rpc_endpoints"),
            rs.getString("safe_transaction_service_url"), rs.getString("safe_wallet_prefix"),
            rs.getString("multi_send_call_only"), rs.getBoolean("production")));
  }

  public Optional<RegisteredContract> contract(String name) {
    return contracts().stream().filter(c -> c.name().equals(name)).findFirst();
  }

  public Optional<RegisteredChain> chain(long chainId) {
    return chains().stream().filter(c -> c.chainId() == chainId).findFirst();
  }

  /**
   * The registered contracts that a free-text list of affected systems names, by address (any case)
   * or by name (whole word, any case), in registry order.
   */
  public List<RegisteredContract> mentionedIn(String text) {
    if (text == null || text.isBlank()) {
      return new ArrayList<>();
    }
    return mentionedIn(text, contracts());
  }

  /**
   * The registered contracts a text names, on the chain an alert names: an address deployed on several
   * chains (the same deployer and nonce, CREATE2) names only the contract on the alert's own chain.
   * Without a chain (a person's report) every chain counts.
   */
  public List<RegisteredContract> mentionedIn(String text, Long chainId) {
    return mentionedIn(text, chainId, contracts());
  }

  /** As {@link #mentionedIn(String, Long)}, among the given contracts. */
  public static List<RegisteredContract> mentionedIn(String text, Long chainId, List<RegisteredContract> contracts) {
    return mentionedIn(text, chainId == null ? contracts
        : contracts.stream().filter(contract -> contract.chainId() == chainId).toList());
  }

  /** As {@link #mentionedIn(String)}, among the given contracts (a registry read once for many texts). */
  public static List<RegisteredContract> mentionedIn(String text, List<RegisteredContract> contracts) {
    List<RegisteredContract> found = new ArrayList<>();
    if (text == null || text.isBlank()) {
      return found;
    }
    String lower = text.toLowerCase(Locale.ROOT);
    for (RegisteredContract contract : contracts) {
      boolean byAddress = lower.contains(contract.address().toLowerCase(Locale.ROOT));
      boolean byName = NAME_AS_WORD.computeIfAbsent(contract.name().toLowerCase(Locale.ROOT),
          name -> Pattern.compile("(?<![\\w-])" + Pattern.quote(name) + "(?![\\w-])")).matcher(lower).find();
      if (byAddress || byName) {
        found.add(contract);
      }
    }
    return found;
  }

  static List<String> rpcUrls(ContainmentProperties.Chain chain) {
    return chain.rpcUrls() == null ? List.of()
        : chain.rpcUrls().stream().filter(url -> url != null && !url.isBlank()).toList();
  }

  /** A registry that cannot work stops the start with a message naming the setting. */
  static void validate(ContainmentProperties containment) {
    Set<Long> chainIds = new HashSet<>();
    for (int i = 0; i < containment.chains().size(); i++) {
      ContainmentProperties.Chain chain = containment.chains().get(i);
      String at = "irflow.containment.chains[" + i + "]";
      require(chain.chainId() > 0, at + ".chain-id must be a positive chain id");
      require(chainIds.add(chain.chainId()), at + ".chain-id " + chain.chainId() + " is configured twice");
      for (String url : rpcUrls(chain)) {
        require(url.startsWith("http://") || url.startsWith("https://"),
            at + ".rpc-urls must be http(s) URLs");
      }
      if (chain.multiSendCallOnly() != null && !chain.multiSendCallOnly().isBlank()) {
        requireAddress(at + ".multi-send-call-only", chain.multiSendCallOnly(), "multi-send-call-only: \"%s\"");
      }
    }
    Set<String> names = new HashSet<>();
    for (int i = 0; i < containment.contracts().size(); i++) {
      ContainmentProperties.ProtectedContract contract = containment.contracts().get(i);
      String at = "irflow.containment.contracts[" + i + "]";
      require(contract.name() != null && !contract.name().isBlank(), at + ".name is missing");
      require(!contract.name().contains(","), at + ".name must not contain a comma");
      require(names.add(contract.name()), at + ".name " + contract.name() + " is used twice");
      require(chainIds.contains(contract.chainId()),
          at + ".chain-id " + contract.chainId() + " is not in irflow.containment.chains");
      requireAddress(at + ".address", contract.address(), "address: \"%s\"");
      require(contract.pauseStyle() != null, at + ".pause-style is missing (OWNABLE or ACCESS_CONTROL)");
      require(contract.pausers() != null && !contract.pausers().isEmpty(),
          at + ".pausers is empty (relayer:<id> or safe:0x...)");
      for (int j = 0; j < contract.pausers().size(); j++) {
        String pauser = contract.pausers().get(j);
        String property = at + ".pausers[" + j + "]";
        if (pauser.startsWith(SAFE_PREFIX)) {
          requireAddress(property + ": the Safe address", pauser.substring(SAFE_PREFIX.length()), "- \"safe:%s\"");
        } else {
          require(pauser.startsWith(RELAYER_PREFIX) && pauser.length() > RELAYER_PREFIX.length()
              && !pauser.contains(","), property + ": '" + pauser + "' is neither relayer:<id> nor safe:0x<address>");
        }
      }
      ContainmentProperties.Chain chain = containment.chains().stream()
          .filter(c -> c.chainId() == contract.chainId()).findFirst().orElseThrow();
      policy(contract).problems(at + ".automatic-pause").forEach(problem -> require(false, problem));
      boolean anyRelayer = contract.pausers().stream().anyMatch(p -> p.startsWith(RELAYER_PREFIX));
      require(!anyRelayer || (containment.relayer() != null && containment.relayer().url() != null
          && !containment.relayer().url().isBlank()) || rpcUrls(chain).isEmpty(),
          at + ".pausers names a relayer but irflow.containment.relayer.url is not set");
    }
  }

  private static AutomaticPausePolicy policy(ContainmentProperties.ProtectedContract contract) {
    return contract.automaticPause() == null ? AutomaticPausePolicy.defaults() : contract.automaticPause();
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }

  private static void requireAddress(String property, String value, String yamlLine) {
    AddressSetting.problem(property, value, yamlLine).ifPresent(problem -> require(false, problem));
  }

  private static void require(boolean condition, String message) {
    if (!condition) {
      throw new IllegalStateException("Invalid containment configuration: " + message);
    }
  }
}
