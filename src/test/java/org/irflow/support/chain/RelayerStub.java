package org.irflow.support.chain;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.math.BigInteger;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.irflow.support.JsonStubServer;
import org.irflow.support.JsonStubServer.Reply;
import org.irflow.support.JsonStubServer.Request;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Hash;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.TransactionEncoder;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthEstimateGas;
import org.web3j.protocol.core.methods.response.EthSendTransaction;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.http.HttpService;
import org.web3j.utils.Numeric;

/**
 * An OpenZeppelin Relayer for tests that really relays: POST /api/v1/relayers/{id}/transactions checks
 * the bearer key (401 otherwise), signs the transaction with the deployment's relayer key (which holds
 * PAUSER_ROLE on the AccessControl target) for the node's chain id, sends it raw to the local node and
 * answers {success, data: {id, hash, status: "submitted", nonce, ...}, error}; GET
 * /api/v1/relayers/{id}/transactions/{txId} reports the status from the node: submitted while there is
 * no receipt, mined, confirmed once a later block exists, failed when the receipt's status is 0.
 * {@link #baseUrl()} is the server root, the value of irflow.containment.relayer.url.
 */
public class RelayerStub implements AutoCloseable {

  /** The relayer id the stub serves by default (pausers "relayer:local-pauser"). */
  public static final String RELAYER_ID = "local-pauser";
  /** The bearer key the stub expects by default. */
  public static final String API_KEY = "test-relayer-api-key-0123456789abcdef";

  private static final Pattern SUBMIT = Pattern.compile("/api/v1/relayers/([^/]+)/transactions");
  private static final Pattern STATUS = Pattern.compile("/api/v1/relayers/([^/]+)/transactions/([^/]+)");
  private static final BigInteger DEFAULT_GAS_LIMIT = BigInteger.valueOf(300_000);

  private final LocalChain.Deployment chain;
  private final Web3j web3j;
  private final String relayerId;
  private final JsonStubServer server;
  private final Map<String, Relayed> transactions = new LinkedHashMap<>();
  private final Object sendLock = new Object();
  private volatile boolean failTransactions;
  private int submissions;

  public RelayerStub(LocalChain.Deployment chain) {
    this(chain, RELAYER_ID, API_KEY);
  }

  public RelayerStub(LocalChain.Deployment chain, String relayerId, String apiKey) {
    this.chain = chain;
    this.relayerId = relayerId;
    this.web3j = Web3j.build(new HttpService(chain.rpcUrl()));
    this.server = new JsonStubServer("relayer", this::route,
        request -> Reply.of(401, envelope(false, null, "Unauthorized")));
    server.requireApiKey(apiKey);
  }

  /** The server root (the client adds /api/v1/...): the value of irflow.containment.relayer.url. */
  public String baseUrl() {
    return server.rootUrl();
  }

  public String relayerId() {
    return relayerId;
  }

  /** The next {@code times} requests answer {@code status} (429 with Retry-After: 1). */
  public void failNext(int status, int times) {
    server.failNext(status, times);
  }

  /** The relayer is down: every request answers {@code status} (e.g. 503) until {@link #endOutage()}. */
  public void startOutage(int status) {
    server.startOutage(status);
  }

  public void endOutage() {
    server.endOutage();
  }

  /**
   * While true, submissions are accepted (status pending) but never sent, and their status is failed,
   * as when the relayer cannot get a transaction mined.
   */
  public void failTransactions(boolean fail) {
    this.failTransactions = fail;
  }

  /** Accepted submissions (POST answered with success). */
  public synchronized int submissions() {
    return submissions;
  }

  /** "METHOD path" of every request, in order. */
  public java.util.List<String> requests() {
    return server.requests();
  }

  /** The Authorization header of every request ("" when absent), in order. */
  public java.util.List<String> authorizations() {
    return server.authorizations();
  }

  /** The chain transaction hash the stub sent for a relayer transaction id, if any. */
  public synchronized Optional<String> hashOf(String transactionId) {
    return Optional.ofNullable(transactions.get(transactionId)).map(t -> t.hash);
  }

  @Override
  public void close() {
    server.close();
    web3j.shutdown();
  }

  private Reply route(Request request) throws IOException {
    Matcher m;
    if ((m = SUBMIT.matcher(request.path())).matches() && "POST".equals(request.method())) {
      if (!relayerId.equals(m.group(1))) {
        return Reply.of(404, envelope(false, null, "Relayer with ID " + m.group(1) + " not found"));
      }
      return submit(request.body());
    }
    if ((m = STATUS.matcher(request.path())).matches() && "GET".equals(request.method())) {
      if (!relayerId.equals(m.group(1))) {
        return Reply.of(404, envelope(false, null, "Relayer with ID " + m.group(1) + " not found"));
      }
      return status(m.group(2));
    }
    return Reply.of(404, envelope(false, null, "Not found"));
  }

