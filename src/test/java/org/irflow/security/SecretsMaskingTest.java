package org.irflow.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.irflow.containment.ContainmentProperties;
import org.irflow.containment.ContainmentProperties.Chain;
import org.irflow.containment.ContainmentProperties.Keys;
import org.irflow.containment.ContainmentProperties.Relayer;
import org.irflow.containment.ContainmentProperties.SafeTransactionService;
import org.junit.jupiter.api.Test;

/** A configured containment prints no key: what a log line, a start-up report or an exception would show. */
class SecretsMaskingTest {

  private static final String PROPOSER_KEY = "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d";
  private static final String EXECUTOR_KEY = "0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a";
  private static final String RELAYER_API_KEY = "relayer-api-key-4f1c2e";
  private static final String SAFE_API_KEY = "safe-service-api-key-77ab";
  private static final String RPC_KEY = "b6bf7d3508c941499b10025c0776eaf8";

  @Test
  void containmentPropertiesPrintTheirKeysAsStars() {
    ContainmentProperties properties = new ContainmentProperties(
        List.of(new Chain(1, "Ethereum", List.of("https://mainnet.infura.io/v3/" + RPC_KEY,
            "https://user:" + RPC_KEY + "@rpc.example:8545/?key=" + RPC_KEY), null, "eth", null, true)),
        List.of(), new Relayer("https://relayer.example", RELAYER_API_KEY),
        new SafeTransactionService(SAFE_API_KEY), new Keys(PROPOSER_KEY, EXECUTOR_KEY),
        Duration.ofHours(2), Duration.ofSeconds(2), Duration.ofMinutes(5));

    String printed = properties.toString();

    assertThat(printed).doesNotContain(PROPOSER_KEY, EXECUTOR_KEY, RELAYER_API_KEY, SAFE_API_KEY, RPC_KEY)
        .contains("proposer=***", "executor=***", "apiKey=***",
            "rpcUrls=[https://mainnet.infura.io/***, https://rpc.example:8545/***]",
            "url=https://relayer.example");
  }

  @Test
  void anUnsetKeyIsShownAsUnset() {
    assertThat(new Keys(null, " ").toString()).isEqualTo("Keys[proposer=unset, executor=unset]");
  }
}
