package org.irflow.containment.pause;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.irflow.containment.PauseStyle;
import org.irflow.containment.SafeTransaction;
import org.irflow.containment.chain.SafeTransactions;
import org.irflow.incident.Incident;
import org.irflow.incident.TimelineEntry;
import org.irflow.incident.TimelineKind;
import org.irflow.support.chain.JsonRpcProxy;
import org.irflow.support.chain.LocalChain;
import org.irflow.support.chain.RelayerStub;
import org.irflow.support.chain.SafeTransactionServiceStub;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.web3j.crypto.Credentials;

/**
 * The faults of a real incident day, each on the local chain (hardhat, Safe 1.5.0, 2 of 3) with the
 * Safe Transaction Service and relayer doubles that keep the real rules, and the chain's only RPC
 * endpoint behind a JSON-RPC proxy that can go down, lose an answer, and estimate gas on "latest" as
 * geth does. Each test asserts on the chain (paused(), the executor's transactions, the relayer's
 * submissions) and on irflow's status and timeline: never FAILED while paused, never a silent wait,
 * never two transactions for one pause.
 */
class PauseFaultsTest extends PauseProcessTest {

  static JsonRpcProxy rpc;
  static SafeTransactionServiceStub service;
  static RelayerStub relayer;
  static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();


  @DynamicPropertySource
  static void containment(DynamicPropertyRegistry properties) {
    LocalChain.Deployment chain = LocalChain.deployment();
    rpc = new JsonRpcProxy(chain.rpcUrl());
    rpc.estimateGasOnLatest(true);
    service = new SafeTransactionServiceStub(chain);
    relayer = new RelayerStub(chain);
    registerLocalChain(properties, "Local hardhat behind a proxy", List.of(rpc::url), service, relayer, "PT30M", "PT2S");
  }

  @AfterEach
  void chainBackToNormal() throws Exception {
    rpc.comeBack();
    automine(true);
  }

  @AfterAll
  static void closeDoubles() {
    rpc.close();
    service.close();
    relayer.close();
  }

  @Override
  protected SafeTransactionServiceStub safeTransactionService() {
    return service;
  }

  // ------------------------------------------------------------------ the Safe's world changes

  @Test
  void anotherSafeTransactionAtTheProposalsNonceMakesIrflowProposeAgainAtTheNextNonce() throws Exception {
    ProposedPause p = proposeVaultPause();
    long nonce = p.proposed().safeNonce();

    // the owners execute another Safe transaction at that nonce, then confirm the stale proposal
    executeOtherSafeTransaction(SafeTransaction.of(LocalChain.account(9).getAddress(), "0x", 0,
        BigInteger.valueOf(nonce)));
    service.confirm(p.proposed().safeTxHash(), chain().owners().get(1));
    BigInteger executorBefore = executorTransactions();
    poll(p.instance());

    // not taken for "executed": proposed again at the next nonce, the signers asked again, said why
    PauseBatch again = batchOf(p.instance());
    assertThat(p.instance()).hasPassed("BoundaryEvent_ProposalSuperseded").isWaitingAt("Task_SignPauseTransaction");
    assertThat(again.safeNonce()).isEqualTo(nonce + 1);
    assertThat(again.safeTxHash()).isNotEqualTo(p.proposed().safeTxHash());
    assertThat(again.supersededSafeTxHashes()).isEqualTo(p.proposed().safeTxHash());
    assertThat(again.status()).isEqualTo(PauseStatus.PROPOSED);
    String notice = "another Safe transaction used nonce " + nonce + "; the pause was proposed again at nonce "
        + (nonce + 1);
    assertThat(timeline(p.incident())).anyMatch(e -> e.kind() == TimelineKind.PAUSE_SUBMITTED
        && e.summary().contains(notice));
    Task sign = tasks.createTaskQuery().processInstanceId(p.instance().getId()).taskAssignee("erin").singleResult();
    assertThat((String) tasks.getVariable(sign.getId(), "pauseNotice")).startsWith(notice);
    assertThat((String) tasks.getVariable(sign.getId(), "safeTxHash")).isEqualTo(again.safeTxHash());
    assertThat(pausedOnChain(p.targets().ownable())).isFalse();

    confirmAndPoll(p.instance(), again.safeTxHash(), chain().owners().get(1));
    assertPaused(p.instance(), p.incident(), p.targets().ownable());
    assertThat(executorTransactions()).isEqualTo(executorBefore.add(BigInteger.ONE));
  }

