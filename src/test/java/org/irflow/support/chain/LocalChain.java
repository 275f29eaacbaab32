package org.irflow.support.chain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.irflow.security.PublicDevelopmentKeys;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.methods.response.EthSendTransaction;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.exceptions.TransactionException;
import org.web3j.protocol.http.HttpService;
import org.web3j.tx.RawTransactionManager;
import org.web3j.tx.response.PollingTransactionReceiptProcessor;
import org.web3j.utils.Numeric;

/**
 * JUnit 5 extension: a real local chain for the test JVM. {@code @ExtendWith(LocalChain.class)} on a
 * test class starts one hardhat node (chain/, chain id 31337) on a free loopback port the first time,
 * deploys Safe 1.5.0 (singleton, SafeProxyFactory, CompatibilityFallbackHandler, MultiSendCallOnly)
 * and a 2-of-3 Safe proxy, and stops the node (with its children) when the JVM's tests end. Read it
 * with {@link #deployment()}; fresh target contracts per test with {@link Deployment#deployTargets()}.
 *
 * <p>Needs {@code cd chain && npm ci && npm run compile} first (.ci/run does it). Accounts are
 * hardhat's public test accounts: #0 deploys, #1..#3 own the Safe, #4 is the relayer, #5 the executor.
 * The node's log goes to target/local-chain.log.
 *
 * <p>{@link #main} starts a node on a fixed port for trying irflow by hand.
 */
public class LocalChain implements BeforeAllCallback {

  /** hardhat's default accounts #0..#9 (mnemonic "test test ... junk"): publicly known, test only. */
  static final List<String> HARDHAT_KEYS = PublicDevelopmentKeys.HARDHAT;

  public static final long CHAIN_ID = 31337;
  static final String ZERO = "0x0000000000000000000000000000000000000000";
  static final BigInteger GAS_LIMIT = BigInteger.valueOf(12_000_000);
  static final String SETUP_HINT = "cd chain && npm ci && npm run compile";

