package org.irflow.containment.pause;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.List;
import java.util.Locale;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.irflow.containment.PauseStyle;
import org.irflow.containment.SafeTransaction;
import org.irflow.containment.SafeTransactionService;
import org.irflow.containment.pause.PrestagedPauses.Outcome;
import org.irflow.containment.pause.PrestagedPauses.PrestagedPause;
import org.irflow.containment.pause.PrestagedPauses.Refresh;
import org.irflow.incident.Incident;
import org.irflow.incident.TimelineKind;
import org.irflow.support.chain.LocalChain;
import org.irflow.support.chain.RelayerStub;
import org.irflow.support.chain.SafeTransactionServiceStub;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.web3j.crypto.Credentials;

/**
 * The pre-staged pause of the local chain's Safe (hardhat, Safe 1.5.0, 2 of 3), with the Safe
 * Transaction Service stub that keeps the real rules: built for the Safe as it is on-chain, rebuilt
 * when its nonce, owners or contracts drift, proposed as it is by a pause while it matches, never
 * when it does not, and left untouched by a refresh the service does not answer properly.
 */
class PrestagedPauseTest extends PauseProcessTest {

  static SafeTransactionServiceStub service;
  static RelayerStub relayer;

  @Autowired PrestagedPauses prestagedPauses;
  @Autowired SafeTransactionService safeService;

  @DynamicPropertySource
  static void containment(DynamicPropertyRegistry properties) {
    LocalChain.Deployment chain = LocalChain.deployment();
    service = new SafeTransactionServiceStub(chain);
    relayer = new RelayerStub(chain);
    registerLocalChain(properties, "Local hardhat", List.of(chain::rpcUrl), service, relayer, "PT30M", "PT10S");
  }

  @AfterAll
  static void closeStubs() {
    service.close();
    relayer.close();
  }

  @Override
  protected SafeTransactionServiceStub safeTransactionService() {
    return service;
  }

  /** Each test starts with a registry whose only contracts on the local chain are its own. */
  @BeforeEach
  void onlyThisTestsContracts() {
    jdbc.update("delete from protected_contract where chain_id = ?", chain().chainId());
    jdbc.update("delete from prestaged_pause");
  }

  @AfterEach
  void serviceBackToNormal() {
    service.releaseSafeAnswers();
    service.repeatSafeAnswers(false);
  }

  @Test
  void itIsBuiltForTheSafeAsItIsOnChainAndRebuiltWhenTheNonceMovesOrTheContractsChange() {
    String vault = register(chain().deployTargets().ownable(), PauseStyle.OWNABLE, safePauser());

    Refresh first = refreshOfTheSafe();
    assertThat(first.outcome()).isEqualTo(Outcome.BUILT);
    PrestagedPause built = stored();
    BigInteger nonce = service.safeNonce();
    assertThat(built.nonce()).isEqualTo(nonce.longValueExact());
    assertThat(built.owners()).containsExactlyInAnyOrderElementsOf(ownersOnChain());
    assertThat(built.threshold()).isEqualTo(2);
    assertThat(built.contractNames()).containsExactly(vault);
    // the hash the Safe itself computes for the stored transaction
    assertThat(built.safeTxHash()).isEqualTo(service.safeTxHash(built.transaction()));
    assertThat(built.transaction().data()).isEqualTo("0x8456cb59");
    assertThat(built.refreshProblem()).as("the service knows the Safe as the chain does").isNull();

    // nothing drifted: kept as it was
    Refresh again = refreshOfTheSafe();
    assertThat(again.outcome()).isEqualTo(Outcome.UNCHANGED);
    assertThat(stored().builtAt()).isEqualTo(built.builtAt());
    assertThat(prestagedPauses.statuses()).singleElement().satisfies(status -> {
      assertThat(status.matchesChain()).isTrue();
      assertThat(status.drift()).isEmpty();
    });

    // another Safe transaction takes the nonce: the pre-staged pause no longer matches, a refresh rebuilds it
    executeOtherSafeTransaction(SafeTransaction.of(LocalChain.account(9).getAddress(), "0x", 0, nonce));
    assertThat(prestagedPauses.statuses()).singleElement().satisfies(status -> {
      assertThat(status.matchesChain()).isFalse();
      assertThat(status.drift()).containsExactly("the Safe's nonce moved from " + nonce + " to " + nonce.add(BigInteger.ONE));
    });
    Refresh moved = refreshOfTheSafe();
    assertThat(moved.outcome()).isEqualTo(Outcome.REBUILT);
    assertThat(moved.detail()).contains("the Safe's nonce moved from " + nonce + " to " + nonce.add(BigInteger.ONE));
    PrestagedPause rebuilt = stored();
    assertThat(rebuilt.nonce()).isEqualTo(nonce.longValueExact() + 1);
    assertThat(rebuilt.safeTxHash()).isEqualTo(service.safeTxHash(rebuilt.transaction()))
        .isNotEqualTo(built.safeTxHash());
    assertThat(rebuilt.buildReason()).isEqualTo("the Safe's nonce moved from " + nonce + " to " + nonce.add(BigInteger.ONE));

    // a second contract paused through the Safe: rebuilt as one MultiSendCallOnly batch of both
    String bridge = register(chain().deployTargets().ownable(), PauseStyle.OWNABLE, safePauser());
    Refresh grown = refreshOfTheSafe();
    assertThat(grown.outcome()).isEqualTo(Outcome.REBUILT);
    assertThat(grown.detail()).contains("the contracts differ (" + bridge + " added)");
    PrestagedPause both = stored();
    assertThat(both.contractNames()).containsExactly(vault, bridge);
    assertThat(both.transaction().operation()).isEqualTo(1);
    assertThat(both.transaction().to()).isEqualToIgnoringCase(chain().multiSendCallOnly());
    assertThat(both.safeTxHash()).isEqualTo(service.safeTxHash(both.transaction()));
  }

