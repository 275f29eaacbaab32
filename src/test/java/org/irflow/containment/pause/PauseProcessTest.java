package org.irflow.containment.pause;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.irflow.containment.ChainAccess;
import org.irflow.containment.PauseStyle;
import org.irflow.containment.SafeTransaction;
import org.irflow.containment.SafeTransactionService;
import org.irflow.containment.chain.SafeTransactions;
import org.irflow.incident.Incident;
import org.irflow.incident.IncidentService;
import org.irflow.incident.Severity;
import org.irflow.incident.TimelineEntry;
import org.irflow.incident.TimelineKind;
import org.irflow.support.ProcessTest;
import org.irflow.support.TestIncidents;
import org.irflow.support.chain.LocalChain;
import org.irflow.support.chain.RelayerStub;
import org.irflow.support.chain.SafeTransactionServiceStub;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Function;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.http.HttpService;
import org.web3j.utils.Numeric;

/**
 * Base of the tests that run ContractPauseProcess on the real local chain: registering fresh targets,
 * starting a pause, running its jobs and polls as the job executor would, and checking the result on
 * the chain itself. Subclasses configure the chain, the stubs and how irflow reaches them.
 */
@ExtendWith(LocalChain.class)
public abstract class PauseProcessTest extends ProcessTest {

  private static final AtomicInteger NAMES = new AtomicInteger();

  @Autowired protected PauseStarter starter;
  @Autowired protected PauseBatches batches;
  @Autowired protected TestIncidents testIncidents;
  @Autowired protected IncidentService incidentService;
  @Autowired protected ChainAccess chainAccess;
  @Autowired protected SafeTransactions safeTransactions;

  /**
   * A pause left waiting (for signers, a person, a retry) holds its Safe nonce, and the next pause
   * through the Safe would queue behind it, as in production: each test's pauses end with the test.
   */
  @AfterEach
  void endPausesLeftWaiting() {
    runtime.createProcessInstanceQuery().processDefinitionKey("ContractPauseProcess").list()
        .forEach(instance -> runtime.deleteProcessInstance(instance.getId(), "test over"));
  }

  /** The Safe Transaction Service stub the subclass configured for the local chain. */
  protected abstract SafeTransactionServiceStub safeTransactionService();

  /**
   * The local chain as chain 0 of the registry, reached at these RPC URLs in order, with the Safe
   * service and relayer stubs and the pause keys of its owners; the production chain of
   * application-test.yaml (without RPC) stays valid beside it as chain 1.
   */
  public static void registerLocalChain(DynamicPropertyRegistry properties, String name,
      List<Supplier<Object>> rpcUrls, SafeTransactionServiceStub service, RelayerStub relayer,
      String confirmationTimeout, String pollInterval) {
    LocalChain.Deployment chain = LocalChain.deployment();
    String at = "irflow.containment.chains[0].";
    properties.add(at + "chain-id", chain::chainId);
    properties.add(at + "name", () -> name);
    for (int i = 0; i < rpcUrls.size(); i++) {
      properties.add(at + "rpc-urls[" + i + "]", rpcUrls.get(i));
    }
    properties.add(at + "safe-transaction-service-url", service::baseUrl);
    properties.add(at + "safe-wallet-prefix", () -> "local");
    properties.add(at + "multi-send-call-only", chain::multiSendCallOnly);
    properties.add(at + "production", () -> false);
    properties.add("irflow.containment.chains[1].chain-id", () -> 1);
    properties.add("irflow.containment.chains[1].name", () -> "Ethereum");
    properties.add("irflow.containment.chains[1].production", () -> true);
    properties.add("irflow.containment.relayer.url", relayer::baseUrl);
    properties.add("irflow.containment.relayer.api-key", () -> RelayerStub.API_KEY);
    properties.add("irflow.containment.keys.proposer", () -> key(chain.owners().get(0)));
    properties.add("irflow.containment.keys.executor", () -> key(chain.executor()));
    properties.add("irflow.containment.confirmation-timeout", () -> confirmationTimeout);
    properties.add("irflow.containment.confirmation-poll-interval", () -> pollInterval);
  }

  protected static String key(Credentials credentials) {
    return Numeric.toHexStringWithPrefixZeroPadded(credentials.getEcKeyPair().getPrivateKey(), 64);
  }

  protected static LocalChain.Deployment chain() {
    return LocalChain.deployment();
  }

  /** Registers a contract as configuration would (the registry reads its table). */
  protected String register(String address, PauseStyle style, String... pausers) {
    String name = "Target" + NAMES.incrementAndGet();
    jdbc.update("""
        insert into protected_contract (name, chain_id, address, pause_style, pausers, automatic_pause_allowed, sort_order)
        values (?, ?, ?, ?, ?, false, ?)""", name, chain().chainId(), address, style.name(),
        String.join(",", pausers), 1000 + NAMES.get());
    return name;
  }

  protected String safePauser() {
    return "safe:" + chain().safe();
  }

  protected Incident incident() {
    return testIncidents.declare("Exploit " + NAMES.incrementAndGet(), Severity.SEV1, "alice");
  }

  /** Starts the pauses of a request; returns the one batch's process instance. */
  protected ProcessInstance pause(Incident incident, String... names) {
    List<Long> ids = starter.start(incident.id(), List.of(names), "alice", "alice", false);
    assertThat(ids).hasSize(1);
    String id = batches.get(ids.get(0)).processInstanceId();
    ProcessInstance running = runtime.createProcessInstanceQuery().processInstanceId(id).singleResult();
    if (running != null) {
      return running;
    }
    // ended within its start (a drill on a production chain records and ends): assertions read its history
    ExecutionEntity ended = new ExecutionEntity();
    ended.setId(id);
    ended.setProcessInstanceId(id);
    return ended;
  }

