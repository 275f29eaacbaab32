package org.irflow.support.chain;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.math.BigInteger;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.irflow.containment.chain.SafeTransactions;
import org.irflow.support.JsonStubServer;
import org.irflow.support.JsonStubServer.Reply;
import org.irflow.support.JsonStubServer.Request;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint8;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Hash;
import org.web3j.crypto.Keys;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthCall;
import org.web3j.protocol.core.methods.response.EthLog;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.protocol.http.HttpService;
import org.web3j.utils.Numeric;

/**
 * A Safe Transaction Service for tests that holds the real service's rules, checked against the
 * local chain: it recomputes the SafeTx hash with the Safe's own getTransactionHash, refuses a nonce
 * below the Safe's nonce, accepts a proposal only from an owner (read with getOwners) or a delegate
 * ({@link #addDelegate}), and only when every signature recovers to an owner or delegate and one of
 * them is the sender; it answers 422 with the service's {"nonFieldErrors": [...]} otherwise, and 201
 * without a body on success. As in the real service, an owner's signature on the proposal is its
 * confirmation; a delegate's is not. {@link #confirm} adds an owner's confirmation with a real
 * signature, as an owner's wallet does. confirmationsRequired is the threshold read on-chain;
 * isExecuted and transactionHash come from the Safe's ExecutionSuccess/ExecutionFailure events once
 * the Safe's nonce has moved past the proposal (or from {@link #markExecuted}).
 *
 * <p>Endpoints (trailing slash required, as on the real service): POST /api/v2/safes/{a}/multisig-transactions/,
 * GET /api/v2/safes/{a}/multisig-transactions/?executed=false&amp;nonce__gte=N, GET /api/v2/multisig-transactions/{hash}/,
 * POST /api/v1/multisig-transactions/{hash}/confirmations/, GET /api/v1/safes/{a}/. Addresses in paths
 * must be checksummed. {@link #baseUrl()} is what irflow.containment.chains[].safe-transaction-service-url takes.
 */
public class SafeTransactionServiceStub implements AutoCloseable {

  private static final Pattern PROPOSE = Pattern.compile("/api/v2/safes/(0x[0-9a-fA-F]{40})/multisig-transactions/");
  private static final Pattern TRANSACTION = Pattern.compile("/api/v2/multisig-transactions/(0x[0-9a-fA-F]{64})/");
  private static final Pattern CONFIRMATIONS =
      Pattern.compile("/api/v1/multisig-transactions/(0x[0-9a-fA-F]{64})/confirmations/");
  private static final Pattern SAFE = Pattern.compile("/api/v1/safes/(0x[0-9a-fA-F]{40})/");
  private static final Pattern HASH = Pattern.compile("0x[0-9a-fA-F]{64}");
  private static final String EXECUTION_SUCCESS = Hash.sha3String("ExecutionSuccess(bytes32,uint256)");
  private static final String EXECUTION_FAILURE = Hash.sha3String("ExecutionFailure(bytes32,uint256)");

  private final LocalChain.Deployment chain;
  private final Web3j web3j;
  private final JsonStubServer server;
  private final Map<String, StoredProposal> proposals = new LinkedHashMap<>();
  private final Set<String> delegates = new LinkedHashSet<>();
  private int accepted;
  /** while set, an accepted proposal's 201 waits for it: the proposal is stored, its sender not yet told */
  private volatile CountDownLatch proposalAnswersHeld;
  private final AtomicInteger proposalAnswersWaiting = new AtomicInteger();
  /** while set, GET /api/v1/safes/{a}/ answers only once it is released (at most 60 s) */
  private volatile CountDownLatch safeAnswersHeld;
  /** while set, GET /api/v1/safes/{a}/ answers with its JSON document twice in one body */
  private volatile boolean safeAnswersRepeated;

  public SafeTransactionServiceStub(LocalChain.Deployment chain) {
    this.chain = chain;
    this.web3j = Web3j.build(new HttpService(chain.rpcUrl()));
    this.server = new JsonStubServer("safe-transaction-service", this::route,
        request -> Reply.of(401, Map.of("detail", "Authentication credentials were not provided.")));
  }