  private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(LocalChain.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Map<String, JsonNode> ARTIFACTS = new ConcurrentHashMap<>();
  private static volatile Deployment deployment;
  private static RunningNode node;
  private static volatile Path chainDir;

  /** The account that deploys everything (hardhat #0); admin of the AccessControl targets. */
  public static Credentials deployer() {
    return Credentials.create(HARDHAT_KEYS.get(0));
  }

  /** A funded hardhat account (0..9), e.g. for a test that needs a stranger. */
  public static Credentials account(int index) {
    return Credentials.create(HARDHAT_KEYS.get(index));
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(RunningNode.class, key -> {
      ensureStarted();
      return node;
    }, RunningNode.class);
  }

  /**
   * The chain and its Safe. Normally after the extension ran; called earlier (e.g. from a Spring
   * context loaded before the extension's beforeAll, as with @TestInstance(PER_CLASS)), it starts the
   * node itself, and a shutdown hook stops it when the JVM exits.
   */
  public static Deployment deployment() {
    Deployment current = deployment;
    return current != null ? current : ensureStarted();
  }

  private static synchronized Deployment ensureStarted() {
    if (deployment == null) {
      RunningNode started = RunningNode.start(0);
      try {
        deployment = deploySafe(started.rpcUrl());
      } catch (RuntimeException e) {
        started.close();
        throw e;
      }
      node = started;
    }
    return deployment;
  }

  /**
   * The local chain and its 2-of-3 Safe.
   *
   * @param owners the Safe's owners, sorted by address
   * @param relayer a funded account that is not an owner (holds PAUSER_ROLE on accessControl targets)
   * @param executor a funded account that is not an owner (pays for execTransaction)
   */
  public record Deployment(String rpcUrl, long chainId, String safe, List<Credentials> owners, int threshold,
      String multiSendCallOnly, Credentials relayer, Credentials executor) {

    /** Fresh targets (paused is sticky), deployed by {@link #deployer()}. */
    public Targets deployTargets() {
      try (Sender sender = new Sender(rpcUrl, deployer())) {
        String deployerAddress = deployer().getAddress();
        String ownable = sender.deploy("OwnablePausableTarget", new Address(safe));
        String accessControl = sender.deploy("AccessControlPausableTarget", new Address(deployerAddress),
            new DynamicArray<>(Address.class, new Address(safe), new Address(relayer.getAddress())));
        String notPausableBySafe = sender.deploy("OwnablePausableTarget", new Address(deployerAddress));
        return new Targets(ownable, accessControl, notPausableBySafe);
      }
    }

    /** A loopback URL where nothing listens (first RPC endpoint in fail-over tests). */
    public String unreachableRpcUrl() {
      return LocalChain.unreachableRpcUrl();
    }
  }

  /**
   * @param ownable Ownable+Pausable owned by the Safe
   * @param accessControl AccessControl+Pausable; PAUSER_ROLE held by the Safe and the relayer
   * @param notPausableBySafe Ownable+Pausable owned by the deployer: the Safe's pause() reverts
   *     with OwnableUnauthorizedAccount(safe)
   */
  public record Targets(String ownable, String accessControl, String notPausableBySafe) {}

  /**
   * Sends a transaction from a funded account (e.g. the relayer) to the local chain and waits until
   * it is mined; returns its hash. Fails when it reverts.
   */
  public static String sendAs(Credentials from, String to, String data) {
    try (Sender sender = new Sender(deployment().rpcUrl(), from)) {
      return sender.call(to, data).getTransactionHash();
    }
  }

  /** A loopback URL where nothing listens. */
  public static String unreachableRpcUrl() {
    return "http://127.0.0.1:" + freePort() + "/";
  }

  // ---------------------------------------------------------------------------------------------
  // the node

  /** The hardhat node process; closed by JUnit at the end of the test plan, or by a shutdown hook. */
  static final class RunningNode implements ExtensionContext.Store.CloseableResource {
    private final Process process;
    private final String rpcUrl;
    private final Thread shutdownHook;

    private RunningNode(Process process, String rpcUrl) {
      this.process = process;
      this.rpcUrl = rpcUrl;
      this.shutdownHook = new Thread(this::stop, "local-chain-stop");
      Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    String rpcUrl() {
      return rpcUrl;
    }

    /** Starts hardhat node on the port (0: a free one) and waits until eth_chainId answers. */
    static RunningNode start(int fixedPort) {
      Path dir = chainDir();
      IllegalStateException last = null;
      for (int attempt = 0; attempt < 3; attempt++) {
        int port = fixedPort > 0 ? fixedPort : freePort();
        Path log = logFile();
        ProcessBuilder builder = new ProcessBuilder("node",
            dir.resolve("node_modules/hardhat/internal/cli/bootstrap.js").toString(),
            "node", "--hostname", "127.0.0.1", "--port", String.valueOf(port))
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
        builder.environment().put("HARDHAT_DISABLE_TELEMETRY_PROMPT", "true");
        builder.environment().put("NO_COLOR", "1");
        Process process;
        try {
          process = builder.start();
        } catch (IOException e) {
          throw new IllegalStateException("cannot start `node` for the local chain (is Node.js on the PATH?): "
              + e.getMessage(), e);
        }
        String rpcUrl = "http://127.0.0.1:" + port + "/";
        RunningNode node = new RunningNode(process, rpcUrl);
        try {
          node.awaitReady(Duration.ofSeconds(90), log);
          return node;
        } catch (IllegalStateException e) {
          node.close();
          last = e;
          if (fixedPort > 0) {
            break;
          }
        }
      }
      throw last;
    }

    private void awaitReady(Duration timeout, Path log) {
      HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(1)).build();
      HttpRequest request = HttpRequest.newBuilder(URI.create(rpcUrl))
          .header("Content-Type", "application/json")
          .timeout(Duration.ofSeconds(2))
          .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_chainId\",\"params\":[]}"))
          .build();
      long deadline = System.nanoTime() + timeout.toNanos();
      while (System.nanoTime() < deadline) {
        if (!process.isAlive()) {
          throw new IllegalStateException("the hardhat node stopped at start (exit " + process.exitValue()
              + "); its log " + log + " ends with:\n" + tail(log));
        }
        try {
          HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
          if (response.statusCode() == 200 && response.body().contains("\"result\"")) {
            long chainId = Numeric.toBigInt(JSON.readTree(response.body()).get("result").asText()).longValueExact();
            if (chainId != CHAIN_ID) {
              throw new IllegalStateException("the node at " + rpcUrl + " answers chain id " + chainId);
            }
            return;
          }
        } catch (IOException e) {
          // not listening yet
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted while waiting for the local chain", e);
        }
        sleep(100);
      }
      throw new IllegalStateException("the hardhat node did not answer eth_chainId within " + timeout
          + "; its log " + log + " ends with:\n" + tail(log));
    }

