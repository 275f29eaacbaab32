package org.irflow.outage;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.irflow.comms.OutboundMessage;
import org.irflow.comms.OutboundMessage.Channel;
import org.irflow.comms.OutboundMessages;
import org.irflow.containment.PauseStyle;
import org.irflow.containment.pause.PauseBatch;
import org.irflow.containment.pause.PauseProcessTest;
import org.irflow.incident.Incident;
import org.irflow.incident.TimelineKind;
import org.irflow.process.RetryCycleProperties;
import org.irflow.support.OutageProxy;
import org.irflow.support.VendorStubs;
import org.irflow.support.chain.LocalChain;
import org.irflow.support.chain.RelayerStub;
import org.irflow.support.chain.SafeTransactionServiceStub;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.web3j.crypto.Hash;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.response.EthBlock;
import org.web3j.protocol.http.HttpService;

/**
 * Issue 8, outages: each dependency is really unavailable on loopback for a while, then back. The
 * chain's only RPC endpoint is a proxy in front of the hardhat node that cuts every connection while
 * down; the Safe Transaction Service and the relayer stubs answer 503 to everything; Slack (WireMock)
 * answers 503. The real processes run, their jobs executed when due as the job executor would, with
 * the engine clock moved to each retry's due date.
 *
 * <p>Each test has a short outage (one attempt fails, the next retry succeeds on its own) and a long
 * one (every retry fails, Cockpit shows the incident, the operator increments the retries after the
 * recovery), and then checks what a person would: one transaction on the chain, one proposal, one
 * relayer submission, one chat post, the incident's timeline, the end event.
 */
class OutageRecoveryTest extends PauseProcessTest {

  /** keccak256 selector of the Safe's execTransaction: what counts the executions on the chain. */
  static final String EXEC_TRANSACTION = Hash.sha3String(
      "execTransaction(address,uint256,bytes,uint8,uint256,uint256,uint256,address,address,bytes)").substring(0, 10);
  static final String CHAT_POST = "/api/chat.postMessage";
  static final WireMockServer VENDORS = VendorStubs.HTTP;

  static OutageProxy rpc;
  static SafeTransactionServiceStub service;
  static RelayerStub relayer;

  @Autowired RetryCycleProperties retryCycles;
  @Autowired OutboundMessages messages;

  @DynamicPropertySource
  static void dependenciesOnLoopback(DynamicPropertyRegistry properties) {
    LocalChain.Deployment chain = LocalChain.deployment();
    rpc = new OutageProxy(chain.rpcUrl());
    service = new SafeTransactionServiceStub(chain);
    relayer = new RelayerStub(chain);
    // the proxy is the only endpoint: while it is down, the chain is unavailable
    registerLocalChain(properties, "Local hardhat behind an outage proxy", List.of(rpc::url), service, relayer,
        "PT2H", "PT10S");
    VendorStubs.register(properties);
  }

  @AfterAll
  static void closeDependencies() {
    rpc.close();
    service.close();
    relayer.close();
  }

  @Override
  protected SafeTransactionServiceStub safeTransactionService() {
    return service;
  }

  @BeforeEach
  void everyDependencyUp() {
    rpc.comeBack();
    service.endOutage();
    relayer.endOutage();
    VENDORS.resetAll();
  }

  // ------------------------------------------------------------------------------------ chain RPC

