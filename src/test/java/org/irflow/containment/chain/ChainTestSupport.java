package org.irflow.containment.chain;

import java.time.Duration;
import java.util.List;
import org.irflow.containment.ContainmentProperties;
import org.irflow.support.chain.LocalChain;
import org.web3j.utils.Numeric;

/** Builds irflow's containment configuration for the local chain. */
final class ChainTestSupport {

  private ChainTestSupport() {}

  static ContainmentProperties properties(LocalChain.Deployment chain, List<String> rpcUrls) {
    ContainmentProperties.Chain local = new ContainmentProperties.Chain(chain.chainId(), "Local hardhat", rpcUrls,
        null, "local", chain.multiSendCallOnly(), false);
    return new ContainmentProperties(List.of(local), List.of(), new ContainmentProperties.Relayer(null, null),
        new ContainmentProperties.SafeTransactionService(null),
        new ContainmentProperties.Keys(key(chain.owners().get(0)), key(chain.executor())),
        Duration.ofHours(2), Duration.ofSeconds(10), Duration.ofMinutes(5));
  }

  static String key(org.web3j.crypto.Credentials credentials) {
    return Numeric.toHexStringWithPrefixZeroPadded(credentials.getEcKeyPair().getPrivateKey(), 64);
  }
}
