package org.irflow.containment.safe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.irflow.containment.ContainmentProperties;
import org.irflow.containment.SafeTransaction;
import org.irflow.containment.SafeTransactionService.Confirmation;
import org.irflow.containment.SafeTransactionService.Proposal;
import org.irflow.containment.SafeTransactionService.ProposalRejected;
import org.irflow.containment.chain.SafeTransactions;
import org.irflow.containment.chain.Web3jChainAccess;
import org.irflow.http.OutboundHttp;
import org.irflow.support.chain.LocalChain;
import org.irflow.support.chain.SafeTransactionServiceStub;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Keys;
import org.web3j.utils.Numeric;

/** The Safe Transaction Service client against the stub that checks the real rules on the local chain. */
@ExtendWith(LocalChain.class)
class HttpSafeTransactionServiceTest {

  private static final String API_KEY = "sts-test-key-5f1e0c9a7b3d4e21";
  private static final String PAUSE = "0x8456cb59";

  private LocalChain.Deployment chain;
  private SafeTransactionServiceStub stub;
  private final List<Duration> waits = new ArrayList<>();
  private HttpSafeTransactionService client;

  @BeforeEach
  void setUp() {
    chain = LocalChain.deployment();
    stub = new SafeTransactionServiceStub(chain);
    client = client(stub.baseUrl(), null);
  }

  @AfterEach
  void tearDown() {
    stub.close();
  }

  @Test
  void delegateProposalIsAcceptedThenCollectsTheOwnersConfirmations() {
    Credentials delegate = newKey();
    stub.addDelegate(delegate.getAddress());
    SafeTransaction tx = pauseOf(chain.multiSendCallOnly());
    String hash = stub.safeTxHash(tx);

    client.propose(chain.chainId(), chain.safe(), tx, hash, delegate.getAddress(), sign(hash, delegate), "irflow test");

    assertThat(stub.proposals()).isEqualTo(1);
    Proposal proposal = client.proposal(chain.chainId(), hash).orElseThrow();
    assertThat(proposal.safeTxHash()).isEqualToIgnoringCase(hash);
    assertThat(proposal.confirmations()).isEmpty();
    assertThat(proposal.confirmationsRequired()).isEqualTo(chain.threshold()).isEqualTo(2);
    assertThat(proposal.executed()).isFalse();
    assertThat(proposal.transactionHash()).isNull();

    stub.confirm(hash, chain.owners().get(0));
    stub.confirm(hash, chain.owners().get(2));

    List<Confirmation> confirmations = client.proposal(chain.chainId(), hash).orElseThrow().confirmations();
    assertThat(confirmations).extracting(c -> c.owner().toLowerCase())
        .containsExactly(address(chain.owners().get(0)), address(chain.owners().get(2)));
    for (Confirmation confirmation : confirmations) {
      assertThat(recover(hash, confirmation.signature())).isEqualToIgnoringCase(confirmation.owner());
    }
    assertThat(stub.requests()).first().isEqualTo(
        "POST /api/v2/safes/" + Keys.toChecksumAddress(chain.safe()) + "/multisig-transactions/");
  }

  @Test
  void anExecutedProposalIsReportedExecutedAndItsNonceCannotBeProposedAgain() {
    LocalChain.Targets targets = chain.deployTargets();
    Credentials owner = chain.owners().get(0);
    SafeTransaction tx = pauseOf(targets.ownable());
    String hash = stub.safeTxHash(tx);
    client.propose(chain.chainId(), chain.safe(), tx, hash, owner.getAddress(), sign(hash, owner), "irflow test");
    stub.confirm(hash, chain.owners().get(2));
    Proposal confirmed = client.proposal(chain.chainId(), hash).orElseThrow();
    assertThat(confirmed.confirmations()).hasSize(confirmed.confirmationsRequired());

    Web3jChainAccess access = new Web3jChainAccess(properties(stub.baseUrl(), null), new ObjectMapper());
    String executed;
    try {
      executed = access.executeSafeTransaction(chain.chainId(), chain.safe(), tx,
          SafeTransactions.joinSignatures(confirmed.confirmations()));
      assertThat(access.paused(chain.chainId(), targets.ownable())).isTrue();
    } finally {
      access.destroy();
    }

    Proposal after = client.proposal(chain.chainId(), hash).orElseThrow();
    assertThat(after.executed()).isTrue();
    assertThat(after.transactionHash()).isEqualToIgnoringCase(executed);

    SafeTransaction stale = pauseOf(targets.accessControl(), tx.nonce());
    String staleHash = stub.safeTxHash(stale);
    assertThatThrownBy(() -> client.propose(chain.chainId(), chain.safe(), stale, staleHash, owner.getAddress(),
        sign(staleHash, owner), null))
        .isInstanceOf(ProposalRejected.class)
        .hasMessageContaining("Nonce=" + tx.nonce() + " too low");
  }

