package org.irflow.containment.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.irflow.containment.ChainAccess;
import org.irflow.containment.ChainAccess.Receipt;
import org.irflow.containment.ChainAccess.SafeState;
import org.irflow.containment.SafeTransaction;
import org.irflow.containment.SafeTransactionService.Confirmation;
import org.irflow.support.chain.LocalChain;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.web3j.crypto.Credentials;

/** Web3jChainAccess on a real local chain with a real 2-of-3 Safe 1.5.0. */
@ExtendWith(LocalChain.class)
class Web3jChainAccessTest {

  private final SafeTransactions safeTransactions = new SafeTransactions();
  private LocalChain.Deployment chain;
  private LocalChain.Targets targets;
  private Web3jChainAccess access;

  @BeforeEach
  void setUp() {
    chain = LocalChain.deployment();
    targets = chain.deployTargets();
    access = new Web3jChainAccess(ChainTestSupport.properties(chain, List.of(chain.rpcUrl())), new ObjectMapper());
  }

  @AfterEach
  void tearDown() {
    access.destroy();
  }

  @Test
  void theLocalSafeIsTwoOfThreeWithTheExpectedOwners() {
    SafeState state = access.safeState(chain.chainId(), chain.safe());

    assertThat(state.threshold()).isEqualTo(2).isEqualTo(chain.threshold());
    assertThat(state.owners()).containsExactlyInAnyOrderElementsOf(
        chain.owners().stream().map(c -> c.getAddress().toLowerCase(Locale.ROOT)).toList());
    assertThat(chain.owners()).extracting(Credentials::getAddress)
        .doesNotContain(chain.relayer().getAddress(), chain.executor().getAddress());
    assertThat(state.nonce()).isNotNegative();
    assertThat(access.configured(chain.chainId())).isTrue();
    assertThat(access.configured(1)).isFalse();
  }

  @Test
  void twoOwnersPauseBothTargetsInOneMultiSendExecution() {
    assertThat(access.paused(chain.chainId(), targets.ownable())).isFalse();
    assertThat(access.paused(chain.chainId(), targets.accessControl())).isFalse();
    SafeTransaction tx = pauseBoth();
    String hash = safeTransactions.hash(chain.chainId(), chain.safe(), tx);
    String signatures = SafeTransactions.joinSignatures(List.of(confirm(chain.owners().get(2), hash),
        confirm(chain.owners().get(0), hash)));
    assertThat(access.simulate(chain.chainId(), chain.executor().getAddress(), chain.safe(),
        Web3jChainAccess.execTransactionData(tx, signatures))).isEmpty();

    String transactionHash = access.executeSafeTransaction(chain.chainId(), chain.safe(), tx, signatures);

    Receipt receipt = awaitReceipt(access, transactionHash);
    assertThat(receipt.success()).isTrue();
    assertThat(receipt.safeExecutionSucceeded()).isTrue();
    assertThat(receipt.pausedContracts()).containsExactlyInAnyOrder(targets.ownable(), targets.accessControl());
    assertThat(receipt.blockNumber()).isPositive();
    assertThat(receipt.blockTime()).isBetween(Instant.now().minus(Duration.ofMinutes(5)),
        Instant.now().plus(Duration.ofMinutes(5)));
    assertThat(access.paused(chain.chainId(), targets.ownable())).isTrue();
    assertThat(access.paused(chain.chainId(), targets.accessControl())).isTrue();
    assertThat(access.paused(chain.chainId(), targets.notPausableBySafe())).isFalse();
    assertThat(access.safeState(chain.chainId(), chain.safe()).nonce()).isEqualTo(tx.nonce().add(BigInteger.ONE));
  }

  @Test
  void oneSignatureIsNotEnough() {
    SafeTransaction tx = pauseBoth();
    String hash = safeTransactions.hash(chain.chainId(), chain.safe(), tx);
    String signatures = SafeTransactions.joinSignatures(List.of(confirm(chain.owners().get(1), hash)));

    assertThat(access.simulate(chain.chainId(), chain.executor().getAddress(), chain.safe(),
        Web3jChainAccess.execTransactionData(tx, signatures)))
        .hasValueSatisfying(reason -> assertThat(reason).startsWith("GS020").contains("threshold"));
    assertThatThrownBy(() -> access.executeSafeTransaction(chain.chainId(), chain.safe(), tx, signatures))
        .isInstanceOf(TransactionReverted.class).hasMessageStartingWith("GS020");
    assertThat(access.paused(chain.chainId(), targets.ownable())).isFalse();
    assertThat(access.safeState(chain.chainId(), chain.safe()).nonce()).isEqualTo(tx.nonce());
  }

  @Test
  void signaturesOutOfOwnerOrderAreRefused() {
    SafeTransaction tx = safeTransactions.pause(List.of(targets.ownable()), chain.multiSendCallOnly(),
        access.safeState(chain.chainId(), chain.safe()).nonce());
    String hash = safeTransactions.hash(chain.chainId(), chain.safe(), tx);
    String unsorted = "0x" + confirm(chain.owners().get(2), hash).signature().substring(2)
        + confirm(chain.owners().get(0), hash).signature().substring(2);

    assertThat(access.simulate(chain.chainId(), chain.executor().getAddress(), chain.safe(),
        Web3jChainAccess.execTransactionData(tx, unsorted)))
        .hasValueSatisfying(reason -> assertThat(reason).startsWith("GS026"));
  }