  /** Up to and including /api: the value of irflow.containment.chains[].safe-transaction-service-url. */
  public String baseUrl() {
    return server.rootUrl() + "/api";
  }

  /** From now on, requests need "Authorization: Bearer key" (the hosted service's API key); 401 otherwise. */
  public void requireApiKey(String key) {
    server.requireApiKey(key);
  }

  /** Registers a proposer delegate (the real service's /api/v2/delegates/): may propose, never confirms. */
  public synchronized void addDelegate(String address) {
    delegates.add(address.toLowerCase(Locale.ROOT));
  }

  /** Removes a proposer delegate, as its owner does in Safe{Wallet}. */
  public synchronized void removeDelegate(String address) {
    delegates.remove(address.toLowerCase(Locale.ROOT));
  }

  /** The next {@code times} requests answer {@code status} (429 with Retry-After, see {@link #retryAfterSeconds}). */
  public void failNext(int status, int times) {
    server.failNext(status, times);
  }

  /** The service is down: every request answers {@code status} (e.g. 503) until {@link #endOutage()}. */
  public void startOutage(int status) {
    server.startOutage(status);
  }

  public void endOutage() {
    server.endOutage();
  }

  public void retryAfterSeconds(int seconds) {
    server.retryAfterSeconds(seconds);
  }

  /** Accepted proposals (POST answered 201), repeated ones included. */
  public synchronized int proposals() {
    return accepted;
  }

  /**
   * From now on, an accepted proposal is stored at once but its 201 waits until {@link
   * #releaseProposalAnswers()} (at most 60 s): the proposer is caught between its request and the
   * answer, as when it dies in flight.
   */
  public void holdProposalAnswers() {
    proposalAnswersHeld = new CountDownLatch(1);
  }

  /** How many proposals are stored and waiting for their answer ({@link #holdProposalAnswers()}). */
  public int proposalAnswersWaiting() {
    return proposalAnswersWaiting.get();
  }

  /** The held answers go out (to whoever still listens), and later proposals are answered at once. */
  public void releaseProposalAnswers() {
    CountDownLatch held = proposalAnswersHeld;
    proposalAnswersHeld = null;
    if (held != null) {
      held.countDown();
    }
  }

  /**
   * From now on the Safe's own endpoint (GET /api/v1/safes/{a}/) answers only after {@link
   * #releaseSafeAnswers()}, at most 60 s later: for its caller, the answer never comes.
   */
  public void holdSafeAnswers() {
    safeAnswersHeld = new CountDownLatch(1);
  }

  /** The held answers of the Safe's endpoint go out, and later ones are answered at once. */
  public void releaseSafeAnswers() {
    CountDownLatch held = safeAnswersHeld;
    safeAnswersHeld = null;
    if (held != null) {
      held.countDown();
    }
  }

  /** While on, the Safe's endpoint answers its JSON document twice in one body, as a duplicated answer. */
  public void repeatSafeAnswers(boolean on) {
    safeAnswersRepeated = on;
  }

  /** "METHOD path?query" of every request, in order. */
  public List<String> requests() {
    return server.requests();
  }

  /** The Authorization header of every request ("" when absent), in order. */
  public List<String> authorizations() {
    return server.authorizations();
  }

  /** An owner confirms in its wallet: a real signature of the SafeTx hash, checked like the POST. */
  public void confirm(String safeTxHash, Credentials owner) {
    String signature = sign(safeTxHash, owner);
    synchronized (this) {
      StoredProposal proposal = proposals.get(safeTxHash.toLowerCase(Locale.ROOT));
      if (proposal == null) {
        throw new IllegalArgumentException("no proposal " + safeTxHash);
      }
      String problem = addConfirmations(proposal, signature);
      if (problem != null) {
        throw new IllegalArgumentException(problem);
      }
    }
  }