  @Test
  void anOwnerSwappedOutAfterConfirmingDoesNotCountAndThePauseGoesOnWithTheCurrentOwners() throws Exception {
    ProposedPause p = proposeVaultPause();
    Credentials leaving = chain().owners().get(1);
    Credentials newcomer = LocalChain.account(8);
    service.confirm(p.proposed().safeTxHash(), leaving);      // the threshold would be met ...
    swapOwner(leaving, newcomer);                      // ... but the owner leaves (a Safe transaction: the nonce moves)
    try {
      poll(p.instance());
      PauseBatch again = batchOf(p.instance());
      assertThat(again.safeNonce()).isEqualTo(p.proposed().safeNonce() + 1);   // the swap used the proposal's nonce
      assertThat(pausedOnChain(p.targets().ownable())).isFalse();

      // the new proposal: the proposer's own confirmation alone is 1 of 2
      poll(p.instance());
      assertThat(batchOf(p.instance()).statusDetail()).startsWith("1 of 2 confirmations by current owners");
      confirmAndPoll(p.instance(), again.safeTxHash(), newcomer);
      assertPaused(p.instance(), p.incident(), p.targets().ownable());
    } finally {
      swapOwner(newcomer, leaving);
    }
  }

  @Test
  void twoPausesThroughOneSafeTakeConsecutiveNoncesAndBothPause() throws Exception {
    LocalChain.Targets targets = chain().deployTargets();
    String vault = register(targets.ownable(), PauseStyle.OWNABLE, safePauser());
    String bridge = register(targets.accessControl(), PauseStyle.ACCESS_CONTROL, safePauser());
    Incident incident = incident();
    ProcessInstance first = pause(incident, vault);
    drive(first);
    ProcessInstance second = pause(incident, bridge);
    drive(second);
    PauseBatch one = batchOf(first);
    PauseBatch two = batchOf(second);
    assertThat(two.safeNonce()).isEqualTo(one.safeNonce() + 1);

    // the second is confirmed first: it waits for the first, and says so
    confirmAndPoll(second, two.safeTxHash(), chain().owners().get(2));
    assertThat(second).isWaitingAt("Task_SignPauseTransaction");
    assertThat(batchOf(second).statusDetail()).contains("waiting for the Safe's earlier transaction at nonce "
        + one.safeNonce(), "(pause " + one.id() + " of irflow)");

    confirmAndPoll(first, one.safeTxHash(), chain().owners().get(1));
    assertPaused(first, incident, targets.ownable());
    poll(second);
    assertPaused(second, incident, targets.accessControl());
  }

  @Test
  void aContractTheSafeCannotPauseIsSplitOutAndTheOthersGoOn() throws Exception {
    LocalChain.Targets targets = chain().deployTargets();
    String vault = register(targets.ownable(), PauseStyle.OWNABLE, safePauser());
    String foreign = register(targets.notPausableBySafe(), PauseStyle.OWNABLE, safePauser());
    Incident incident = incident();
    ProcessInstance instance = pause(incident, vault, foreign);
    drive(instance);

    PauseBatch kept = batchOf(instance);
    assertThat(kept.contractNames()).containsExactly(vault);
    assertThat(kept.status()).isEqualTo(PauseStatus.PROPOSED);
    PauseBatch split = batches.ofIncident(incident.id()).stream().filter(b -> b.id() != kept.id()).findFirst()
        .orElseThrow();
    assertThat(split.contractNames()).containsExactly(foreign);
    assertThat(split.splitFrom()).isEqualTo(kept.id());
    ProcessInstance splitInstance = runtime.createProcessInstanceQuery().processInstanceId(split.processInstanceId())
        .singleResult();
    drive(splitInstance);
    assertThat(splitInstance).isWaitingAt("Task_ResolveSimulationFailure");
    assertThat((String) runtime.getVariable(splitInstance.getId(), "simulationRevertReason"))
        .contains(foreign, "OwnableUnauthorizedAccount");

    confirmAndPoll(instance, kept.safeTxHash(), chain().owners().get(1));
    assertPaused(instance, incident, targets.ownable());
    assertThat(pausedOnChain(targets.notPausableBySafe())).isFalse();
  }

