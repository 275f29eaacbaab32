package org.irflow.containment;

import java.time.Duration;
import java.util.List;
import org.irflow.security.Secrets;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * irflow.containment.*: the chains, the protected contracts and how to reach their pausers. Keys and
 * API keys come from the environment (IRFLOW_CONTAINMENT_KEYS_PROPOSER, ...), never from a model or
 * process variable. Without chains, every pause takes the manual path (a person signs in Safe{Wallet}).
 */
@ConfigurationProperties("irflow.containment")
public record ContainmentProperties(
    @DefaultValue List<Chain> chains,
    @DefaultValue List<ProtectedContract> contracts,
    @DefaultValue Relayer relayer,
    @DefaultValue SafeTransactionService safeTransactionService,
    @DefaultValue Keys keys,
    @DefaultValue("PT2H") Duration confirmationTimeout,
    @DefaultValue("PT1S") Duration confirmationPollInterval,
    @DefaultValue("PT5M") Duration transactionTimeout) {

  /**
   * One chain irflow can act on.
   *
   * @param rpcUrls tried in order; the next one when a call fails
   * @param safeTransactionServiceUrl base URL up to and including /api (hosted or self-hosted)
   * @param safeWalletPrefix the chain's short name in Safe{Wallet} links, e.g. "eth", "arb1"
   * @param multiSendCallOnly address of the MultiSendCallOnly contract (batches of several pauses)
   * @param production false for a test network; drills never act on a production chain
   */
  public record Chain(long chainId, String name, List<String> rpcUrls, String safeTransactionServiceUrl,
      String safeWalletPrefix, String multiSendCallOnly, @DefaultValue("true") boolean production) {
    /** RPC URLs often carry the provider's API key in their path: only their hosts are shown. */
    @Override
    public String toString() {
      return "Chain[chainId=" + chainId + ", name=" + name + ", rpcUrls=" + Secrets.maskedUrls(rpcUrls)
          + ", safeTransactionServiceUrl=" + safeTransactionServiceUrl + ", safeWalletPrefix=" + safeWalletPrefix
          + ", multiSendCallOnly=" + multiSendCallOnly + ", production=" + production + "]";
    }
  }

  /**
   * A contract irflow may pause.
   *
   * @param pausers who holds the right to pause, most preferred first: "relayer:&lt;relayer id&gt;"
   *     (fast path) and/or "safe:0x..." (multisig); when the relayer fails, the next pauser is used
   * @param automaticPauseAllowed an alert that meets {@code automaticPause} pauses it without waiting for a
   *     person; below that policy (or when false) the pause is proposed to the supervisor
   * @param automaticPause the policy an alert must meet for the automatic pause
   * @param owner the irflow user who fixes its pause paths when the daily pause readiness check finds
   *     one broken; without it, the on-call incident command supervisor
   */
  public record ProtectedContract(String name, long chainId, String address, PauseStyle pauseStyle,
      List<String> pausers, @DefaultValue("false") boolean automaticPauseAllowed,
      @DefaultValue AutomaticPausePolicy automaticPause, String owner) {}

  /** An OpenZeppelin Relayer (self-hosted): base URL and bearer API key. */
  public record Relayer(String url, String apiKey) {
    @Override
    public String toString() {
      return "Relayer[url=" + url + ", apiKey=" + Secrets.masked(apiKey) + "]";
    }
  }

  /** API key of the hosted Safe Transaction Service (a self-hosted one needs none). */
  public record SafeTransactionService(String apiKey) {
    @Override
    public String toString() {
      return "SafeTransactionService[apiKey=" + Secrets.masked(apiKey) + "]";
    }
  }

  /**
   * Private keys, hex. proposer: a delegate key with no funds that proposes Safe transactions;
   * executor: pays gas for execTransaction once the owners have confirmed.
   */
  public record Keys(String proposer, String executor) {
    @Override
    public String toString() {
      return "Keys[proposer=" + Secrets.masked(proposer) + ", executor=" + Secrets.masked(executor) + "]";
    }
  }
}