  @Test
  void chainRpcDownIsRetriedWithBackOffAndThePauseIsExecutedOnceAfterTheOperatorsRetry() throws Exception {
    LocalChain.Targets targets = chain().deployTargets();
    String vault = register(targets.ownable(), PauseStyle.OWNABLE, safePauser());
    BigInteger nonceBefore = service.safeNonce();
    BigInteger blockBefore = latestBlock();
    int proposalsBefore = service.proposals();
    Incident incident = incident();
    ProcessInstance instance = pause(incident, vault);

    // short outage: the simulation fails once, the first retry a second later finds the node back
    rpc.goDown();
    Job failed = failDueAttempt(instance, "Task_SimulatePause", 1, retryCycles.contractPause());
    assertThat(failed.getExceptionMessage()).contains("failed at every RPC endpoint");
    rpc.comeBack();
    runDueJob(instance, "Task_SimulatePause");
    drive(instance);
    assertThat(instance).hasPassed("Task_SimulatePause", "Task_ProposeSafeTransaction")
        .isWaitingAt("Task_SignPauseTransaction", "Gateway_WaitForConfirmations");
    PauseBatch proposed = batchOf(instance);

    // the second owner confirms; then the node goes away for longer than the whole back-off
    service.confirm(proposed.safeTxHash(), chain().owners().get(1));
    fireTimer(instance.getId(), "IntermediateCatchEvent_ConfirmationPollDue",
        timerDue(instance.getId(), "IntermediateCatchEvent_ConfirmationPollDue"));
    runDueJob(instance, "Task_CheckConfirmations");   // the service and the chain answer: threshold met
    rpc.goDown();
    Job exhausted = failThroughBackOff(instance, "Task_ExecuteSafeTransaction", retryCycles.contractPause());
    assertThat(rpc.refusedConnections()).isPositive();
    assertThat(service.safeNonce()).isEqualTo(nonceBefore);   // nothing reached the chain
    assertThat(pausedOnChain(targets.ownable())).isFalse();

    rpc.comeBack();
    retryFromCockpit(instance, "Task_ExecuteSafeTransaction", exhausted, retryCycles.contractPause());
    drive(instance);

    assertPaused(instance, incident, targets.ownable());
    assertExecutedOnceSince(blockBefore, nonceBefore);
    assertThat(service.proposals()).isEqualTo(proposalsBefore + 1);
    assertThat(outcomeTimeline(incident)).containsExactly(TimelineKind.PAUSE_REQUESTED,
        TimelineKind.PAUSE_SUBMITTED, TimelineKind.PAUSE_SUBMITTED, TimelineKind.CONTRACTS_PAUSED);
    assertThat(pauseTimeline(incident)).contains(TimelineKind.PAUSE_ATTEMPT_FAILED);
  }

  @Test
  void anAnswerLostAfterTheExecutionReachedTheChainIsRetriedWithoutExecutingTwice() throws Exception {
    LocalChain.Targets targets = chain().deployTargets();
    String vault = register(targets.ownable(), PauseStyle.OWNABLE, safePauser());
    BigInteger nonceBefore = service.safeNonce();
    BigInteger blockBefore = latestBlock();
    Incident incident = incident();
    ProcessInstance instance = pause(incident, vault);
    drive(instance);
    service.confirm(batchOf(instance).safeTxHash(), chain().owners().get(1));
    fireTimer(instance.getId(), "IntermediateCatchEvent_ConfirmationPollDue",
        timerDue(instance.getId(), "IntermediateCatchEvent_ConfirmationPollDue"));
    runDueJob(instance, "Task_CheckConfirmations");

    // execTransaction reaches the node and is mined; the connection breaks before irflow hears back
    // (the RPC client may send the same bytes again on a new connection and hear "nonce too low": sent;
    // or fail, and the retry finds the recorded transaction mined: either way nothing is signed twice)
    rpc.loseNextAnswerTo("eth_sendRawTransaction");
    Job execute = management.createJobQuery().processInstanceId(instance.getId())
        .activityId("Task_ExecuteSafeTransaction").singleResult();
    try {
      management.executeJob(execute.getId());
    } catch (RuntimeException answerLost) {
      runDueJob(instance, "Task_ExecuteSafeTransaction");
    }
    assertThat(rpc.lostAnswers()).isEqualTo(1);
    assertThat(pausedOnChain(targets.ownable())).isTrue();
    drive(instance);

    assertPaused(instance, incident, targets.ownable());
    String executed = assertExecutedOnceSince(blockBefore, nonceBefore);
    assertThat(batchOf(instance).txHash()).isEqualToIgnoringCase(executed);
  }

  /** The pause's timeline without the entries of failed attempts and of the recovery from them. */
  private List<TimelineKind> outcomeTimeline(Incident incident) {
    return incidentService.timelineOf(incident.id()).stream()
        .filter(e -> e.kind() != TimelineKind.PAUSE_ATTEMPT_FAILED && !e.summary().contains("failed attempts"))
        .map(org.irflow.incident.TimelineEntry::kind)
        .filter(kind -> kind.name().startsWith("PAUSE") || kind == TimelineKind.CONTRACTS_PAUSED).toList();
  }

