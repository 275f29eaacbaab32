package org.irflow.containment.pause;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import org.irflow.support.chain.LocalChain;
import org.irflow.support.chain.RelayerStub;
import org.irflow.support.chain.SafeTransactionServiceStub;

/**
 * For trying irflow by hand (README "Try it locally"): the local chain with its Safe and targets
 * (LocalChain.main, port 8545), plus the Safe Transaction Service and relayer stubs on free ports.
 * Prints the irflow.containment settings to start irflow with. Then each SafeTx hash pasted on
 * standard input is confirmed by the Safe's second owner, as that owner's wallet would. Ctrl-C stops
 * everything. Test code: hardhat's public keys, never for a real network.
 */
public final class TryItLocally {

  private TryItLocally() {}

  public static void main(String[] args) throws Exception {
    String port = args.length > 0 ? args[0] : "8545";
    Thread node = new Thread(() -> {
      try {
        LocalChain.main(new String[] {port});
      } catch (Exception e) {
        e.printStackTrace();
        System.exit(1);
      }
    }, "local-chain");
    node.setDaemon(true);
    node.start();
    LocalChain.Deployment chain = null;
    for (int i = 0; i < 600 && chain == null; i++) {
      try {
        chain = LocalChain.deployment();
      } catch (IllegalStateException notYet) {
        Thread.sleep(200);
      }
    }
    if (chain == null) {
      throw new IllegalStateException("the local chain did not start; see target/local-chain.log");
    }
    Thread.sleep(1000);   // let LocalChain print its block first
    SafeTransactionServiceStub service = new SafeTransactionServiceStub(chain);
    RelayerStub relayer = new RelayerStub(chain);
    System.out.println("""
        # ---- add to the block above (same irflow.containment), then start irflow with it ----
        #   chains[0]:
        #     safe-transaction-service-url: %s
        #   relayer:
        #     url: %s
        #     api-key: %s
        # A contract the relayer pauses first (PAUSER_ROLE), falling back to the Safe:
        #   pausers: ["relayer:%s", "safe:%s"]
        # As command-line arguments:
          --irflow.containment.chains[0].safe-transaction-service-url=%s
          --irflow.containment.relayer.url=%s
          --irflow.containment.relayer.api-key=%s
        # Paste a SafeTx hash (from the "Sign the pause transaction" task) and press Enter: the second
        # owner %s confirms it, as its wallet would. Ctrl-C stops the chain and the stubs.
        """.formatted(service.baseUrl(), relayer.baseUrl(), RelayerStub.API_KEY, RelayerStub.RELAYER_ID, chain.safe(),
        service.baseUrl(), relayer.baseUrl(), RelayerStub.API_KEY, chain.owners().get(1).getAddress()));
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
    node.join();
  }
}