  protected PauseBatch batchOf(ProcessInstance instance) {
    long id = ((Number) engine.getHistoryService().createHistoricVariableInstanceQuery()
        .processInstanceId(instance.getId()).variableName("pauseBatchId").singleResult().getValue()).longValue();
    return batches.get(id);
  }

  /** Executes the async continuations (not timers) as the job executor would, until none is left. */
  protected void runJobs(ProcessInstance instance) {
    for (int round = 0; round < 50; round++) {
      List<Job> jobs = management.createJobQuery().processInstanceId(instance.getId()).messages().executable().list();
      if (jobs.isEmpty()) {
        return;
      }
      for (Job job : jobs) {
        management.executeJob(job.getId());
      }
    }
    throw new AssertionError("jobs keep coming");
  }

  /** Runs until the process waits for a person or a confirmation, firing the relayer and verify polls. */
  protected void drive(ProcessInstance instance) {
    for (int round = 0; round < 20; round++) {
      runJobs(instance);
      boolean fired = false;
      for (String poll : List.of("IntermediateCatchEvent_RelayerPollDue", "IntermediateCatchEvent_VerifyAgain")) {
        Job timer = management.createJobQuery().processInstanceId(instance.getId()).activityId(poll).timers().singleResult();
        if (timer != null) {
          fireTimer(instance.getId(), poll, timer.getDuedate().toInstant());
          fired = true;
        }
      }
      if (!fired) {
        return;
      }
    }
  }

  /** An owner confirms in its wallet, then the next confirmation poll finds the threshold met. */
  protected void confirmAndPoll(ProcessInstance instance, String safeTxHash, Credentials owner) {
    safeTransactionService().confirm(safeTxHash, owner);
    Instant due = timerDue(instance.getId(), "IntermediateCatchEvent_ConfirmationPollDue");
    fireTimer(instance.getId(), "IntermediateCatchEvent_ConfirmationPollDue", due);
    drive(instance);
  }

  /** paused() read on the chain itself, not through irflow. */
  protected static boolean pausedOnChain(String contract) throws Exception {
    Web3j web3j = Web3j.build(new HttpService(chain().rpcUrl()));
    try {
      String value = web3j.ethCall(Transaction.createEthCallTransaction(null, contract, SafeTransactions.PAUSED),
          DefaultBlockParameterName.LATEST).send().getValue();
      return new BigInteger(Numeric.cleanHexPrefix(value), 16).signum() != 0;
    } finally {
      web3j.shutdown();
    }
  }

  protected List<TimelineKind> pauseTimeline(Incident incident) {
    return incidentService.timelineOf(incident.id()).stream().map(TimelineEntry::kind)
        .filter(kind -> kind.name().startsWith("PAUSE") || kind == TimelineKind.CONTRACTS_PAUSED).toList();
  }

  protected void assertPaused(ProcessInstance instance, Incident incident, String... addresses) throws Exception {
    assertThat(instance).isEnded().hasPassed("Task_VerifyPause", "EndEvent_ContractsPaused");
    for (String address : addresses) {
      assertThat(pausedOnChain(address)).as("paused() of " + address).isTrue();
    }
    PauseBatch batch = batchOf(instance);
    assertThat(batch.status()).isEqualTo(PauseStatus.PAUSED);
    assertThat(batch.txHash()).startsWith("0x");
    assertThat(batch.blockNumber()).isPositive();
    assertThat(batch.verifiedAt()).isNotNull();
    assertThat(incidentService.timelineOf(incident.id())).anyMatch(e -> e.kind() == TimelineKind.CONTRACTS_PAUSED
        && e.summary().contains(batch.txHash()) && e.summary().contains("block " + batch.blockNumber()));
  }

  /** Owners #1 and #2 sign a Safe transaction, and account #0 executes it (not irflow's executor). */
  protected void executeOtherSafeTransaction(SafeTransaction transaction) {
    String hash = safeTransactions.hash(chain().chainId(), chain().safe(), transaction);
    ChainAccess.SafeState state = chainAccess.safeState(chain().chainId(), chain().safe());
    List<SafeTransactionService.Confirmation> signatures = new ArrayList<>();
    for (Credentials owner : List.of(chain().owners().get(0), chain().owners().get(2), chain().owners().get(1),
        LocalChain.account(8))) {
      if (state.owners().contains(owner.getAddress().toLowerCase()) && signatures.size() < state.threshold()) {
        signatures.add(new SafeTransactionService.Confirmation(owner.getAddress(), SafeTransactions.sign(hash, key(owner))));
      }
    }
    String data = org.irflow.containment.chain.Web3jChainAccess.execTransactionData(transaction,
        SafeTransactions.joinSignatures(signatures));
    LocalChain.sendAs(LocalChain.deployer(), chain().safe(), data);
  }

  /** swapOwner(prevOwner, oldOwner, newOwner) through the Safe itself, at its current nonce. */
  protected void swapOwner(Credentials leaving, Credentials coming) {
    ChainAccess.SafeState state = chainAccess.safeState(chain().chainId(), chain().safe());
    int index = state.owners().indexOf(leaving.getAddress().toLowerCase());
    String previous = index == 0 ? "0x0000000000000000000000000000000000000001" : state.owners().get(index - 1);
    String data = FunctionEncoder.encode(new Function("swapOwner", List.of(new Address(previous),
        new Address(leaving.getAddress()), new Address(coming.getAddress())), List.of()));
    executeOtherSafeTransaction(SafeTransaction.of(chain().safe(), data, 0, state.nonce()));
    assertThat(chainAccess.safeState(chain().chainId(), chain().safe()).owners())
        .contains(coming.getAddress().toLowerCase()).doesNotContain(leaving.getAddress().toLowerCase());
  }
}
