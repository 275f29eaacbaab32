package org.irflow.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.irflow.containment.chain.SafeTransactions;
import org.irflow.support.ChildApplication;
import org.irflow.support.RestClient;
import org.irflow.support.WebhookClient;
import org.irflow.support.WebhookClient.Answer;
import org.irflow.support.chain.LocalChain;
import org.irflow.support.chain.RelayerStub;
import org.irflow.support.chain.SafeTransactionServiceStub;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.jdbc.core.JdbcTemplate;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthBlock;
import org.web3j.protocol.http.HttpService;
import org.web3j.utils.Numeric;

/**
 * Two irflow nodes (child JVMs, job executor on in both) on one embedded PostgreSQL, with the local
 * chain, its Safe (2 of 3) and the Safe Transaction Service and relayer stubs on loopback. Alerts go to
 * both nodes; two exploits against registered contracts declare two incidents and pause their contracts
 * at once (one through the Safe, one through the relayer); a stream of other alerts waits in triage.
 * The Safe Transaction Service holds its answer to the proposal, so the node that runs the proposal job
 * is caught in flight, and the triage escalation timers are made due; then that node is killed with
 * SIGKILL while both nodes are still taking alerts. The survivor must finish everything: every
 * acknowledged alert stored once and triaged once, every timer fired once (job log and timeline), the
 * proposal taken over after its lock expired and not sent again, the pause executed once on the chain
 * after the owners confirmed and the signer's task was completed through REST. The children's output
 * is in {@code target/cluster/}.
 */