    /** Destroys the node and any process it started. */
    synchronized void stop() {
      if (!process.isAlive()) {
        return;
      }
      List<ProcessHandle> descendants = process.descendants().toList();
      process.destroy();
      descendants.forEach(ProcessHandle::destroy);
      try {
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
          process.destroyForcibly();
          process.waitFor(5, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        process.destroyForcibly();
        Thread.currentThread().interrupt();
      }
      descendants.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    @Override
    public void close() {
      stop();
      try {
        Runtime.getRuntime().removeShutdownHook(shutdownHook);
      } catch (IllegalStateException e) {
        // already shutting down
      }
    }

    void waitFor() throws InterruptedException {
      process.waitFor();
    }
  }

  /** chain/ of this project: from Maven's basedir (or the working directory) upwards. */
  static Path chainDir() {
    Path known = chainDir;
    if (known != null) {
      return known;
    }
    String base = System.getProperty("basedir", System.getProperty("maven.multiModuleProjectDirectory",
        System.getProperty("user.dir")));
    Path dir = Path.of(base).toAbsolutePath();
    while (dir != null && !Files.isRegularFile(dir.resolve("chain/package.json"))) {
      dir = dir.getParent();
    }
    if (dir == null) {
      throw new IllegalStateException("no chain/package.json above " + base);
    }
    Path chain = dir.resolve("chain");
    if (!Files.isRegularFile(chain.resolve("node_modules/hardhat/internal/cli/bootstrap.js"))) {
      throw new IllegalStateException("the local chain is not installed: run `" + SETUP_HINT
          + "` in the project (" + chain + "/node_modules is missing)");
    }
    for (String contract : List.of("Safe", "SafeProxyFactory", "CompatibilityFallbackHandler", "MultiSendCallOnly",
        "OwnablePausableTarget", "AccessControlPausableTarget")) {
      if (!Files.isRegularFile(chain.resolve("build/" + contract + ".json"))) {
        throw new IllegalStateException("the local chain's contracts are not compiled: run `" + SETUP_HINT
            + "` in the project (" + chain + "/build/" + contract + ".json is missing)");
      }
    }
    chainDir = chain;
    return chain;
  }

  private static Path logFile() {
    Path target = chainDir().getParent().resolve("target");
    try {
      Files.createDirectories(target);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return target.resolve("local-chain.log");
  }

  private static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    } catch (IOException e) {
      return "(unreadable: " + e.getMessage() + ")";
    }
  }

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // deployment

