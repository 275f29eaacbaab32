package org.irflow.containment.relayer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.irflow.containment.ContainmentProperties;
import org.irflow.containment.Relayer.RelayerTransaction;
import org.irflow.containment.safe.ServiceCallFailed;
import org.irflow.http.OutboundHttp;
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
        .hasMessageContaining("answered HTTP 401")
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
        .hasMessageContaining("answered HTTP 502");
    assertThat(stub.submissions()).isZero();
  }

  @Test
  void anUnknownRelayerIdThrows() {
    assertThatThrownBy(() -> relayer.submit("someone-else", targets.accessControl(), PAUSE, null))
        .isInstanceOf(ServiceCallFailed.class)
        .hasMessageContaining("answered HTTP 404");
  }

  @Test
  void recentTransactionsAreListedNewestFirstWithTheirCallAndTime() throws Exception {
    Instant before = Instant.now().minusSeconds(1);
    RelayerTransaction first = relayer.submit(RelayerStub.RELAYER_ID, targets.accessControl(), PAUSE, null);
    // the relayer account is not the Ownable target's owner: mined, reverted, failed
    RelayerTransaction second = relayer.submit(RelayerStub.RELAYER_ID, targets.ownable(), PAUSE,
        BigInteger.valueOf(100_000));

    List<RelayerTransaction> recent = relayer.recentTransactions(RelayerStub.RELAYER_ID, 10);

    assertThat(recent).extracting(RelayerTransaction::id).containsExactly(second.id(), first.id());
    RelayerTransaction newest = recent.get(0);
    RelayerTransaction oldest = recent.get(1);
    assertThat(oldest.to()).isEqualToIgnoringCase(targets.accessControl());
    assertThat(oldest.data()).isEqualTo(PAUSE);
    assertThat(oldest.hash()).isEqualTo(first.hash());
    assertThat(oldest.done()).isTrue();
    assertThat(newest.to()).isEqualToIgnoringCase(targets.ownable());
    assertThat(newest.status()).isEqualTo("failed");
    assertThat(oldest.createdAt()).isAfter(before).isBeforeOrEqualTo(newest.createdAt());
    assertThat(newest.createdAt()).isBeforeOrEqualTo(Instant.now());
    assertThat(stub.requests()).last().isEqualTo(
        "GET /api/v1/relayers/" + RelayerStub.RELAYER_ID + "/transactions?page=1&per_page=10");
  }

  @Test
  void recentTransactionsAskForOnePageOfLimitEntries() {
    relayer.submit(RelayerStub.RELAYER_ID, targets.accessControl(), PAUSE, null);
    RelayerTransaction newest = relayer.submit(RelayerStub.RELAYER_ID, targets.ownable(), PAUSE,
        BigInteger.valueOf(100_000));

    assertThat(relayer.recentTransactions(RelayerStub.RELAYER_ID, 1)).extracting(RelayerTransaction::id)
        .containsExactly(newest.id());
    assertThat(stub.requests()).last().isEqualTo(
        "GET /api/v1/relayers/" + RelayerStub.RELAYER_ID + "/transactions?page=1&per_page=1");
    assertThatThrownBy(() -> relayer.recentTransactions(RelayerStub.RELAYER_ID, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void recentTransactionsOfARelayerWithoutAnyAreEmpty() {
    assertThat(relayer.recentTransactions(RelayerStub.RELAYER_ID, 5)).isEmpty();
  }

  @Test
  void recentTransactionsOfAnUnknownRelayerThrow() {
    assertThatThrownBy(() -> relayer.recentTransactions("someone-else", 5))
        .isInstanceOf(ServiceCallFailed.class)
        .hasMessageContaining("answered HTTP 404")
        .hasMessageContaining("GET " + stub.baseUrl() + "/api/v1/relayers/someone-else/transactions?page=1&per_page=5");
  }

  @Test
  void aSubmissionWhoseAnswerIsLostIsOnTheChainAndInTheList() throws Exception {
    stub.loseNextSubmissionAnswer(502);

    assertThatThrownBy(() -> relayer.submit(RelayerStub.RELAYER_ID, targets.accessControl(), PAUSE, null))
        .isInstanceOf(ServiceCallFailed.class)
        .hasMessageContaining("answered HTTP 502")
        .hasMessageContaining("502 Bad Gateway");

    assertThat(stub.submissions()).isEqualTo(1);
    assertThat(paused(targets.accessControl())).isTrue();
    List<RelayerTransaction> recent = relayer.recentTransactions(RelayerStub.RELAYER_ID, 10);
    assertThat(recent).hasSize(1);
    RelayerTransaction lost = recent.get(0);
    assertThat(lost.to()).isEqualToIgnoringCase(targets.accessControl());
    assertThat(lost.data()).isEqualTo(PAUSE);
    assertThat(lost.done()).isTrue();
    assertThat(stub.hashOf(lost.id())).contains(lost.hash());
    assertThat(relayer.transaction(RelayerStub.RELAYER_ID, lost.id()).hash()).isEqualTo(lost.hash());
    assertThat(web3j.ethGetTransactionReceipt(lost.hash()).send().getTransactionReceipt()).isPresent();

    // one answer only: the next submission answers as usual
    RelayerTransaction next = relayer.submit(RelayerStub.RELAYER_ID, targets.ownable(), PAUSE,
        BigInteger.valueOf(100_000));
    assertThat(next.id()).isNotEqualTo(lost.id());
    assertThat(stub.submissions()).isEqualTo(2);
  }

  @Test
  void aRejectedSubmissionSendsNothing() throws Exception {
    stub.rejectNextSubmission(400, "gas_limit is too low, intrinsic gas is 21064 and gas_limit is 100");

    assertThatThrownBy(() -> relayer.submit(RelayerStub.RELAYER_ID, targets.accessControl(), PAUSE, null))
        .isInstanceOf(ServiceCallFailed.class)
        .hasMessageContaining("answered HTTP 400")
        .hasMessageContaining("gas_limit is too low")
        .satisfies(e -> assertThat(((ServiceCallFailed) e).status()).isEqualTo(400));

    assertThat(stub.submissions()).isZero();
    assertThat(relayer.recentTransactions(RelayerStub.RELAYER_ID, 10)).isEmpty();
    assertThat(paused(targets.accessControl())).isFalse();
    assertThat(relayer.submit(RelayerStub.RELAYER_ID, targets.accessControl(), PAUSE, null).status())
        .isEqualTo("submitted");
  }

  @Test
  void theStubPagesItsListAsTheRelayerDoes() throws Exception {
    RelayerTransaction first = relayer.submit(RelayerStub.RELAYER_ID, targets.accessControl(), PAUSE, null);
    RelayerTransaction second = relayer.submit(RelayerStub.RELAYER_ID, targets.ownable(), PAUSE,
        BigInteger.valueOf(100_000));

    JsonNode secondPage = getJson("/api/v1/relayers/" + RelayerStub.RELAYER_ID + "/transactions?page=2&per_page=1");
    assertThat(secondPage.path("success").asBoolean()).isTrue();
    assertThat(secondPage.has("error")).isTrue();
    assertThat(secondPage.path("error").isNull()).isTrue();
    assertThat(secondPage.path("data")).hasSize(1);
    assertThat(secondPage.path("data").get(0).path("id").asText()).isEqualTo(first.id());
    assertThat(secondPage.path("pagination").path("current_page").asInt()).isEqualTo(2);
    assertThat(secondPage.path("pagination").path("per_page").asInt()).isEqualTo(1);
    assertThat(secondPage.path("pagination").path("total_items").asInt()).isEqualTo(2);
    JsonNode entry = secondPage.path("data").get(0);
    assertThat(entry.path("created_at").asText()).matches("\\d{4}-\\d{2}-\\d{2}T[0-9:.]+\\+00:00");
    assertThat(entry.path("from").asText()).isEqualToIgnoringCase(chain.relayer().getAddress());
    assertThat(entry.path("nonce").isIntegralNumber()).isTrue();

    JsonNode defaults = getJson("/api/v1/relayers/" + RelayerStub.RELAYER_ID + "/transactions");
    assertThat(defaults.path("pagination").path("current_page").asInt()).isEqualTo(1);
    assertThat(defaults.path("pagination").path("per_page").asInt()).isEqualTo(10);
    assertThat(defaults.path("data")).hasSize(2);

    JsonNode failedOnly = getJson("/api/v1/relayers/" + RelayerStub.RELAYER_ID + "/transactions?status=FAILED");
    assertThat(failedOnly.path("data")).hasSize(1);
    assertThat(failedOnly.path("data").get(0).path("id").asText()).isEqualTo(second.id());
    assertThat(failedOnly.path("pagination").path("total_items").asInt()).isEqualTo(1);

    JsonNode beyond = getJson("/api/v1/relayers/" + RelayerStub.RELAYER_ID + "/transactions?page=3&per_page=1");
    assertThat(beyond.path("data")).isEmpty();
    assertThat(beyond.path("pagination").path("total_items").asInt()).isEqualTo(2);
  }

  private JsonNode getJson(String path) throws IOException, InterruptedException {
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(stub.baseUrl() + path))
        .header("Authorization", "Bearer " + RelayerStub.API_KEY).GET().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(path).isEqualTo(200);
    return new ObjectMapper().readTree(response.body());
  }

  private HttpRelayer relayer(String url, String apiKey) {
    ContainmentProperties properties = new ContainmentProperties(List.of(), List.of(),
        new ContainmentProperties.Relayer(url, apiKey), new ContainmentProperties.SafeTransactionService(null),
        new ContainmentProperties.Keys(null, null), Duration.ofHours(2), Duration.ofSeconds(10), Duration.ofMinutes(5));
    return new HttpRelayer(properties, new OutboundHttp(new ObjectMapper(), duration -> {
      synchronized (waits) {
        waits.add(duration);
      }
      Thread.sleep(duration.toMillis());
    }));
  }

  private boolean paused(String contract) throws IOException {
    String result = web3j.ethCall(Transaction.createEthCallTransaction(null, contract, PAUSED),
        DefaultBlockParameterName.LATEST).send().getValue();
    return Numeric.toBigInt(result).signum() != 0;
  }
}
