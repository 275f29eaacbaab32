package org.irflow.triage.intake;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.irflow.containment.ContractRegistry;
import org.irflow.containment.ContractRegistry.RegisteredContract;
import org.springframework.stereotype.Component;

/**
 * The structured keys by which an event is correlated, and nothing else: its fingerprint, each
 * registered contract it names (by address, on the chain the alert names when it names one, or by a
 * registered name appearing whole in its affected systems), and the monitor rule that raised it
 * together with what the rule fired on. The free words of a text are never a key.
 */
@Component
public class CorrelationKeys {

  static final String FINGERPRINT = "fingerprint:";
  static final String CONTRACT = "contract:";
  static final String RULE = "rule:";
  private static final Pattern WHITESPACE = Pattern.compile("\\s+");

  /**
   * An event's keys. {@code rule} describes the rule key for people ("rule X of forta on Vault"), null
   * when the event has none.
   */
  public record Keys(String fingerprint, List<RegisteredContract> contracts, String ruleKey, String rule) {

    public Set<String> contractKeys() {
      Set<String> keys = new TreeSet<>();
      contracts.forEach(contract -> keys.add(contractKey(contract)));
      return keys;
    }

    /** Every key, as stored in security_event_key. */
    public List<String> all() {
      List<String> all = new ArrayList<>();
      if (fingerprint != null) {
        all.add(FINGERPRINT + fingerprint);
      }
      all.addAll(contractKeys());
      if (ruleKey != null) {
        all.add(ruleKey);
      }
      return all;
    }

    public String contractNames() {
      return String.join(", ", contracts.stream().map(RegisteredContract::name).toList());
    }
  }

  private final ContractRegistry registry;

  public CorrelationKeys(ContractRegistry registry) {
    this.registry = registry;
  }

  /** The keys of an event as stored: a monitoring alert (source, rule, chain given) or a person's report. */
  public Keys of(String source, String fingerprint, Long chainId, String monitorRule, String affectedSystems) {
    List<RegisteredContract> contracts = contractsNamed(affectedSystems, chainId, registry.contracts());
    String subject = contracts.isEmpty() ? wholeSubject(affectedSystems)
        : String.join(",", contracts.stream().map(CorrelationKeys::contractKey).sorted().toList());
    String ruleKey = null;
    String rule = null;
    if (monitorRule != null && source != null && subject != null) {
      ruleKey = RULE + NormalisedAlert.sha256(source + "\n" + monitorRule + "\n" + subject);
      rule = "monitor rule " + monitorRule + " of " + source + " on "
          + (contracts.isEmpty() ? affectedSystems.trim() : String.join(", ", contracts.stream()
              .map(RegisteredContract::name).toList()));
    }
    return new Keys(fingerprint, contracts, ruleKey, rule);
  }

  static String contractKey(RegisteredContract contract) {
    return CONTRACT + contract.chainId() + ":" + contract.address().toLowerCase(Locale.ROOT);
  }

  /**
   * The registered contracts an "affected systems" text names: by address, or by a registered name as a
   * whole. An alert that names its chain only names contracts on that chain.
   */
  static List<RegisteredContract> contractsNamed(String affectedSystems, Long chainId,
      List<RegisteredContract> registered) {
    if (affectedSystems == null || affectedSystems.startsWith(EventIntake.NOT_STATED_BY)) {
      return List.of();
    }
    return ContractRegistry.mentionedIn(affectedSystems, chainId, registered);
  }

  /**
   * What a rule fired on when it names no registered contract: the whole affected-systems value (an
   * instance, an address list), compared as a whole, never word by word.
   */
  private static String wholeSubject(String affectedSystems) {
    if (affectedSystems == null || affectedSystems.isBlank() || affectedSystems.startsWith(EventIntake.NOT_STATED_BY)) {
      return null;
    }
    return WHITESPACE.matcher(affectedSystems.trim().toLowerCase(Locale.ROOT)).replaceAll(" ");
  }
}