  @Test
  void anOwnerSwappedThroughTheSafeMakesARefreshRebuildIt() {
    register(chain().deployTargets().ownable(), PauseStyle.OWNABLE, safePauser());
    refreshOfTheSafe();
    PrestagedPause built = stored();
    Credentials leaving = chain().owners().get(2);
    Credentials coming = LocalChain.account(8);

    swapOwner(leaving, coming);
    try {
      Refresh refresh = refreshOfTheSafe();
      assertThat(refresh.outcome()).isEqualTo(Outcome.REBUILT);
      assertThat(refresh.detail()).contains("the Safe's owners changed (" + lower(coming) + " added, " + lower(leaving)
          + " removed)");
      PrestagedPause rebuilt = stored();
      assertThat(rebuilt.owners()).contains(lower(coming)).doesNotContain(lower(leaving))
          .containsExactlyInAnyOrderElementsOf(ownersOnChain());
      assertThat(rebuilt.nonce()).isEqualTo(built.nonce() + 1);   // the swap was itself a Safe transaction
      assertThat(rebuilt.safeTxHash()).isEqualTo(service.safeTxHash(rebuilt.transaction()));
    } finally {
      swapOwner(coming, leaving);
    }
  }

  @Test
  void aPauseStartedWhileItMatchesProposesExactlyItAndItExecutes() throws Exception {
    String vaultAddress = chain().deployTargets().ownable();
    String vault = register(vaultAddress, PauseStyle.OWNABLE, safePauser());
    refreshOfTheSafe();
    PrestagedPause staged = stored();
    int proposalsBefore = service.proposals();
    Incident incident = incident();

    ProcessInstance instance = pause(incident, vault);
    drive(instance);

    PauseBatch batch = batchOf(instance);
    assertThat(batch.safeTxHash()).isEqualTo(staged.safeTxHash());
    assertThat(batch.safeNonce()).isEqualTo(staged.nonce());
    assertThat(service.proposals()).isEqualTo(proposalsBefore + 1);
    assertThat(safeService.proposal(chain().chainId(), staged.safeTxHash())).isPresent();
    assertThat(incidentService.timelineOf(incident.id())).anyMatch(e -> e.kind() == TimelineKind.PAUSE_SUBMITTED
        && e.summary().contains("SafeTx " + staged.safeTxHash())
        && e.summary().contains("Proposed the pre-staged pause built at " + staged.builtAt()));

    confirmAndPoll(instance, staged.safeTxHash(), chain().owners().get(1));
    assertPaused(instance, incident, vaultAddress);
  }

