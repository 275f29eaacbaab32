package org.irflow.support.chain;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.math.BigInteger;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
 * no receipt, mined, confirmed once a later block exists, failed when the receipt's status is 0. GET
 * /api/v1/relayers/{id}/transactions?page=&amp;per_page=&amp;status= lists them newest first with the
 * relayer's pagination block, as the real relayer does (src/api/controllers/relayer.rs,
 * list_transactions); GET /api/v1/relayers/{id} answers the relayer's details with its account address. {@link #baseUrl()} is the server root, the value of irflow.containment.relayer.url.
 *
 * <p>Faults of the submission: {@link #loseNextSubmissionAnswer(int)} (sent, but the answer is lost
 * on the way back) and {@link #rejectNextSubmission(int, String)} (refused, nothing sent).
 */
public class RelayerStub implements AutoCloseable {

  /** The relayer id the stub serves by default (pausers "relayer:local-pauser"). */
  public static final String RELAYER_ID = "local-pauser";
  /** The bearer key the stub expects by default. */
  public static final String API_KEY = "test-relayer-api-key-0123456789abcdef";

  private static final Pattern RELAYER = Pattern.compile("/api/v1/relayers/([^/]+)");
  private static final Pattern SUBMIT = Pattern.compile("/api/v1/relayers/([^/]+)/transactions");
  private static final Pattern STATUS = Pattern.compile("/api/v1/relayers/([^/]+)/transactions/([^/]+)");
  private static final BigInteger DEFAULT_GAS_LIMIT = BigInteger.valueOf(300_000);
  /** The relayer's TransactionStatus values (serde lowercase). */
  private static final Set<String> STATUSES = Set.of("canceled", "pending", "sent", "submitted", "mined",
      "confirmed", "failed", "expired");
  /** chrono's to_rfc3339(): nanoseconds and a numeric offset (+00:00, never Z). */
  private static final DateTimeFormatter RFC3339 = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSSxxx",
      Locale.ROOT);

  private final LocalChain.Deployment chain;
  private final Web3j web3j;
  private final String relayerId;
  private final JsonStubServer server;
  private final Map<String, Relayed> transactions = new LinkedHashMap<>();
  private final Object sendLock = new Object();
  private volatile boolean failTransactions;
  private int submissions;
  private Integer loseNextAnswer;
  private Reply rejectNext;

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

  /**
   * The next POST of a transaction is handled as usual (sent to the chain, counted in
   * {@link #submissions()}, listed, readable by GET), but its answer is lost on the way back: the client
   * gets {@code status} (e.g. 502, 504) with a reverse proxy's plain HTML error page instead, as when a
   * proxy in front of the relayer times out or drops the relayer's answer.
   */
  public synchronized void loseNextSubmissionAnswer(int status) {
    if (status < 400 || status > 599) {
      throw new IllegalArgumentException("not an error status: " + status);
    }
    this.loseNextAnswer = status;
  }

  /**
   * The next POST of a transaction is refused with {@code status} (a 4xx) and the relayer's error
   * envelope {success: false, data: null, error}, and nothing is sent or recorded, as the real relayer
   * refuses a request (e.g. 400 "gas_limit is too low, intrinsic gas is 21064 and gas_limit is 100",
   * 400 "Insufficient balance: ...", 403 "Relayer paused").
   */
  public synchronized void rejectNextSubmission(int status, String error) {
    if (status < 400 || status > 499) {
      throw new IllegalArgumentException("not a 4xx status: " + status);
    }
    this.rejectNext = Reply.of(status, envelope(false, null, error));
  }

  /** Accepted submissions (POST handled by the relayer, whether or not its answer reached the client). */
  public synchronized int submissions() {
    return submissions;
  }

  /** "METHOD path" of every request, in order. */
  public List<String> requests() {
    return server.requests();
  }

  /** The Authorization header of every request ("" when absent), in order. */
  public List<String> authorizations() {
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
    if ((m = RELAYER.matcher(request.path())).matches() && "GET".equals(request.method())) {
      if (!relayerId.equals(m.group(1))) {
        return Reply.of(404, envelope(false, null, "Relayer with ID " + m.group(1) + " not found"));
      }
      Map<String, Object> relayer = new LinkedHashMap<>();
      relayer.put("id", relayerId);
      relayer.put("name", "Local pauser");
      relayer.put("network", "localhost");
      relayer.put("network_type", "evm");
      relayer.put("address", chain.relayer().getAddress());
      relayer.put("paused", false);
      relayer.put("system_disabled", false);
      return Reply.of(200, envelope(true, relayer, null));
    }
    if ((m = SUBMIT.matcher(request.path())).matches() && "POST".equals(request.method())) {
      if (!relayerId.equals(m.group(1))) {
        return Reply.of(404, envelope(false, null, "Relayer with ID " + m.group(1) + " not found"));
      }
      Integer lose;
      Reply reject;
      synchronized (this) {
        lose = loseNextAnswer;
        reject = rejectNext;
        loseNextAnswer = null;
        rejectNext = null;
      }
      if (reject != null) {
        return reject;
      }
      Reply reply = submit(request.body());
      return lose == null ? reply : Reply.of(lose, gatewayErrorPage(lose));
    }
    if ((m = SUBMIT.matcher(request.path())).matches() && "GET".equals(request.method())) {
      if (!relayerId.equals(m.group(1))) {
        return Reply.of(404, envelope(false, null, "Relayer with ID " + m.group(1) + " not found"));
      }
      return list(request.query());
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
      relayed = new Relayed(id, null, null, null, true, to, data, body.path("speed").asText("fast"));
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
      return new Relayed(id, sent.getTransactionHash() != null ? sent.getTransactionHash() : hash, nonce, gasLimit,
          false, to, data, body.path("speed").asText("fast"));
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
    return Reply.of(200, envelope(true, json(relayed, statusOf(relayed)), null));
  }

  /**
   * One page, newest first (the real relayer sorts by created_at descending); page starts at 1,
   * per_page defaults to 10; status filters case-insensitively. The real relayer does not check page 0
   * (it underflows): the stub refuses it with 400 so that a client bug shows.
   */
  private Reply list(String query) throws IOException {
    Map<String, String> params = new LinkedHashMap<>();
    if (query != null) {
      for (String pair : query.split("&")) {
        int eq = pair.indexOf('=');
        if (!pair.isEmpty()) {
          params.put(eq < 0 ? pair : pair.substring(0, eq), eq < 0 ? "" : pair.substring(eq + 1));
        }
      }
    }
    int page;
    int perPage;
    try {
      page = Integer.parseInt(params.getOrDefault("page", "1"));
      perPage = Integer.parseInt(params.getOrDefault("per_page", "10"));
    } catch (NumberFormatException e) {
      return Reply.of(400, "Query deserialize error: invalid digit found in string");
    }
    if (page < 1 || perPage < 1) {
      return Reply.of(400, envelope(false, null, "page and per_page must be at least 1"));
    }
    String wanted = params.get("status");
    if (wanted != null && !STATUSES.contains(wanted.toLowerCase(Locale.ROOT))) {
      return Reply.of(400, "Query deserialize error: unknown transaction status: " + wanted);
    }
    List<Relayed> newestFirst;
    synchronized (this) {
      newestFirst = new ArrayList<>(transactions.values());
    }
    Collections.reverse(newestFirst);
    List<Map<String, Object>> all = new ArrayList<>();
    for (Relayed relayed : newestFirst) {
      String status = statusOf(relayed);
      if (wanted == null || wanted.equalsIgnoreCase(status)) {
        all.add(json(relayed, status));
      }
    }
    long from = (long) (page - 1) * perPage;
    List<Map<String, Object>> items = from >= all.size() ? List.of()
        : all.subList((int) from, (int) Math.min(all.size(), from + perPage));
    Map<String, Object> pagination = new LinkedHashMap<>();
    pagination.put("current_page", page);
    pagination.put("per_page", perPage);
    pagination.put("total_items", all.size());
    Map<String, Object> envelope = envelope(true, items, null);
    envelope.put("pagination", pagination);
    return Reply.of(200, envelope);
  }

  /** The node's view of a sent transaction; a transaction the stub never sent is failed. */
  private String statusOf(Relayed relayed) throws IOException {
    if (relayed.failed) {
      return "failed";
    }
    Optional<TransactionReceipt> receipt = web3j.ethGetTransactionReceipt(relayed.hash).send().getTransactionReceipt();
    if (receipt.isEmpty()) {
      return "submitted";
    }
    if (!receipt.get().isStatusOK()) {
      return "failed";
    }
    BigInteger latest = web3j.ethBlockNumber().send().getBlockNumber();
    return latest.compareTo(receipt.get().getBlockNumber()) > 0 ? "confirmed" : "mined";
  }

  /** What nginx answers when the upstream's answer does not come back. */
  private static String gatewayErrorPage(int status) {
    String title = status + switch (status) {
      case 502 -> " Bad Gateway";
      case 503 -> " Service Temporarily Unavailable";
      case 504 -> " Gateway Time-out";
      default -> "";
    };
    return "<html>\r\n<head><title>" + title + "</title></head>\r\n<body>\r\n<center><h1>" + title
        + "</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";
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

  /**
   * The fields of the relayer's EvmTransactionResponse (src/models/transaction/response.rs), in its
   * order; gas prices are decimal strings there, value a 0x-hex U256, nonce and gas_limit numbers.
   */
  private Map<String, Object> json(Relayed relayed, String status) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("id", relayed.id);
    data.put("hash", relayed.hash);
    data.put("status", status);
    data.put("status_reason", "failed".equals(status) && relayed.failed ? "injected failure" : null);
    data.put("created_at", relayed.createdAt);
    data.put("sent_at", relayed.hash == null ? null : relayed.createdAt);
    data.put("confirmed_at", null);
    data.put("gas_price", null);
    data.put("gas_limit", relayed.gasLimit);
    data.put("nonce", relayed.nonce);
    data.put("value", "0x0");
    data.put("from", chain.relayer().getAddress());
    data.put("to", relayed.to);
    data.put("relayer_id", relayerId);
    data.put("data", relayed.data);
    data.put("max_fee_per_gas", null);
    data.put("max_priority_fee_per_gas", null);
    data.put("signature", null);
    data.put("speed", relayed.speed);
    data.put("is_canceled", false);
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
    final BigInteger gasLimit;
    final boolean failed;
    final String to;
    final String data;
    final String speed;
    final String createdAt = OffsetDateTime.now(ZoneOffset.UTC).format(RFC3339);

    Relayed(String id, String hash, BigInteger nonce, BigInteger gasLimit, boolean failed, String to, String data,
        String speed) {
      this.id = id;
      this.hash = hash;
      this.nonce = nonce;
      this.gasLimit = gasLimit;
      this.failed = failed;
      this.to = to;
      this.data = data;
      this.speed = speed;
    }
  }
}
