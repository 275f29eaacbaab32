package org.irflow.containment;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.irflow.containment.ContractRegistry.RegisteredChain;
import org.irflow.containment.ContractRegistry.RegisteredContract;
import org.irflow.process.forms.FormField.Option;
import org.irflow.process.forms.FormOptionSource;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * The registered contracts as "Pause contracts" offers them: name, chain, address, whether the chain
 * says it is paused now, and the way irflow would pause it. The paused() reads run side by side and
 * are given {@link #CHAIN_READS} in all; a chain that does not answer in time shows "unknown", so a
 * slow node never holds up the task.
 */
@Component
public class RegisteredContractOptions implements FormOptionSource, DisposableBean {

  public static final String NAME = "registered-contracts";
  static final Duration CHAIN_READS = Duration.ofSeconds(3);

  private final ContractRegistry registry;
  private final ChainAccess chain;
  private final ExecutorService reads = Executors.newCachedThreadPool(work -> {
    Thread thread = new Thread(work, "irflow-paused-read");
    thread.setDaemon(true);
    return thread;
  });

  public RegisteredContractOptions(ContractRegistry registry, ChainAccess chain) {
    this.registry = registry;
    this.chain = chain;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<Option> options() {
    List<RegisteredContract> contracts = registry.contracts();
    List<CompletableFuture<String>> paused = contracts.stream()
        .map(contract -> CompletableFuture.supplyAsync(() -> pausedNow(contract), reads)
            .completeOnTimeout("unknown (the chain did not answer in time)", CHAIN_READS.toMillis(),
                TimeUnit.MILLISECONDS))
        .toList();
    List<Option> options = new ArrayList<>();
    for (int i = 0; i < contracts.size(); i++) {
      RegisteredContract contract = contracts.get(i);
      options.add(new Option(contract.name(), contract.name() + " on " + chainName(contract.chainId())
          + ", " + contract.address() + "; paused now: " + paused.get(i).join() + "; " + pausePath(contract)));
    }
    return options;
  }

  private String pausedNow(RegisteredContract contract) {
    if (!chain.configured(contract.chainId())) {
      return "unknown (no RPC endpoint for this chain)";
    }
    try {
      return chain.paused(contract.chainId(), contract.address()) ? "yes" : "no";
    } catch (RuntimeException unreachable) {
      return "unknown (the chain did not answer)";
    }
  }

  private String chainName(long chainId) {
    return registry.chain(chainId).map(RegisteredChain::name).filter(name -> !name.isBlank())
        .map(name -> name + " (" + chainId + ")").orElse("chain " + chainId);
  }

  private String pausePath(RegisteredContract contract) {
    if (!chain.configured(contract.chainId())) {
      return "paused by hand in Safe{Wallet}";
    }
    String pauser = contract.preferredPauser();
    return pauser.startsWith(ContractRegistry.RELAYER_PREFIX)
        ? "paused by the relayer " + pauser.substring(ContractRegistry.RELAYER_PREFIX.length())
        : pauser.startsWith(ContractRegistry.SAFE_PREFIX)
            ? "paused through the Safe " + pauser.substring(ContractRegistry.SAFE_PREFIX.length())
            : "paused by " + pauser;
  }

  @Override
  public void destroy() {
    reads.shutdownNow();
  }
}