  /** The SafeTx hash of a transaction for the deployment's Safe, as the Safe's getTransactionHash computes it. */
  public String safeTxHash(org.irflow.containment.SafeTransaction tx) {
    return transactionHash(chain.safe(), tx.to(), tx.value(), tx.data() == null ? "0x" : tx.data(), tx.operation(),
        tx.safeTxGas(), tx.baseGas(), tx.gasPrice(), tx.gasToken(), tx.refundReceiver(), tx.nonce());
  }

  /** The deployment's Safe's nonce, read on-chain: the nonce of its next transaction. */
  public BigInteger safeNonce() {
    return uint(call(chain.safe(), new Function("nonce", List.of(), List.of(new TypeReference<Uint256>() {}))));
  }

  /** Marks a proposal executed (when a test executes it some other way than through the Safe's events). */
  public synchronized void markExecuted(String safeTxHash, String transactionHash) {
    StoredProposal proposal = proposals.get(safeTxHash.toLowerCase(Locale.ROOT));
    if (proposal == null) {
      throw new IllegalArgumentException("no proposal " + safeTxHash);
    }
    proposal.executed = true;
    proposal.successful = true;
    proposal.transactionHash = transactionHash;
  }

  @Override
  public void close() {
    server.close();
    web3j.shutdown();
  }

  // ---------------------------------------------------------------------------------------- routes

  private Reply route(Request request) throws IOException, InterruptedException {
    String path = request.path();
    Matcher m;
    if ((m = PROPOSE.matcher(path)).matches()) {
      Reply bad = checksumProblem(m.group(1));
      if (bad != null) {
        return bad;
      }
      if ("POST".equals(request.method())) {
        return propose(m.group(1), request.body());
      }
      if ("GET".equals(request.method())) {
        return list(m.group(1), request.query());
      }
    } else if ((m = TRANSACTION.matcher(path)).matches() && "GET".equals(request.method())) {
      return get(m.group(1));
    } else if ((m = CONFIRMATIONS.matcher(path)).matches() && "POST".equals(request.method())) {
      return postConfirmation(m.group(1), request.body());
    } else if ("/api/v2/delegates/".equals(path) && "GET".equals(request.method())) {
      return delegates(request.query());
    } else if ((m = SAFE.matcher(path)).matches() && "GET".equals(request.method())) {
      Reply bad = checksumProblem(m.group(1));
      CountDownLatch held = safeAnswersHeld;
      if (held != null) {
        held.await(60, TimeUnit.SECONDS);
      }
      Reply info = bad != null ? bad : safeInfo(m.group(1));
      if (safeAnswersRepeated && info.status() == 200) {
        String once = JsonStubServer.JSON.writeValueAsString(info.body());
        return new Reply(200, once + once, Map.of("Content-Type", "application/json"));
      }
      return info;
    }
    return Reply.of(404, Map.of("detail", "Not found."));
  }