  @Test
  void anOwnersProposalIsItsFirstConfirmation() {
    Credentials owner = chain.owners().get(1);
    SafeTransaction tx = pauseOf(chain.multiSendCallOnly());
    String hash = stub.safeTxHash(tx);

    client.propose(chain.chainId(), chain.safe(), tx, hash, owner.getAddress(), sign(hash, owner), null);
    stub.confirm(hash, chain.owners().get(0));

    Proposal proposal = client.proposal(chain.chainId(), hash).orElseThrow();
    assertThat(proposal.confirmations()).extracting(c -> c.owner().toLowerCase())
        .containsExactly(address(owner), address(chain.owners().get(0)));
  }

  @Test
  void aWrongHashIsRejectedWithTheServicesMessage() {
    Credentials owner = chain.owners().get(0);
    SafeTransaction tx = pauseOf(chain.multiSendCallOnly());
    String hash = stub.safeTxHash(tx);
    String wrong = stub.safeTxHash(pauseOf(chain.safe()));

    assertThatThrownBy(() -> client.propose(chain.chainId(), chain.safe(), tx, wrong, owner.getAddress(),
        sign(wrong, owner), null))
        .isInstanceOf(ProposalRejected.class)
        .hasMessageContaining("Contract-transaction-hash=" + hash)
        .hasMessageContaining("does not match provided contract-tx-hash=" + wrong);
    assertThat(stub.proposals()).isZero();
    assertThat(client.proposal(chain.chainId(), wrong)).isEmpty();
  }

  @Test
  void aSenderThatIsNeitherOwnerNorDelegateIsRejected() {
    Credentials stranger = newKey();
    SafeTransaction tx = pauseOf(chain.multiSendCallOnly());
    String hash = stub.safeTxHash(tx);

    assertThatThrownBy(() -> client.propose(chain.chainId(), chain.safe(), tx, hash, stranger.getAddress(),
        sign(hash, stranger), null))
        .isInstanceOf(ProposalRejected.class)
        .hasMessageContaining("Sender=" + Keys.toChecksumAddress(stranger.getAddress()) + " is not an owner or delegate");
    assertThat(stub.proposals()).isZero();
  }

  @Test
  void aSignatureThatDoesNotRecoverToTheSenderIsRejected() {
    SafeTransaction tx = pauseOf(chain.multiSendCallOnly());
    String hash = stub.safeTxHash(tx);
    String byAnotherOwner = sign(hash, chain.owners().get(1));

    assertThatThrownBy(() -> client.propose(chain.chainId(), chain.safe(), tx, hash,
        chain.owners().get(0).getAddress(), byAnotherOwner, null))
        .isInstanceOf(ProposalRejected.class)
        .hasMessageContaining("Signature does not match sender=" + Keys.toChecksumAddress(chain.owners().get(0).getAddress()));

    String ofAnotherHash = sign(stub.safeTxHash(pauseOf(chain.safe())), chain.owners().get(0));
    assertThatThrownBy(() -> client.propose(chain.chainId(), chain.safe(), tx, hash,
        chain.owners().get(0).getAddress(), ofAnotherHash, null))
        .isInstanceOf(ProposalRejected.class)
        .hasMessageContaining("is not an owner or delegate");
    assertThat(stub.proposals()).isZero();
  }

  @Test
  void rateLimitedOnceThenAcceptedAfterWaitingRetryAfter() {
    Credentials owner = chain.owners().get(0);
    SafeTransaction tx = pauseOf(chain.multiSendCallOnly());
    String hash = stub.safeTxHash(tx);
    stub.retryAfterSeconds(1);
    stub.failNext(429, 1);

    client.propose(chain.chainId(), chain.safe(), tx, hash, owner.getAddress(), sign(hash, owner), null);

    assertThat(stub.requests()).hasSize(2).allMatch(r -> r.startsWith("POST /api/v2/safes/"));
    assertThat(waits).containsExactly(Duration.ofSeconds(1));
    assertThat(stub.proposals()).isEqualTo(1);
  }

  @Test
  void rateLimitedAgainAfterTheRetryThrowsNamingTheEndpoint() {
    stub.failNext(429, 10);
    String hash = "0x" + "ab".repeat(32);

    assertThatThrownBy(() -> client.proposal(chain.chainId(), hash))
        .isInstanceOf(ServiceCallFailed.class)
        .hasMessageContaining("GET " + stub.baseUrl() + "/v2/multisig-transactions/" + hash + "/")
        .hasMessageContaining("429")
        .satisfies(e -> assertThat(((ServiceCallFailed) e).status()).isEqualTo(429));
    assertThat(stub.requests()).hasSize(2);
    assertThat(waits).containsExactly(Duration.ofSeconds(1));
  }

  @Test
  void aRetryAfterLongerThanACallMaySpendFailsAtOnceForTheJobToRetryLater() {
    stub.retryAfterSeconds(3600);
    stub.failNext(429, 1);
    String hash = "0x" + "cd".repeat(32);

    assertThatThrownBy(() -> client.proposal(chain.chainId(), hash))
        .isInstanceOf(ServiceCallFailed.class)
        .hasMessageContaining("rate limited").hasMessageContaining("Retry-After 3600 s")
        .satisfies(e -> assertThat(((ServiceCallFailed) e).status()).isEqualTo(429));
    assertThat(waits).isEmpty();
    assertThat(stub.requests()).hasSize(1);

    // the job's next attempt gets through
    assertThat(client.proposal(chain.chainId(), hash)).isEmpty();
    assertThat(stub.requests()).hasSize(2);
  }