  // ------------------------------------------------------------------------------------ Safe Transaction Service

  @Test
  void safeTransactionServiceDownIsRetriedWithBackOffAndProposedOnceThenExecutedAfterTheOperatorsRetry()
      throws Exception {
    LocalChain.Targets targets = chain().deployTargets();
    String vault = register(targets.ownable(), PauseStyle.OWNABLE, safePauser());
    BigInteger nonceBefore = service.safeNonce();
    BigInteger blockBefore = latestBlock();
    int proposalsBefore = service.proposals();
    Incident incident = incident();
    ProcessInstance instance = pause(incident, vault);
    runDueJob(instance, "Task_SimulatePause");

    // short outage: the proposal fails once (the service answers 503), the retry proposes
    service.startOutage(503);
    Job failed = failDueAttempt(instance, "Task_ProposeSafeTransaction", 1, retryCycles.contractPause());
    assertThat(failed.getExceptionMessage()).contains("503");
    assertThat(service.proposals()).isEqualTo(proposalsBefore);
    service.endOutage();
    runDueJob(instance, "Task_ProposeSafeTransaction");
    drive(instance);
    assertThat(service.proposals()).isEqualTo(proposalsBefore + 1);
    assertThat(instance).isWaitingAt("Task_SignPauseTransaction", "Gateway_WaitForConfirmations");
    PauseBatch proposed = batchOf(instance);

    // the second owner confirms in Safe{Wallet}; then the service is down through every poll retry
    service.confirm(proposed.safeTxHash(), chain().owners().get(1));
    service.startOutage(503);
    fireTimer(instance.getId(), "IntermediateCatchEvent_ConfirmationPollDue",
        timerDue(instance.getId(), "IntermediateCatchEvent_ConfirmationPollDue"));
    Job exhausted = failThroughBackOff(instance, "Task_CheckConfirmations", retryCycles.contractPause());
    // the signers keep their tasks while the poll waits for the operator
    assertThat(tasks.createTaskQuery().processInstanceId(instance.getId())
        .taskDefinitionKey("Task_SignPauseTransaction").count()).isPositive();

    service.endOutage();
    retryFromCockpit(instance, "Task_CheckConfirmations", exhausted, retryCycles.contractPause());
    drive(instance);

    assertPaused(instance, incident, targets.ownable());
    assertThat(service.proposals()).isEqualTo(proposalsBefore + 1);
    assertExecutedOnceSince(blockBefore, nonceBefore);
    assertThat(tasks.createTaskQuery().processInstanceId(instance.getId()).count()).isZero();
    assertThat(outcomeTimeline(incident)).containsExactly(TimelineKind.PAUSE_REQUESTED,
        TimelineKind.PAUSE_SUBMITTED, TimelineKind.PAUSE_SUBMITTED, TimelineKind.CONTRACTS_PAUSED);
    assertThat(pauseTimeline(incident)).contains(TimelineKind.PAUSE_ATTEMPT_FAILED);
  }

  // ------------------------------------------------------------------------------------ relayer

