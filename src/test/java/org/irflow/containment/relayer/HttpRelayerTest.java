package org.irflow.containment.relayer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.irflow.containment.ContainmentProperties;
import org.irflow.containment.Relayer.RelayerTransaction;
import org.irflow.containment.safe.JsonHttp;
import org.irflow.containment.safe.ServiceCallFailed;
import org.irflow.support.chain.LocalChain;
import org.irflow.support.chain.RelayerStub;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.http.HttpService;
import org.web3j.utils.Numeric;

/** The OpenZeppelin Relayer client against the stub that really sends to the local chain. */
@ExtendWith(LocalChain.class)
class HttpRelayerTest {

  private static final String PAUSE = "0x8456cb59";
  private static final String PAUSED = "0x5c975abb";

  private LocalChain.Deployment chain;
  private LocalChain.Targets targets;
  private RelayerStub stub;
  private Web3j web3j;
  private final List<Duration> waits = new ArrayList<>();
  private HttpRelayer relayer;

  @BeforeEach
  void setUp() {
    chain = LocalChain.deployment();
    targets = chain.deployTargets();
    stub = new RelayerStub(chain);
    web3j = Web3j.build(new HttpService(chain.rpcUrl()));
    relayer = relayer(stub.baseUrl(), RelayerStub.API_KEY);
  }

  @AfterEach
  void tearDown() {
    stub.close();
    web3j.shutdown();
  }

  @Test
  void aSubmittedPauseIsMinedAndTheTargetIsPaused() throws Exception {
    assertThat(paused(targets.accessControl())).isFalse();

    RelayerTransaction submitted = relayer.submit(RelayerStub.RELAYER_ID, targets.accessControl(), PAUSE, null);

    assertThat(submitted.id()).isNotBlank();
    assertThat(submitted.status()).isEqualTo("submitted");
    assertThat(submitted.hash()).matches("0x[0-9a-f]{64}");
    RelayerTransaction followed = relayer.transaction(RelayerStub.RELAYER_ID, submitted.id());
    assertThat(followed.done()).isTrue();
    assertThat(followed.status()).isIn("mined", "confirmed");
    assertThat(followed.hash()).isEqualTo(submitted.hash());
    TransactionReceipt receipt = web3j.ethGetTransactionReceipt(submitted.hash()).send().getTransactionReceipt()
        .orElseThrow();
    assertThat(receipt.isStatusOK()).isTrue();
    assertThat(receipt.getFrom()).isEqualToIgnoringCase(chain.relayer().getAddress());
    assertThat(paused(targets.accessControl())).isTrue();
    assertThat(stub.submissions()).isEqualTo(1);
    assertThat(stub.authorizations()).containsOnly("Bearer " + RelayerStub.API_KEY);
    assertThat(stub.requests()).containsExactly(
        "POST /api/v1/relayers/" + RelayerStub.RELAYER_ID + "/transactions",
        "GET /api/v1/relayers/" + RelayerStub.RELAYER_ID + "/transactions/" + submitted.id());
  }

  @Test
  void aTransactionTheNodeRevertsIsReportedFailed() throws Exception {
    // the relayer account holds PAUSER_ROLE on the AccessControl target only; the Ownable one reverts
    RelayerTransaction submitted = relayer.submit(RelayerStub.RELAYER_ID, targets.ownable(), PAUSE,
        java.math.BigInteger.valueOf(100_000));

    RelayerTransaction followed = relayer.transaction(RelayerStub.RELAYER_ID, submitted.id());
    assertThat(followed.status()).isEqualTo("failed");
    assertThat(followed.failed()).isTrue();
    assertThat(paused(targets.ownable())).isFalse();
  }

  @Test
  void aRelayerFailureIsReportedAsStatusFailed() throws Exception {
    stub.failTransactions(true);

    RelayerTransaction submitted = relayer.submit(RelayerStub.RELAYER_ID, targets.accessControl(), PAUSE, null);

    assertThat(submitted.status()).isEqualTo("pending");
    RelayerTransaction followed = relayer.transaction(RelayerStub.RELAYER_ID, submitted.id());
    assertThat(followed.status()).isEqualTo("failed");
    assertThat(followed.failed()).isTrue();
    assertThat(followed.done()).isFalse();
    assertThat(paused(targets.accessControl())).isFalse();
  }

  @Test
  void aWrongKeyIsRefusedWith401AndTheKeyIsInNoMessage() {
    String wrongKey = "relayer-wrong-key-31415926535";

    assertThatThrownBy(() -> relayer(stub.baseUrl(), wrongKey)
        .submit(RelayerStub.RELAYER_ID, targets.accessControl(), PAUSE, null))
        .isInstanceOf(ServiceCallFailed.class)
        .hasMessageContaining("answered 401")
        .hasMessageContaining("POST " + stub.baseUrl() + "/api/v1/relayers/" + RelayerStub.RELAYER_ID + "/transactions")
        .satisfies(e -> assertThat(((ServiceCallFailed) e).status()).isEqualTo(401))
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(wrongKey).doesNotContain(RelayerStub.API_KEY));
    assertThat(stub.authorizations()).containsExactly("Bearer " + wrongKey);
    assertThat(stub.submissions()).isZero();
  }

  @Test
  void rateLimitedThenAcceptedAfterWaiting() throws Exception {
    stub.failNext(429, 1);

    RelayerTransaction submitted = relayer.submit(RelayerStub.RELAYER_ID, targets.accessControl(), PAUSE, null);

    assertThat(waits).containsExactly(Duration.ofSeconds(1));
    assertThat(stub.requests()).hasSize(2);
    assertThat(stub.submissions()).isEqualTo(1);
    assertThat(relayer.transaction(RelayerStub.RELAYER_ID, submitted.id()).done()).isTrue();
    assertThat(paused(targets.accessControl())).isTrue();
  }

  @Test
  void aServerErrorThrows() {
    stub.failNext(502, 1);

    assertThatThrownBy(() -> relayer.submit(RelayerStub.RELAYER_ID, targets.accessControl(), PAUSE, null))
        .isInstanceOf(ServiceCallFailed.class)
        .hasMessageContaining("answered 502");
    assertThat(stub.submissions()).isZero();
  }

  @Test
  void anUnknownRelayerIdThrows() {
    assertThatThrownBy(() -> relayer.submit("someone-else", targets.accessControl(), PAUSE, null))
        .isInstanceOf(ServiceCallFailed.class)
        .hasMessageContaining("answered 404");
  }

  private HttpRelayer relayer(String url, String apiKey) {
    ContainmentProperties properties = new ContainmentProperties(List.of(), List.of(),
        new ContainmentProperties.Relayer(url, apiKey), new ContainmentProperties.SafeTransactionService(null),
        new ContainmentProperties.Keys(null, null), Duration.ofHours(2), Duration.ofSeconds(10));
    return new HttpRelayer(properties, new JsonHttp.Retry(3, Duration.ofMillis(100), Duration.ofSeconds(2)),
        duration -> {
          synchronized (waits) {
            waits.add(duration);
          }
          Thread.sleep(duration.toMillis());
        });
  }

  private boolean paused(String contract) throws IOException {
    String result = web3j.ethCall(Transaction.createEthCallTransaction(null, contract, PAUSED),
        DefaultBlockParameterName.LATEST).send().getValue();
    return Numeric.toBigInt(result).signum() != 0;
  }
}