  @Test
  void aServerErrorThrowsAtOnceForTheJobToRetry() {
    Credentials owner = chain.owners().get(0);
    SafeTransaction tx = pauseOf(chain.multiSendCallOnly());
    String hash = stub.safeTxHash(tx);
    stub.failNext(500, 1);

    assertThatThrownBy(() -> client.propose(chain.chainId(), chain.safe(), tx, hash, owner.getAddress(),
        sign(hash, owner), null))
        .isInstanceOf(ServiceCallFailed.class)
        .isNotInstanceOf(ProposalRejected.class)
        .hasMessageContaining("answered HTTP 500")
        .hasMessageContaining("/multisig-transactions/");
    assertThat(stub.requests()).hasSize(1);
    assertThat(stub.proposals()).isZero();
    assertThat(waits).isEmpty();
  }

  @Test
  void theApiKeyGoesAsBearerHeaderAndIntoNoMessage() {
    stub.requireApiKey(API_KEY);
    HttpSafeTransactionService withKey = client(stub.baseUrl(), API_KEY);
    Credentials owner = chain.owners().get(0);
    SafeTransaction tx = pauseOf(chain.multiSendCallOnly());
    String hash = stub.safeTxHash(tx);

    withKey.propose(chain.chainId(), chain.safe(), tx, hash, owner.getAddress(), sign(hash, owner), null);
    assertThat(withKey.proposal(chain.chainId(), hash)).isPresent();
    assertThat(stub.authorizations()).hasSize(2).containsOnly("Bearer " + API_KEY);

    stub.failNext(500, 1);
    assertThatThrownBy(() -> withKey.proposal(chain.chainId(), hash))
        .isInstanceOf(ServiceCallFailed.class)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(API_KEY));

    String otherKey = "sts-wrong-key-000000000000";
    assertThatThrownBy(() -> client(stub.baseUrl(), otherKey).proposal(chain.chainId(), hash))
        .isInstanceOf(ServiceCallFailed.class)
        .hasMessageContaining("answered HTTP 401")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(otherKey).doesNotContain(API_KEY));
    assertThatThrownBy(() -> client.proposal(chain.chainId(), hash))
        .isInstanceOf(ServiceCallFailed.class)
        .hasMessageContaining("answered HTTP 401");
  }

  @Test
  void anUnknownProposalIsEmpty() {
    assertThat(client.proposal(chain.chainId(), "0x" + "12".repeat(32))).isEqualTo(Optional.empty());
  }

  @Test
  void anUnreachableServiceThrows() {
    HttpSafeTransactionService unreachable = client(chain.unreachableRpcUrl() + "/api", API_KEY);

    assertThatThrownBy(() -> unreachable.proposal(chain.chainId(), "0x" + "12".repeat(32)))
        .isInstanceOf(ServiceCallFailed.class)
        .hasMessageContaining("GET ")
        .satisfies(e -> assertThat(((ServiceCallFailed) e).status()).isZero())
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(API_KEY));
  }

  // ---------------------------------------------------------------------------------------------

  private ContainmentProperties properties(String url, String apiKey) {
    String executorKey = Numeric.toHexStringWithPrefixZeroPadded(chain.executor().getEcKeyPair().getPrivateKey(), 64);
    return new ContainmentProperties(
        List.of(new ContainmentProperties.Chain(chain.chainId(), "local", List.of(chain.rpcUrl()), url, "local",
            chain.multiSendCallOnly(), false)),
        List.of(), new ContainmentProperties.Relayer(null, null),
        new ContainmentProperties.SafeTransactionService(apiKey), new ContainmentProperties.Keys(null, executorKey),
        Duration.ofHours(2), Duration.ofSeconds(10), Duration.ofMinutes(5));
  }

  private HttpSafeTransactionService client(String url, String apiKey) {
    return new HttpSafeTransactionService(properties(url, apiKey), new OutboundHttp(new ObjectMapper(), duration -> {
      synchronized (waits) {
        waits.add(duration);
      }
      Thread.sleep(duration.toMillis());
    }));
  }

  /** pause() on a contract through the Safe at its current nonce (other tests share the chain). */
  private SafeTransaction pauseOf(String contract) {
    return pauseOf(contract, stub.safeNonce());
  }

  private static SafeTransaction pauseOf(String contract, BigInteger nonce) {
    return SafeTransaction.of(contract, PAUSE, 0, nonce);
  }

  private static String sign(String hash, Credentials key) {
    return SafeTransactions.sign(hash, Numeric.toHexStringWithPrefixZeroPadded(key.getEcKeyPair().getPrivateKey(), 64));
  }

  private static String recover(String hash, String signature) {
    return SafeTransactions.recoverSigner(hash, signature);
  }

  private static String address(Credentials key) {
    return key.getAddress().toLowerCase();
  }

  private static Credentials newKey() {
    try {
      return Credentials.create(Keys.createEcKeyPair());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
