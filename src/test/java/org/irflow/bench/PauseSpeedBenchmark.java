package org.irflow.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.irflow.IrflowApplication;
import org.irflow.containment.chain.SafeTransactions;
import org.irflow.support.IncidentJourney;
import org.irflow.support.RestClient;
import org.irflow.support.chain.JsonRpcProxy;
import org.irflow.support.chain.LocalChain;
import org.irflow.support.chain.RelayerStub;
import org.irflow.support.chain.SafeTransactionServiceStub;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.http.HttpService;
import org.web3j.utils.Numeric;

/**
 * How fast a supervisor's decision to pause becomes {@code paused()} on the chain, on the local chain
 * (hardhat, Safe 1.5.0, 2 of 3), with the Safe Transaction Service and OpenZeppelin Relayer doubles of
 * the tests and irflow's only RPC endpoint behind a JSON-RPC proxy that can go down. irflow runs in
 * this JVM on an embedded PostgreSQL with its job executor and its default pause settings
 * (confirmation poll every 2 s, retry back-off 1 s, 2 s, 5 s ...). Not part of the test run:
 * {@code ./mvnw -q test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=org.irflow.bench.PauseSpeedBenchmark};
 * the result is {@code target/bench/pause.md}.
 *
 * <p>The decision is the supervisor's submission of "Pause contracts" through the engine REST API, as
 * Tasklist sends it; the clock stops when {@code paused()}, read from the node itself (not through
 * irflow or the proxy) every 20 ms, turns true. Scenarios, one pause at a time:
 * <ul>
 *   <li><b>Safe, wallet only</b>: a second owner confirms in the Safe Transaction Service 1 s after the
 *   proposal reached it and nobody completes the Tasklist task: irflow finds the threshold met by its
 *   confirmation poll.</li>
 *   <li><b>Safe, wallet and task</b>: the same, and the signer then completes "Sign the pause
 *   transaction", which makes irflow check at once.</li>
 *   <li><b>Relayer</b>: the relayer (PAUSER_ROLE) submits the pause; no person after the decision.</li>
 *   <li><b>RPC outage</b>: on the Safe path the RPC goes down when the proposal has reached the service,
 *   the owner confirms 1 s later, the RPC comes back after the outage; the clock runs from its return.</li>
 * </ul>
 * System properties: {@code bench.pause.safe} (samples, default 40), {@code bench.pause.signed} (20),
 * {@code bench.pause.relayer} (40), {@code bench.pause.outages} (3), {@code bench.pause.outage} (PT60S),
 * {@code bench.pause.warmUp} (3 of each, not counted).
 */
public final class PauseSpeedBenchmark {

  private static final Duration CONFIRM_AFTER = Duration.ofSeconds(1);
  private static final Duration GIVE_UP = Duration.ofSeconds(120);

  private final RestClient rest;
  private final JdbcTemplate jdbc;
  private final SafeTransactionServiceStub service;
  private final JsonRpcProxy rpc;
  private final Web3j node;
  private final Credentials secondOwner;
  private final String supervisor;
  private final String responseId;

  private PauseSpeedBenchmark(RestClient rest, JdbcTemplate jdbc, SafeTransactionServiceStub service, JsonRpcProxy rpc,
      Web3j node, Credentials secondOwner, String supervisor, String responseId) {
    this.rest = rest;
    this.jdbc = jdbc;
    this.service = service;
    this.rpc = rpc;
    this.node = node;
    this.secondOwner = secondOwner;
    this.supervisor = supervisor;
    this.responseId = responseId;
  }

  /** One pause: from the decision to paused(), split where the Safe path has a person in it. */
  record Sample(String contract, long decisionToPausedMs, long decisionToProposalMs, long confirmedToPausedMs,
      long returnToPausedMs) {}

