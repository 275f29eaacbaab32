package org.irflow.containment.readiness;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.irflow.containment.PauseStyle;
import org.irflow.containment.chain.SafeTransactions;
import org.irflow.containment.pause.PauseProcessTest;
import org.irflow.containment.readiness.PausePathResult.Item;
import org.irflow.containment.readiness.PausePathResult.ItemStatus;
import org.irflow.containment.readiness.PausePathResult.Status;
import org.irflow.containment.signers.SignerAddresses;
import org.irflow.process.PauseReadinessVariables;
import org.irflow.support.chain.LocalChain;
import org.irflow.support.chain.RelayerStub;
import org.irflow.support.chain.SafeTransactionServiceStub;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.crypto.Credentials;
import org.web3j.utils.Numeric;

/**
 * PauseReadinessProcess on the real local chain (hardhat, Safe 1.5.0) with the Safe Transaction Service
 * and relayer stubs: each break an operator can make gives exactly its finding and one gap task, which
 * closes itself once the break is fixed and the next check runs. The proposer is a delegate (not an
 * owner) and the executor an account of its own, so that both can be broken without touching the Safe.
 */
class PauseReadinessProcessTest extends PauseProcessTest {

  /** A chain id the registry has, served by the local node (chain 31337): a misconfigured RPC URL. */
  static final long WRONG_CHAIN_ID = 31338;
  static final Credentials PROPOSER = LocalChain.account(6);
  static final Credentials EXECUTOR = LocalChain.account(7);
  static final BigInteger TEN_ETHER = BigInteger.TEN.pow(19);

  static SafeTransactionServiceStub service;
  static RelayerStub relayer;
  @Autowired PauseReadiness readiness;
  @Autowired SignerAddresses signerAddresses;

  @DynamicPropertySource
  static void containment(DynamicPropertyRegistry properties) {
    LocalChain.Deployment chain = LocalChain.deployment();
    service = new SafeTransactionServiceStub(chain);
    relayer = new RelayerStub(chain);
    registerLocalChain(properties, "Local hardhat", List.of(chain::rpcUrl), service, relayer, "PT30M", "PT10S");
    properties.add("irflow.containment.chains[2].chain-id", () -> WRONG_CHAIN_ID);
    properties.add("irflow.containment.chains[2].name", () -> "Misconfigured");
    properties.add("irflow.containment.chains[2].rpc-urls[0]", chain::rpcUrl);
    properties.add("irflow.containment.chains[2].production", () -> false);
    properties.add("irflow.containment.keys.proposer", () -> key(PROPOSER));
    properties.add("irflow.containment.keys.executor", () -> key(EXECUTOR));
  }

  @AfterAll
  static void closeStubs() {
    service.close();
    relayer.close();
  }

  @Override
  protected SafeTransactionServiceStub safeTransactionService() {
    return service;
  }

  @BeforeEach
  void proposerDelegatedAndExecutorFunded() {
    service.addDelegate(PROPOSER.getAddress());
    setBalance(EXECUTOR.getAddress(), TEN_ETHER);
  }

  /** Contracts of one test are not the next one's: their open gaps close as no longer registered. */
  @AfterEach
  void unregisterTargets() {
    jdbc.update("delete from protected_contract where name like 'Target%'");
    runCheck();
  }

  // ------------------------------------------------------------------------------------------------