@ExtendWith(LocalChain.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterFailoverTest {

  private static final Path OUTPUT = Path.of("target", "cluster");
  /**
   * The promise of the production job executor settings (application.yaml, which the nodes run with):
   * a pause job of a killed node goes on at the survivor within this; see docs/operations.md.
   */
  private static final Duration TAKE_OVER_LIMIT = Duration.ofSeconds(60);
  private static final Duration POLL_INTERVAL = Duration.ofSeconds(1);
  private static final int TRIAGES_BEFORE_THE_KILL = 12;
  private static final String EXEC_TRANSACTION = "0x6a761202";
  private static final String TRIAGE_OVERDUE = "BoundaryEvent_TriageOverdue";

  /** One alert of the stream: which node took it and what it answered (null: no answer, e.g. killed). */
  record Sent(String node, String fingerprint, Answer answer) {}

  private LocalChain.Deployment chain;
  private LocalChain.Targets targets;
  private BigInteger firstBlock;
  private String run;
  private EmbeddedPostgres postgres;
  private JdbcTemplate database;
  private SafeTransactionServiceStub safeService;
  private RelayerStub relayer;
  private ChildApplication nodeA;
  private ChildApplication nodeB;
  private WebhookClient clientA;
  private WebhookClient clientB;

  @BeforeAll
  void startTheCluster() throws Exception {
    Files.createDirectories(OUTPUT);
    chain = LocalChain.deployment();
    targets = chain.deployTargets();
    // the chain serves every test of this JVM: only the blocks from here on are this class's
    firstBlock = blockNumber(chain);
    run = UUID.randomUUID().toString().substring(0, 8);
    postgres = EmbeddedPostgres.builder().setRegisterShutdownHook(false).start();
    database = new JdbcTemplate(postgres.getPostgresDatabase());
    safeService = new SafeTransactionServiceStub(chain);
    relayer = new RelayerStub(chain);
    // the first node alone creates the schemas (Camunda's and Flyway's) on the empty database
    nodeA = startNode("node-a");
    nodeA.awaitHttp();
    nodeB = startNode("node-b");
    nodeB.awaitHttp();
    clientA = new WebhookClient(nodeA.baseUrl(), Duration.ofSeconds(15));
    clientB = new WebhookClient(nodeB.baseUrl(), Duration.ofSeconds(15));
  }

  @AfterAll
  void stopTheCluster() throws Exception {
    for (AutoCloseable closeable : new AutoCloseable[] {nodeA, nodeB, safeService, relayer, postgres}) {
      if (closeable != null) {
        closeable.close();
      }
    }
  }

  /**
   * Each node's intake writer de-duplicates its own batches; the same new alert reaching both nodes in
   * the same instant must still become one event and one triage (intake_fingerprint, V12).
   */
  @Test
  @Order(1)
  void theSameNewAlertAtBothNodesAtOnceIsStoredAndTriagedOnce() throws Exception {
    int rounds = 25;
    ExecutorService both = Executors.newFixedThreadPool(2);
    try {
      for (int round = 0; round < rounds; round++) {
        String fingerprint = "same-time-" + run + "-" + round;
        String alert = WebhookClient.genericEvent(fingerprint, "LOW", null, "Gas price spike", "gas-oracle");
        CyclicBarrier together = new CyclicBarrier(2);
        Callable<Answer> toA = () -> {
          together.await();
          return clientA.signed(WebhookClient.GENERIC, alert, WebhookClient.GENERIC_SECRET);
        };
        Callable<Answer> toB = () -> {
          together.await();
          return clientB.signed(WebhookClient.GENERIC, alert, WebhookClient.GENERIC_SECRET);
        };
        List<Answer> answers = List.of(both.submit(toA), both.submit(toB)).stream().map(ClusterFailoverTest::get)
            .toList();
        assertThat(answers).as("round %d", round).allSatisfy(answer -> assertThat(answer.status())
            .as(answer.text()).isEqualTo(202));
        assertThat(answers.stream().map(ClusterFailoverTest::eventId).distinct()).as("event ids of round %d", round)
            .hasSize(1);
        assertThat(answers.stream().filter(answer -> answer.body().path("events").get(0).path("duplicate")
            .asBoolean())).as("duplicates of round %d", round).hasSize(1);
      }
    } finally {
      both.shutdownNow();
    }
    String stored = "select count(*) from security_event where fingerprint like ?";
    String pattern = "generic:custody-watch:same-time-" + run + "-%";
    assertThat(database.queryForObject(stored, Integer.class, pattern)).isEqualTo(rounds);
    assertThat(database.queryForObject("select sum(c.copies) from security_event e join security_event_copies c on c.event_id = e.id"
        + " where e.fingerprint like ?",
        Integer.class, pattern)).isEqualTo(rounds);
    await("each stored once-only alert triaged", Duration.ofSeconds(60), () -> database.queryForObject(
        "select count(distinct triage_process_instance_id) from security_event where fingerprint like ?"
            + " and intake_state = 'TRIAGE_STARTED'", Integer.class, pattern) == rounds);
  }

  @Test
  @Order(2)
  void theSurvivorFinishesTriagesTimersAndAPauseOfANodeKilledMidRun() throws Exception {
    Map<String, ChildApplication> nodes = Map.of("node-a", nodeA, "node-b", nodeB);
    // ---- before the kill: two exploits (automatic pauses), a stream of alerts into triage on both nodes
    safeService.holdProposalAnswers();
    Answer vault = clientA.signed(WebhookClient.GENERIC, WebhookClient.genericEvent("vault-" + run, "CRITICAL",
        "EXPLOIT", "Vault drained by a flash loan", "Vault"), WebhookClient.GENERIC_SECRET);
    Answer bridge = clientB.signed(WebhookClient.GENERIC, WebhookClient.genericEvent("bridge-" + run, "CRITICAL",
        "EXPLOIT", "Bridge minting without deposits", "Bridge"), WebhookClient.GENERIC_SECRET);
    assertThat(vault.status()).as(vault.text()).isEqualTo(202);
    assertThat(bridge.status()).as(bridge.text()).isEqualTo(202);

    ConcurrentLinkedQueue<Sent> stream = new ConcurrentLinkedQueue<>();
    AtomicBoolean stopStream = new AtomicBoolean();
    List<Thread> senders = List.of(
        sender("node-a", clientA, run, stream, stopStream), sender("node-b", clientB, run, stream, stopStream));
    senders.forEach(Thread::start);

    await("the Safe Transaction Service got the proposal (its answer held)", Duration.ofSeconds(60),
        () -> safeService.proposalAnswersWaiting() == 1);
    await(TRIAGES_BEFORE_THE_KILL + " triages wait for a person", Duration.ofSeconds(60),
        () -> openTriageTimers(database) >= TRIAGES_BEFORE_THE_KILL);
    String victimName = database.queryForObject("""
        select j.lock_owner_ from act_ru_job j join act_ru_jobdef d on d.id_ = j.job_def_id_
         where d.act_id_ = 'Task_ProposeSafeTransaction'""", String.class);
    assertThat(victimName).as("the proposal job's lock owner").isIn(nodes.keySet());
    String survivorName = victimName.equals("node-a") ? "node-b" : "node-a";
    ChildApplication victim = nodes.get(victimName);
    ChildApplication survivor = nodes.get(survivorName);
    String proposalJob = database.queryForObject("""
        select j.id_ from act_ru_job j join act_ru_jobdef d on d.id_ = j.job_def_id_
         where d.act_id_ = 'Task_ProposeSafeTransaction'""", String.class);

    // the triage escalations come due now: both nodes race for them as the kill comes
    int madeDue = makeDue(database, TRIAGE_OVERDUE);
    victim.kill();
    Instant killedAt = Instant.now();
    List<String> heldByTheVictim = database.queryForList(
        "select id_ from act_ru_job where lock_owner_ = ? and lock_exp_time_ > ?", String.class, victimName,
        Timestamp.from(killedAt));
    safeService.releaseProposalAnswers();
    Thread.sleep(1000);   // the stream goes on a moment against the survivor (and the dead node)
    stopStream.set(true);
    for (Thread sender : senders) {
      sender.join(30_000);
    }
    String summary = "killed %s holding %d job locks (the proposal's among them: %s); %d escalation timers made due"
        .formatted(victimName, heldByTheVictim.size(), heldByTheVictim.contains(proposalJob), madeDue)
        + "; stream: %d alerts sent, %d acknowledged, %d without answer".formatted(stream.size(),
        stream.stream().filter(s -> s.answer() != null && s.answer().acknowledged()).count(),
        stream.stream().filter(s -> s.answer() == null).count());
    System.out.println("ClusterFailoverTest: " + summary);
    Files.writeString(OUTPUT.resolve("summary.txt"), summary + "\n");
    assertThat(heldByTheVictim).as("jobs the survivor may only take once their lock expired").contains(proposalJob);
    assertThat(stream).as("only the dead node leaves an alert unanswered; every answer is a 202")
        .allSatisfy(sent -> assertThat(sent.answer() == null ? sent.node().equals(victimName)
            : sent.answer().status() == 202).as("%s %s: %s", sent.node(), sent.fingerprint(),
            sent.answer() == null ? "no answer" : sent.answer().status() + " " + sent.answer().text()).isTrue());

    // ---- after the kill: the survivor alone
    List<Long> acknowledged = new ArrayList<>(List.of(eventId(vault), eventId(bridge)));
    stream.stream().filter(s -> s.answer() != null && s.answer().acknowledged()).map(s -> eventId(s.answer()))
        .forEach(acknowledged::add);
    await("every acknowledged alert dispatched by the survivor", Duration.ofSeconds(60),
        () -> undispatched(database, acknowledged).isEmpty());
    // the triages that started after the first batch of timers came due get theirs due now as well
    makeDue(database, TRIAGE_OVERDUE);
    await("the dead node's job locks expired and the survivor took its jobs", TAKE_OVER_LIMIT.plusSeconds(30),
        () -> database.queryForObject("select count(*) from act_ru_job where lock_owner_ = ?", Integer.class,
            victimName) == 0);
    await("every triage escalated", Duration.ofSeconds(60), () -> openTriageTimers(database) == 0);

    // the owners confirm in their wallets (the proposer is the first), the signer marks the task done
    String safeTxHash = database.queryForObject("select safe_tx_hash from pause_batch where pause_path = 'SAFE'",
        String.class);
    String pauseInstance = database.queryForObject(
        "select process_instance_id from pause_batch where pause_path = 'SAFE'", String.class);
    RestClient rest = new RestClient(survivor.baseUrl());
    rest.completeTask("erin", pauseInstance, "Sign the pause transaction", Map.of("signedInWallet", true));
    safeService.confirm(safeTxHash, chain.owners().get(1));
    await("both pauses verified on-chain", Duration.ofSeconds(60), () -> database.queryForObject(
        "select count(*) from pause_batch where status = 'PAUSED'", Integer.class) == 2);

    // ---- what a user would check
    // no alert lost, none stored twice, each triaged once
    assertThat(undispatched(database, acknowledged)).isEmpty();
    assertThat(database.queryForList("""
        select fingerprint from security_event where source is not null group by fingerprint having count(*) > 1""",
        String.class)).as("fingerprints stored twice").isEmpty();
    int triagesStarted = database.queryForObject(
        "select count(*) from security_event where intake_state = 'TRIAGE_STARTED'", Integer.class);
    assertThat(database.queryForObject("""
        select count(*) from act_hi_procinst p join act_re_procdef d on d.id_ = p.proc_def_id_
         where d.key_ = 'IncidentTriageProcess'""", Integer.class)).as("one triage per dispatched event")
        .isEqualTo(triagesStarted)
        .isEqualTo(database.queryForObject("""
            select count(distinct triage_process_instance_id) from security_event
             where intake_state = 'TRIAGE_STARTED'""", Integer.class));
    List<Long> triagedHere = database.queryForList(
        "select id from security_event where intake_state = 'TRIAGE_STARTED'", Long.class);
    assertThat(triagedHere).as("this test's alerts, each triaged").containsAll(acknowledged);
    // the two exploits are the two incidents, each with one response
    assertThat(database.queryForList("select title from incident order by title", String.class))
        .containsExactly("Bridge minting without deposits", "Vault drained by a flash loan");
    assertThat(database.queryForObject("""
        select count(*) from act_hi_procinst p join act_re_procdef d on d.id_ = p.proc_def_id_
         where d.key_ = 'IncidentResponseProcess'""", Integer.class)).isEqualTo(2);

    // every timer fired once: one success per job in the job log, one escalation per triage that waited
    assertThat(database.queryForList("""
        select job_id_ from act_hi_job_log where job_state_ = 2 group by job_id_ having count(*) > 1""",
        String.class)).as("jobs that succeeded twice").isEmpty();
    List<Map<String, Object>> escalationTimers = database.queryForList("""
        select job_id_, sum(case when job_state_ = 2 then 1 else 0 end) as successes from act_hi_job_log
         where act_id_ = ? group by job_id_""", TRIAGE_OVERDUE);
    int waitedForAPerson = escalationTimers.size();
    assertThat(waitedForAPerson).isGreaterThanOrEqualTo(TRIAGES_BEFORE_THE_KILL);
    assertThat(escalationTimers).allSatisfy(timer -> assertThat(((Number) timer.get("successes")).intValue())
        .as("successes of timer %s", timer.get("job_id_")).isEqualTo(1));
    assertThat(database.queryForObject("select count(*) from timeline_entry where kind = 'ESCALATION'", Integer.class))
        .isEqualTo(waitedForAPerson);
    assertThat(database.queryForObject("""
        select count(distinct event_id) from timeline_entry where kind = 'ESCALATION'""", Integer.class))
        .isEqualTo(waitedForAPerson);
    // the held proposal job ran to its end on the survivor
    assertThat(database.queryForList("select hostname_ from act_hi_job_log where job_id_ = ? and job_state_ = 2",
        String.class, proposalJob)).containsExactly(survivorName);

    // each pause once: one proposal at the service, one execTransaction and one relayer pause() on the chain
    assertThat(safeService.proposals()).as("proposals the Safe Transaction Service accepted").isEqualTo(1);
    assertThat(relayer.submissions()).as("transactions the relayer accepted").isEqualTo(1);
    List<org.web3j.protocol.core.methods.response.Transaction> transactions = allTransactions(chain, firstBlock);
    assertThat(transactions).filteredOn(tx -> chain.safe().equalsIgnoreCase(tx.getTo())
        && tx.getInput().startsWith(EXEC_TRANSACTION)).as("execTransaction calls of the Safe").hasSize(1);
    assertThat(transactions).filteredOn(tx -> targets.accessControl().equalsIgnoreCase(tx.getTo())
        && tx.getInput().startsWith(SafeTransactions.PAUSE)).as("pause() calls of the bridge").hasSize(1);
    assertThat(paused(chain, targets.ownable())).as("vault paused()").isTrue();
    assertThat(paused(chain, targets.accessControl())).as("bridge paused()").isTrue();
    assertThat(database.queryForObject("""
        select count(*) from timeline_entry where kind = 'PAUSE_SUBMITTED' and summary like 'Pause proposed%'""",
        Integer.class)).as("the proposal on the timeline, once").isEqualTo(1);
    assertThat(database.queryForObject("select count(*) from timeline_entry where kind = 'CONTRACTS_PAUSED'",
        Integer.class)).isEqualTo(2);

    Timestamp takenOver = database.queryForObject(
        "select timestamp_ from act_hi_job_log where job_id_ = ? and job_state_ = 2", Timestamp.class, proposalJob);
    Duration afterTheKill = Duration.between(killedAt, takenOver.toInstant());
    String result = "%d alerts triaged once each, %d escalation timers fired once each; the survivor finished the"
        .formatted(acknowledged.size(), waitedForAPerson) + " proposal job %d ms after the kill"
        .formatted(afterTheKill.toMillis());
    System.out.println("ClusterFailoverTest: " + result);
    Files.writeString(OUTPUT.resolve("summary.txt"), result + "\n", java.nio.file.StandardOpenOption.APPEND);
    assertThat(afterTheKill).as("the killed node's pause job carried on by the survivor within %s", TAKE_OVER_LIMIT)
        .isLessThanOrEqualTo(TAKE_OVER_LIMIT);
  }

  // ---- the nodes

  /** One irflow node on the shared database: its own name, the chain, the stubs; the product's job executor. */
  private ChildApplication startNode(String name) throws IOException {
    String chainAt = "--irflow.containment.chains[0].";
    String vaultAt = "--irflow.containment.contracts[0].";
    String bridgeAt = "--irflow.containment.contracts[1].";
    return ChildApplication.launch()
        .jvmOptions("-Xmx512m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC")
        .database(postgres.getJdbcUrl("postgres", "postgres"), "postgres", "postgres")
        .argument("--irflow.cluster.node-name=" + name)
        .argument(chainAt + "chain-id=" + chain.chainId())
        .argument(chainAt + "name=Local hardhat")
        .argument(chainAt + "rpc-urls[0]=" + chain.rpcUrl())
        .argument(chainAt + "safe-transaction-service-url=" + safeService.baseUrl())
        .argument(chainAt + "safe-wallet-prefix=local")
        .argument(chainAt + "multi-send-call-only=" + chain.multiSendCallOnly())
        .argument(chainAt + "production=false")
        .argument(vaultAt + "name=Vault")
        .argument(vaultAt + "chain-id=" + chain.chainId())
        .argument(vaultAt + "address=" + targets.ownable())
        .argument(vaultAt + "pause-style=OWNABLE")
        .argument(vaultAt + "pausers[0]=safe:" + chain.safe())
        .argument(vaultAt + "automatic-pause-allowed=true")
        // the custody watcher's exploit alone may pause: the test is about the take-over, not corroboration
        .argument(vaultAt + "automatic-pause.trusted-sources[0]=generic:custody-watch")
        .argument(bridgeAt + "name=Bridge")
        .argument(bridgeAt + "chain-id=" + chain.chainId())
        .argument(bridgeAt + "address=" + targets.accessControl())
        .argument(bridgeAt + "pause-style=ACCESS_CONTROL")
        .argument(bridgeAt + "pausers[0]=relayer:" + RelayerStub.RELAYER_ID)
        .argument(bridgeAt + "automatic-pause-allowed=true")
        // the custody watcher's exploit alone may pause: the test is about the take-over, not corroboration
        .argument(bridgeAt + "automatic-pause.trusted-sources[0]=generic:custody-watch")
        .argument("--irflow.containment.relayer.url=" + relayer.baseUrl())
        .argument("--irflow.containment.confirmation-poll-interval=" + POLL_INTERVAL)
        .argument("--irflow.containment.confirmation-timeout=PT30M")
        // keys from the environment, as in production (hardhat's public test keys)
        .environment("IRFLOW_CONTAINMENT_KEYS_PROPOSER", key(chain.owners().get(0)))
        .environment("IRFLOW_CONTAINMENT_KEYS_EXECUTOR", key(chain.executor()))
        .environment("IRFLOW_CONTAINMENT_RELAYER_APIKEY", RelayerStub.API_KEY)
        .start(OUTPUT.resolve(name + ".log"));
  }

  private static String key(Credentials credentials) {
    return Numeric.toHexStringWithPrefixZeroPadded(credentials.getEcKeyPair().getPrivateKey(), 64);
  }

  /** Sends alerts that need a person's triage to one node, about ten a second, until told to stop. */
  private static Thread sender(String node, WebhookClient client, String run, ConcurrentLinkedQueue<Sent> sent,
      AtomicBoolean stop) {
    Thread thread = new Thread(() -> {
      for (int i = 0; !stop.get(); i++) {
        String fingerprint = "odd-withdrawals-" + run + "-" + node + "-" + i;
        Answer answer;
        try {
          answer = client.signed(WebhookClient.GENERIC, WebhookClient.genericEvent(fingerprint, "MEDIUM", null,
              "Unusual withdrawal pattern", "hot-wallet-" + node + "-" + i), WebhookClient.GENERIC_SECRET);
        } catch (UncheckedIOException noAnswer) {
          answer = null;
        }
        sent.add(new Sent(node, fingerprint, answer));
        try {
          Thread.sleep(100);
        } catch (InterruptedException e) {
          return;
        }
      }
    }, "alerts-to-" + node);
    thread.setDaemon(true);
    return thread;
  }

  // ---- the database

  private static Answer get(Future<Answer> answer) {
    try {
      return answer.get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("no answer", e);
    }
  }

  private static long eventId(Answer answer) {
    return answer.body().path("eventIds").get(0).asLong();
  }

  /** Escalation timers of triages still waiting for a person (not yet fired). */
  private static int openTriageTimers(JdbcTemplate database) {
    return database.queryForObject("""
        select count(*) from act_ru_job j join act_ru_jobdef d on d.id_ = j.job_def_id_ where d.act_id_ = ?""",
        Integer.class, TRIAGE_OVERDUE);
  }

  /** Moves the timers of this activity into the past, as if their time had come; returns how many. */
  private static int makeDue(JdbcTemplate database, String activityId) {
    return database.update("""
        update act_ru_job set duedate_ = ? where job_def_id_ in (select id_ from act_ru_jobdef where act_id_ = ?)""",
        Timestamp.from(Instant.now().minusSeconds(1)), activityId);
  }

  /** Acknowledged events not yet triaged nor attached as evidence. */
  private static List<Long> undispatched(JdbcTemplate database, List<Long> acknowledged) {
    List<Long> waiting = new ArrayList<>(database.queryForList("""
        select id from security_event where source is not null
         and not (intake_state = 'TRIAGE_STARTED' and triage_process_instance_id is not null)
         and not (intake_state = 'ATTACHED' and incident_id is not null)""", Long.class));
    List<Long> stored = database.queryForList("select id from security_event", Long.class);
    List<Long> missing = new ArrayList<>(acknowledged);
    missing.removeAll(stored);
    waiting.retainAll(Set.copyOf(acknowledged));
    waiting.addAll(missing);
    return waiting;
  }

  // ---- the chain

  private static BigInteger blockNumber(LocalChain.Deployment chain) throws IOException {
    Web3j web3j = Web3j.build(new HttpService(chain.rpcUrl()));
    try {
      return web3j.ethBlockNumber().send().getBlockNumber();
    } finally {
      web3j.shutdown();
    }
  }

  /** Every transaction mined in the blocks from {@code from} to the latest. */
  private static List<org.web3j.protocol.core.methods.response.Transaction> allTransactions(
      LocalChain.Deployment chain, BigInteger from) throws IOException {
    Web3j web3j = Web3j.build(new HttpService(chain.rpcUrl()));
    try {
      BigInteger latest = web3j.ethBlockNumber().send().getBlockNumber();
      List<org.web3j.protocol.core.methods.response.Transaction> all = new ArrayList<>();
      for (BigInteger n = from; n.compareTo(latest) <= 0; n = n.add(BigInteger.ONE)) {
        EthBlock.Block block = web3j.ethGetBlockByNumber(DefaultBlockParameter.valueOf(n), true).send().getBlock();
        block.getTransactions().forEach(result -> all.add((org.web3j.protocol.core.methods.response.Transaction)
            result.get()));
      }
      return all;
    } finally {
      web3j.shutdown();
    }
  }

  private static boolean paused(LocalChain.Deployment chain, String contract) throws IOException {
    Web3j web3j = Web3j.build(new HttpService(chain.rpcUrl()));
    try {
      String value = web3j.ethCall(Transaction.createEthCallTransaction(null, contract, SafeTransactions.PAUSED),
          DefaultBlockParameterName.LATEST).send().getValue();
      return new BigInteger(Numeric.cleanHexPrefix(value), 16).signum() != 0;
    } finally {
      web3j.shutdown();
    }
  }

  // ---- waiting

  private static void await(String what, Duration limit, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within " + limit + ": " + what);
      }
      Thread.sleep(200);
    }
  }
}