  enum Scenario {
    SAFE_WALLET_ONLY("Safe, owner confirms in the wallet 1 s after the proposal"),
    SAFE_WALLET_AND_TASK("Safe, owner confirms 1 s after the proposal and completes the sign task"),
    RELAYER("Relayer"),
    RPC_OUTAGE("Safe, RPC down from the proposal until the outage ends");

    final String title;

    Scenario(String title) {
      this.title = title;
    }
  }

  public static void main(String[] args) throws Exception {
    int warmUp = Integer.getInteger("bench.pause.warmUp", 3);
    Map<Scenario, Integer> counts = new java.util.EnumMap<>(Scenario.class);
    counts.put(Scenario.SAFE_WALLET_ONLY, Integer.getInteger("bench.pause.safe", 40));
    counts.put(Scenario.SAFE_WALLET_AND_TASK, Integer.getInteger("bench.pause.signed", 20));
    counts.put(Scenario.RELAYER, Integer.getInteger("bench.pause.relayer", 40));
    counts.put(Scenario.RPC_OUTAGE, Integer.getInteger("bench.pause.outages", 3));
    Duration outage = Duration.parse(System.getProperty("bench.pause.outage", "PT60S"));

    LocalChain.Deployment chain = LocalChain.deployment();
    JsonRpcProxy rpc = new JsonRpcProxy(chain.rpcUrl());
    rpc.estimateGasOnLatest(true);
    SafeTransactionServiceStub service = new SafeTransactionServiceStub(chain);
    RelayerStub relayer = new RelayerStub(chain);

    // every contract a sample pauses is deployed and registered before the start, as configuration
    int safeContracts = warmUp * 2 + counts.get(Scenario.SAFE_WALLET_ONLY) + counts.get(Scenario.SAFE_WALLET_AND_TASK)
        + counts.get(Scenario.RPC_OUTAGE);
    int relayerContracts = warmUp + counts.get(Scenario.RELAYER);
    List<String> arguments = new ArrayList<>(List.of("--server.port=0", "--logging.level.root=WARN",
        "--logging.level.org.irflow=WARN",
        "--irflow.containment.chains[0].chain-id=" + chain.chainId(),
        "--irflow.containment.chains[0].name=Local hardhat behind a proxy",
        "--irflow.containment.chains[0].rpc-urls[0]=" + rpc.url(),
        "--irflow.containment.chains[0].safe-transaction-service-url=" + service.baseUrl(),
        "--irflow.containment.chains[0].safe-wallet-prefix=local",
        "--irflow.containment.chains[0].multi-send-call-only=" + chain.multiSendCallOnly(),
        "--irflow.containment.chains[0].production=false",
        "--irflow.containment.relayer.url=" + relayer.baseUrl(),
        "--irflow.containment.relayer.api-key=" + RelayerStub.API_KEY,
        "--irflow.containment.keys.proposer=" + LocalChain.keyHex(chain.owners().get(0)),
        "--irflow.containment.keys.executor=" + LocalChain.keyHex(chain.executor())));
    List<String> safeNames = new ArrayList<>();
    List<String> relayerNames = new ArrayList<>();
    Map<String, String> addresses = new HashMap<>();
    for (int i = 0; i < Math.max(safeContracts, relayerContracts); i++) {
      LocalChain.Targets targets = chain.deployTargets();
      if (i < safeContracts) {
        safeNames.add(register(arguments, addresses, "SafeTarget" + i, chain, targets.ownable(), "OWNABLE",
            "safe:" + chain.safe()));
      }
      if (i < relayerContracts) {
        relayerNames.add(register(arguments, addresses, "RelayerTarget" + i, chain, targets.accessControl(),
            "ACCESS_CONTROL", "relayer:" + relayer.relayerId()));
      }
    }

    StringBuilder report = new StringBuilder();
    Web3j node = Web3j.build(new HttpService(chain.rpcUrl()));
    try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
      arguments.add("--spring.datasource.url=" + postgres.getJdbcUrl("postgres", "postgres"));
      arguments.add("--spring.datasource.username=postgres");
      arguments.add("--spring.datasource.password=postgres");
      ConfigurableApplicationContext app = new SpringApplicationBuilder(IrflowApplication.class).profiles("e2e")
          .run(arguments.toArray(String[]::new));
      try {
        RestClient rest = new RestClient("http://localhost:" + app.getEnvironment().getProperty("local.server.port"));
        JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
        IncidentJourney journey = new IncidentJourney(rest, jdbc);
        String supervisor = journey.supervisorOnCall();
        String incidentId = journey.declareSev1(supervisor, "Vault drained through a price-oracle manipulation");
        String responseId = jdbc.queryForObject("select response_process_instance_id from incident where id = ?",
            String.class, incidentId);
        PauseSpeedBenchmark bench = new PauseSpeedBenchmark(rest, jdbc, service, rpc, node, chain.owners().get(1),
            supervisor, responseId);

        Map<Scenario, List<Sample>> results = new java.util.EnumMap<>(Scenario.class);
        int nextSafe = 0;
        int nextRelayer = 0;
        for (int i = 0; i < warmUp; i++) {   // the first pauses of a JVM wait on class loading and the JIT
          bench.safePause(safeNames.get(nextSafe++), addresses, false, null);
          bench.safePause(safeNames.get(nextSafe++), addresses, true, null);
          bench.relayerPause(relayerNames.get(nextRelayer++), addresses);
        }
        for (Scenario scenario : Scenario.values()) {
          List<Sample> samples = new ArrayList<>();
          for (int i = 0; i < counts.get(scenario); i++) {
            samples.add(switch (scenario) {
              case SAFE_WALLET_ONLY -> bench.safePause(safeNames.get(nextSafe++), addresses, false, null);
              case SAFE_WALLET_AND_TASK -> bench.safePause(safeNames.get(nextSafe++), addresses, true, null);
              case RELAYER -> bench.relayerPause(relayerNames.get(nextRelayer++), addresses);
              case RPC_OUTAGE -> bench.safePause(safeNames.get(nextSafe++), addresses, false, outage);
            });
            System.out.printf("%s #%d: %s%n", scenario, i + 1, samples.get(samples.size() - 1));
          }
          results.put(scenario, samples);
        }
        report.append(report(results, outage, warmUp, jdbc));
      } finally {
        app.close();
      }
    } finally {
      node.shutdown();
      rpc.close();
      service.close();
      relayer.close();
    }
    Files.createDirectories(Path.of("target/bench"));
    Files.writeString(Path.of("target/bench/pause.md"), report);
    System.out.println(report);
    System.exit(0);
  }

  private static String register(List<String> arguments, Map<String, String> addresses, String name,
      LocalChain.Deployment chain, String address, String style, String pauser) {
    int index = addresses.size();
    String at = "--irflow.containment.contracts[" + index + "].";
    arguments.add(at + "name=" + name);
    arguments.add(at + "chain-id=" + chain.chainId());
    arguments.add(at + "address=" + address);
    arguments.add(at + "pause-style=" + style);
    arguments.add(at + "pausers[0]=" + pauser);
    addresses.put(name, address);
    return name;
  }

  /** The supervisor submits "Pause contracts" for one contract; returns the nanoTime just before. */
  private long decide(String contract) {
    JsonNode task = rest.awaitTask(supervisor, responseId, "Pause contracts");
    String taskId = task.path("id").asText();
    long decided = System.nanoTime();
    RestClient.Response submitted = rest.post(supervisor, "/engine-rest/task/" + taskId + "/submit-form",
        RestClient.variables(Map.of("selectedContracts", contract)));
    if (submitted.status() != 204) {
      throw new IllegalStateException("Pause contracts: " + submitted.status() + " " + submitted.text());
    }
    return decided;
  }

  private Sample safePause(String contract, Map<String, String> addresses, boolean completeTask, Duration outage)
      throws Exception {
    int proposalsBefore = service.proposals();
    long decided = decide(contract);
    long proposed = awaitNanos(() -> service.proposals() > proposalsBefore, "the proposal of " + contract);
    long outageStart = System.nanoTime();
    if (outage != null) {
      rpc.goDown();
    }
    String safeTxHash = awaitValue(() -> jdbc.queryForList("""
        select safe_tx_hash from pause_batch where contract_names = ? and safe_tx_hash is not null""",
        String.class, contract), "the SafeTx hash of " + contract);
    sleepUntil(proposed + CONFIRM_AFTER.toNanos());
    service.confirm(safeTxHash, secondOwner);
    long confirmed = System.nanoTime();
    if (completeTask) {
      completeSignTask(contract);
    }
    long returned = 0;
    if (outage != null) {
      sleepUntil(outageStart + outage.toNanos());
      rpc.comeBack();
      returned = System.nanoTime();
    }
    long paused = awaitNanos(() -> paused(addresses.get(contract)), contract + " paused()");
    return new Sample(contract, ms(paused - decided), ms(proposed - decided), ms(paused - confirmed),
        outage == null ? -1 : ms(paused - returned));
  }

  private Sample relayerPause(String contract, Map<String, String> addresses) {
    long decided = decide(contract);
    long paused = awaitNanos(() -> paused(addresses.get(contract)), contract + " paused()");
    return new Sample(contract, ms(paused - decided), -1, -1, -1);
  }

  /** The signer assigned "Sign the pause transaction" reports the signature in Tasklist. */
  private void completeSignTask(String contract) {
    String instance = awaitValue(() -> jdbc.queryForList(
        "select process_instance_id from pause_batch where contract_names = ?", String.class, contract),
        "the pause process of " + contract);
    JsonNode task = null;
    long deadline = System.nanoTime() + GIVE_UP.toNanos();
    while (task == null && System.nanoTime() < deadline) {
      List<Map<String, Object>> open = jdbc.queryForList(
          "select id_, assignee_ from act_ru_task where proc_inst_id_ = ? and task_def_key_ = 'Task_SignPauseTransaction'"
              + " and assignee_ is not null", instance);
      if (!open.isEmpty()) {
        String signer = (String) open.get(0).get("assignee_");
        task = rest.get(signer, "/engine-rest/task/" + open.get(0).get("id_")).body();
        RestClient.Response done = rest.post(signer, "/engine-rest/task/" + task.path("id").asText() + "/submit-form",
            RestClient.variables(Map.of("signedInWallet", true)));
        if (done.status() != 204) {
          throw new IllegalStateException("Sign the pause transaction: " + done.status() + " " + done.text());
        }
      } else {
        pause(20);
      }
    }
  }

  private boolean paused(String contract) {
    try {
      String value = node.ethCall(Transaction.createEthCallTransaction(null, contract, SafeTransactions.PAUSED),
          DefaultBlockParameterName.LATEST).send().getValue();
      return value != null && new BigInteger(Numeric.cleanHexPrefix(value), 16).signum() != 0;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static long awaitNanos(BooleanSupplier condition, String what) {
    long deadline = System.nanoTime() + GIVE_UP.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("no " + what + " within " + GIVE_UP);
      }
      pause(20);
    }
    return System.nanoTime();
  }

  private static String awaitValue(java.util.function.Supplier<List<String>> query, String what) {
    long deadline = System.nanoTime() + GIVE_UP.toNanos();
    for (List<String> found = query.get(); ; found = query.get()) {
      if (!found.isEmpty()) {
        return found.get(0);
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("no " + what + " within " + GIVE_UP);
      }
      pause(20);
    }
  }

  private static void sleepUntil(long nanoTime) {
    long left = nanoTime - System.nanoTime();
    if (left > 0) {
      pause(left / 1_000_000);
    }
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static long ms(long nanos) {
    return nanos / 1_000_000;
  }

  private static String report(Map<Scenario, List<Sample>> results, Duration outage, int warmUp, JdbcTemplate jdbc) {
    StringBuilder out = new StringBuilder();
    out.append("# Pause speed benchmark, ").append(Instant.now()).append("\n\n")
        .append("Machine: ").append(Runtime.getRuntime().availableProcessors()).append(" cores, ")
        .append(System.getProperty("os.name")).append(' ').append(System.getProperty("os.arch")).append(", Java ")
        .append(System.getProperty("java.version")).append("; load average at the end ")
        .append(String.format(Locale.ROOT, "%.2f", java.lang.management.ManagementFactory.getOperatingSystemMXBean()
            .getSystemLoadAverage()))
        .append(". irflow, embedded PostgreSQL, hardhat and the doubles on this machine; ")
        .append(warmUp).append(" pauses of each path before the measurement, not counted.\n\n")
        .append("Percentiles are nearest-rank over the samples (with 40 samples, p99 is the slowest).\n\n")
        .append("| Scenario | Samples | Target | p50 ms | p99 ms | max ms | decision → proposal p50 ms | owner confirmed → paused p50 / max ms |\n")
        .append("|---|---|---|---|---|---|---|---|\n");
    for (Map.Entry<Scenario, List<Sample>> entry : results.entrySet()) {
      List<Sample> samples = entry.getValue();
      if (samples.isEmpty()) {
        continue;
      }
      Scenario scenario = entry.getKey();
      boolean outageRun = scenario == Scenario.RPC_OUTAGE;
      List<Long> measured = samples.stream().map(s -> outageRun ? s.returnToPausedMs() : s.decisionToPausedMs())
          .sorted().toList();
      String target = switch (scenario) {
        case SAFE_WALLET_ONLY, SAFE_WALLET_AND_TASK -> "decision → paused() p50 <= 3,000, p99 <= 5,000";
        case RELAYER -> "decision → paused() p99 <= 2,000";
        case RPC_OUTAGE -> "RPC back → paused() <= 10,000 (outage " + outage.toSeconds() + " s)";
      };
      boolean safePath = scenario != Scenario.RELAYER;
      List<Long> proposal = samples.stream().map(Sample::decisionToProposalMs).sorted().toList();
      List<Long> afterConfirm = samples.stream().map(Sample::confirmedToPausedMs).sorted().toList();
      out.append("| ").append(scenario.title).append(outageRun ? " (clock from the RPC's return)" : "")
          .append(" | ").append(samples.size()).append(" | ").append(target)
          .append(" | ").append(percentile(measured, 50)).append(" | ").append(percentile(measured, 99))
          .append(" | ").append(measured.get(measured.size() - 1))
          .append(" | ").append(safePath ? String.valueOf(percentile(proposal, 50)) : "-")
          .append(" | ").append(safePath ? percentile(afterConfirm, 50) + " / " + afterConfirm.get(afterConfirm.size() - 1)
              : "-")
          .append(" |\n");
    }
    out.append("\nPause batches recorded: ");
    jdbc.queryForList("select status, count(*) as n from pause_batch group by status order by status")
        .forEach(row -> out.append(row.get("status")).append(' ').append(row.get("n")).append("; "));
    // a batch's failed_attempts count again from 0 once a step succeeds: the timeline keeps every one
    out.append("failed pause attempts on the timelines: ")
        .append(jdbc.queryForObject("select count(*) from timeline_entry where kind = 'PAUSE_ATTEMPT_FAILED'",
            Long.class))
        .append(" (a batch still EXECUTING had its paused() read by the benchmark before its own check).\n");
    return out.toString();
  }

  private static long percentile(List<Long> sorted, int percentile) {
    int rank = (int) Math.ceil(percentile / 100.0 * sorted.size());
    return sorted.get(Math.max(0, rank - 1));
  }
}