  @Test
  void aWorkingSafePathAndRelayerPathPassEveryCheckAndOpenNoGap() {
    LocalChain.Targets targets = chain().deployTargets();
    String name = register(targets.accessControl(), PauseStyle.ACCESS_CONTROL, "relayer:" + RelayerStub.RELAYER_ID,
        safePauser());

    runCheck();

    List<PausePathResult> results = latest(name);
    assertThat(results).extracting(PausePathResult::path)
        .containsExactly("relayer:" + RelayerStub.RELAYER_ID, safePauser());
    assertThat(results).extracting(PausePathResult::status).containsOnly(Status.PASSED);
    assertThat(results.get(1).items()).extracting(Item::check).containsExactly(PausePathChecks.CHAIN,
        PausePathChecks.IS_SAFE, PausePathChecks.NOT_PAUSED, PausePathChecks.SAFE_MAY_PAUSE,
        PausePathChecks.SAFE_SIMULATION, PausePathChecks.PROPOSER, PausePathChecks.EXECUTOR,
        PausePathChecks.SIGNERS_REACH_THRESHOLD);
    assertThat(results.get(1).items().get(1).found()).contains("Safe 1.5.0").contains("2 of 3 owners");
    // no signer has an owner address of this Safe on record: irflow cannot tell, and says how to change that
    assertThat(results.get(1).items().get(7).status()).isEqualTo(ItemStatus.SKIPPED);
    assertThat(results.get(1).items().get(7).found()).contains("Prove my signing address");
    assertThat(results.get(1).items().get(5).found()).contains("is a delegate of the owner");
    assertThat(gapTasks(name)).isEmpty();
  }

  @Test
  void ownershipTransferredAwayGivesItsFindingAndOneGapTaskThatClosesAfterTheFix() {
    LocalChain.Targets targets = chain().deployTargets();
    String name = register(targets.notPausableBySafe(), PauseStyle.OWNABLE, safePauser());

    runCheck();
    runCheck();

    assertThat(failures(name, safePauser())).containsExactly(PausePathChecks.SAFE_MAY_PAUSE + ": the contract's owner is "
        + LocalChain.deployer().getAddress().toLowerCase() + ", not the Safe " + chain().safe().toLowerCase()
        + ": ownership was transferred away; transfer it back to " + chain().safe().toLowerCase());
    List<Task> open = gapTasks(name);
    assertThat(open).hasSize(1);
    assertThat(open.get(0).getAssignee()).isEqualTo("alice");
    assertThat(readiness.gaps(name, safePauser())).hasSize(1);
    assertThat(pagesTo("alice", name)).isEqualTo(1);

    LocalChain.sendAs(LocalChain.deployer(), targets.notPausableBySafe(), FunctionEncoder.encode(
        new Function("transferOwnership", List.of(new Address(chain().safe())), List.of())));
    runCheck();

    assertThat(latest(name)).extracting(PausePathResult::status).containsExactly(Status.PASSED);
    assertClosedByPassingCheck(name, safePauser(), open.get(0).getProcessInstanceId());
  }

  @Test
  void pauserRoleRevokedFromTheSafeAndTheRelayerGivesAFindingPerPathAndPagesTheSupervisor() {
    LocalChain.Targets targets = chain().deployTargets();
    String name = register(targets.accessControl(), PauseStyle.ACCESS_CONTROL, "relayer:" + RelayerStub.RELAYER_ID,
        safePauser());
    jdbc.update("update protected_contract set owner = 'carol' where name = ?", name);
    role("revokeRole", targets.accessControl(), chain().safe());
    role("revokeRole", targets.accessControl(), chain().relayer().getAddress());

    runCheck();

    String relayerAccount = chain().relayer().getAddress().toLowerCase();
    assertThat(failures(name, "relayer:" + RelayerStub.RELAYER_ID)).containsExactly(PausePathChecks.RELAYER_MAY_PAUSE
        + ": the relayer's account " + relayerAccount + " does not hold PAUSER_ROLE: an admin of the contract grants it"
        + " again (grantRole(PAUSER_ROLE, " + relayerAccount + "))");
    assertThat(failures(name, safePauser())).containsExactly(PausePathChecks.SAFE_MAY_PAUSE + ": the Safe "
        + chain().safe().toLowerCase() + " does not hold PAUSER_ROLE: an admin of the contract grants it again"
        + " (grantRole(PAUSER_ROLE, " + chain().safe().toLowerCase() + "))");
    assertThat(gapTasks(name)).hasSize(2).extracting(Task::getAssignee).containsOnly("carol");
    assertThat(pagesTo("carol", name)).isEqualTo(2);
    assertThat(jdbc.queryForObject("select count(*) from outbound_message where channel = 'PAGE'"
        + " and recipients = 'alice' and subject = ?", Integer.class, "No working pause path: " + name)).isEqualTo(1);

    role("grantRole", targets.accessControl(), chain().relayer().getAddress());
    runCheck();

    assertThat(latest(name)).extracting(PausePathResult::status).containsExactly(Status.PASSED, Status.FAILED);
    assertThat(gapTasks(name)).hasSize(1);
    role("grantRole", targets.accessControl(), chain().safe());
    runCheck();
    assertThat(gapTasks(name)).isEmpty();
    assertThat(readiness.openGaps()).noneMatch(gap -> gap.contract().equals(name));
  }

