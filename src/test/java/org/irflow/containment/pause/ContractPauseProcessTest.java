package org.irflow.containment.pause;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doAnswer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.irflow.containment.ChainAccess;
import org.irflow.containment.PauseStyle;
import org.irflow.containment.SafeTransaction;
import org.irflow.containment.SafeTransactionService;
import org.irflow.containment.chain.SafeTransactions;
import org.irflow.incident.Incident;
import org.irflow.incident.SecurityEvents.NewEvent;
import org.irflow.incident.Severity;
import org.irflow.incident.TimelineKind;
import org.irflow.support.chain.LocalChain;
import org.irflow.support.chain.RelayerStub;
import org.irflow.support.chain.SafeTransactionServiceStub;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;
import org.web3j.crypto.Credentials;

/**
 * ContractPauseProcess on a real local chain (hardhat, Safe 1.5.0, 2 of 3) with the Safe Transaction
 * Service and relayer stubs that hold the real rules. Every test deploys fresh targets (paused is
 * sticky) and registers them; the first RPC endpoint of the chain is always down, so every test also
 * runs over the fail-over.
 */
class ContractPauseProcessTest extends PauseProcessTest {

  static final Duration POLL = Duration.ofSeconds(10);
  static SafeTransactionServiceStub service;
  static RelayerStub relayer;
  @Autowired org.irflow.process.RetryCycleProperties retryCycles;
  @MockitoSpyBean SafeTransactionService safeService;