  /**
   * GET /api/v2/delegates/?delegate=...: the service's paginated list; each delegate registered here is
   * one the Safe's first owner added for this Safe. The delegate address must be checksummed.
   */
  private Reply delegates(String query) throws IOException {
    Matcher delegate = Pattern.compile("(?:^|&)delegate=(0x[0-9a-fA-F]{40})").matcher(query == null ? "" : query);
    List<Map<String, Object>> results = new ArrayList<>();
    if (delegate.find()) {
      Reply bad = checksumProblem(delegate.group(1));
      if (bad != null) {
        return bad;
      }
      boolean registered;
      synchronized (this) {
        registered = delegates.contains(delegate.group(1).toLowerCase(Locale.ROOT));
      }
      if (registered) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("safe", Keys.toChecksumAddress(chain.safe()));
        result.put("delegate", delegate.group(1));
        result.put("delegator", Keys.toChecksumAddress(chain.owners().get(0).getAddress()));
        result.put("label", "irflow proposer");
        result.put("expiryDate", null);
        results.add(result);
      }
    }
    Map<String, Object> page = new LinkedHashMap<>();
    page.put("count", results.size());
    page.put("next", null);
    page.put("previous", null);
    page.put("results", results);
    return Reply.of(200, page);
  }

  private Reply propose(String safe, JsonNode body) throws IOException {
    if (body == null || !body.isObject()) {
      return Reply.of(400, Map.of("detail", "JSON parse error"));
    }
    Map<String, List<String>> fieldErrors = new LinkedHashMap<>();
    String to = address(body, "to", fieldErrors);
    String gasToken = address(body, "gasToken", fieldErrors);
    String refundReceiver = address(body, "refundReceiver", fieldErrors);
    String sender = address(body, "sender", fieldErrors);
    BigInteger value = number(body, "value", fieldErrors);
    BigInteger safeTxGas = number(body, "safeTxGas", fieldErrors);
    BigInteger baseGas = number(body, "baseGas", fieldErrors);
    BigInteger gasPrice = number(body, "gasPrice", fieldErrors);
    BigInteger nonce = number(body, "nonce", fieldErrors);
    BigInteger operation = number(body, "operation", fieldErrors);
    String hash = body.path("contractTransactionHash").asText("");
    if (!HASH.matcher(hash).matches()) {
      fieldErrors.put("contractTransactionHash", List.of("This field is required."));
    }
    String data = body.hasNonNull("data") ? body.get("data").asText() : "0x";
    if (!data.matches("0x([0-9a-fA-F]{2})*")) {
      fieldErrors.put("data", List.of("Cannot convert value to hex"));
    }
    String signature = body.hasNonNull("signature") ? body.get("signature").asText() : null;
    if (signature != null && !signature.matches("0x([0-9a-fA-F]{130})+")) {
      fieldErrors.put("signature", List.of("Ensure this field has at least 65 hexadecimal chars (not counting 0x)."));
    }
    if (operation != null && operation.intValue() != 0 && operation.intValue() != 1) {
      fieldErrors.put("operation", List.of("Operation must be 0 (call) or 1 (delegatecall)"));
    }
    if (!fieldErrors.isEmpty()) {
      return Reply.of(422, fieldErrors);
    }

    BigInteger safeNonce;
    List<String> owners;
    String onChainHash;
    try {
      safeNonce = uint(call(safe, new Function("nonce", List.of(), List.of(new TypeReference<Uint256>() {}))));
      owners = owners(safe);
      onChainHash = transactionHash(safe, to, value, data, operation.intValue(), safeTxGas, baseGas, gasPrice,
          gasToken, refundReceiver, nonce);
    } catch (IllegalStateException notASafe) {
      return rejected("Safe=" + safe + " does not exist or it's still not indexed");
    }
    if (nonce.compareTo(safeNonce) < 0) {
      return rejected("Nonce=" + nonce + " too low for safe with nonce=" + safeNonce);
    }
    if (!onChainHash.equalsIgnoreCase(hash)) {
      return rejected("Contract-transaction-hash=" + onChainHash + " does not match provided contract-tx-hash=" + hash);
    }
    Set<String> delegatesNow;
    synchronized (this) {
      delegatesNow = Set.copyOf(delegates);
    }
    boolean senderIsOwner = owners.contains(sender.toLowerCase(Locale.ROOT));
    if (!senderIsOwner && !delegatesNow.contains(sender.toLowerCase(Locale.ROOT))) {
      return rejected("Sender=" + sender + " is not an owner or delegate. Current owners=" + checksummed(owners)
          + ". Delegates=" + checksummed(delegatesNow));
    }
    List<String> signers = new ArrayList<>();
    List<String> signatures = new ArrayList<>();
    if (signature != null) {
      for (String one : split(signature)) {
        String signer;
        try {
          signer = recover(onChainHash, one);
        } catch (IllegalArgumentException invalid) {
          return rejected("Signature=" + one + " for owner=unknown is not valid");
        }
        if (!owners.contains(signer) && !delegatesNow.contains(signer)) {
          return rejected("Signer=" + Keys.toChecksumAddress(signer) + " is not an owner or delegate. Current owners="
              + checksummed(owners) + ". Delegates=" + checksummed(delegatesNow));
        }
        if (signers.contains(signer)) {
          return rejected("Signature for owner=" + Keys.toChecksumAddress(signer) + " is duplicated");
        }
        signers.add(signer);
        signatures.add(one);
      }
      if (!signers.contains(sender.toLowerCase(Locale.ROOT))) {
        return rejected("Signature does not match sender=" + sender + ". Calculated owners=" + checksummed(signers));
      }
    }

    synchronized (this) {
      StoredProposal proposal = proposals.computeIfAbsent(onChainHash.toLowerCase(Locale.ROOT),
          key -> new StoredProposal(Keys.toChecksumAddress(safe), onChainHash.toLowerCase(Locale.ROOT), to, value,
              data, operation.intValue(), safeTxGas, baseGas, gasPrice, gasToken, refundReceiver, nonce,
              senderIsOwner ? sender : null, senderIsOwner ? null : sender,
              body.hasNonNull("origin") ? body.get("origin").asText() : null));
      for (int i = 0; i < signers.size(); i++) {
        if (owners.contains(signers.get(i))) {
          proposal.confirmations.putIfAbsent(signers.get(i), new StoredConfirmation(
              Keys.toChecksumAddress(signers.get(i)), signatures.get(i), now()));
        }
      }
      accepted++;
    }
    CountDownLatch held = proposalAnswersHeld;
    if (held != null) {
      proposalAnswersWaiting.incrementAndGet();
      try {
        held.await(60, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        proposalAnswersWaiting.decrementAndGet();
      }
    }
    return Reply.of(201, null);
  }

  private Reply get(String safeTxHash) throws IOException {
    StoredProposal proposal;
    synchronized (this) {
      proposal = proposals.get(safeTxHash.toLowerCase(Locale.ROOT));
    }
    if (proposal == null) {
      return Reply.of(404, Map.of("detail", "No MultisigTransaction matches the given query."));
    }
    return Reply.of(200, json(proposal));
  }

  private Reply list(String safe, String query) throws IOException {
    Map<String, String> params = new LinkedHashMap<>();
    if (query != null) {
      for (String pair : query.split("&")) {
        int eq = pair.indexOf('=');
        if (eq > 0) {
          params.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
      }
    }
    List<StoredProposal> matching;
    synchronized (this) {
      matching = proposals.values().stream().filter(p -> p.safe.equalsIgnoreCase(safe)).toList();
    }
    List<Map<String, Object>> results = new ArrayList<>();
    for (StoredProposal proposal : matching) {
      Map<String, Object> json = json(proposal);
      if (params.containsKey("executed")
          && Boolean.parseBoolean(params.get("executed")) != (Boolean) json.get("isExecuted")) {
        continue;
      }
      if (params.containsKey("nonce__gte") && proposal.nonce.compareTo(new BigInteger(params.get("nonce__gte"))) < 0) {
        continue;
      }
      results.add(json);
    }
    results.sort((a, b) -> new BigInteger(b.get("nonce").toString()).compareTo(new BigInteger(a.get("nonce").toString())));
    Map<String, Object> page = new LinkedHashMap<>();
    page.put("count", results.size());
    page.put("next", null);
    page.put("previous", null);
    page.put("results", results);
    return Reply.of(200, page);
  }

  private Reply postConfirmation(String safeTxHash, JsonNode body) {
    synchronized (this) {
      StoredProposal proposal = proposals.get(safeTxHash.toLowerCase(Locale.ROOT));
      if (proposal == null) {
        return Reply.of(404, Map.of("detail", "Multisig transaction with safe-tx-hash=" + safeTxHash + " was not found"));
      }
      String signature = body == null ? "" : body.path("signature").asText("");
      if (!signature.matches("0x([0-9a-fA-F]{130})+")) {
        return Reply.of(400, Map.of("signature", List.of("Ensure this field has at least 65 hexadecimal chars (not counting 0x).")));
      }
      if (proposal.executed) {
        return Reply.of(400, Map.of("signature", List.of("Transaction with safe-tx-hash=" + safeTxHash + " was already executed")));
      }
      String problem = addConfirmations(proposal, signature);
      if (problem != null) {
        return Reply.of(400, Map.of("signature", List.of(problem)));
      }
      return Reply.of(201, Map.of("signature", signature));
    }
  }

  private Reply safeInfo(String safe) throws IOException {
    String code = web3j.ethGetCode(safe, DefaultBlockParameterName.LATEST).send().getCode();
    if (code == null || "0x".equals(code)) {
      return Reply.of(404, Map.of("code", 50, "message", "Cannot find Safe with address=" + safe));
    }
    Map<String, Object> info = new LinkedHashMap<>();
    info.put("address", Keys.toChecksumAddress(safe));
    info.put("nonce", uint(call(safe, new Function("nonce", List.of(), List.of(new TypeReference<Uint256>() {})))).toString());
    info.put("threshold", threshold(safe));
    info.put("owners", checksummed(owners(safe)));
    info.put("modules", List.of());
    info.put("guard", "0x0000000000000000000000000000000000000000");
    info.put("version", "1.5.0");
    return Reply.of(200, info);
  }

  // ---------------------------------------------------------------------------------------- rules

  /** Adds the owners' signatures; null when all were valid, else the real service's message. */
  private String addConfirmations(StoredProposal proposal, String signature) {
    List<String> owners = owners(proposal.safe);
    List<String[]> adding = new ArrayList<>();
    for (String one : split(signature)) {
      String signer;
      try {
        signer = recover(proposal.safeTxHash, one);
      } catch (IllegalArgumentException invalid) {
        return "Signature=" + one + " for owner=unknown is not valid";
      }
      if (!owners.contains(signer)) {
        return "Signer=" + Keys.toChecksumAddress(signer) + " is not an owner. Current owners=" + checksummed(owners);
      }
      if (adding.stream().anyMatch(a -> a[0].equals(signer))) {
        return "Signature for owner=" + Keys.toChecksumAddress(signer) + " is duplicated";
      }
      adding.add(new String[] {signer, one});
    }
    for (String[] a : adding) {
      proposal.confirmations.putIfAbsent(a[0], new StoredConfirmation(Keys.toChecksumAddress(a[0]), a[1], now()));
    }
    return null;
  }

  private Map<String, Object> json(StoredProposal p) throws IOException {
    trackExecution(p);
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("safe", p.safe);
    json.put("to", p.to);
    json.put("value", p.value.toString());
    json.put("data", "0x".equals(p.data) ? null : p.data);
    json.put("operation", p.operation);
    json.put("gasToken", p.gasToken);
    json.put("safeTxGas", p.safeTxGas.toString());
    json.put("baseGas", p.baseGas.toString());
    json.put("gasPrice", p.gasPrice.toString());
    json.put("refundReceiver", p.refundReceiver);
    json.put("nonce", p.nonce.toString());
    json.put("safeTxHash", p.safeTxHash);
    json.put("proposer", p.proposer);
    json.put("proposedByDelegate", p.proposedByDelegate);
    json.put("origin", p.origin);
    json.put("submissionDate", p.submissionDate);
    json.put("executionDate", p.executed ? p.executionDate : null);
    json.put("isExecuted", p.executed);
    json.put("isSuccessful", p.executed ? p.successful : null);
    json.put("transactionHash", p.transactionHash);
    json.put("confirmationsRequired", threshold(p.safe));
    List<Map<String, Object>> confirmations = new ArrayList<>();
    synchronized (this) {
      for (StoredConfirmation c : p.confirmations.values()) {
        confirmations.add(Map.of("owner", c.owner, "signature", c.signature, "signatureType", "EOA",
            "submissionDate", c.submissionDate));
      }
    }
    json.put("confirmations", confirmations);
    json.put("trusted", !confirmations.isEmpty());
    json.put("signatures", null);
    return json;
  }

  /** Once the Safe's nonce has passed the proposal, looks for its ExecutionSuccess/Failure event. */
  private void trackExecution(StoredProposal p) throws IOException {
    if (p.executed) {
      return;
    }
    BigInteger safeNonce = uint(call(p.safe, new Function("nonce", List.of(), List.of(new TypeReference<Uint256>() {}))));
    if (safeNonce.compareTo(p.nonce) <= 0) {
      return;
    }
    EthFilter filter = new EthFilter(org.web3j.protocol.core.DefaultBlockParameterName.EARLIEST,
        DefaultBlockParameterName.LATEST, p.safe);
    filter.addOptionalTopics(EXECUTION_SUCCESS, EXECUTION_FAILURE);
    EthLog logs = web3j.ethGetLogs(filter).send();
    if (logs.hasError()) {
      throw new IOException("eth_getLogs: " + logs.getError().getMessage());
    }
    for (EthLog.LogResult<?> result : logs.getLogs()) {
      Log log = (Log) result.get();
      String txHash = log.getTopics().size() > 1 ? log.getTopics().get(1)
          : Numeric.cleanHexPrefix(log.getData()).length() >= 64 ? "0x" + Numeric.cleanHexPrefix(log.getData()).substring(0, 64) : "";
      if (txHash.equalsIgnoreCase(p.safeTxHash)) {
        var block = web3j.ethGetBlockByHash(log.getBlockHash(), false).send().getBlock();
        synchronized (this) {
          p.executed = true;
          p.successful = EXECUTION_SUCCESS.equalsIgnoreCase(log.getTopics().get(0));
          p.transactionHash = log.getTransactionHash();
          p.executionDate = OffsetDateTime.ofInstant(java.time.Instant.ofEpochSecond(block.getTimestamp().longValue()),
              ZoneOffset.UTC).toString();
        }
        return;
      }
    }
  }

  private String transactionHash(String safe, String to, BigInteger value, String data, int operation,
      BigInteger safeTxGas, BigInteger baseGas, BigInteger gasPrice, String gasToken, String refundReceiver,
      BigInteger nonce) {
    Function function = new Function("getTransactionHash", List.of(new Address(to), new Uint256(value),
        new DynamicBytes(Numeric.hexStringToByteArray(data)), new Uint8(operation), new Uint256(safeTxGas),
        new Uint256(baseGas), new Uint256(gasPrice), new Address(gasToken), new Address(refundReceiver),
        new Uint256(nonce)), List.of(new TypeReference<Bytes32>() {}));
    List<Type> out = call(safe, function);
    return Numeric.toHexString(((Bytes32) out.get(0)).getValue());
  }

  private List<String> owners(String safe) {
    List<Type> out = call(safe, new Function("getOwners", List.of(),
        List.of(new TypeReference<DynamicArray<Address>>() {})));
    @SuppressWarnings("unchecked")
    List<Address> owners = ((DynamicArray<Address>) out.get(0)).getValue();
    return owners.stream().map(a -> a.getValue().toLowerCase(Locale.ROOT)).toList();
  }

  private int threshold(String safe) {
    return uint(call(safe, new Function("getThreshold", List.of(), List.of(new TypeReference<Uint256>() {})))).intValueExact();
  }

  @SuppressWarnings("rawtypes")
  private List<Type> call(String contract, Function function) {
    try {
      EthCall result = web3j.ethCall(Transaction.createEthCallTransaction(null, contract,
          FunctionEncoder.encode(function)), DefaultBlockParameterName.LATEST).send();
      if (result.hasError() || result.isReverted() || result.getValue() == null || "0x".equals(result.getValue())) {
        throw new IllegalStateException(function.getName() + " on " + contract + " failed");
      }
      List<Type> decoded = FunctionReturnDecoder.decode(result.getValue(), function.getOutputParameters());
      if (decoded.isEmpty()) {
        throw new IllegalStateException(function.getName() + " on " + contract + " returned nothing");
      }
      return decoded;
    } catch (IOException e) {
      throw new IllegalStateException("cannot reach the local chain", e);
    }
  }

  private static BigInteger uint(List<Type> out) {
    return (BigInteger) out.get(0).getValue();
  }

  // ---------------------------------------------------------------------------------------- signatures

  /** An owner's wallet signing the SafeTx hash (EIP-712 digest, no message prefix): r||s||v, v 27/28. */
  static String sign(String safeTxHash, Credentials owner) {
    return SafeTransactions.sign(safeTxHash, Numeric.toHexStringWithPrefixZeroPadded(
        owner.getEcKeyPair().getPrivateKey(), 64));
  }

  /** The address (lower case) that made a 65-byte EOA signature: v 27/28 over the hash, v 31/32 eth_sign. */
  static String recover(String safeTxHash, String signature) {
    return SafeTransactions.recoverSigner(safeTxHash, signature);
  }

  private static List<String> split(String signatures) {
    String hex = Numeric.cleanHexPrefix(signatures);
    List<String> out = new ArrayList<>();
    for (int i = 0; i + 130 <= hex.length(); i += 130) {
      out.add("0x" + hex.substring(i, i + 130));
    }
    return out;
  }

  // ---------------------------------------------------------------------------------------- helpers

  private static Reply rejected(String message) {
    return Reply.of(422, Map.of("nonFieldErrors", List.of(message)));
  }

  private static Reply checksumProblem(String address) {
    if (!Keys.toChecksumAddress(address).equals(address)) {
      return Reply.of(422, Map.of("code", 1, "message", "Checksum address validation failed",
          "arguments", List.of(address)));
    }
    return null;
  }

  private static String address(JsonNode body, String field, Map<String, List<String>> errors) {
    JsonNode node = body.get(field);
    if (node == null || node.isNull() || !node.asText().matches("0x[0-9a-fA-F]{40}")) {
      errors.put(field, List.of(node == null || node.isNull() ? "This field is required." : "Invalid address"));
      return null;
    }
    String address = node.asText();
    if (!Keys.toChecksumAddress(address).equals(address)) {
      errors.put(field, List.of("Address " + address + " is not checksumed"));
      return null;
    }
    return address;
  }

  private static BigInteger number(JsonNode body, String field, Map<String, List<String>> errors) {
    JsonNode node = body.get(field);
    if (node == null || node.isNull()) {
      errors.put(field, List.of("This field is required."));
      return null;
    }
    try {
      BigInteger value = new BigInteger(node.asText());
      if (value.signum() < 0) {
        errors.put(field, List.of("Ensure this value is greater than or equal to 0."));
        return null;
      }
      return value;
    } catch (NumberFormatException e) {
      errors.put(field, List.of("A valid integer is required."));
      return null;
    }
  }

  private static List<String> checksummed(java.util.Collection<String> addresses) {
    return addresses.stream().map(Keys::toChecksumAddress).toList();
  }

  private static String now() {
    return OffsetDateTime.now(ZoneOffset.UTC).toString();
  }

  Optional<StoredProposal> stored(String safeTxHash) {
    synchronized (this) {
      return Optional.ofNullable(proposals.get(safeTxHash.toLowerCase(Locale.ROOT)));
    }
  }

  static final class StoredProposal {
    final String safe;
    final String safeTxHash;
    final String to;
    final BigInteger value;
    final String data;
    final int operation;
    final BigInteger safeTxGas;
    final BigInteger baseGas;
    final BigInteger gasPrice;
    final String gasToken;
    final String refundReceiver;
    final BigInteger nonce;
    final String proposer;
    final String proposedByDelegate;
    final String origin;
    final String submissionDate = now();
    final Map<String, StoredConfirmation> confirmations = new LinkedHashMap<>();
    boolean executed;
    Boolean successful;
    String transactionHash;
    String executionDate;

    StoredProposal(String safe, String safeTxHash, String to, BigInteger value, String data, int operation,
        BigInteger safeTxGas, BigInteger baseGas, BigInteger gasPrice, String gasToken, String refundReceiver,
        BigInteger nonce, String proposer, String proposedByDelegate, String origin) {
      this.safe = safe;
      this.safeTxHash = safeTxHash;
      this.to = to;
      this.value = value;
      this.data = data;
      this.operation = operation;
      this.safeTxGas = safeTxGas;
      this.baseGas = baseGas;
      this.gasPrice = gasPrice;
      this.gasToken = gasToken;
      this.refundReceiver = refundReceiver;
      this.nonce = nonce;
      this.proposer = proposer;
      this.proposedByDelegate = proposedByDelegate;
      this.origin = origin;
    }
  }

  record StoredConfirmation(String owner, String signature, String submissionDate) {}
}