  @Test
  void simulatingPauseFromTheSafeOnAContractItDoesNotOwnNamesTheUnauthorizedAccount() {
    assertThat(access.simulate(chain.chainId(), chain.safe(), targets.notPausableBySafe(), SafeTransactions.PAUSE))
        .hasValue("OwnableUnauthorizedAccount(" + chain.safe() + ")");
    assertThat(access.simulate(chain.chainId(), chain.safe(), targets.ownable(), SafeTransactions.PAUSE)).isEmpty();
    assertThat(access.simulate(chain.chainId(), chain.relayer().getAddress(), targets.accessControl(),
        SafeTransactions.PAUSE)).isEmpty();
    assertThat(access.simulate(chain.chainId(), chain.executor().getAddress(), targets.accessControl(),
        SafeTransactions.PAUSE)).hasValueSatisfying(reason -> assertThat(reason)
        .startsWith("AccessControlUnauthorizedAccount(" + chain.executor().getAddress().toLowerCase(Locale.ROOT)));
  }

  @Test
  void everyCallFailsOverToTheSecondRpcUrlWhenTheFirstIsUnreachable() {
    Web3jChainAccess failingOver = new Web3jChainAccess(
        ChainTestSupport.properties(chain, List.of(chain.unreachableRpcUrl(), chain.rpcUrl())), new ObjectMapper());
    try {
      long chainId = chain.chainId();
      assertThat(failingOver.configured(chainId)).isTrue();
      SafeState state = failingOver.safeState(chainId, chain.safe());
      assertThat(state.threshold()).isEqualTo(2);
      SafeTransaction tx = safeTransactions.pause(List.of(targets.ownable()), chain.multiSendCallOnly(), state.nonce());
      String hash = safeTransactions.hash(chainId, chain.safe(), tx);
      assertThat(failingOver.onChainSafeTransactionHash(chainId, chain.safe(), tx)).isEqualTo(hash);
      assertThat(failingOver.simulate(chainId, chain.safe(), targets.notPausableBySafe(), SafeTransactions.PAUSE))
          .hasValueSatisfying(reason -> assertThat(reason).startsWith("OwnableUnauthorizedAccount"));
      assertThat(failingOver.paused(chainId, targets.ownable())).isFalse();
      String signatures = SafeTransactions.joinSignatures(List.of(confirm(chain.owners().get(0), hash),
          confirm(chain.owners().get(1), hash)));

      String transactionHash = failingOver.executeSafeTransaction(chainId, chain.safe(), tx, signatures);

      Receipt receipt = awaitReceipt(failingOver, transactionHash);
      assertThat(receipt.pausedContracts()).containsExactly(targets.ownable());
      assertThat(receipt.safeExecutionSucceeded()).isTrue();
      assertThat(failingOver.paused(chainId, targets.ownable())).isTrue();
    } finally {
      failingOver.destroy();
    }
  }

  @Test
  void withOnlyAnUnreachableRpcUrlTheChainIsUnavailable() {
    Web3jChainAccess unreachable = new Web3jChainAccess(
        ChainTestSupport.properties(chain, List.of(chain.unreachableRpcUrl())), new ObjectMapper());
    try {
      assertThatThrownBy(() -> unreachable.paused(chain.chainId(), targets.ownable()))
          .isInstanceOf(ChainUnavailable.class).hasMessageContaining("every RPC endpoint");
    } finally {
      unreachable.destroy();
    }
  }

  @Test
  void aPlainTransactionHasNoSafeExecutionAndAnUnknownHashNoReceipt() {
    Receipt receipt = awaitReceipt(access, LocalChain.sendAs(chain.relayer(), targets.accessControl(),
        SafeTransactions.PAUSE));

    assertThat(receipt.success()).isTrue();
    assertThat(receipt.pausedContracts()).containsExactly(targets.accessControl());
    assertThat(receipt.safeExecutionSucceeded()).isNull();
    assertThat(access.receipt(chain.chainId(), "0x" + "ab".repeat(32))).isEmpty();
  }

  private SafeTransaction pauseBoth() {
    return safeTransactions.pause(List.of(targets.ownable(), targets.accessControl()), chain.multiSendCallOnly(),
        access.safeState(chain.chainId(), chain.safe()).nonce());
  }

  private static Confirmation confirm(Credentials owner, String safeTxHash) {
    return new Confirmation(owner.getAddress(), SafeTransactions.sign(safeTxHash, ChainTestSupport.key(owner)));
  }

  private Receipt awaitReceipt(ChainAccess chainAccess, String transactionHash) {
    for (int i = 0; i < 100; i++) {
      var receipt = chainAccess.receipt(chain.chainId(), transactionHash);
      if (receipt.isPresent()) {
        return receipt.get();
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    throw new AssertionError("no receipt for " + transactionHash);
  }
}
