package org.irflow.support.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.irflow.containment.ContainmentProperties;
import org.irflow.containment.chain.Web3jChainAccess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Hash;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.TransactionEncoder;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthSendTransaction;
import org.web3j.protocol.http.HttpService;
import org.web3j.utils.Numeric;

/** The JSON-RPC proxy in front of the real local node. */
@ExtendWith(LocalChain.class)
class JsonRpcProxyTest {

  private static final String PAUSE = "0x8456cb59";
  private static final String PAUSED = "0x5c975abb";
  private static final ObjectMapper JSON = new ObjectMapper();
  /** EnforcedPause() of OpenZeppelin 5's Pausable. */
  private static final String ENFORCED_PAUSE = "EnforcedPause()";

  private LocalChain.Deployment chain;
  private LocalChain.Targets targets;
  private JsonRpcProxy proxy;
  private Web3j node;
  private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(3)).build();

  @BeforeEach
  void setUp() {
    chain = LocalChain.deployment();
    targets = chain.deployTargets();
    proxy = new JsonRpcProxy(chain.rpcUrl());
    node = Web3j.build(new HttpService(chain.rpcUrl()));
  }

  @AfterEach
  void tearDown() {
    proxy.close();
    node.shutdown();
  }

  @Test
  void forwardsCallsAndCountsThemByMethodAlsoInABatch() throws Exception {
    JsonNode single = rpc(proxy.url(), "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_chainId\",\"params\":[]}");
    JsonNode batch = rpc(proxy.url(), "[{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"eth_chainId\",\"params\":[]},"
        + "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"eth_blockNumber\",\"params\":[]}]");
    Web3j throughProxy = Web3j.build(new HttpService(proxy.url()));
    try {
      assertThat(throughProxy.ethChainId().send().getChainId()).isEqualTo(BigInteger.valueOf(chain.chainId()));
    } finally {
      throughProxy.shutdown();
    }

    assertThat(single.path("result").asText()).isEqualTo("0x7a69");
    assertThat(batch).hasSize(2);
    assertThat(batch.get(1).path("result").asText()).startsWith("0x");
    assertThat(proxy.calls("eth_chainId")).isEqualTo(3);
    assertThat(proxy.calls("eth_blockNumber")).isEqualTo(1);
    assertThat(proxy.calls("eth_sendRawTransaction")).isZero();
  }

  @Test
  void whileDownEveryRequestFailsAtOnceAndNothingReachesTheNode() throws Exception {
    String chainId = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_chainId\",\"params\":[]}";
    rpc(proxy.url(), chainId);   // a kept-alive connection exists before the outage
    Web3j throughProxy = Web3j.build(new HttpService(proxy.url()));
    try {
      proxy.goDown();

      assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
        assertThatThrownBy(() -> rpc(proxy.url(), chainId)).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> throughProxy.ethBlockNumber().send()).isInstanceOf(IOException.class);
      });
      assertThat(proxy.calls("eth_chainId")).isEqualTo(1);
      assertThat(proxy.calls("eth_blockNumber")).isZero();
      assertThat(proxy.refusedRequests()).isGreaterThanOrEqualTo(2);

      proxy.comeBack();

      assertThat(rpc(proxy.url(), chainId).path("result").asText()).isEqualTo("0x7a69");
      assertThat(throughProxy.ethBlockNumber().send().getBlockNumber()).isPositive();
      assertThat(proxy.calls("eth_blockNumber")).isEqualTo(1);
    } finally {
      throughProxy.shutdown();
    }
  }

  @Test
  void aLostAnswerToSendRawTransactionLeavesTheTransactionOnTheChain() throws Exception {
    Credentials relayer = chain.relayer();
    BigInteger nonce = nonce(relayer.getAddress());
    String signed = sign(relayer, nonce, targets.accessControl(), PAUSE);
    String hash = Hash.sha3(signed);
    rpc(proxy.url(), call("eth_chainId", ""));   // kept alive: the JDK client does not send a POST again
    proxy.loseNextAnswerTo("eth_sendRawTransaction");

    assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertThatThrownBy(() -> rpc(proxy.url(),
        call("eth_sendRawTransaction", "\"" + signed + "\""))).isInstanceOf(IOException.class));

    assertThat(proxy.lostAnswers()).isEqualTo(1);
    assertThat(proxy.calls("eth_sendRawTransaction")).isEqualTo(1);
    assertThat(node.ethGetTransactionReceipt(hash).send().getTransactionReceipt()).hasValueSatisfying(
        receipt -> assertThat(receipt.isStatusOK()).isTrue());
    assertThat(paused(targets.accessControl())).isTrue();
    assertThat(nonce(relayer.getAddress())).isEqualTo(nonce.add(BigInteger.ONE));

    // one answer only: the same bytes sent again are answered, and the node does not act twice
    JsonNode again = rpc(proxy.url(), call("eth_sendRawTransaction", "\"" + signed + "\""));
    assertThat(again.has("error")).as("answer to the same bytes: %s", again).isTrue();
    assertThat(proxy.lostAnswers()).isEqualTo(1);
    assertThat(nonce(relayer.getAddress())).isEqualTo(nonce.add(BigInteger.ONE));
  }

  /**
   * web3j's OkHttp client (as irflow's Web3jChainAccess builds it) sends a POST again on a new
   * connection when a kept-alive one closes without an answer: the node gets the transaction twice and
   * the client sees the node's answer to the second one (an RPC error), not an I/O error.
   */
  @Test
  void web3jOnAKeptAliveConnectionSendsALostCallAgainAndSeesTheNodesSecondAnswer() throws Exception {
    Credentials relayer = chain.relayer();
    BigInteger nonce = nonce(relayer.getAddress());
    String signed = sign(relayer, nonce, targets.accessControl(), PAUSE);
    Web3j throughProxy = Web3j.build(new HttpService(proxy.url()));
    try {
      throughProxy.ethChainId().send();   // the connection is kept alive for the next call
      proxy.loseNextAnswerTo("eth_sendRawTransaction");

      EthSendTransaction answer = throughProxy.ethSendRawTransaction(signed).send();

      assertThat(proxy.lostAnswers()).isEqualTo(1);
      assertThat(proxy.calls("eth_sendRawTransaction")).isEqualTo(2);
      assertThat(answer.hasError()).isTrue();
      assertThat(answer.getError().getMessage()).containsIgnoringCase("nonce too low");
      assertThat(paused(targets.accessControl())).isTrue();
      assertThat(nonce(relayer.getAddress())).isEqualTo(nonce.add(BigInteger.ONE));
    } finally {
      throughProxy.shutdown();
    }
  }

  @Test
  void loseNextAnswerToMatchesAMethodInsideABatch() throws Exception {
    proxy.loseNextAnswerTo("eth_blockNumber");

    assertThatThrownBy(() -> rpc(proxy.url(), "[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_chainId\"},"
        + "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"eth_blockNumber\",\"params\":[]}]"))
        .isInstanceOf(IOException.class);
    assertThat(rpc(proxy.url(), call("eth_blockNumber", "")).path("result").asText()).startsWith("0x");
    assertThat(proxy.lostAnswers()).isEqualTo(1);
    assertThat(proxy.calls("eth_blockNumber")).isEqualTo(2);
  }

  /**
   * With a pause waiting in the mempool, irflow's simulation of a second pause (eth_call on latest,
   * then eth_estimateGas without a block) passes on a geth-like node but reverts with EnforcedPause() on
   * hardhat, which estimates on its pending block.
   */
  @Test
  void estimateGasOnLatestSeesTheChainAsGethDoesWhileAPauseIsPending() throws Exception {
    ContainmentProperties.Chain local = new ContainmentProperties.Chain(chain.chainId(), "Local hardhat",
        List.of(proxy.url()), null, "local", chain.multiSendCallOnly(), false);
    Web3jChainAccess chainAccess = new Web3jChainAccess(new ContainmentProperties(List.of(local), List.of(),
        new ContainmentProperties.Relayer(null, null), new ContainmentProperties.SafeTransactionService(null),
        new ContainmentProperties.Keys(null, null), Duration.ofHours(2), Duration.ofSeconds(10), Duration.ofMinutes(5)), new ObjectMapper());
    Credentials relayer = chain.relayer();
    automine(false);
    try {
      String pending = node.ethSendRawTransaction(sign(relayer, nonce(relayer.getAddress()), targets.accessControl(),
          PAUSE)).send().getTransactionHash();
      assertThat(node.ethGetTransactionReceipt(pending).send().getTransactionReceipt()).isEmpty();
      assertThat(paused(targets.accessControl())).isFalse();

      Optional<String> onPending = chainAccess.simulate(chain.chainId(), chain.safe(), targets.accessControl(), PAUSE);
      proxy.estimateGasOnLatest(true);
      Optional<String> onLatest = chainAccess.simulate(chain.chainId(), chain.safe(), targets.accessControl(), PAUSE);

      assertThat(onPending).hasValueSatisfying(reason -> assertThat(reason).contains(ENFORCED_PAUSE));
      assertThat(onLatest).isEmpty();
      assertThat(proxy.rewrittenEstimates()).isEqualTo(1);
      List<JsonNode> estimates = proxy.forwardedParams("eth_estimateGas");
      assertThat(estimates).hasSize(2);
      assertThat(estimates.get(0)).hasSize(1);
      assertThat(estimates.get(1)).hasSize(2);
      assertThat(estimates.get(1).get(1).asText()).isEqualTo("latest");
      assertThat(proxy.calls("eth_call")).isEqualTo(2);
    } finally {
      automine(true);
      rpc(chain.rpcUrl(), call("evm_mine", ""));
      chainAccess.destroy();
    }
    assertThat(paused(targets.accessControl())).isTrue();
  }

  @Test
  void anEstimateNamingABlockIsLeftAsItIs() throws Exception {
    proxy.estimateGasOnLatest(true);
    String tx = "{\"from\":\"" + chain.relayer().getAddress() + "\",\"to\":\"" + targets.accessControl()
        + "\",\"data\":\"" + PAUSE + "\"}";

    rpc(proxy.url(), call("eth_estimateGas", tx + ",\"pending\""));
    rpc(proxy.url(), call("eth_estimateGas", tx + ",\"0x1\""));

    assertThat(proxy.forwardedParams("eth_estimateGas")).extracting(params -> params.get(1).asText())
        .containsExactly("latest", "0x1");
    assertThat(proxy.rewrittenEstimates()).isEqualTo(1);
  }

  private void automine(boolean on) throws Exception {
    JsonNode answer = rpc(chain.rpcUrl(), call("evm_setAutomine", Boolean.toString(on)));
    assertThat(answer.has("error")).as("evm_setAutomine: %s", answer).isFalse();
  }

  private String sign(Credentials from, BigInteger nonce, String to, String data) throws IOException {
    BigInteger gasPrice = node.ethGasPrice().send().getGasPrice();
    RawTransaction raw = RawTransaction.createTransaction(nonce, gasPrice, BigInteger.valueOf(100_000), to,
        BigInteger.ZERO, data);
    return Numeric.toHexString(TransactionEncoder.signMessage(raw, chain.chainId(), from));
  }

  private BigInteger nonce(String address) throws IOException {
    return node.ethGetTransactionCount(address, DefaultBlockParameterName.PENDING).send().getTransactionCount();
  }

  private boolean paused(String contract) throws IOException {
    String result = node.ethCall(Transaction.createEthCallTransaction(null, contract, PAUSED),
        DefaultBlockParameterName.LATEST).send().getValue();
    return Numeric.toBigInt(result).signum() != 0;
  }

  private static String call(String method, String params) {
    return "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"" + method + "\",\"params\":[" + params + "]}";
  }

  private JsonNode rpc(String url, String body) throws IOException, InterruptedException {
    HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(url))
        .timeout(Duration.ofSeconds(30))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as("%s answered %s", url, response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }
}
