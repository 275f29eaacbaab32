package org.irflow.containment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.flyway.FlywayAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.JdbcTemplateAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.NestedExceptionUtils;

/**
 * The containment registry as an operator meets it at start-up: an application.yaml file read by Spring
 * Boot's own config loading (spring.config.location), bound to ContainmentProperties and loaded by
 * ContractRegistry into the database (the Flyway schema on an in-memory H2, the default run's database).
 */
class ContainmentConfigurationStartTest {

  private static final String VAULT = "0x5FbDB2315678afecb367f032d93F642f64180aa3";
  private static final String SAFE = "0x5b91be27f5f16dacb6d063c9e77fc74dd14df821";
  private static final String MULTI_SEND = "0x000000000000000000000000000000000000a11c";

  @TempDir
  Path directory;

  /** Only what the registry needs: its properties, its database and the registry itself. */
  @Configuration(proxyBeanMethods = false)
  @EnableConfigurationProperties(ContainmentProperties.class)
  @ImportAutoConfiguration({DataSourceAutoConfiguration.class, FlywayAutoConfiguration.class,
      JdbcTemplateAutoConfiguration.class})
  @Import({ContractRegistry.class, SafePauserWrittenAsMap.class})
  static class RegistryOnly {}

  @Test
  void anUnquotedContractAddressStopsTheStartNamingTheSettingAndTheAddressItWas() {
    String yaml = configuration(VAULT, "\"" + MULTI_SEND + "\"", "\"safe:" + SAFE + "\"");
    String decimal = new BigInteger(VAULT.substring(2), 16).toString();

    assertThat(startFailure(yaml))
        .hasMessage("Invalid containment configuration: irflow.containment.contracts[0].address is " + decimal
            + ", a number: YAML reads an unquoted 0x... as a hexadecimal number, here "
            + "0x5fbdb2315678afecb367f032d93f642f64180aa3; write the address in quotes: "
            + "address: \"0x5fbdb2315678afecb367f032d93f642f64180aa3\"");
  }

  @Test
  void anUnquotedMultiSendAddressWithLeadingZerosIsRecoveredWithItsZeros() {
    String yaml = configuration("\"" + VAULT + "\"", MULTI_SEND, "\"safe:" + SAFE + "\"");

    assertThat(startFailure(yaml))
        .hasMessage("Invalid containment configuration: irflow.containment.chains[0].multi-send-call-only is 41244,"
            + " a number: YAML reads an unquoted 0x... as a hexadecimal number, here " + MULTI_SEND
            + "; write the address in quotes: multi-send-call-only: \"" + MULTI_SEND + "\"");
  }

  @Test
  void aSafePauserWhoseAddressIsCutShortStopsTheStartNamingThePauser() {
    String yaml = configuration("\"" + VAULT + "\"", "\"" + MULTI_SEND + "\"", "\"safe:0x5b91be27\"");

    assertThat(startFailure(yaml))
        .hasMessage("Invalid containment configuration: irflow.containment.contracts[0].pausers[1]: the Safe address"
            + " is '0x5b91be27', not an address: expected 0x followed by 40 hex digits");
  }

  @Test
  @ExtendWith(OutputCaptureExtension.class)
  void aSafePauserWrittenWithASpaceAfterTheColonStopsTheStartSayingHowToWriteIt(CapturedOutput output) {
    String yaml = configuration("\"" + VAULT + "\"", "\"" + MULTI_SEND + "\"", "safe: " + SAFE);
    String reason = " is the map safe: " + new BigInteger(SAFE.substring(2), 16)
        + ": with a space after \"safe:\" YAML reads a key and a value, and the unquoted 0x... as a hexadecimal"
        + " number, here " + SAFE + "; write the pauser as one quoted word: - \"safe:" + SAFE + "\"";
    // where Spring read it: line 17 of the file, "- safe: ..."
    String where = " (URL [file:" + directory.resolve("application.yaml") + "] - 17:19)";

    assertThat(startFailure(yaml))
        .hasMessage("Invalid containment configuration: irflow.containment.contracts[0].pausers[1]" + where + reason);
    // what Spring Boot prints for the operator
    assertThat(output.getOut()).contains("APPLICATION FAILED TO START",
        "Failed to bind properties under 'irflow.containment.contracts[0].pausers'",
        "irflow.containment.contracts[0].pausers[1]" + where + reason);
  }

  @Test
  void aNumberLongerThanAnAddressIsShownInHexAndStillAskedToBeQuoted() {
    String hash = "0x" + "ab".repeat(32);
    String yaml = configuration(hash, "\"" + MULTI_SEND + "\"", "\"safe:" + SAFE + "\"");

    assertThat(startFailure(yaml))
        .hasMessageContaining("irflow.containment.contracts[0].address is " + new BigInteger("ab".repeat(32), 16))
        .hasMessageContaining("here " + hash + ", longer than an address (40 hex digits)")
        .hasMessageEndingWith("write the address in quotes: address: \"0x<40 hex digits>\"");
  }