  @Test
  void aContractPausedAlreadyIsAPauseNotByThisTransactionAndNothingIsProposed() throws Exception {
    LocalChain.Targets targets = chain().deployTargets();
    String bridge = register(targets.accessControl(), PauseStyle.ACCESS_CONTROL, safePauser());
    LocalChain.sendAs(chain().relayer(), targets.accessControl(), SafeTransactions.PAUSE);   // someone paused it
    int proposalsBefore = service.proposals();
    Incident incident = incident();

    ProcessInstance instance = pause(incident, bridge);
    drive(instance);

    assertThat(instance).isEnded().hasPassed("Gateway_AlreadyPaused", "Task_VerifyPause", "EndEvent_ContractsPaused")
        .hasNotPassed("Task_ProposeSafeTransaction");
    PauseBatch batch = batchOf(instance);
    assertThat(batch.status()).isEqualTo(PauseStatus.PAUSED);
    assertThat(batch.statusDetail()).startsWith("paused (not by this transaction)");
    assertThat(service.proposals()).isEqualTo(proposalsBefore);
    assertThat(timeline(incident)).anyMatch(e -> e.kind() == TimelineKind.CONTRACTS_PAUSED
        && e.summary().contains("not by this transaction"));
  }

  @Test
  void givingUpWhileTheContractIsPausedMeanwhileRecordsPausedNotFailed() throws Exception {
    LocalChain.Targets targets = chain().deployTargets();
    String foreign = register(targets.notPausableBySafe(), PauseStyle.OWNABLE, safePauser());
    Incident incident = incident();
    ProcessInstance instance = pause(incident, foreign);
    drive(instance);
    assertThat(instance).isWaitingAt("Task_ResolveSimulationFailure");

    LocalChain.sendAs(LocalChain.deployer(), targets.notPausableBySafe(), SafeTransactions.PAUSE);   // its owner paused it
    submit(openTask(instance, "Task_ResolveSimulationFailure"),
        Map.of("simulationDecision", "GIVE_UP", "pauseNotes", "the Safe does not own it"));

    assertThat(instance).isEnded().hasPassed("Gateway_PausedAfterAll", "EndEvent_PausedAfterAll")
        .hasNotPassed("EndEvent_PauseFailed");
    assertThat(batchOf(instance).status()).isEqualTo(PauseStatus.PAUSED);
    assertThat(pauseTimeline(incident)).doesNotContain(TimelineKind.PAUSE_FAILED);
  }

  @Test
  void aProposalTheOwnersExecutedThemselvesIsVerifiedAndIrflowSendsNothing() throws Exception {
    ProposedPause p = proposeVaultPause();
    BigInteger executorBefore = executorTransactions();

    // the owners sign irflow's SafeTx in their wallets and one of them executes it in Safe{Wallet}
    executeOtherSafeTransaction(p.proposed().safeTransaction());
    poll(p.instance());

    assertPaused(p.instance(), p.incident(), p.targets().ownable());
    assertThat(p.instance()).hasNotPassed("BoundaryEvent_ProposalSuperseded", "BoundaryEvent_ExecutionSuperseded");
    assertThat(batchOf(p.instance()).statusDetail()).startsWith("paused by transaction ");
    assertThat(executorTransactions()).isEqualTo(executorBefore);
    assertThat(timeline(p.incident())).anyMatch(e -> e.summary().contains("not sent by irflow"));
  }

  @Test
  void aTransactionTheNodeDroppedIsSentAgainAsTheSameSignedBytes() throws Exception {
    ProposedPause p = proposeVaultPause();
    BigInteger executorBefore = executorTransactions();
    automine(false);
    confirmAndPoll(p.instance(), p.proposed().safeTxHash(), chain().owners().get(1));
    String sent = batchOf(p.instance()).txHash();

    node("hardhat_dropTransaction", "\"" + sent + "\"");    // the node forgets it (a mempool eviction)
    drive(p.instance());
    mine();
    automine(true);
    drive(p.instance());

    assertPaused(p.instance(), p.incident(), p.targets().ownable());
    assertThat(batchOf(p.instance()).txHash()).isEqualTo(sent);
    assertThat(executorTransactions()).isEqualTo(executorBefore.add(BigInteger.ONE));
  }

