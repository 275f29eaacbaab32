package org.irflow.containment.chain;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import org.irflow.containment.ChainAccess;
import org.irflow.containment.ContainmentProperties;
import org.irflow.containment.SafeTransaction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Bool;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint8;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Hash;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.TransactionEncoder;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthBlock;
import org.web3j.protocol.core.methods.response.EthCall;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.response.EthEstimateGas;
import org.web3j.protocol.core.methods.response.EthLog;
import org.web3j.protocol.core.methods.response.EthGetTransactionReceipt;
import org.web3j.protocol.core.methods.response.EthSendTransaction;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.http.HttpService;
import org.web3j.utils.Numeric;

/**
 * {@link ChainAccess} with web3j: one client per RPC URL of irflow.containment.chains, tried in order;
 * an I/O failure or an RPC error that is not a revert moves on to the next URL. Reverts are answers,
 * not failures. execTransaction is signed locally with irflow.containment.keys.executor (never logged)
 * and sent as a raw transaction.
 */
@Component
public class Web3jChainAccess implements ChainAccess, DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(Web3jChainAccess.class);

  static final String PAUSED_TOPIC = Hash.sha3String("Paused(address)");
  static final String EXECUTION_SUCCESS_TOPIC = Hash.sha3String("ExecutionSuccess(bytes32,uint256)");
  static final String EXECUTION_FAILURE_TOPIC = Hash.sha3String("ExecutionFailure(bytes32,uint256)");

  /**
   * The whole of one JSON-RPC request (connect, send, answer): a slower endpoint counts as failed and
   * the next one is tried. It bounds how long a pause job can run, which the job lock time must exceed
   * (docs/operations.md, "Job locks, take-over and timeouts").
   */
  static final Duration RPC_CALL_TIMEOUT = Duration.ofSeconds(2);

  private final Map<Long, List<Endpoint>> chains = new LinkedHashMap<>();
  private final Credentials executor;
  private final OkHttpClient http;
  private final RevertReasons revertReasons;

  public Web3jChainAccess(ContainmentProperties properties, ObjectMapper json) {
    this.revertReasons = new RevertReasons(json);
    this.http = new OkHttpClient.Builder()
        .protocols(List.of(Protocol.HTTP_1_1))
        .connectTimeout(RPC_CALL_TIMEOUT)
        .readTimeout(RPC_CALL_TIMEOUT)
        .writeTimeout(RPC_CALL_TIMEOUT)
        .callTimeout(RPC_CALL_TIMEOUT)
        .build();
    for (ContainmentProperties.Chain chain : properties.chains()) {
      List<Endpoint> endpoints = new ArrayList<>();
      for (String url : chain.rpcUrls() == null ? List.<String>of() : chain.rpcUrls()) {
        if (url != null && !url.isBlank()) {
          endpoints.add(new Endpoint(redact(url), Web3j.build(new HttpService(url.trim(), http))));
        }
      }
      chains.put(chain.chainId(), List.copyOf(endpoints));
    }
    String executorKey = properties.keys() == null ? null : properties.keys().executor();
    this.executor = executorKey == null || executorKey.isBlank() ? null : credentials(executorKey);
  }

  /** The key's account; the message of a bad key never repeats the key. */
  private static Credentials credentials(String privateKeyHex) {
    String hex = Numeric.cleanHexPrefix(privateKeyHex.trim());
    if (!hex.matches("[0-9a-fA-F]{64}")) {
      throw new IllegalStateException("irflow.containment.keys.executor is not a private key (64 hex digits)");
    }
    return Credentials.create(hex);
  }

  @Override
  public boolean configured(long chainId) {
    return !chains.getOrDefault(chainId, List.of()).isEmpty();
  }

  @Override
  public Optional<String> simulate(long chainId, String from, String to, String data) {
    Transaction call = Transaction.createEthCallTransaction(from, to, data);
    return onChain(chainId, "simulate", web3j -> {
      EthCall result = web3j.ethCall(call, DefaultBlockParameterName.LATEST).send();
      if (result.hasError()) {
        return Optional.of(revertOrFail(result));
      }
      if (result.isReverted()) {
        return Optional.of(Optional.ofNullable(RevertReasons.decode(result.getValue())).orElse("reverted"));
      }
      EthEstimateGas estimate = web3j.ethEstimateGas(call).send();
      if (estimate.hasError()) {
        return Optional.of(revertOrFail(estimate));
      }
      return Optional.<String>empty();
    });
  }

  @Override
  public SafeState safeState(long chainId, String safe) {
    return onChain(chainId, "safeState", web3j -> {
      List<Type> owners = call(web3j, safe, new Function("getOwners", List.of(),
          List.of(new TypeReference<DynamicArray<Address>>() {})));
      List<Type> threshold = call(web3j, safe, new Function("getThreshold", List.of(),
          List.of(new TypeReference<Uint256>() {})));
      List<Type> nonce = call(web3j, safe, new Function("nonce", List.of(), List.of(new TypeReference<Uint256>() {})));
      @SuppressWarnings("unchecked")
      List<Address> addresses = ((DynamicArray<Address>) owners.get(0)).getValue();
      return new SafeState(
          addresses.stream().map(a -> a.getValue().toLowerCase(Locale.ROOT)).toList(),
          ((BigInteger) threshold.get(0).getValue()).intValueExact(),
          (BigInteger) nonce.get(0).getValue());
    });
  }

  @Override
  public String onChainSafeTransactionHash(long chainId, String safe, SafeTransaction tx) {
    Function function = new Function("getTransactionHash", List.of(
        new Address(tx.to()), new Uint256(tx.value()), new DynamicBytes(Numeric.hexStringToByteArray(tx.data())),
        new Uint8(tx.operation()), new Uint256(tx.safeTxGas()), new Uint256(tx.baseGas()),
        new Uint256(tx.gasPrice()), new Address(tx.gasToken()), new Address(tx.refundReceiver()),
        new Uint256(tx.nonce())), List.of(new TypeReference<Bytes32>() {}));
    return onChain(chainId, "getTransactionHash", web3j ->
        Numeric.toHexString(((Bytes32) call(web3j, safe, function).get(0)).getValue()));
  }

  /**
   * Signs and sends execTransaction at once: for a person executing outside a pause (tests, Safe{Wallet}
   * stand-ins). The pause path signs, records, then broadcasts, so that a retry never signs again.
   */
  @Override
  public String executeSafeTransaction(long chainId, String safe, SafeTransaction tx, String signatures) {
    SignedTransaction signed = signSafeExecution(chainId, safe, tx, signatures);
    broadcast(chainId, signed.raw());
    return signed.hash();
  }

  /**
   * Simulates execTransaction from the executor, then signs it with an explicit nonce (the executor's
   * pending count) and the node's gas price; gas = estimate x 1.3 + 50,000.
   */
  @Override
  public SignedTransaction signSafeExecution(long chainId, String safe, SafeTransaction tx, String signatures) {
    if (executor == null) {
      throw new IllegalStateException("no executor key: set irflow.containment.keys.executor");
    }
    String data = execTransactionData(tx, signatures);
    String from = executor.getAddress();
    Transaction call = Transaction.createEthCallTransaction(from, safe, data);
    return onChain(chainId, "sign execTransaction", web3j -> {
      EthEstimateGas estimate = web3j.ethEstimateGas(call).send();
      if (estimate.hasError()) {
        throw new TransactionReverted(revertOrFail(estimate));
      }
      BigInteger gasLimit = estimate.getAmountUsed().multiply(BigInteger.valueOf(13)).divide(BigInteger.TEN)
          .add(BigInteger.valueOf(50_000));
      BigInteger gasPrice = checked(web3j.ethGasPrice().send()).getGasPrice();
      BigInteger nonce = checked(web3j.ethGetTransactionCount(from, DefaultBlockParameterName.PENDING).send())
          .getTransactionCount();
      RawTransaction raw = RawTransaction.createTransaction(nonce, gasPrice, gasLimit, safe, BigInteger.ZERO, data);
      String signed = Numeric.toHexString(TransactionEncoder.signMessage(raw, chainId, executor));
      return new SignedTransaction(hashOf(signed), signed, nonce);
    });
  }

  static String hashOf(String signedTransaction) {
    return Numeric.toHexString(Hash.sha3(Numeric.hexStringToByteArray(signedTransaction)));
  }

  /** The same signed bytes on each endpoint in turn; an endpoint that already has them has sent them. */
  @Override
  public void broadcast(long chainId, String signedTransaction) {
    onChain(chainId, "sendRawTransaction", web3j -> {
      EthSendTransaction sent = web3j.ethSendRawTransaction(signedTransaction).send();
      if (sent.hasError()) {
        String message = String.valueOf(sent.getError().getMessage()).toLowerCase(Locale.ROOT);
        if (message.contains("already known") || message.contains("known transaction")
            || message.contains("already imported") || message.contains("already in")) {
          return null;
        }
        if (message.contains("nonce too low") || message.contains("nonce has already been used")) {
          // mined already (ours, then the caller finds the receipt) or the nonce went to another
          // transaction (then the caller finds no receipt and signs a replacement)
          return null;
        }
        throw new RpcFailure("eth_sendRawTransaction: " + sent.getError().getMessage());
      }
      return null;
    });
  }

  @Override
  public TransactionState transactionState(long chainId, String transactionHash) {
    return onChain(chainId, "transactionState", web3j -> {
      Optional<TransactionReceipt> receipt = checked(web3j.ethGetTransactionReceipt(transactionHash).send())
          .getTransactionReceipt();
      if (receipt.isPresent() && receipt.get().getBlockNumberRaw() != null) {
        return TransactionState.MINED;
      }
      return checked(web3j.ethGetTransactionByHash(transactionHash).send()).getTransaction().isPresent()
          ? TransactionState.PENDING : TransactionState.UNKNOWN;
    });
  }

  @Override
  public BigInteger minedNonce(long chainId, String account) {
    return onChain(chainId, "minedNonce", web3j ->
        checked(web3j.ethGetTransactionCount(account, DefaultBlockParameterName.LATEST).send()).getTransactionCount());
  }

  @Override
  public String executorAddress() {
    return executor == null ? null : executor.getAddress();
  }

  @Override
  public long blockNumber(long chainId) {
    return onChain(chainId, "blockNumber", web3j ->
        checked(web3j.ethBlockNumber().send()).getBlockNumber().longValueExact());
  }

  /** ExecutionSuccess(bytes32 txHash, uint256 payment): the SafeTx hash is the first word of the data. */
  @Override
  public Optional<SafeExecution> safeExecution(long chainId, String safe, String safeTxHash, long fromBlock) {
    EthFilter filter = new EthFilter(DefaultBlockParameter.valueOf(BigInteger.valueOf(fromBlock)),
        DefaultBlockParameterName.LATEST, safe);
    filter.addOptionalTopics(EXECUTION_SUCCESS_TOPIC, EXECUTION_FAILURE_TOPIC);
    return onChain(chainId, "safeExecution", web3j -> {
      EthLog logs = checked(web3j.ethGetLogs(filter).send());
      for (EthLog.LogResult<?> result : logs.getLogs()) {
        Log entry = (Log) result.get();
        String hash = entry.getTopics().size() > 1 ? entry.getTopics().get(1) : firstWord(entry.getData());
        if (safeTxHash.equalsIgnoreCase(hash)) {
          return Optional.of(new SafeExecution(entry.getTransactionHash(),
              EXECUTION_SUCCESS_TOPIC.equalsIgnoreCase(entry.getTopics().get(0))));
        }
      }
      return Optional.<SafeExecution>empty();
    });
  }

  private static String firstWord(String data) {
    String hex = Numeric.cleanHexPrefix(data == null ? "" : data);
    return hex.length() >= 64 ? "0x" + hex.substring(0, 64) : "";
  }

  @Override
  public Optional<Receipt> receipt(long chainId, String transactionHash) {
    return onChain(chainId, "receipt", web3j -> {
      EthGetTransactionReceipt response = checked(web3j.ethGetTransactionReceipt(transactionHash).send());
      Optional<TransactionReceipt> found = response.getTransactionReceipt();
      if (found.isEmpty() || found.get().getBlockNumberRaw() == null) {
        return Optional.<Receipt>empty();
      }
      TransactionReceipt receipt = found.get();
      EthBlock block = checked(web3j.ethGetBlockByNumber(
          DefaultBlockParameter.valueOf(receipt.getBlockNumber()), false).send());
      Instant blockTime = block.getBlock() == null ? null
          : Instant.ofEpochSecond(block.getBlock().getTimestamp().longValueExact());
      List<String> paused = new ArrayList<>();
      Boolean safeExecution = null;
      String to = receipt.getTo() == null ? "" : receipt.getTo();
      for (Log entry : receipt.getLogs()) {
        if (entry.getTopics() == null || entry.getTopics().isEmpty()) {
          continue;
        }
        String topic = entry.getTopics().get(0);
        if (PAUSED_TOPIC.equalsIgnoreCase(topic)) {
          paused.add(entry.getAddress().toLowerCase(Locale.ROOT));
        } else if (to.equalsIgnoreCase(entry.getAddress()) && EXECUTION_SUCCESS_TOPIC.equalsIgnoreCase(topic)) {
          safeExecution = Boolean.TRUE;
        } else if (to.equalsIgnoreCase(entry.getAddress()) && EXECUTION_FAILURE_TOPIC.equalsIgnoreCase(topic)) {
          safeExecution = Boolean.FALSE;
        }
      }
      return Optional.of(new Receipt(receipt.getTransactionHash(), receipt.getBlockNumber().longValueExact(),
          blockTime, receipt.isStatusOK(), List.copyOf(paused), safeExecution));
    });
  }

  @Override
  public boolean paused(long chainId, String contract) {
    return onChain(chainId, "paused", web3j -> {
      EthCall result = web3j.ethCall(
          Transaction.createEthCallTransaction(null, contract, SafeTransactions.PAUSED),
          DefaultBlockParameterName.LATEST).send();
      if (result.hasError()) {
        throw new TransactionReverted("paused() on " + contract + ": " + revertOrFail(result));
      }
      String value = Numeric.cleanHexPrefix(result.getValue() == null ? "" : result.getValue());
      if (value.isEmpty()) {
        throw new TransactionReverted("paused() on " + contract + " returned nothing: is it a Pausable contract?");
      }
      return new BigInteger(value, 16).signum() != 0;
    });
  }

  @Override
  public long nodeChainId(long chainId) {
    return onChain(chainId, "chainId", web3j -> checked(web3j.ethChainId().send()).getChainId().longValueExact());
  }

  @Override
  public BigInteger balance(long chainId, String account) {
    return onChain(chainId, "balance", web3j ->
        checked(web3j.ethGetBalance(account, DefaultBlockParameterName.LATEST).send()).getBalance());
  }

  @Override
  public BigInteger gasPrice(long chainId) {
    return onChain(chainId, "gasPrice", web3j -> checked(web3j.ethGasPrice().send()).getGasPrice());
  }

  @Override
  public String safeVersion(long chainId, String safe) {
    Function version = new Function("VERSION", List.of(), List.of(new TypeReference<Utf8String>() {}));
    return onChain(chainId, "VERSION", web3j -> (String) call(web3j, safe, version).get(0).getValue());
  }

  @Override
  public String owner(long chainId, String contract) {
    Function owner = new Function("owner", List.of(), List.of(new TypeReference<Address>() {}));
    return onChain(chainId, "owner", web3j ->
        ((Address) call(web3j, contract, owner).get(0)).getValue().toLowerCase(Locale.ROOT));
  }

  @Override
  public boolean hasRole(long chainId, String contract, String role, String account) {
    Function hasRole = new Function("hasRole",
        List.of(new Bytes32(Numeric.hexStringToByteArray(role)), new Address(account)),
        List.of(new TypeReference<Bool>() {}));
    return onChain(chainId, "hasRole", web3j -> (Boolean) call(web3j, contract, hasRole).get(0).getValue());
  }

  /** execTransaction(to, value, data, operation, safeTxGas, baseGas, gasPrice, gasToken, refundReceiver, signatures) */
  public static String execTransactionData(SafeTransaction tx, String signatures) {
    return FunctionEncoder.encode(new Function("execTransaction", List.of(
        new Address(tx.to()), new Uint256(tx.value()), new DynamicBytes(Numeric.hexStringToByteArray(tx.data())),
        new Uint8(tx.operation()), new Uint256(tx.safeTxGas()), new Uint256(tx.baseGas()),
        new Uint256(tx.gasPrice()), new Address(tx.gasToken()), new Address(tx.refundReceiver()),
        new DynamicBytes(Numeric.hexStringToByteArray(signatures))), List.of(new TypeReference<Bool>() {})));
  }

  @Override
  public void destroy() {
    chains.values().forEach(endpoints -> endpoints.forEach(e -> e.web3j().shutdown()));
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
  }

  // ---------------------------------------------------------------------------------------------

  private record Endpoint(String label, Web3j web3j) {}

  @FunctionalInterface
  private interface RpcCall<T> {
    T apply(Web3j web3j) throws IOException;
  }

  /** Runs the call on each endpoint of the chain in order until one answers. */
  private <T> T onChain(long chainId, String what, RpcCall<T> call) {
    List<Endpoint> endpoints = chains.getOrDefault(chainId, List.of());
    if (endpoints.isEmpty()) {
      throw new ChainUnavailable("no RPC endpoint configured for chain " + chainId);
    }
    List<String> failures = new ArrayList<>();
    for (Endpoint endpoint : endpoints) {
      try {
        return call.apply(endpoint.web3j());
      } catch (IOException | RpcFailure e) {
        failures.add(endpoint.label() + ": " + e.getMessage());
        log.warn("chain {}: {} failed at {} ({}){}", chainId, what, endpoint.label(), e.getMessage(),
            endpoint == endpoints.get(endpoints.size() - 1) ? "" : "; trying the next RPC endpoint");
      }
    }
    throw new ChainUnavailable("chain " + chainId + ": " + what + " failed at every RPC endpoint: " + failures);
  }

  private List<Type> call(Web3j web3j, String to, Function function) throws IOException {
    EthCall result = web3j.ethCall(Transaction.createEthCallTransaction(null, to, FunctionEncoder.encode(function)),
        DefaultBlockParameterName.LATEST).send();
    if (result.hasError()) {
      throw new TransactionReverted(function.getName() + " on " + to + ": " + revertOrFail(result));
    }
    List<Type> values = FunctionReturnDecoder.decode(result.getValue(), function.getOutputParameters());
    if (values.isEmpty()) {
      throw new TransactionReverted(function.getName() + " on " + to + " returned nothing: is it the right contract?");
    }
    return values;
  }

  /** The revert reason of an error response; any other RPC error fails over to the next endpoint. */
  private String revertOrFail(Response<?> response) {
    if (revertReasons.isRevert(response.getError())) {
      return revertReasons.reason(response.getError());
    }
    throw new RpcFailure(response.getError().getCode() + " " + response.getError().getMessage());
  }

  private static <R extends Response<?>> R checked(R response) {
    if (response.hasError()) {
      throw new RpcFailure(response.getError().getCode() + " " + response.getError().getMessage());
    }
    return response;
  }

  /** scheme://host[:port]/path without user info or query (API keys often hide there). */
  static String redact(String url) {
    try {
      java.net.URI uri = java.net.URI.create(url.trim());
      String path = uri.getPath() == null ? "" : uri.getPath();
      if (path.length() > 1) {
        path = "/...";
      }
      return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "") + path;
    } catch (RuntimeException e) {
      return "(rpc url)";
    }
  }

  /** An RPC error that is not a revert: the endpoint failed, try the next. */
  static final class RpcFailure extends RuntimeException {
    RpcFailure(String message) {
      super(message);
    }
  }
}