  @Test
  void relayerDownIsRetriedWithBackOffAndSubmittedOnceThenFollowedAfterTheOperatorsRetry() throws Exception {
    LocalChain.Targets targets = chain().deployTargets();
    String bridge = register(targets.accessControl(), PauseStyle.ACCESS_CONTROL, "relayer:" + RelayerStub.RELAYER_ID);
    int submissionsBefore = relayer.submissions();
    int proposalsBefore = service.proposals();
    BigInteger relayerNonceBefore = transactionsSentBy(chain().relayer().getAddress());
    Incident incident = incident();
    ProcessInstance instance = pause(incident, bridge);

    // short outage: the submission fails once, the retry submits
    relayer.startOutage(503);
    Job failed = failDueAttempt(instance, "Task_SubmitToRelayer", 1, retryCycles.contractPause());
    assertThat(failed.getExceptionMessage()).contains("503").doesNotContain(RelayerStub.API_KEY);
    assertThat(relayer.submissions()).isEqualTo(submissionsBefore);
    relayer.endOutage();
    runDueJob(instance, "Task_SubmitToRelayer");
    assertThat(relayer.submissions()).isEqualTo(submissionsBefore + 1);

    // long outage: the relayer cannot be asked how its transaction went
    relayer.startOutage(503);
    Job exhausted = failThroughBackOff(instance, "Task_CheckRelayerTransaction", retryCycles.contractPause());
    assertThat(exhausted.getExceptionMessage()).doesNotContain(RelayerStub.API_KEY);

    relayer.endOutage();
    retryFromCockpit(instance, "Task_CheckRelayerTransaction", exhausted, retryCycles.contractPause());
    drive(instance);

    assertPaused(instance, incident, targets.accessControl());
    assertThat(instance).hasNotPassed("Task_UseNextPauser");
    assertThat(relayer.submissions()).isEqualTo(submissionsBefore + 1);
    assertThat(transactionsSentBy(chain().relayer().getAddress())).isEqualTo(relayerNonceBefore.add(BigInteger.ONE));
    assertThat(service.proposals()).isEqualTo(proposalsBefore);
    assertThat(outcomeTimeline(incident)).containsExactly(TimelineKind.PAUSE_REQUESTED,
        TimelineKind.PAUSE_SUBMITTED, TimelineKind.CONTRACTS_PAUSED);
    assertThat(pauseTimeline(incident)).contains(TimelineKind.PAUSE_ATTEMPT_FAILED);
  }

  // ------------------------------------------------------------------------------------ chat

  @Test
  void chatDownBrieflyIsRetriedWithBackOffAndPostedOnce() {
    VENDORS.stubFor(post(CHAT_POST).willReturn(aResponse().withStatus(503)));
    Incident incident = incident();
    long id = messages.send(new OutboundMessage(incident.id(), Channel.CHAT, List.of("C0WAR"), null,
        "Contracts paused; the bridge is closed", null, false), "alice");
    ProcessInstance delivery = deliveryOf(id);

    Job failed = failDueAttempt(delivery, "Task_DeliverMessage", 1, retryCycles.outboundMessage());
    assertThat(failed.getExceptionMessage()).contains("503").doesNotContain("xoxb-test-token");
    VENDORS.stubFor(post(CHAT_POST).willReturn(okJson("{\"ok\": true, \"channel\": \"C0WAR\", \"ts\": \"1733130000.000200\"}")));
    runDueJob(delivery, "Task_DeliverMessage");

    assertThat(delivery).isEnded().hasPassed("EndEvent_MessageSent");
    assertThat(chatPostsAnswered(503)).isEqualTo(1);
    assertThat(chatPostsAnswered(200)).isEqualTo(1);
    OutboundMessages.Recorded sent = messages.find(id).orElseThrow();
    assertThat(sent.status()).isEqualTo("SENT");
    assertThat(sent.vendorReference()).isEqualTo("1733130000.000200");
    assertThat(messageTimeline(incident)).containsExactly(TimelineKind.MESSAGE_QUEUED, TimelineKind.MESSAGE_SENT);
  }

  @Test
  void chatDownThroughEveryRetryBecomesACockpitIncidentAndIsSentByHandNotTwice() {
    VENDORS.stubFor(post(CHAT_POST).willReturn(aResponse().withStatus(503)));
    Incident incident = incident();
    long id = messages.send(new OutboundMessage(incident.id(), Channel.CHAT, List.of("C0WAR"), null,
        "Contracts paused; the bridge is closed", null, false), "alice");
    ProcessInstance delivery = deliveryOf(id);
    List<Duration> waits = retryCycles.outboundMessage();

    for (int attempt = 1; attempt <= waits.size(); attempt++) {
      failDueAttempt(delivery, "Task_DeliverMessage", attempt, waits);
    }
    // the last attempt fails into the model's error path: no failed job, the model's own incident
    runDueJob(delivery, "Task_DeliverMessage");
    assertThat(delivery).hasPassed("BoundaryEvent_DeliveryFailed", "Task_RaiseDeliveryIncident")
        .isWaitingAt("Task_SendByHand");
    assertThat(runtime.createIncidentQuery().processInstanceId(delivery.getId()).incidentType("failedJob").count())
        .isZero();
    org.camunda.bpm.engine.runtime.Incident cockpit = runtime.createIncidentQuery().processInstanceId(delivery.getId())
        .incidentType("outboundMessageFailed").singleResult();
    assertThat(cockpit.getIncidentMessage()).contains("after " + (waits.size() + 1) + " attempts", "alice");
    assertThat(chatPostsAnswered(503)).isEqualTo(waits.size() + 1);

    // Slack is back: the supervisor posts it by hand and says so; irflow does not post it again
    VENDORS.stubFor(post(CHAT_POST).willReturn(okJson("{\"ok\": true, \"channel\": \"C0WAR\", \"ts\": \"1.3\"}")));
    Task byHand = openTask(delivery, "Task_SendByHand");
    assertThat(byHand.getAssignee()).isEqualTo("alice");
    submit(byHand, Map.of("sentByHand", true, "sentByHandNote", "posted in #inc by hand after Slack came back"));

    assertThat(delivery).isEnded().hasPassed("EndEvent_MessageSentByHand");
    assertThat(runtime.createIncidentQuery().processInstanceId(delivery.getId()).count()).isZero();
    assertThat(chatPostsAnswered(200)).isZero();
    assertThat(messages.find(id).orElseThrow().status()).isEqualTo("SENT_BY_HAND");
    assertThat(messageTimeline(incident)).containsExactly(TimelineKind.MESSAGE_QUEUED, TimelineKind.MESSAGE_FAILED,
        TimelineKind.MESSAGE_SENT_BY_HAND);
  }