  /** Deploys Safe 1.5.0 and a 2-of-3 Safe proxy owned by hardhat accounts #1..#3. */
  static Deployment deploySafe(String rpcUrl) {
    List<Credentials> owners = new ArrayList<>(List.of(account(1), account(2), account(3)));
    owners.sort(Comparator.comparing(c -> Numeric.toBigInt(c.getAddress())));
    int threshold = 2;
    try (Sender sender = new Sender(rpcUrl, deployer())) {
      String singleton = sender.deploy("Safe");
      String factory = sender.deploy("SafeProxyFactory");
      String fallbackHandler = sender.deploy("CompatibilityFallbackHandler");
      String multiSendCallOnly = sender.deploy("MultiSendCallOnly");
      String initializer = FunctionEncoder.encode(new Function("setup", List.of(
          new DynamicArray<>(Address.class, owners.stream().map(c -> new Address(c.getAddress())).toList()),
          new Uint256(threshold),
          new Address(ZERO),
          new DynamicBytes(new byte[0]),
          new Address(fallbackHandler),
          new Address(ZERO),
          new Uint256(0),
          new Address(ZERO)), List.of()));
      TransactionReceipt receipt = sender.call(factory, FunctionEncoder.encode(new Function("createProxyWithNonce",
          List.of(new Address(singleton), new DynamicBytes(Numeric.hexStringToByteArray(initializer)),
              new Uint256(0)), List.of())));
      String proxyCreation = org.web3j.crypto.Hash.sha3String("ProxyCreation(address,address)");
      String safe = receipt.getLogs().stream()
          .filter(log -> log.getTopics().size() > 1 && proxyCreation.equalsIgnoreCase(log.getTopics().get(0)))
          .map(log -> "0x" + log.getTopics().get(1).substring(26))
          .findFirst()
          .orElseThrow(() -> new IllegalStateException("no ProxyCreation event in " + receipt));
      return new Deployment(rpcUrl, CHAIN_ID, safe.toLowerCase(Locale.ROOT), List.copyOf(owners), threshold,
          multiSendCallOnly, account(4), account(5));
    }
  }

