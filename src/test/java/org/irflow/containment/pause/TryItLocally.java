package org.irflow.containment.pause;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.irflow.support.chain.LocalChain;
import org.irflow.support.chain.RelayerStub;
import org.irflow.support.chain.SafeTransactionServiceStub;

/**
 * For trying irflow by hand (docs/containment.md "Try it locally"): the local chain with its Safe and targets,
 * plus the Safe Transaction Service and relayer stubs, all on free loopback ports. Writes the whole
 * irflow.containment configuration to target/application-local.yaml (one file: a list given partly
 * on the command line would replace the file's list). Then each SafeTx hash pasted on standard
 * input is confirmed by the Safe's second owner, as that owner's wallet would. Ctrl-C stops
 * everything. Test code: hardhat's public keys, never for a real network.
 */
public final class TryItLocally {

  static final Path CONFIGURATION = Path.of("target/application-local.yaml");

  private TryItLocally() {}

  public static void main(String[] args) throws Exception {
    LocalChain.Deployment chain = LocalChain.deployment();
    LocalChain.Targets targets = chain.deployTargets();
    SafeTransactionServiceStub service = new SafeTransactionServiceStub(chain);
    RelayerStub relayer = new RelayerStub(chain);
    String yaml = LocalChain.containmentYaml(chain, targets)
        .replace("        production: false\n", "        production: false\n"
            + "        safe-transaction-service-url: " + service.baseUrl() + "\n")
        + "    relayer:\n"
        + "      url: " + relayer.baseUrl() + "\n"
        + "      api-key: " + RelayerStub.API_KEY + "\n";
    Files.createDirectories(CONFIGURATION.getParent());
    Files.writeString(CONFIGURATION, yaml);
    System.out.println(yaml);
    System.out.println("""
        # Written to %s. Start irflow in a second terminal with
        #   ./mvnw spring-boot:run -Dspring-boot.run.arguments=--spring.config.additional-location=file:./%s
        # For a contract the relayer pauses first (it holds PAUSER_ROLE), falling back to the Safe, use
        #   pausers: ["relayer:%s", "safe:%s"]
        # Paste a SafeTx hash (from the "Sign the pause transaction" task) and press Enter: the second
        # owner %s confirms it, as its wallet would. Ctrl-C stops the chain and the stubs.
        """.formatted(CONFIGURATION, CONFIGURATION, RelayerStub.RELAYER_ID, chain.safe(),
        chain.owners().get(1).getAddress()));
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    for (String line = in.readLine(); line != null; line = in.readLine()) {
      String hash = line.trim();
      if (hash.isEmpty()) {
        continue;
      }
      try {
        service.confirm(hash, chain.owners().get(1));
        System.out.println("confirmed " + hash + " as " + chain.owners().get(1).getAddress());
      } catch (RuntimeException e) {
        System.out.println("not confirmed: " + e.getMessage());
      }
    }
    // standard input closed (e.g. started in the background): keep serving until stopped
    Thread.currentThread().join();
  }
}
