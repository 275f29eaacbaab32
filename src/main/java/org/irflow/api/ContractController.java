package org.irflow.api;

import java.util.List;
import org.irflow.containment.AutomaticPausePolicy;
import org.irflow.containment.ContractRegistry;
import org.irflow.containment.ContractRegistry.RegisteredChain;
import org.irflow.containment.PauseStyle;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The contract registry: what irflow may pause, on which chain, through whom. No RPC URL, no key. */
@RestController
@RequestMapping("/api/contracts")
public class ContractController {

  private final ContractRegistry registry;
  private final CurrentUser currentUser;

  public ContractController(ContractRegistry registry, CurrentUser currentUser) {
    this.registry = registry;
    this.currentUser = currentUser;
  }

  /**
   * @param chain the contract's chain; rpcEndpoints is how many RPC URLs are configured (the URLs
   *     themselves may carry credentials and are never shown)
   * @param automaticPause what an alert must show to pause the contract without a person
   */
  public record ContractView(String name, long chainId, String address, PauseStyle pauseStyle,
      List<String> pausers, boolean automaticPauseAllowed, AutomaticPausePolicy automaticPause,
      RegisteredChain chain) {}

  @GetMapping
  public List<ContractView> list() {
    currentUser.requireProgrammeMember();
    List<RegisteredChain> chains = registry.chains();
    return registry.contracts().stream().map(contract -> new ContractView(contract.name(), contract.chainId(),
        contract.address(), contract.pauseStyle(), contract.pausers(), contract.automaticPauseAllowed(),
        contract.automaticPause(), chains.stream().filter(chain -> chain.chainId() == contract.chainId()).findFirst().orElse(null))).toList();
  }
}
