package org.irflow.containment.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigInteger;
import java.util.List;
import org.irflow.containment.SafeTransaction;
import org.irflow.containment.SafeTransactionService.Confirmation;
import org.irflow.support.chain.LocalChain;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.web3j.crypto.Credentials;

/** SafeTransactions against a real Safe 1.5.0 on the local chain: its hash is the Safe's own. */
@ExtendWith(LocalChain.class)
class SafeTransactionsTest {

  private final SafeTransactions safeTransactions = new SafeTransactions();
  private LocalChain.Deployment chain;
  private Web3jChainAccess access;

  @BeforeEach
  void setUp() {
    chain = LocalChain.deployment();
    access = new Web3jChainAccess(ChainTestSupport.properties(chain, List.of(chain.rpcUrl())), new ObjectMapper());
  }

  @AfterEach
  void tearDown() {
    access.destroy();
  }

  @Test
  void onePauseIsADirectCallOfPause() {
    SafeTransaction tx = safeTransactions.pause(List.of("0x00000000000000000000000000000000000000Aa"),
        chain.multiSendCallOnly(), BigInteger.valueOf(7));

    assertThat(tx.to()).isEqualTo("0x00000000000000000000000000000000000000aa");
    assertThat(tx.data()).isEqualTo(SafeTransactions.PAUSE);
    assertThat(tx.operation()).isZero();
    assertThat(tx.nonce()).isEqualTo(7);
    assertThat(tx.safeTxGas()).isZero();
    assertThat(tx.gasPrice()).isZero();
  }

  @Test
  void severalPausesAreOneDelegateCallToMultiSendCallOnly() {
    SafeTransaction tx = safeTransactions.pause(List.of("0x00000000000000000000000000000000000000aa",
        "0x00000000000000000000000000000000000000bb"), chain.multiSendCallOnly(), BigInteger.ONE);

    assertThat(tx.to()).isEqualTo(chain.multiSendCallOnly());
    assertThat(tx.operation()).isEqualTo(1);
    // multiSend(bytes): offset, length 2 * (1 + 20 + 32 + 32 + 4) = 178, then the packed calls
    String packedCall = "00" + "00000000000000000000000000000000000000aa" + "0".repeat(64)
        + "0".repeat(63) + "4" + "8456cb59";
    assertThat(tx.data()).startsWith(SafeTransactions.MULTI_SEND)
        .contains(String.format("%064x", 178))
        .contains(packedCall)
        .contains(packedCall.replace("aa", "bb"));
  }

  @Test
  void pauseNeedsAContract() {
    assertThatThrownBy(() -> safeTransactions.pause(List.of(), chain.multiSendCallOnly(), BigInteger.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> safeTransactions.pause(List.of("0x1234"), chain.multiSendCallOnly(), BigInteger.ZERO))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0x1234");
  }

  @Test
  void hashOfOnePauseEqualsTheSafesGetTransactionHash() {
    LocalChain.Targets targets = chain.deployTargets();
    SafeTransaction tx = safeTransactions.pause(List.of(targets.ownable()), chain.multiSendCallOnly(),
        access.safeState(chain.chainId(), chain.safe()).nonce());

    String hash = safeTransactions.hash(chain.chainId(), chain.safe(), tx);

    assertThat(hash).isEqualTo(access.onChainSafeTransactionHash(chain.chainId(), chain.safe(), tx));
  }

  @Test
  void hashOfAMultiSendBatchEqualsTheSafesGetTransactionHash() {
    LocalChain.Targets targets = chain.deployTargets();
    SafeTransaction tx = safeTransactions.pause(List.of(targets.ownable(), targets.accessControl()),
        chain.multiSendCallOnly(), BigInteger.valueOf(42));

    String hash = safeTransactions.hash(chain.chainId(), chain.safe(), tx);

    assertThat(hash).isEqualTo(access.onChainSafeTransactionHash(chain.chainId(), chain.safe(), tx));
    // another chain id or Safe gives another hash (the domain separator binds both)
    assertThat(safeTransactions.hash(1, chain.safe(), tx)).isNotEqualTo(hash);
  }

  @Test
  void recoverSignerReturnsTheOwnerOfARealSignature() {
    Credentials owner = chain.owners().get(1);
    String hash = safeTransactions.hash(chain.chainId(), chain.safe(),
        safeTransactions.pause(List.of(chain.safe()), null, BigInteger.ZERO));

    String signature = SafeTransactions.sign(hash, ChainTestSupport.key(owner));

    assertThat(signature).hasSize(2 + 130);
    assertThat(Integer.parseInt(signature.substring(130), 16)).isIn(27, 28);
    assertThat(SafeTransactions.recoverSigner(hash, signature)).isEqualTo(owner.getAddress().toLowerCase());
    String otherHash = "0x" + "11".repeat(32);
    assertThat(SafeTransactions.recoverSigner(otherHash, signature)).isNotEqualTo(owner.getAddress().toLowerCase());
  }

  @Test
  void joinSignaturesSortsByOwnerAddressAsANumber() {
    Confirmation high = new Confirmation("0xF000000000000000000000000000000000000000", "0x" + "bb".repeat(65));
    Confirmation low = new Confirmation("0x0a00000000000000000000000000000000000000", "0x" + "aa".repeat(65));

    assertThat(SafeTransactions.joinSignatures(List.of(high, low)))
        .isEqualTo("0x" + "aa".repeat(65) + "bb".repeat(65));
  }
}