  // ------------------------------------------------------------------------------------ back-off

  /**
   * Runs the job of {@code activityId} at its due date and expects it to fail (attempt number
   * {@code attempt}): the retries go down by one and the next attempt is due exactly the
   * {@code attempt}-th wait later, or, after the last wait, no retry is left and Cockpit shows a
   * failedJob incident on the activity.
   */
  Job failDueAttempt(ProcessInstance instance, String activityId, int attempt, List<Duration> waits) {
    Job job = dueJob(instance, activityId);
    Instant failedAt = ClockUtil.getCurrentTime().toInstant();
    String jobId = job.getId();
    assertThatThrownBy(() -> management.executeJob(jobId)).as("attempt " + attempt + " of " + activityId).isNotNull();
    Job failed = management.createJobQuery().jobId(jobId).singleResult();
    assertThat(failed.getRetries()).as("retries left after attempt " + attempt).isEqualTo(waits.size() + 1 - attempt);
    List<org.camunda.bpm.engine.runtime.Incident> incidents = runtime.createIncidentQuery().processInstanceId(instance.getId())
        .incidentType("failedJob").activityId(activityId).list();
    if (attempt <= waits.size()) {
      assertThat(failed.getDuedate().toInstant()).as("next attempt after attempt " + attempt)
          .isEqualTo(failedAt.plus(waits.get(attempt - 1)));
      assertThat(incidents).as("no incident while retries are left").isEmpty();
    } else {
      assertThat(incidents).as("Cockpit incident once the retries are spent").hasSize(1);
      assertThat(incidents.get(0).getConfiguration()).isEqualTo(jobId);
      assertThat(incidents.get(0).getIncidentMessage()).isEqualTo(failed.getExceptionMessage());
    }
    return failed;
  }

  /** Every attempt of the back-off fails: the first and one per wait; returns the job left with no retries. */
  Job failThroughBackOff(ProcessInstance instance, String activityId, List<Duration> waits) {
    Job job = null;
    for (int attempt = 1; attempt <= waits.size() + 1; attempt++) {
      job = failDueAttempt(instance, activityId, attempt, waits);
    }
    assertThat(job.getRetries()).isZero();
    return job;
  }

  /**
   * What Cockpit's "Increment retries" does, once the dependency is back: one retry, and the incident
   * is resolved. The engine keeps the job's due date (the last failure plus the last wait), so the
   * job executor runs it then, not at once; the job is then expected to succeed.
   */
  void retryFromCockpit(ProcessInstance instance, String activityId, Job exhausted, List<Duration> waits) {
    Instant lastFailure = ClockUtil.getCurrentTime().toInstant();
    management.setJobRetries(exhausted.getId(), 1);
    assertThat(runtime.createIncidentQuery().processInstanceId(instance.getId()).count()).isZero();
    Job retried = management.createJobQuery().jobId(exhausted.getId()).singleResult();
    assertThat(retried.getRetries()).isEqualTo(1);
    assertThat(retried.getDuedate().toInstant()).isEqualTo(lastFailure.plus(waits.get(waits.size() - 1)));
    runDueJob(instance, activityId);
  }