  static JsonNode artifact(String contract) {
    return ARTIFACTS.computeIfAbsent(contract, name -> {
      File file = chainDir().resolve("build/" + name + ".json").toFile();
      try {
        return JSON.readTree(file);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + file, e);
      }
    });
  }

  /** Sends raw transactions from one funded account, one at a time, waiting for each receipt. */
  static final class Sender implements AutoCloseable {
    private static final Object LOCK = new Object();
    private final Web3j web3j;
    private final RawTransactionManager transactions;
    private final PollingTransactionReceiptProcessor receipts;

    Sender(String rpcUrl, Credentials credentials) {
      this.web3j = Web3j.build(new HttpService(rpcUrl));
      this.receipts = new PollingTransactionReceiptProcessor(web3j, 100, 600);
      this.transactions = new RawTransactionManager(web3j, credentials, CHAIN_ID, receipts);
    }

    @SafeVarargs
    final String deploy(String contract, Type<?>... constructorArguments) {
      String bytecode = artifact(contract).get("bytecode").asText();
      String arguments = constructorArguments.length == 0 ? ""
          : FunctionEncoder.encodeConstructor(List.of(constructorArguments));
      TransactionReceipt receipt = send(null, bytecode + arguments);
      if (receipt.getContractAddress() == null) {
        throw new IllegalStateException("no contract address for " + contract + ": " + receipt);
      }
      return receipt.getContractAddress().toLowerCase(Locale.ROOT);
    }

    TransactionReceipt call(String to, String data) {
      return send(to, data);
    }

    private TransactionReceipt send(String to, String data) {
      synchronized (LOCK) {
        try {
          BigInteger gasPrice = web3j.ethGasPrice().send().getGasPrice();
          EthSendTransaction sent = to == null
              ? transactions.sendTransaction(gasPrice, GAS_LIMIT, null, data, BigInteger.ZERO, true)
              : transactions.sendTransaction(gasPrice, GAS_LIMIT, to, data, BigInteger.ZERO);
          if (sent.hasError()) {
            throw new IllegalStateException("transaction to " + to + " refused: " + sent.getError().getMessage());
          }
          TransactionReceipt receipt = receipts.waitForTransactionReceipt(sent.getTransactionHash());
          if (!receipt.isStatusOK()) {
            throw new IllegalStateException("transaction to " + to + " reverted: " + receipt);
          }
          return receipt;
        } catch (IOException | TransactionException e) {
          throw new IllegalStateException("transaction to " + to + " failed: " + e.getMessage(), e);
        }
      }
    }

    @Override
    public void close() {
      web3j.shutdown();
    }
  }

  // ---------------------------------------------------------------------------------------------
  // by hand

  /**
   * Starts the local chain on 127.0.0.1:8545 (or the port given as first argument), deploys the Safe
   * and targets, prints the irflow configuration to use against it, and runs until Ctrl-C.
   */
  public static void main(String[] args) throws Exception {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 8545;
    RunningNode node = RunningNode.start(port);
    Deployment chain = deploySafe(node.rpcUrl());
    deployment = chain;
    Targets targets = chain.deployTargets();
    System.out.println(containmentYaml(chain, targets));
    System.out.println("# local chain running at " + chain.rpcUrl() + " (log: target/local-chain.log); Ctrl-C stops it");
    node.waitFor();
  }

  /** The irflow.containment configuration for a deployment (used by {@link #main}). */
  public static String containmentYaml(Deployment chain, Targets targets) {
    StringBuilder yaml = new StringBuilder();
    yaml.append("# Local chain: hardhat's PUBLIC test keys. Never use them on a real network.\n");
    yaml.append("# Safe ").append(chain.safe()).append(" (").append(chain.threshold()).append(" of ")
        .append(chain.owners().size()).append("); owners, to sign in a wallet (import the key):\n");
    for (Credentials owner : chain.owners()) {
      yaml.append("#   ").append(owner.getAddress()).append("  key ").append(keyHex(owner)).append('\n');
    }
    yaml.append("# relayer account ").append(chain.relayer().getAddress()).append("  key ")
        .append(keyHex(chain.relayer())).append(" (holds PAUSER_ROLE on LocalAccessControlTarget)\n");
    yaml.append("# notPausableBySafe (owned by ").append(deployer().getAddress()).append("): ")
        .append(targets.notPausableBySafe()).append(" (the Safe's pause() reverts)\n");
    yaml.append("irflow:\n");
    yaml.append("  containment:\n");
    yaml.append("    chains:\n");
    yaml.append("      - chain-id: ").append(chain.chainId()).append('\n');
    yaml.append("        name: Local hardhat\n");
    yaml.append("        rpc-urls: [").append(chain.rpcUrl()).append("]\n");
    yaml.append("        safe-wallet-prefix: local\n");
    yaml.append("        multi-send-call-only: \"").append(chain.multiSendCallOnly()).append("\"\n");
    yaml.append("        production: false\n");
    yaml.append("    contracts:\n");
    yaml.append("      - name: LocalOwnableTarget\n");
    yaml.append("        chain-id: ").append(chain.chainId()).append('\n');
    yaml.append("        address: \"").append(targets.ownable()).append("\"\n");
    yaml.append("        pause-style: OWNABLE\n");
    yaml.append("        pausers: [\"safe:").append(chain.safe()).append("\"]\n");
    yaml.append("      - name: LocalAccessControlTarget\n");
    yaml.append("        chain-id: ").append(chain.chainId()).append('\n');
    yaml.append("        address: \"").append(targets.accessControl()).append("\"\n");
    yaml.append("        pause-style: ACCESS_CONTROL\n");
    yaml.append("        pausers: [\"safe:").append(chain.safe()).append("\"]\n");
    yaml.append("    keys:\n");
    yaml.append("      # proposer: an owner here; in production a delegate key with no funds\n");
    yaml.append("      proposer: \"").append(keyHex(chain.owners().get(0))).append("\"\n");
    yaml.append("      executor: \"").append(keyHex(chain.executor())).append("\"\n");
    return yaml.toString();
  }

  /** A test account's private key as configuration takes it: 0x and 64 hex digits. */
  public static String keyHex(Credentials credentials) {
    return Numeric.toHexStringWithPrefixZeroPadded(credentials.getEcKeyPair().getPrivateKey(), 64);
  }
}