  @DynamicPropertySource
  static void containment(DynamicPropertyRegistry properties) {
    LocalChain.Deployment chain = LocalChain.deployment();
    service = new SafeTransactionServiceStub(chain);
    relayer = new RelayerStub(chain);
    // the first endpoint is down: every call fails over to the second
    registerLocalChain(properties, "Local hardhat", List.of(chain::unreachableRpcUrl, chain::rpcUrl), service, relayer,
        "PT30M", POLL.toString());
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

  // ------------------------------------------------------------------------------------ Safe path

  @Test
  void oneContractIsPausedThroughTheSafeOnceTheOwnersConfirm() throws Exception {
    LocalChain.Targets targets = chain().deployTargets();
    String vault = register(targets.ownable(), PauseStyle.OWNABLE, safePauser());
    Incident incident = incident();
    int proposalsBefore = service.proposals();

    ProcessInstance instance = pause(incident, vault);
    drive(instance);

    assertThat(instance).hasPassed("Task_ChoosePausePath", "Task_SimulatePause", "Task_ProposeSafeTransaction",
        "Task_CheckConfirmations").isWaitingAt("Task_SignPauseTransaction", "Gateway_WaitForConfirmations");
    assertThat(service.proposals()).isEqualTo(proposalsBefore + 1);
    PauseBatch proposed = batchOf(instance);
    assertThat(proposed.status()).isEqualTo(PauseStatus.PROPOSED);
    assertThat(proposed.safeTxOperation()).isZero();
    assertThat(proposed.safeTxHash())
        .isEqualTo(service.safeTxHash(proposed.safeTransaction()));   // the Safe's own hash
    // every signer gets a task with the hash, the decoded call and the Safe{Wallet} link
    // one task per member of signers (erin, and whoever other tests added to the group)
    List<Task> signTasks = tasks.createTaskQuery().processInstanceId(instance.getId())
        .taskDefinitionKey("Task_SignPauseTransaction").list();
    assertThat(signTasks).hasSize((int) engine.getIdentityService().createUserQuery().memberOfGroup("signers").count());
    Task sign = signTasks.stream().filter(t -> "erin".equals(t.getAssignee())).findFirst().orElseThrow();
    Map<String, Object> shown = tasks.getVariables(sign.getId());
    assertThat((String) shown.get("pauseCall")).contains(vault, targets.ownable(), "pause()");
    assertThat((String) shown.get("safeWalletLink")).isEqualTo("https://app.safe.global/transactions/tx?safe=local:"
        + org.web3j.crypto.Keys.toChecksumAddress(chain().safe()) + "&id=multisig_"
        + org.web3j.crypto.Keys.toChecksumAddress(chain().safe()) + "_" + proposed.safeTxHash());
    assertThat(pausedOnChain(targets.ownable())).isFalse();
    // the form shows the confirmations of irflow's last look: the proposer's, 1 of 2; the task is due in minutes
    Map<String, Object> formVariables = engine.getFormService().getTaskFormVariables(sign.getId());
    assertThat(formVariables.get("confirmations")).isEqualTo(1);
    assertThat(formVariables.get("confirmationsRequired")).isEqualTo(2);
    assertThat(chain().owners()).extracting(owner -> owner.getAddress().toLowerCase(java.util.Locale.ROOT))
        .contains(((String) formVariables.get("confirmedBy")).toLowerCase(java.util.Locale.ROOT));
    assertThat(Duration.between(sign.getCreateTime().toInstant(), sign.getDueDate().toInstant()))
        .isEqualTo(Duration.ofMinutes(15));

    // the proposer (an owner) counts as one confirmation; the second owner's makes the threshold
    confirmAndPoll(instance, proposed.safeTxHash(), chain().owners().get(1));

    assertPaused(instance, incident, targets.ownable());
    assertThat(instance).hasPassed("EndEvent_ThresholdMet", "Task_ExecuteSafeTransaction");
    assertThat(tasks.createTaskQuery().processInstanceId(instance.getId()).count()).isZero();  // signer task ended
    assertThat(pauseTimeline(incident)).containsExactly(TimelineKind.PAUSE_REQUESTED, TimelineKind.PAUSE_SUBMITTED,
        TimelineKind.PAUSE_SUBMITTED, TimelineKind.CONTRACTS_PAUSED);
  }

  @Test
  void twoContractsArePausedInOneSafeTransactionThroughMultiSend() throws Exception {
    LocalChain.Targets targets = chain().deployTargets();
    String vault = register(targets.ownable(), PauseStyle.OWNABLE, safePauser());
    String bridge = register(targets.accessControl(), PauseStyle.ACCESS_CONTROL, safePauser());
    Incident incident = incident();

    ProcessInstance instance = pause(incident, vault, bridge);
    drive(instance);
    PauseBatch proposed = batchOf(instance);
    assertThat(proposed.contractNames()).containsExactly(vault, bridge);
    assertThat(proposed.safeTxOperation()).isEqualTo(1);                       // DELEGATECALL
    assertThat(proposed.safeTxTo()).isEqualToIgnoringCase(chain().multiSendCallOnly());
    assertThat((String) runtime.getVariable(instance.getId(), "pauseCall")).contains("MultiSendCallOnly", vault, bridge);

    confirmAndPoll(instance, proposed.safeTxHash(), chain().owners().get(2));

    assertPaused(instance, incident, targets.ownable(), targets.accessControl());
  }

  @Test
  void aJobCrashingAfterTheProposalWasSentDoesNotProposeAgain() throws Exception {
    LocalChain.Targets targets = chain().deployTargets();
    String vault = register(targets.ownable(), PauseStyle.OWNABLE, safePauser());
    int proposalsBefore = service.proposals();
    // the proposal leaves, then the job dies before it commits (as in a crash)
    doAnswer(invocation -> {
      invocation.callRealMethod();
      throw new IllegalStateException("crash after the proposal was sent");
    }).when(safeService).propose(anyLong(), anyString(), any(SafeTransaction.class), anyString(), anyString(),
        anyString(), anyString());
    Incident incident = incident();
    ProcessInstance instance = pause(incident, vault);

    assertThatThrownBy(() -> runJobs(instance)).hasMessageContaining("crash after the proposal");
    Job failed = management.createJobQuery().processInstanceId(instance.getId()).singleResult();
    assertThat(failed.getRetries()).isPositive();
    assertThat(service.proposals()).isEqualTo(proposalsBefore + 1);
    // recorded before it left, in its own transaction: the re-run finds it
    PauseBatch recorded = batchOf(instance);
    assertThat(recorded.safeTxHash()).isNotNull();

    management.executeJob(failed.getId());   // the retry (the job executor would run it after a minute)
    drive(instance);
    assertThat(service.proposals()).isEqualTo(proposalsBefore + 1);
    assertThat(batchOf(instance).safeTxHash()).isEqualTo(recorded.safeTxHash());

    confirmAndPoll(instance, recorded.safeTxHash(), chain().owners().get(1));
    assertPaused(instance, incident, targets.ownable());
    // the crashed attempt's proposal entry rolled back with it, its failure is on the timeline at once;
    // the re-run records the proposal and that the step succeeded after one failed attempt
    assertThat(pauseTimeline(incident)).containsExactly(TimelineKind.PAUSE_REQUESTED,
        TimelineKind.PAUSE_ATTEMPT_FAILED, TimelineKind.PAUSE_SUBMITTED, TimelineKind.PAUSE_SUBMITTED,
        TimelineKind.PAUSE_SUBMITTED, TimelineKind.CONTRACTS_PAUSED);
    assertThat(incidentService.timelineOf(incident.id())).filteredOn(e -> e.kind() == TimelineKind.PAUSE_ATTEMPT_FAILED)
        .singleElement().satisfies(e -> assertThat(e.summary()).contains("Propose Safe transaction",
            "crash after the proposal", "failed attempt 1"));
    assertThat(incidentService.timelineOf(incident.id())).filteredOn(e -> e.summary().startsWith("Pause proposed"))
        .singleElement().satisfies(e -> assertThat(e.summary()).contains("earlier attempt", recorded.safeTxHash()));
  }

  @Test
  void serviceAnswering429Then500IsRetriedThenBecomesACockpitIncident() throws Exception {
    LocalChain.Targets targets = chain().deployTargets();
    String vault = register(targets.ownable(), PauseStyle.OWNABLE, safePauser());
    Incident incident = incident();
    int requestsBefore = service.requests().size();
    int proposalsBefore = service.proposals();
    ProcessInstance instance = pause(incident, vault);
    // the path is chosen at the start; simulate: no service call yet
    management.executeJob(management.createJobQuery().processInstanceId(instance.getId()).singleResult().getId());
    assertThat(instance).isWaitingAt("Task_ProposeSafeTransaction");

    service.failNext(429, 1);      // the client waits Retry-After and asks again ...
    service.failNext(500, 1);      // ... and the server fails: the job fails
    int executions = 0;
    Job job = management.createJobQuery().processInstanceId(instance.getId()).singleResult();
    while (job.getRetries() > 0) {
      if (executions > 0) {
        service.failNext(500, 1);
      }
      String id = job.getId();
      assertThatThrownBy(() -> management.executeJob(id)).isNotNull();
      executions++;
      job = management.createJobQuery().processInstanceId(instance.getId()).singleResult();
    }

    // the first attempt, then one retry per wait of the back-off
    assertThat(executions).isEqualTo(retryCycles.contractPause().size() + 1);
    assertThat(job.getRetries()).isZero();
    assertThat(runtime.createIncidentQuery().processInstanceId(instance.getId()).count()).isEqualTo(1);
    List<String> requests = service.requests().subList(requestsBefore, service.requests().size());
    assertThat(requests).hasSize(executions + 1);       // 429, retried, then a 500 for each attempt
    assertThat(service.proposals()).isEqualTo(proposalsBefore);
    assertThat(batchOf(instance).proposedAt()).isNotNull();    // recorded before it left; nothing was proposed
    assertThat(pausedOnChain(targets.ownable())).isFalse();
    // every failed attempt is on the timeline and in the pause's status at once
    assertThat(incidentService.timelineOf(incident.id())).filteredOn(e -> e.kind() == TimelineKind.PAUSE_ATTEMPT_FAILED)
        .hasSize(executions);
    assertThat(batchOf(instance).statusDetail()).startsWith("RETRYING: Propose Safe transaction: service call failed")
        .endsWith("(failed attempt " + executions + ")");
    // the operator deletes the stuck pause in Cockpit: the Safe nonce it held is free again
    assertThat(batchOf(instance).safeNonce()).isNotNull();
    runtime.deleteProcessInstance(instance.getId(), "test over");
    assertThat(jdbc.queryForObject("select safe_nonce_claim from pause_batch where id = ?", Long.class,
        batchOf(instance).id())).isNull();
  }

  // ------------------------------------------------------------------------------------ relayer path

  @Test
  void theRelayerPausesAContractItHoldsThePauserRoleOn() throws Exception {
    LocalChain.Targets targets = chain().deployTargets();
    String bridge = register(targets.accessControl(), PauseStyle.ACCESS_CONTROL,
        "relayer:" + RelayerStub.RELAYER_ID, safePauser());
    int submissionsBefore = relayer.submissions();
    int proposalsBefore = service.proposals();
    Incident incident = incident();

    ProcessInstance instance = pause(incident, bridge);
    drive(instance);

    assertPaused(instance, incident, targets.accessControl());
    assertThat(instance).hasPassed("Task_SubmitToRelayer", "Task_CheckRelayerTransaction")
        .hasNotPassed("Task_ProposeSafeTransaction");
    assertThat(relayer.submissions()).isEqualTo(submissionsBefore + 1);
    assertThat(service.proposals()).isEqualTo(proposalsBefore);
    PauseBatch batch = batchOf(instance);
    assertThat(batch.pausePath()).isEqualTo("RELAYER");
    assertThat(relayer.hashOf(batch.relayerTxId())).contains(batch.txHash());
  }

  @Test
  void aFailedRelayerTransactionFallsBackToTheSafe() throws Exception {
    LocalChain.Targets targets = chain().deployTargets();
    String bridge = register(targets.accessControl(), PauseStyle.ACCESS_CONTROL,
        "relayer:" + RelayerStub.RELAYER_ID, safePauser());
    Incident incident = incident();
    relayer.failTransactions(true);
    try {
      ProcessInstance instance = pause(incident, bridge);
      drive(instance);

      assertThat(instance).hasPassed("Task_SubmitToRelayer", "Task_UseNextPauser", "Task_ProposeSafeTransaction")
          .isWaitingAt("Task_SignPauseTransaction");
      PauseBatch proposed = batchOf(instance);
      assertThat(proposed.pauser()).isEqualTo(safePauser());
      assertThat(incidentService.timelineOf(incident.id())).anyMatch(e -> e.kind() == TimelineKind.PAUSE_FAILED
          && e.summary().contains("falling back to " + safePauser()));

      confirmAndPoll(instance, proposed.safeTxHash(), chain().owners().get(1));
      assertPaused(instance, incident, targets.accessControl());
      assertThat(batchOf(instance).pausePath()).isEqualTo("SAFE");
    } finally {
      relayer.failTransactions(false);
    }
  }

  @Test
  void theFirstRpcEndpointBeingDownFailsOverToTheNext() throws Exception {
    // the chain's rpc-urls[0] is a loopback port where nothing listens
    assertThatThrownBy(() -> new java.net.Socket("127.0.0.1",
        java.net.URI.create(chain().unreachableRpcUrl()).getPort()).close()).isInstanceOf(java.io.IOException.class);
    LocalChain.Targets targets = chain().deployTargets();
    String bridge = register(targets.accessControl(), PauseStyle.ACCESS_CONTROL, "relayer:" + RelayerStub.RELAYER_ID);
    Incident incident = incident();

    ProcessInstance instance = pause(incident, bridge);
    drive(instance);

    assertPaused(instance, incident, targets.accessControl());
    assertThat(chainAccess.paused(chain().chainId(), targets.accessControl())).isTrue();
  }

  // ------------------------------------------------------------------------------------ detours

  @Test
  void aRevertingSimulationGivesTheSupervisorTheReason() throws Exception {
    LocalChain.Targets targets = chain().deployTargets();
    String foreign = register(targets.notPausableBySafe(), PauseStyle.OWNABLE, safePauser());
    int proposalsBefore = service.proposals();
    Incident incident = incident();

    ProcessInstance instance = pause(incident, foreign);
    drive(instance);

    assertThat(instance).hasPassed("BoundaryEvent_SimulationReverted").isWaitingAt("Task_ResolveSimulationFailure");
    Task resolve = openTask(instance, "Task_ResolveSimulationFailure");
    assertThat(resolve.getAssignee()).isEqualTo("alice");
    String reason = (String) runtime.getVariable(instance.getId(), "simulationRevertReason");
    assertThat(reason).contains(foreign, "reverts");
    assertThat(batchOf(instance).status()).isEqualTo(PauseStatus.SIMULATION_FAILED);

    submit(resolve, Map.of("simulationDecision", "GIVE_UP", "pauseNotes", "the Safe does not own it"));

    assertThat(instance).isEnded().hasPassed("Task_RecordPauseFailed", "EndEvent_PauseFailed");
    assertThat(batchOf(instance).status()).isEqualTo(PauseStatus.FAILED);
    assertThat(service.proposals()).isEqualTo(proposalsBefore);
    assertThat(pausedOnChain(targets.notPausableBySafe())).isFalse();
    assertThat(pauseTimeline(incident)).endsWith(TimelineKind.PAUSE_FAILED);
  }

  @Test
  void withoutATransactionServiceASignerExecutesThePreparedBatchInSafeWalletAndItsHashIsCheckedOnChain()
      throws Exception {
    LocalChain.Targets targets = chain().deployTargets();
    String vault = register(targets.ownable(), PauseStyle.OWNABLE, safePauser());
    String bridge = register(targets.accessControl(), PauseStyle.ACCESS_CONTROL, safePauser());
    Incident incident = incident();
    String serviceUrl = jdbc.queryForObject("select safe_transaction_service_url from contract_chain where chain_id = ?",
        String.class, chain().chainId());
    jdbc.update("update contract_chain set safe_transaction_service_url = null where chain_id = ?", chain().chainId());
    try {
      ProcessInstance instance = pause(incident, vault, bridge);
      drive(instance);

      assertThat(instance).hasPassed("Task_PrepareManualPause").isWaitingAt("Task_ExecutePauseManually");
      PauseBatch batch = batchOf(instance);
      JsonNode file = new ObjectMapper().readTree(batches.transactionBuilderFile(batch.id()).orElseThrow());
      assertThat(file.get("version").asText()).isEqualTo("1.0");
      assertThat(file.get("chainId").asText()).isEqualTo(Long.toString(chain().chainId()));
      assertThat(file.get("meta").get("createdFromSafeAddress").asText()).isEqualToIgnoringCase(chain().safe());
      assertThat(file.get("transactions")).hasSize(2);
      assertThat(file.get("transactions").get(0).get("to").asText()).isEqualToIgnoringCase(targets.ownable());
      assertThat(file.get("transactions").get(0).get("data").asText()).isEqualTo(SafeTransactions.PAUSE);
      assertThat(file.get("transactions").get(1).get("value").asText()).isEqualTo("0");
      assertThat((String) runtime.getVariable(instance.getId(), "rawCall")).contains("DELEGATECALL");

      // the supervisor and every signer have the task, due in minutes; each signer is paged
      List<Task> executeTasks = tasks.createTaskQuery().processInstanceId(instance.getId())
          .taskDefinitionKey("Task_ExecutePauseManually").list();
      assertThat(executeTasks).extracting(Task::getAssignee).contains("alice", "erin")
          .hasSize(1 + (int) engine.getIdentityService().createUserQuery().memberOfGroup("signers").count());
      assertThat(executeTasks).allSatisfy(task -> {
        assertThat(task.getPriority()).isEqualTo(100);
        assertThat(Duration.between(task.getCreateTime().toInstant(), task.getDueDate().toInstant()))
            .isEqualTo(Duration.ofMinutes(15));
      });
      assertThat(jdbc.queryForList("select recipients from outbound_message where incident_id = ? and channel = 'PAGE'"
          + " and subject like 'Sign and execute the pause in Safe{Wallet}%'", String.class, incident.id()))
          .contains("erin").doesNotContain("alice");

      // a hash that is no pause of these contracts is refused, saying why; nothing is recorded
      Task execute = executeTasks.stream().filter(task -> "erin".equals(task.getAssignee())).findFirst().orElseThrow();
      assertThatThrownBy(() -> submit(execute, Map.of("pauseTransactionHash", "not a hash")))
          .hasMessageContaining("Transaction hash: enter the hash of the pause transaction");
      String neverMined = "0x" + "ab".repeat(32);
      assertThatThrownBy(() -> submit(execute, Map.of("pauseTransactionHash", neverMined)))
          .hasMessageContaining("no transaction " + neverMined + " is mined on chain " + chain().chainId());
      String notAPause = LocalChain.sendAs(LocalChain.account(9), targets.ownable(), "0x5c975abb");
      assertThatThrownBy(() -> submit(execute, Map.of("pauseTransactionHash", notAPause)))
          .hasMessageContaining("succeeded, but " + vault + ", " + bridge + " are not paused");
      assertThat(batchOf(instance).txHash()).isNull();

      // the owners sign in their wallets and one executes, as Safe{Wallet} would
      BigInteger nonce = chainAccess.safeState(chain().chainId(), chain().safe()).nonce();
      SafeTransaction tx = safeTransactions.pause(List.of(targets.ownable(), targets.accessControl()),
          chain().multiSendCallOnly(), nonce);
      String hash = safeTransactions.hash(chain().chainId(), chain().safe(), tx);
      List<SafeTransactionService.Confirmation> signatures = new ArrayList<>();
      for (Credentials owner : chain().owners().subList(0, 2)) {
        signatures.add(new SafeTransactionService.Confirmation(owner.getAddress(), SafeTransactions.sign(hash, key(owner))));
      }
      String executed = chainAccess.executeSafeTransaction(chain().chainId(), chain().safe(), tx,
          SafeTransactions.joinSignatures(signatures));

      // erin executed it and enters the hash: the supervisor's task ends with hers
      submit(execute, Map.of("pauseTransactionHash", executed));
      assertThat(tasks.createTaskQuery().processInstanceId(instance.getId())
          .taskDefinitionKey("Task_ExecutePauseManually").count()).isZero();
      drive(instance);

      assertPaused(instance, incident, targets.ownable(), targets.accessControl());
      assertThat(batchOf(instance).txHash()).isEqualToIgnoringCase(executed);
    } finally {
      jdbc.update("update contract_chain set safe_transaction_service_url = ? where chain_id = ?", serviceUrl,
          chain().chainId());
    }
  }

  @Test
  void aDrillNeverTouchesAProductionChain() throws Exception {
    LocalChain.Targets targets = chain().deployTargets();
    String bridge = register(targets.accessControl(), PauseStyle.ACCESS_CONTROL,
        "relayer:" + RelayerStub.RELAYER_ID, safePauser());
    long eventId = incidentService.recordReportedEvent(new NewEvent(MONDAY_10_UTC, "maria", "MONITORING_ALERT",
        "Drill exploit", "drill", bridge, "SEV1", null));
    Incident drill = incidentService.declare(eventId, Severity.SEV1, "alice", "maria", true);
    int submissionsBefore = relayer.submissions();
    int proposalsBefore = service.proposals();
    jdbc.update("update contract_chain set production = true where chain_id = ?", chain().chainId());
    try {
      ProcessInstance instance = pause(drill, bridge);
      drive(instance);

      assertThat(instance).isEnded().hasPassed("Task_RecordDrillPause", "EndEvent_DrillRecorded")
          .hasNotPassed("Task_SimulatePause", "Task_SubmitToRelayer");
      assertThat(batchOf(instance).status()).isEqualTo(PauseStatus.DRILL_NO_EFFECT);
      assertThat(relayer.submissions()).isEqualTo(submissionsBefore);
      assertThat(service.proposals()).isEqualTo(proposalsBefore);
      assertThat(pausedOnChain(targets.accessControl())).isFalse();
    } finally {
      jdbc.update("update contract_chain set production = false where chain_id = ?", chain().chainId());
    }
  }
}