  @Test
  void aPauseStartedAfterTheNonceMovedBuildsAfreshAndItExecutes() throws Exception {
    String vaultAddress = chain().deployTargets().ownable();
    String vault = register(vaultAddress, PauseStyle.OWNABLE, safePauser());
    refreshOfTheSafe();
    PrestagedPause staged = stored();
    executeOtherSafeTransaction(SafeTransaction.of(LocalChain.account(9).getAddress(), "0x", 0,
        BigInteger.valueOf(staged.nonce())));
    Incident incident = incident();

    ProcessInstance instance = pause(incident, vault);
    drive(instance);

    PauseBatch batch = batchOf(instance);
    assertThat(batch.safeNonce()).isEqualTo(staged.nonce() + 1);
    assertThat(batch.safeTxHash()).isNotEqualTo(staged.safeTxHash())
        .isEqualTo(service.safeTxHash(batch.safeTransaction()));
    assertThat(safeService.proposal(chain().chainId(), staged.safeTxHash())).isEmpty();   // the stale one never left
    assertThat(incidentService.timelineOf(incident.id())).anyMatch(e -> e.kind() == TimelineKind.PAUSE_SUBMITTED
        && e.summary().contains("SafeTx " + batch.safeTxHash())
        && e.summary().contains("Built afresh: the Safe's nonce moved from " + staged.nonce() + " to "
            + (staged.nonce() + 1)));

    confirmAndPoll(instance, batch.safeTxHash(), chain().owners().get(1));
    assertPaused(instance, incident, vaultAddress);
  }

  @Test
  void aRefreshWhoseServiceAnswerNeverComesLeavesThePrestagedPauseAsItWasAndSaysSo() {
    register(chain().deployTargets().ownable(), PauseStyle.OWNABLE, safePauser());
    refreshOfTheSafe();
    PrestagedPause before = stored();
    executeOtherSafeTransaction(SafeTransaction.of(LocalChain.account(9).getAddress(), "0x", 0,
        BigInteger.valueOf(before.nonce())));   // a refresh would rebuild it

    service.holdSafeAnswers();
    Refresh refresh = refreshOfTheSafe();

    assertThat(refresh.outcome()).isEqualTo(Outcome.NOT_REFRESHED);
    assertThat(refresh.detail()).contains("no complete answer within")
        .contains("the pre-staged pause built at " + before.builtAt() + " for nonce " + before.nonce() + " (SafeTx "
            + before.safeTxHash() + ") is kept unchanged");
    assertUntouched(before);
    assertThat(stored().refreshProblem()).isEqualTo(refresh.detail());

    service.releaseSafeAnswers();
    assertThat(refreshOfTheSafe().outcome()).isEqualTo(Outcome.REBUILT);
    assertThat(stored().refreshProblem()).isNull();
  }

  @Test
  void aRefreshWhoseServiceAnswerComesTwiceLeavesThePrestagedPauseAsItWasAndSaysSo() {
    register(chain().deployTargets().ownable(), PauseStyle.OWNABLE, safePauser());
    refreshOfTheSafe();
    PrestagedPause before = stored();
    executeOtherSafeTransaction(SafeTransaction.of(LocalChain.account(9).getAddress(), "0x", 0,
        BigInteger.valueOf(before.nonce())));

    service.repeatSafeAnswers(true);
    Refresh refresh = refreshOfTheSafe();

    assertThat(refresh.outcome()).isEqualTo(Outcome.NOT_REFRESHED);
    assertThat(refresh.detail()).contains("/v1/safes/").contains("is kept unchanged");
    assertUntouched(before);
    assertThat(stored().refreshProblem()).isEqualTo(refresh.detail());
  }

  // ------------------------------------------------------------------------------------ helpers

  private Refresh refreshOfTheSafe() {
    List<Refresh> refreshes = prestagedPauses.refreshAll();
    return refreshes.stream().filter(refresh -> refresh.chainId() == chain().chainId()
        && refresh.safe().equalsIgnoreCase(chain().safe())).findFirst().orElseThrow();
  }

  private PrestagedPause stored() {
    return prestagedPauses.find(chain().chainId(), chain().safe()).orElseThrow();
  }

  private void assertUntouched(PrestagedPause before) {
    PrestagedPause now = stored();
    assertThat(now.safeTxHash()).isEqualTo(before.safeTxHash());
    assertThat(now.nonce()).isEqualTo(before.nonce());
    assertThat(now.transaction()).isEqualTo(before.transaction());
    assertThat(now.owners()).isEqualTo(before.owners());
    assertThat(now.builtAt()).isEqualTo(before.builtAt());
    assertThat(now.buildReason()).isEqualTo(before.buildReason());
  }

  private List<String> ownersOnChain() {
    return chainAccess.safeState(chain().chainId(), chain().safe()).owners().stream()
        .map(owner -> owner.toLowerCase(Locale.ROOT)).toList();
  }

  private static String lower(Credentials account) {
    return account.getAddress().toLowerCase(Locale.ROOT);
  }
}