  @Test
  void aTransactionWhoseExecutorNonceWentToAnotherIsReplacedAndSaidSo() throws Exception {
    ProposedPause p = proposeVaultPause();
    BigInteger executorBefore = executorTransactions();
    automine(false);
    confirmAndPoll(p.instance(), p.proposed().safeTxHash(), chain().owners().get(1));
    PauseBatch first = batchOf(p.instance());

    // the node forgets it, and the executor's nonce goes to another transaction (the key used elsewhere)
    node("hardhat_dropTransaction", "\"" + first.txHash() + "\"");
    node("eth_sendRawTransaction", "\"" + transferFromExecutor(first.signedTxNonce()) + "\"");
    mine();
    automine(true);
    drive(p.instance());

    assertPaused(p.instance(), p.incident(), p.targets().ownable());
    assertThat(p.instance()).hasPassed("Gateway_JoinExecute");
    assertThat(batchOf(p.instance()).txHash()).isNotEqualTo(first.txHash());
    assertThat(executorTransactions()).isEqualTo(executorBefore.add(BigInteger.TWO));   // the other one and the replacement
    assertThat(timeline(p.incident())).anyMatch(e -> e.kind() == TimelineKind.PAUSE_ATTEMPT_FAILED
        && e.summary().contains(first.txHash()) && e.summary().contains("signing a replacement"));
  }

  // ------------------------------------------------------------------ answers that never come

  @Test
  void aLostAnswerToTheExecTransactionWhilePendingIsNotSentAgain() throws Exception {
    ProposedPause p = proposeVaultPause();
    BigInteger executorBefore = executorTransactions();

    automine(false);                                   // the transaction stays pending
    rpc.loseNextAnswerTo("eth_sendRawTransaction");
    service.confirm(p.proposed().safeTxHash(), chain().owners().get(1));
    poll(p.instance());
    retryFailedJobs(p.instance());                         // whatever failed is tried again as the engine would

    assertThat(rpc.lostAnswers()).isEqualTo(1);
    PauseBatch executing = batchOf(p.instance());
    assertThat(executing.status()).isEqualTo(PauseStatus.EXECUTING);
    assertThat(executing.signedTx()).startsWith("0x");
    mine();
    automine(true);
    drive(p.instance());

    assertPaused(p.instance(), p.incident(), p.targets().ownable());
    assertThat(batchOf(p.instance()).txHash()).isEqualTo(executing.txHash());
    assertThat(executorTransactions()).isEqualTo(executorBefore.add(BigInteger.ONE));
    assertThat(pauseTimeline(p.incident())).doesNotContain(TimelineKind.PAUSE_FAILED);
  }

  @Test
  void theRelayerQueuedThePauseButItsAnswerWasLostAndItIsNotSubmittedAgain() throws Exception {
    LocalChain.Targets targets = chain().deployTargets();
    String bridge = register(targets.accessControl(), PauseStyle.ACCESS_CONTROL,
        "relayer:" + RelayerStub.RELAYER_ID, safePauser());
    Incident incident = incident();
    int submissionsBefore = relayer.submissions();
    relayer.loseNextSubmissionAnswer(502);

    ProcessInstance instance = pause(incident, bridge);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> drive(instance)).hasMessageContaining("502");
    Job failed = management.createJobQuery().processInstanceId(instance.getId()).activityId("Task_SubmitToRelayer")
        .singleResult();
    assertThat(failed.getExceptionMessage()).contains("502");
    assertThat(batchOf(instance).statusDetail()).startsWith("RETRYING: Submit pause to relayer");
    assertThat(timeline(incident)).anyMatch(e -> e.kind() == TimelineKind.PAUSE_ATTEMPT_FAILED
        && e.summary().contains("Submit pause to relayer"));
    retryFailedJobs(instance);
    drive(instance);