  @Test
  void quotedAddressesStartAndReachTheRegistryAsWritten() throws IOException {
    String yaml = configuration("\"" + VAULT + "\"", "\"" + MULTI_SEND + "\"", "\"safe:" + SAFE + "\"");

    try (ConfigurableApplicationContext context = start(yaml)) {
      ContractRegistry registry = context.getBean(ContractRegistry.class);
      assertThat(registry.contracts()).singleElement().satisfies(vault -> {
        assertThat(vault.name()).isEqualTo("Vault");
        assertThat(vault.address()).isEqualTo(VAULT);
        assertThat(vault.pausers()).isEqualTo(List.of("relayer:mainnet-pauser", "safe:" + SAFE));
      });
      assertThat(registry.chains()).singleElement()
          .satisfies(chain -> assertThat(chain.multiSendCallOnly()).isEqualTo(MULTI_SEND));
    }
  }

  @Test
  void theManualOnlyConfigurationOfTheOperatorsGuideStarts() throws IOException {
    try (ConfigurableApplicationContext context = start(documentedExample("# irflow.containment: manual path only"))) {
      ContractRegistry registry = context.getBean(ContractRegistry.class);
      assertThat(registry.chains()).singleElement().satisfies(chain -> {
        assertThat(chain.rpcEndpoints()).isZero();
        assertThat(chain.safeTransactionServiceUrl()).isNull();
      });
      assertThat(registry.contracts()).extracting(ContractRegistry.RegisteredContract::pausers)
          .containsExactly(List.of("safe:0x5afe000000000000000000000000000000000001"));
    }
  }

  @Test
  void theCompleteConfigurationOfTheOperatorsGuideStartsWithItsEnvironment() throws IOException {
    String yaml = documentedExample("# irflow.containment: complete example");

    try (ConfigurableApplicationContext context = start(yaml, "--IRFLOW_RPC_ETHEREUM_PRIMARY=https://rpc-one.example/key",
        "--IRFLOW_RPC_ETHEREUM_FALLBACK=https://rpc-two.example/key", "--IRFLOW_RPC_SEPOLIA=https://rpc-three.example/key")) {
      ContractRegistry registry = context.getBean(ContractRegistry.class);
      assertThat(registry.chains()).extracting(ContractRegistry.RegisteredChain::chainId,
              ContractRegistry.RegisteredChain::rpcEndpoints, ContractRegistry.RegisteredChain::multiSendCallOnly)
          .containsExactly(tuple(1L, 2, "0x9641d764fc13c8B624c04430C7356C1C7C8102e2"), tuple(11155111L, 1, null));
      assertThat(registry.contracts()).extracting(ContractRegistry.RegisteredContract::name,
              ContractRegistry.RegisteredContract::preferredPauser)
          .containsExactly(tuple("Vault", "safe:0x5afe000000000000000000000000000000000001"),
              tuple("Bridge", "relayer:mainnet-pauser"),
              tuple("Test Vault", "safe:0x5afe000000000000000000000000000000000003"));
    }
  }

  /** The YAML block of docs/containment.md whose first line is {@code firstLine}. */
  private static String documentedExample(String firstLine) throws IOException {
    String guide = Files.readString(Path.of("docs/containment.md"));
    int start = guide.indexOf("```yaml\n" + firstLine);
    assertThat(start).as("docs/containment.md has a yaml block starting with " + firstLine).isNotNegative();
    int from = start + "```yaml\n".length();
    return guide.substring(from, guide.indexOf("```", from));
  }

  /** One chain and one contract, the three address settings written as given (quoted or not). */
  private static String configuration(String contractAddress, String multiSendCallOnly, String safePauser) {
    return """
        irflow:
          containment:
            chains:
              - chain-id: 1
                name: Ethereum
                rpc-urls: ["http://127.0.0.1:1/never-called"]
                multi-send-call-only: %s
            relayer:
              url: http://127.0.0.1:1
            contracts:
              - name: Vault
                chain-id: 1
                address: %s
                pause-style: OWNABLE
                pausers:
                  - relayer:mainnet-pauser
                  - %s
        """.formatted(multiSendCallOnly, contractAddress, safePauser);
  }

  /** Why the start failed: the innermost cause, the message the log's stack trace ends with. */
  private Throwable startFailure(String yaml) {
    Throwable failure = catchThrowable(() -> start(yaml).close());
    assertThat(failure).as("the start fails").isNotNull();
    Throwable cause = NestedExceptionUtils.getMostSpecificCause(failure);
    assertThat(cause).isInstanceOf(IllegalStateException.class);
    return cause;
  }

  /** Starts the registry from {@code yaml} as application.yaml; {@code arguments} as on the command line. */
  private ConfigurableApplicationContext start(String yaml, String... arguments) throws IOException {
    Path file = directory.resolve("application.yaml");
    Files.writeString(file, yaml);
    // the demo profile: the webhook secrets the production start requires are not what is tried here
    List<String> all = new ArrayList<>(List.of("--spring.config.location=file:" + file, "--spring.profiles.active=demo",
        "--spring.datasource.url=jdbc:h2:mem:registry-" + UUID.randomUUID()));
    all.addAll(List.of(arguments));
    return new SpringApplicationBuilder(RegistryOnly.class)
        .web(WebApplicationType.NONE)
        .run(all.toArray(String[]::new));
  }
}