  /**
   * The job of {@code activityId}, with the engine clock moved to its due date: it is not executable a
   * second earlier (the job executor would not pick it), and it is at that instant.
   */
  Job dueJob(ProcessInstance instance, String activityId) {
    Job job = management.createJobQuery().processInstanceId(instance.getId()).activityId(activityId).singleResult();
    assertThat(job).as("job of " + activityId).isNotNull();
    Instant now = ClockUtil.getCurrentTime().toInstant();
    if (job.getDuedate() != null && job.getDuedate().toInstant().isAfter(now)) {
      setClock(job.getDuedate().toInstant().minusSeconds(1));
      assertThat(management.createJobQuery().jobId(job.getId()).executable().count()).isZero();
      setClock(job.getDuedate().toInstant());
    }
    assertThat(management.createJobQuery().jobId(job.getId()).executable().count()).isEqualTo(1);
    return job;
  }

  /** Runs the job of {@code activityId} when it is due and expects it to succeed. */
  void runDueJob(ProcessInstance instance, String activityId) {
    management.executeJob(dueJob(instance, activityId).getId());
  }

  // ------------------------------------------------------------------------------------ what a person checks

  /**
   * Exactly one execTransaction reached the Safe since {@code block}, and the Safe's nonce moved by
   * one; returns that transaction's hash.
   */
  String assertExecutedOnceSince(BigInteger block, BigInteger nonceBefore) throws Exception {
    Web3j web3j = Web3j.build(new HttpService(chain().rpcUrl()));
    try {
      BigInteger latest = web3j.ethBlockNumber().send().getBlockNumber();
      List<String> executions = new ArrayList<>();
      for (BigInteger n = block.add(BigInteger.ONE); n.compareTo(latest) <= 0; n = n.add(BigInteger.ONE)) {
        EthBlock.Block mined = web3j.ethGetBlockByNumber(DefaultBlockParameter.valueOf(n), true).send().getBlock();
        for (EthBlock.TransactionResult<?> result : mined.getTransactions()) {
          org.web3j.protocol.core.methods.response.Transaction tx =
              (org.web3j.protocol.core.methods.response.Transaction) result.get();
          if (chain().safe().equalsIgnoreCase(tx.getTo()) && tx.getInput().startsWith(EXEC_TRANSACTION)) {
            executions.add(tx.getHash());
          }
        }
      }
      assertThat(executions).as("execTransaction calls to the Safe").hasSize(1);
      assertThat(service.safeNonce()).isEqualTo(nonceBefore.add(BigInteger.ONE));
      return executions.get(0);
    } finally {
      web3j.shutdown();
    }
  }

  static BigInteger latestBlock() throws Exception {
    Web3j web3j = Web3j.build(new HttpService(chain().rpcUrl()));
    try {
      return web3j.ethBlockNumber().send().getBlockNumber();
    } finally {
      web3j.shutdown();
    }
  }

  /** The account's nonce on the chain: how many transactions it ever sent. */
  static BigInteger transactionsSentBy(String address) throws Exception {
    Web3j web3j = Web3j.build(new HttpService(chain().rpcUrl()));
    try {
      return web3j.ethGetTransactionCount(address, DefaultBlockParameterName.LATEST).send().getTransactionCount();
    } finally {
      web3j.shutdown();
    }
  }

  ProcessInstance deliveryOf(long messageId) {
    String processInstanceId = messages.find(messageId).orElseThrow().processInstanceId();
    return runtime.createProcessInstanceQuery().processInstanceId(processInstanceId).singleResult();
  }

  long chatPostsAnswered(int status) {
    return VENDORS.getAllServeEvents().stream()
        .filter(event -> event.getRequest().getUrl().startsWith(CHAT_POST))
        .map(ServeEvent::getResponse).filter(response -> response.getStatus() == status).count();
  }

  List<TimelineKind> messageTimeline(Incident incident) {
    return jdbc.queryForList("select kind from timeline_entry where incident_id = ? and kind like 'MESSAGE%' order by id",
        String.class, incident.id()).stream().map(TimelineKind::valueOf).toList();
  }
}