  @Test
  void signersWhoHoldFewerOwnerKeysThanTheThresholdGiveAFindingAndAGapThatClosesWhenAnotherKeyIsOnRecord() {
    LocalChain.Targets targets = chain().deployTargets();
    String name = register(targets.ownable(), PauseStyle.OWNABLE, safePauser());
    // the demo's only signer, erin, holds one owner key of a 2-of-3 Safe, and no rotation limits her hours
    signerAddresses.enter("erin", chain().owners().get(0).getAddress(), "admin");
    try {
      runCheck();

      assertThat(failures(name, safePauser())).singleElement().asString()
          .startsWith(PausePathChecks.SIGNERS_REACH_THRESHOLD + ": 1 stretch(es) below the threshold: ")
          .contains("1 of 3 owners reachable").contains("threshold 2");
      assertThat(gapTasks(name)).hasSize(1);

      signerAddresses.enter("erin", chain().owners().get(1).getAddress(), "admin");
      runCheck();

      assertThat(failures(name, safePauser())).isEmpty();
      assertThat(gapTasks(name)).isEmpty();

      // an owner key swapped out of the Safe: the key erin holds no longer counts, the threshold is out of reach
      swapOwner(chain().owners().get(1), LocalChain.account(9));
      try {
        runCheck();
        assertThat(failures(name, safePauser())).singleElement().asString()
            .startsWith(PausePathChecks.SIGNERS_REACH_THRESHOLD + ": ").contains("1 of 3 owners reachable");
        assertThat(gapTasks(name)).hasSize(1);
      } finally {
        swapOwner(LocalChain.account(9), chain().owners().get(1));
      }
    } finally {
      signerAddresses.all().forEach(address -> signerAddresses.remove(address.userId(), address.address()));
    }
  }

  @Test
  void aDrainedExecutorGivesItsFindingWithTheAmountToSend() {
    LocalChain.Targets targets = chain().deployTargets();
    String name = register(targets.ownable(), PauseStyle.OWNABLE, safePauser());
    setBalance(EXECUTOR.getAddress(), BigInteger.ZERO);

    runCheck();

    List<String> failures = failures(name, safePauser());
    assertThat(failures).hasSize(1);
    assertThat(failures.get(0)).startsWith(PausePathChecks.EXECUTOR + ": the executor "
        + EXECUTOR.getAddress().toLowerCase() + " holds 0 ETH; 3 pauses at ").contains(": send it at least ");
    assertThat(gapTasks(name)).hasSize(1);

    setBalance(EXECUTOR.getAddress(), TEN_ETHER);
    runCheck();
    assertThat(gapTasks(name)).isEmpty();
  }

