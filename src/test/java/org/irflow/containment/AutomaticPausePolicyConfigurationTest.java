package org.irflow.containment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.irflow.triage.intake.SourceSeverity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * The automatic-pause policy as an operator writes it under irflow.containment.contracts[i]: bound as
 * Spring binds it at start-up, then checked as the registry checks it before anything is stored.
 */
class AutomaticPausePolicyConfigurationTest {

  private static final String VAULT = "irflow.containment.contracts[0].";

  @Test
  void aContractWithoutAPolicyGetsTheStrictDefaults() {
    ContainmentProperties containment = bind(Map.of(VAULT + "automatic-pause-allowed", "true"));

    AutomaticPausePolicy policy = containment.contracts().get(0).automaticPause();
    assertThat(policy.minimumSeverity()).isEqualTo(SourceSeverity.CRITICAL);
    assertThat(policy.findingTypes()).containsExactly("EXPLOIT");
    assertThat(policy.corroborationWindow()).isEqualTo(Duration.ofMinutes(10));
    assertThat(policy.trustedSources()).isEmpty();
    ContractRegistry.validate(containment);
  }

  @Test
  void aStatedPolicyIsKeptAsWritten() {
    ContainmentProperties containment = bind(Map.of(
        VAULT + "automatic-pause.minimum-severity", "high",
        VAULT + "automatic-pause.finding-types", "exploit, suspicious",
        VAULT + "automatic-pause.corroboration-window", "PT5M",
        VAULT + "automatic-pause.trusted-sources[0]", "forta:0xABCDEF",
        VAULT + "automatic-pause.trusted-sources[1]", "openzeppelin-monitor:Vault drain, large"));

    AutomaticPausePolicy policy = containment.contracts().get(0).automaticPause();
    assertThat(policy.minimumSeverity()).isEqualTo(SourceSeverity.HIGH);
    assertThat(policy.findingTypes()).containsExactly("EXPLOIT", "SUSPICIOUS");
    assertThat(policy.corroborationWindow()).isEqualTo(Duration.ofMinutes(5));
    // a bot id is a hash: any case names the same bot; a monitor's name is kept as written, commas and all
    assertThat(policy.trustedSources()).containsExactly("forta:0xabcdef", "openzeppelin-monitor:Vault drain, large");
    ContractRegistry.validate(containment);
  }

  @ParameterizedTest
  @ValueSource(strings = {"LOW", "INFO", "UNKNOWN"})
  void aMinimumBelowMediumStopsTheStart(String minimum) {
    ContainmentProperties containment = bind(Map.of(VAULT + "automatic-pause.minimum-severity", minimum));

    assertThatThrownBy(() -> ContractRegistry.validate(containment)).hasMessageContaining(
        VAULT + "automatic-pause.minimum-severity " + minimum + " is refused: LOW and INFO alerts never pause");
  }

  @Test
  void findingTypesThatCannotStandForAnAttackStopTheStart() {
    ContainmentProperties containment = bind(Map.of(VAULT + "automatic-pause.finding-types", "EXPLOIT,INFO"));

    assertThatThrownBy(() -> ContractRegistry.validate(containment))
        .hasMessageContaining(VAULT + "automatic-pause.finding-types: 'INFO' cannot pause");
  }

  @Test
  void aTrustedSourceThatNamesNoMonitorStopsTheStart() {
    for (String wrong : List.of("forta", "forta:", "my-bot:0xabc", "0xabcdef")) {
      ContainmentProperties containment = bind(Map.of(VAULT + "automatic-pause.trusted-sources[0]", wrong));

      assertThatThrownBy(() -> ContractRegistry.validate(containment)).as(wrong)
          .hasMessageContaining(VAULT + "automatic-pause.trusted-sources: '" + wrong + "' is not <source>:<monitor>");
    }
  }

  @Test
  void aWindowOfZeroStopsTheStart() {
    ContainmentProperties containment = bind(Map.of(VAULT + "automatic-pause.corroboration-window", "PT0S"));

    assertThatThrownBy(() -> ContractRegistry.validate(containment))
        .hasMessageContaining(VAULT + "automatic-pause.corroboration-window must be a positive duration");
  }

  /** One chain and the Vault on it, plus the given properties, bound as at start-up. */
  private static ContainmentProperties bind(Map<String, String> policy) {
    Map<String, String> properties = new HashMap<>(Map.of(
        "irflow.containment.chains[0].chain-id", "1",
        "irflow.containment.chains[0].name", "Ethereum",
        VAULT + "name", "Vault",
        VAULT + "chain-id", "1",
        VAULT + "address", "0x000000000000000000000000000000000000a11c",
        VAULT + "pause-style", "OWNABLE",
        VAULT + "pausers[0]", "safe:0x00000000000000000000000000000000000005af"));
    properties.putAll(policy);
    return new Binder(new MapConfigurationPropertySource(properties))
        .bindOrCreate("irflow.containment", ContainmentProperties.class);
  }
}