    assertPaused(instance, incident, targets.accessControl());
    assertThat(relayer.submissions()).isEqualTo(submissionsBefore + 1);
    PauseBatch batch = batchOf(instance);
    assertThat(relayer.hashOf(batch.relayerTxId())).contains(batch.txHash());
    assertThat(instance).hasNotPassed("Task_UseNextPauser");
    assertThat(timeline(incident)).anyMatch(e -> e.summary().contains("answer was lost"));
  }

  @Test
  void aRelayerThatRefusesTheTransactionFallsBackToTheSafeAtOnce() throws Exception {
    LocalChain.Targets targets = chain().deployTargets();
    String bridge = register(targets.accessControl(), PauseStyle.ACCESS_CONTROL,
        "relayer:" + RelayerStub.RELAYER_ID, safePauser());
    Incident incident = incident();
    relayer.rejectNextSubmission(400, "Insufficient balance");

    ProcessInstance instance = pause(incident, bridge);
    drive(instance);

    assertThat(instance).hasPassed("Task_SubmitToRelayer", "Task_UseNextPauser", "Task_ProposeSafeTransaction")
        .isWaitingAt("Task_SignPauseTransaction");
    assertThat(management.createJobQuery().processInstanceId(instance.getId()).withException().count()).isZero();
    assertThat(timeline(incident)).anyMatch(e -> e.kind() == TimelineKind.PAUSE_FAILED
        && e.summary().contains("refused the transaction") && e.summary().contains("falling back to " + safePauser()));
  }

  @Test
  void theRpcDownAfterTheConfirmationsIsSaidAtOnceAndThePauseGoesOnSecondsAfterItReturns() throws Exception {
    ProposedPause p = proposeVaultPause();
    service.confirm(p.proposed().safeTxHash(), chain().owners().get(1));

    rpc.goDown();
    Instant due = timerDue(p.instance().getId(), "IntermediateCatchEvent_ConfirmationPollDue");
    fireTimer(p.instance().getId(), "IntermediateCatchEvent_ConfirmationPollDue", due);
    Job job = management.createJobQuery().processInstanceId(p.instance().getId()).messages().singleResult();
    for (int attempt = 1; attempt <= 4; attempt++) {
      String id = job.getId();
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> management.executeJob(id));
      job = management.createJobQuery().processInstanceId(p.instance().getId()).messages().singleResult();
      // said at once, on every attempt
      assertThat(batchOf(p.instance()).statusDetail()).startsWith("RETRYING: Check confirmations: RPC unreachable")
          .endsWith("(failed attempt " + attempt + ")");
      // tried again within seconds
      assertThat(Duration.between(clockNow(), job.getDuedate().toInstant())).isLessThanOrEqualTo(Duration.ofSeconds(5));
      setClock(job.getDuedate().toInstant());
    }
    assertThat(timeline(p.incident())).filteredOn(e -> e.kind() == TimelineKind.PAUSE_ATTEMPT_FAILED).hasSize(4);
    assertThat(pausedOnChain(p.targets().ownable())).isFalse();

    rpc.comeBack();
    management.executeJob(job.getId());
    drive(p.instance());
    assertPaused(p.instance(), p.incident(), p.targets().ownable());
    assertThat(timeline(p.incident())).anyMatch(e -> e.summary().contains("succeeded after 4 failed attempts"));
  }

  @Test
  void aTransactionNotMinedInTimeGoesToTheSupervisorWhoMayKeepWaiting() throws Exception {
    ProposedPause p = proposeVaultPause();

    automine(false);
    confirmAndPoll(p.instance(), p.proposed().safeTxHash(), chain().owners().get(1));   // sent, looked at every 2 s
    assertThat(batchOf(p.instance()).statusDetail()).contains("not mined yet");
    setClock(clockNow().plus(Duration.ofMinutes(6)));                           // the transaction timeout passes
    drive(p.instance());

    assertThat(p.instance()).isWaitingAt("Task_ResolveStalledPause");
    Task stalled = openTask(p.instance(), "Task_ResolveStalledPause");
    assertThat(stalled.getAssignee()).isEqualTo("alice");
    assertThat((String) tasks.getVariable(stalled.getId(), "pauseStatusDetail"))
        .contains("transaction " + batchOf(p.instance()).txHash() + " not mined yet");
    assertThat(batchOf(p.instance()).statusDetail()).startsWith("STALLED: ");
    submit(stalled, Map.of("stalledDecision", "KEEP_WAITING"));

    mine();
    automine(true);
    drive(p.instance());
    assertPaused(p.instance(), p.incident(), p.targets().ownable());
  }

  @Test
  void aSignerCompletingTheirTaskMakesIrflowLookAtOnceWithoutWaitingForThePoll() throws Exception {
    ProposedPause p = proposeVaultPause();

    service.confirm(p.proposed().safeTxHash(), chain().owners().get(1));
    Task sign = tasks.createTaskQuery().processInstanceId(p.instance().getId()).taskAssignee("erin").singleResult();
    submit(sign, Map.of("signedInWallet", true));
    drive(p.instance());     // no poll timer fired

    assertPaused(p.instance(), p.incident(), p.targets().ownable());
    assertThat(p.instance()).hasPassed("IntermediateCatchEvent_SignatureReported")
        .hasNotPassed("IntermediateCatchEvent_ConfirmationPollDue");
  }

  // ------------------------------------------------------------------ helpers

  /** A pause of a fresh Ownable target through the Safe, proposed and waiting for its signers. */
  private record ProposedPause(LocalChain.Targets targets, Incident incident, ProcessInstance instance,
      PauseBatch proposed) {}

  private ProposedPause proposeVaultPause() {
    LocalChain.Targets targets = chain().deployTargets();
    String vault = register(targets.ownable(), PauseStyle.OWNABLE, safePauser());
    Incident incident = incident();
    ProcessInstance instance = pause(incident, vault);
    drive(instance);
    return new ProposedPause(targets, incident, instance, batchOf(instance));
  }

  /** The poll timer of the confirmations fires, then the jobs run. */
  private void poll(ProcessInstance instance) {
    Instant due = timerDue(instance.getId(), "IntermediateCatchEvent_ConfirmationPollDue");
    fireTimer(instance.getId(), "IntermediateCatchEvent_ConfirmationPollDue", due);
    drive(instance);
  }

  /** Failed jobs with retries left run at their due date, as the job executor would, once. */
  private void retryFailedJobs(ProcessInstance instance) {
    for (Job job : management.createJobQuery().processInstanceId(instance.getId()).withException().list()) {
      if (job.getRetries() > 0) {
        setClock(job.getDuedate().toInstant());
        management.executeJob(job.getId());
      }
    }
    drive(instance);
  }

  private static Instant clockNow() {
    return org.camunda.bpm.engine.impl.util.ClockUtil.getCurrentTime().toInstant();
  }

  private List<TimelineEntry> timeline(Incident incident) {
    return incidentService.timelineOf(incident.id());
  }

  private BigInteger executorTransactions() {
    return chainAccess.minedNonce(chain().chainId(), chain().executor().getAddress());
  }

  /** A transfer of nothing to account #9, signed with the executor's key at this nonce. */
  private String transferFromExecutor(long nonce) throws Exception {
    BigInteger gasPrice = BigInteger.valueOf(10_000_000_000L);
    org.web3j.crypto.RawTransaction raw = org.web3j.crypto.RawTransaction.createEtherTransaction(
        BigInteger.valueOf(nonce), gasPrice, BigInteger.valueOf(21_000), LocalChain.account(9).getAddress(),
        BigInteger.ZERO);
    return org.web3j.utils.Numeric.toHexString(
        org.web3j.crypto.TransactionEncoder.signMessage(raw, chain().chainId(), chain().executor()));
  }

  private static void automine(boolean on) throws Exception {
    node("evm_setAutomine", Boolean.toString(on));
  }

  private static void mine() throws Exception {
    node("evm_mine", "");
  }

  private static void node(String method, String params) throws Exception {
    HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(chain().rpcUrl()))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"" + method + "\",\"params\":[" + params + "]}"))
        .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(answer.body()).as(method).doesNotContain("\"error\"");
  }
}