  @Test
  void aChainIdMismatchGivesItsFindingAndSkipsTheRest() {
    LocalChain.Targets targets = chain().deployTargets();
    String name = register(targets.ownable(), PauseStyle.OWNABLE, safePauser());
    jdbc.update("update protected_contract set chain_id = ? where name = ?", WRONG_CHAIN_ID, name);

    runCheck();

    PausePathResult result = latest(name).get(0);
    assertThat(result.items()).hasSize(1);
    assertThat(failures(name, safePauser())).containsExactly(PausePathChecks.CHAIN + ": the RPC endpoint answers chain id "
        + LocalChain.CHAIN_ID + ", the registry says " + WRONG_CHAIN_ID
        + ": an RPC URL of irflow.containment.chains points at the wrong network");
    assertThat(gapTasks(name)).hasSize(1);
  }

  @Test
  void anAlreadyPausedContractGivesItsFindingWithoutASimulationFailure() {
    LocalChain.Targets targets = chain().deployTargets();
    String name = register(targets.accessControl(), PauseStyle.ACCESS_CONTROL, safePauser());
    LocalChain.sendAs(chain().relayer(), targets.accessControl(), SafeTransactions.PAUSE);

    runCheck();

    assertThat(failures(name, safePauser())).containsExactly(PausePathChecks.NOT_PAUSED + ": "
        + targets.accessControl() + " is paused now: a pause would change nothing; unpause it when the incident that"
        + " paused it is over");
    assertThat(latest(name).get(0).items()).filteredOn(item -> item.check().equals(PausePathChecks.SAFE_SIMULATION))
        .extracting(Item::status).containsExactly(ItemStatus.SKIPPED);
    assertThat(gapTasks(name)).hasSize(1);

    LocalChain.sendAs(LocalChain.deployer(), targets.accessControl(), "0x3f4ba83a");
    runCheck();
    assertThat(gapTasks(name)).isEmpty();
  }

  @Test
  void aProposerThatIsNeitherOwnerNorDelegateGivesItsFindingUntilItIsDelegatedAgain() {
    LocalChain.Targets targets = chain().deployTargets();
    String name = register(targets.ownable(), PauseStyle.OWNABLE, safePauser());
    service.removeDelegate(PROPOSER.getAddress());

    runCheck();

    assertThat(failures(name, safePauser())).containsExactly(PausePathChecks.PROPOSER + ": the proposer "
        + PROPOSER.getAddress().toLowerCase() + " is neither an owner of the Safe nor a delegate of a current owner"
        + " at the Safe Transaction Service: an owner adds it as a delegate");
    List<Task> open = gapTasks(name);
    assertThat(open).hasSize(1);

    service.addDelegate(PROPOSER.getAddress());
    runCheck();
    assertClosedByPassingCheck(name, safePauser(), open.get(0).getProcessInstanceId());
  }

  @Test
  void theDailyTimerRunsTheCheckAtSixAndASecondDayMakesNoDuplicateGap() {
    LocalChain.Targets targets = chain().deployTargets();
    String name = register(targets.notPausableBySafe(), PauseStyle.OWNABLE, safePauser());

    Instant firstDay = fireDailyTimer();
    Instant secondDay = fireDailyTimer();

    assertThat(firstDay.atZone(ZoneId.systemDefault()).toLocalTime()).isEqualTo(LocalTime.of(6, 0));
    assertThat(secondDay).isEqualTo(firstDay.atZone(ZoneId.systemDefault()).plusDays(1).toInstant());
    assertThat(latest(name).get(0).checkedAt()).isEqualTo(secondDay);
    assertThat(jdbc.queryForObject("select count(distinct checked_at) from pause_readiness_result where contract_name = ?",
        Integer.class, name)).isEqualTo(2);
    assertThat(gapTasks(name)).hasSize(1);
    assertThat(readiness.gaps(name, safePauser())).hasSize(1);
    // whoever was on call at six was paged, once
    assertThat(jdbc.queryForObject("select count(*) from outbound_message where channel = 'PAGE' and subject = ?",
        Integer.class, "Pause path broken: " + name + " through the Safe " + chain().safe().toLowerCase()))
        .isEqualTo(1);
  }

  // ------------------------------------------------------------------------------------------------