  private Reply submit(JsonNode body) throws IOException {
    if (body == null || !body.path("to").asText("").matches("0x[0-9a-fA-F]{40}")) {
      return Reply.of(400, envelope(false, null, "Invalid transaction request: to is required"));
    }
    String to = body.get("to").asText();
    String data = body.path("data").asText("0x");
    BigInteger value = new BigInteger(body.path("value").asText("0"));
    String id = UUID.randomUUID().toString();
    Relayed relayed;
    if (failTransactions) {
      relayed = new Relayed(id, null, BigInteger.ZERO, true, to, data, body.path("speed").asText("fast"));
    } else {
      try {
        relayed = send(id, to, value, data, body);
      } catch (NotSent e) {
        return Reply.of(400, envelope(false, null, "Failed to send transaction: " + e.getMessage()));
      }
    }
    synchronized (this) {
      transactions.put(id, relayed);
      submissions++;
    }
    return Reply.of(200, envelope(true, json(relayed, failTransactions ? "pending" : "submitted"), null));
  }

  /** Signs with the relayer key and sends raw; one at a time, so that nonces do not collide. */
  private Relayed send(String id, String to, BigInteger value, String data, JsonNode body) throws IOException {
    synchronized (sendLock) {
      Credentials relayer = chain.relayer();
      long chainId = web3j.ethChainId().send().getChainId().longValue();
      BigInteger nonce = web3j.ethGetTransactionCount(relayer.getAddress(), DefaultBlockParameterName.PENDING)
          .send().getTransactionCount();
      BigInteger gasPrice = web3j.ethGasPrice().send().getGasPrice();
      BigInteger gasLimit = body.hasNonNull("gas_limit") ? new BigInteger(body.get("gas_limit").asText())
          : estimate(relayer.getAddress(), to, data);
      RawTransaction raw = RawTransaction.createTransaction(nonce, gasPrice, gasLimit, to, value, data);
      String signed = Numeric.toHexString(TransactionEncoder.signMessage(raw, chainId, relayer));
      String hash = Hash.sha3(signed);
      EthSendTransaction sent = web3j.ethSendRawTransaction(signed).send();
      if (sent.hasError() && !isRevert(sent.getError().getMessage())) {
        throw new NotSent(sent.getError().getMessage());
      }
      return new Relayed(id, sent.getTransactionHash() != null ? sent.getTransactionHash() : hash, nonce, false,
          to, data, body.path("speed").asText("fast"));
    }
  }

  private Reply status(String id) throws IOException {
    Relayed relayed;
    synchronized (this) {
      relayed = transactions.get(id);
    }
    if (relayed == null) {
      return Reply.of(404, envelope(false, null, "Transaction with ID " + id + " not found"));
    }
    if (relayed.failed) {
      return Reply.of(200, envelope(true, json(relayed, "failed"), null));
    }
    Optional<TransactionReceipt> receipt = web3j.ethGetTransactionReceipt(relayed.hash).send().getTransactionReceipt();
    String status;
    if (receipt.isEmpty()) {
      status = "submitted";
    } else if (!receipt.get().isStatusOK()) {
      status = "failed";
    } else {
      BigInteger latest = web3j.ethBlockNumber().send().getBlockNumber();
      status = latest.compareTo(receipt.get().getBlockNumber()) > 0 ? "confirmed" : "mined";
    }
    return Reply.of(200, envelope(true, json(relayed, status), null));
  }

  private BigInteger estimate(String from, String to, String data) throws IOException {
    EthEstimateGas estimate = web3j.ethEstimateGas(Transaction.createFunctionCallTransaction(from, null, null, null,
        to, data)).send();
    if (estimate.hasError() || estimate.getAmountUsed() == null) {
      return DEFAULT_GAS_LIMIT;
    }
    return estimate.getAmountUsed().multiply(BigInteger.valueOf(12)).divide(BigInteger.TEN);
  }

  /** Hardhat mines a reverting transaction and still answers eth_sendRawTransaction with an error. */
  private static boolean isRevert(String message) {
    return message != null && message.toLowerCase().contains("revert");
  }

  private Map<String, Object> json(Relayed relayed, String status) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("id", relayed.id);
    data.put("hash", relayed.hash);
    data.put("status", status);
    data.put("status_reason", "failed".equals(status) && relayed.failed ? "injected failure" : null);
    data.put("created_at", relayed.createdAt);
    data.put("relayer_id", relayerId);
    data.put("nonce", relayed.nonce);
    data.put("to", relayed.to);
    data.put("data", relayed.data);
    data.put("value", "0");
    data.put("speed", relayed.speed);
    return data;
  }

  private static Map<String, Object> envelope(boolean success, Object data, String error) {
    Map<String, Object> envelope = new LinkedHashMap<>();
    envelope.put("success", success);
    envelope.put("data", data);
    envelope.put("error", error);
    return envelope;
  }

  private static final class NotSent extends RuntimeException {
    NotSent(String message) {
      super(message);
    }
  }

  private static final class Relayed {
    final String id;
    final String hash;
    final BigInteger nonce;
    final boolean failed;
    final String to;
    final String data;
    final String speed;
    final String createdAt = OffsetDateTime.now(ZoneOffset.UTC).toString();

    Relayed(String id, String hash, BigInteger nonce, boolean failed, String to, String data, String speed) {
      this.id = id;
      this.hash = hash;
      this.nonce = nonce;
      this.failed = failed;
      this.to = to;
      this.data = data;
      this.speed = speed;
    }
  }
}