  /** Starts a check as POST /api/pause-readiness/check does and runs its job as the job executor would. */
  private void runCheck() {
    String id = runtime.startProcessInstanceByMessage(PauseReadinessVariables.MESSAGE_CHECK_REQUESTED).getId();
    runJob(id);
  }

  /** Runs the check's jobs (the check, then the re-build of the pre-staged pauses) until the process ends. */
  private void runJob(String processInstanceId) {
    for (Job job = management.createJobQuery().processInstanceId(processInstanceId).singleResult(); job != null;
        job = management.createJobQuery().processInstanceId(processInstanceId).singleResult()) {
      management.executeJob(job.getId());
    }
    assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceId(processInstanceId)
        .singleResult().getEndActivityId()).isEqualTo("EndEvent_PausePathsChecked");
  }

  /** Moves the clock to the daily timer's due time and runs it and the check it starts; answers the time. */
  private Instant fireDailyTimer() {
    Job timer = management.createJobQuery().processDefinitionKey(PauseReadinessVariables.PAUSE_READINESS_PROCESS)
        .timers().singleResult();
    Instant due = timer.getDuedate().toInstant();
    setClock(due);
    management.executeJob(timer.getId());
    HistoricProcessInstance started = engine.getHistoryService().createHistoricProcessInstanceQuery()
        .processDefinitionKey(PauseReadinessVariables.PAUSE_READINESS_PROCESS).startedAfter(java.util.Date.from(due.minusSeconds(1)))
        .unfinished().singleResult();
    runJob(started.getId());
    return due;
  }

  private List<PausePathResult> latest(String name) {
    return readiness.latest().stream().filter(result -> result.contract().equals(name)).toList();
  }

  private List<String> failures(String name, String path) {
    return latest(name).stream().filter(result -> result.path().equals(path))
        .flatMap(result -> result.items().stream())
        .filter(item -> item.status() == ItemStatus.FAILED)
        .map(item -> item.check() + ": " + item.found()).toList();
  }

  private List<Task> gapTasks(String name) {
    return tasks.createTaskQuery().processDefinitionKey(PauseReadinessVariables.PAUSE_READINESS_GAP_PROCESS)
        .taskDefinitionKey("Task_FixPausePath").processVariableValueEquals(PauseReadinessVariables.PAUSE_GAP_CONTRACT, name)
        .list();
  }

  private int pagesTo(String user, String name) {
    return jdbc.queryForObject("select count(*) from outbound_message where channel = 'PAGE' and recipients = ?"
        + " and subject like ?", Integer.class, user, "Pause path broken: " + name + " %");
  }

  private void assertClosedByPassingCheck(String name, String path, String gapProcessInstanceId) {
    assertThat(gapTasks(name)).isEmpty();
    PauseReadiness.Gap gap = readiness.gaps(name, path).get(0);
    assertThat(gap.closedAt()).isNotNull();
    assertThat(gap.closedBy()).isEqualTo(PauseReadiness.CLOSED_BY_CHECK);
    assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceId(gapProcessInstanceId)
        .singleResult().getEndActivityId()).isEqualTo("EndEvent_ClosedByPassingCheck");
  }

  private static void role(String function, String contract, String account) {
    LocalChain.sendAs(LocalChain.deployer(), contract, FunctionEncoder.encode(new Function(function,
        List.of(new Bytes32(Numeric.hexStringToByteArray(SafeTransactions.PAUSER_ROLE)), new Address(account)),
        List.of())));
  }

  /** hardhat_setBalance: the executor drained or refilled without a transaction. */
  private static void setBalance(String account, BigInteger wei) {
    try {
      HttpResponse<String> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(HttpRequest.newBuilder(URI.create(chain().rpcUrl()))
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"hardhat_setBalance\","
              + "\"params\":[\"" + account + "\",\"" + Numeric.toHexStringWithPrefix(wei) + "\"]}"))
          .build(), HttpResponse.BodyHandlers.ofString());
      assertThat(response.body()).contains("\"result\":true");
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
