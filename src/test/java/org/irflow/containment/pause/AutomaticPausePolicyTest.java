package org.irflow.containment.pause;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.irflow.containment.PauseStyle;
import org.irflow.incident.SecurityEvents;
import org.irflow.incident.TimelineEntry;
import org.irflow.incident.TimelineKind;
import org.irflow.support.chain.LocalChain;
import org.irflow.support.chain.RelayerStub;
import org.irflow.support.chain.SafeTransactionServiceStub;
import org.irflow.triage.intake.EventIntake;
import org.irflow.triage.intake.NormalisedAlert;
import org.irflow.triage.intake.TriageDispatcher;
import org.irflow.triage.intake.VendorAlerts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The automatic pause read as an attack: alerts go through irflow's intake as the vendors send them,
 * each test protects a freshly deployed contract on the local chain (paused by the relayer when a pause
 * starts), and what counts is the chain's own paused(). An alert below the policy must leave the
 * contract running and put "Pause ... now?" before the supervisor; only a stated policy pauses alone.
 */
class AutomaticPausePolicyTest extends PauseProcessTest {

  static final String ATTACKER_BOT = "0x" + "a7".repeat(32);
  static final String SECOND_BOT = "0x" + "5e".repeat(32);
  static final String TRUSTED_BOT = "0x" + "7f".repeat(32);
  private static final AtomicInteger NAMES = new AtomicInteger();

  static SafeTransactionServiceStub service;
  static RelayerStub relayer;

  @Autowired EventIntake intake;
  @Autowired TriageDispatcher dispatcher;
  @Autowired SecurityEvents events;

  @DynamicPropertySource
  static void containment(DynamicPropertyRegistry properties) {
    LocalChain.Deployment chain = LocalChain.deployment();
    service = new SafeTransactionServiceStub(chain);
    relayer = new RelayerStub(chain);
    registerLocalChain(properties, "Local hardhat", List.of(chain::rpcUrl), service, relayer, "PT30M", "PT10S");
    // the tests dispatch each stored alert themselves, at the instant they choose
    properties.add("irflow.intake.dispatcher.enabled", () -> false);
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

  // ------------------------------------------------------------------------------ below the policy

  @ParameterizedTest
  @ValueSource(strings = {"INFO", "LOW", "MEDIUM", "HIGH"})
  void anExploitBelowCriticalIsProposedAndNeverPaused(String severity) throws Exception {
    Protected vault = protect();

    String incident = incidentOf(receive(VendorAlerts.forta(ATTACKER_BOT, severity, "EXPLOIT", vault.address())));

    assertProposedNotPaused(incident, vault);
    assertThat(decisionOf(incident, vault).summary()).isEqualTo(vault.name()
        + ": automatic pause not allowed: severity " + severity + " below CRITICAL; proposed to the supervisor");
  }

  @Test
  void aCriticalExploitFromOneUntrustedBotIsProposedNotPaused() throws Exception {
    Protected vault = protect();
    // the same bot saying it twice is one witness, not two, even with its id written in capitals
    receive(VendorAlerts.forta(ATTACKER_BOT.toUpperCase().replace("0X", "0x"), "CRITICAL", "EXPLOIT", vault.address()));
    setClock(MONDAY_10_UTC.plus(Duration.ofMinutes(1)));

    String incident = incidentOf(receive(VendorAlerts.forta(ATTACKER_BOT, "CRITICAL", "EXPLOIT", vault.address())));

    assertProposedNotPaused(incident, vault);
    assertThat(decisionOf(incident, vault).summary()).isEqualTo(vault.name()
        + ": automatic pause not allowed: CRITICAL EXPLOIT from forta bot " + ATTACKER_BOT
        + " not corroborated by another monitor within 10 min, and forta bot " + ATTACKER_BOT
        + " is not trusted for automatic pause; proposed to the supervisor");
    Task proposal = proposalTask(incident, vault);
    Map<String, Object> shown = tasks.getVariables(proposal.getId());
    assertThat((String) shown.get("pausePolicyVerdict")).contains("not corroborated");
    assertThat(((String) shown.get("pausePolicyAlerts")).lines()).hasSize(2)
        .allSatisfy(line -> assertThat(line).contains("forta bot " + ATTACKER_BOT, "(CRITICAL EXPLOIT)"));
  }

  @Test
  void aCorroboratingAlertBelowTheMinimumDoesNotCount() throws Exception {
    Protected vault = protect();
    receive(VendorAlerts.forta(SECOND_BOT, "LOW", "EXPLOIT", vault.address()));
    setClock(MONDAY_10_UTC.plus(Duration.ofMinutes(2)));

    String incident = incidentOf(receive(VendorAlerts.forta(ATTACKER_BOT, "CRITICAL", "EXPLOIT", vault.address())));

    assertProposedNotPaused(incident, vault);
    assertThat(decisionOf(incident, vault).summary()).contains("not corroborated");
  }

  @Test
  void independentMonitorsTooFarApartDoNotCorroborate() throws Exception {
    Protected vault = protect();
    dispatch(receive(VendorAlerts.monitor("Vault drain " + vault.name(), vault.address())));
    setClock(MONDAY_10_UTC.plus(Duration.ofMinutes(11)));

    String incident = incidentOf(receive(VendorAlerts.forta(ATTACKER_BOT, "CRITICAL", "EXPLOIT", vault.address())));

    assertProposedNotPaused(incident, vault);
  }

  // ------------------------------------------------------------------------------ the policy met

  @Test
  void twoIndependentMonitorsWithinTheWindowPause() throws Exception {
    Protected vault = protect();
    String monitor = "Vault drain " + vault.name();
    // OpenZeppelin Monitor sees the withdrawals first: no severity of its own, a person's triage
    dispatch(receive(VendorAlerts.monitor(monitor, vault.address())));
    setClock(MONDAY_10_UTC.plus(Duration.ofMinutes(3)));

    String incident = incidentOf(receive(VendorAlerts.forta(ATTACKER_BOT, "CRITICAL", "EXPLOIT", vault.address())));

    assertPausedAutomatically(incident, vault);
    assertThat(decisionOf(incident, vault).summary()).isEqualTo(vault.name()
        + " paused automatically: CRITICAL EXPLOIT from forta bot " + ATTACKER_BOT
        + " corroborated by openzeppelin-monitor '" + monitor + "' within 3 min");
    assertThat(decisionOf(incident, vault).details()).contains("\"decision\":\"PAUSED_AUTOMATICALLY\"",
        "\"minimumSeverity\":\"CRITICAL\"", "\"emitter\":\"openzeppelin-monitor:" + monitor + "\"",
        "\"emitter\":\"forta:" + ATTACKER_BOT + "\"");
  }

  @Test
  void aCorroboratingAlertAfterTheProposalPausesWithoutTheSupervisor() throws Exception {
    Protected vault = protect();
    String incident = incidentOf(receive(VendorAlerts.forta(ATTACKER_BOT, "CRITICAL", "EXPLOIT", vault.address())));
    ProcessInstance proposal = proposalOf(incident, vault);
    assertThat(proposal).isWaitingAt("Task_DecideProposedPause");

    setClock(MONDAY_10_UTC.plus(Duration.ofMinutes(4)));
    String monitor = "Vault drain " + vault.name();
    long corroboration = receive(VendorAlerts.monitor(monitor, vault.address()));
    assertThat(dispatch(corroboration)).isEqualTo(TriageDispatcher.Dispatched.ATTACHED);

    assertThat(proposal).isEnded().hasPassed("BoundaryEvent_PolicyMet", "Task_StartProposedPause")
        .hasNotPassed("Task_RecordPauseDeclined");
    assertPausedAutomatically(incident, vault);
    assertThat(timeline(incident, TimelineKind.AUTOMATIC_PAUSE_DECISION)).extracting(TimelineEntry::summary)
        .containsExactly(vault.name() + ": automatic pause not allowed: CRITICAL EXPLOIT from forta bot "
                + ATTACKER_BOT + " not corroborated by another monitor within 10 min, and forta bot " + ATTACKER_BOT
                + " is not trusted for automatic pause; proposed to the supervisor",
            vault.name() + " paused automatically: CRITICAL EXPLOIT from forta bot " + ATTACKER_BOT
                + " corroborated by openzeppelin-monitor '" + monitor + "' within 4 min");
  }

  @Test
  void anAlertAboutAnotherChainNeverPausesTheContractAtTheSameAddressHere() throws Exception {
    Protected vault = protect("forta:" + TRUSTED_BOT);
    // the same address on Ethereum (chain 1): another contract, whatever the trusted bot says of it
    String incident = incidentOf(receive(VendorAlerts.forta(TRUSTED_BOT, "CRITICAL", "EXPLOIT", vault.address(), 1)));

    assertThat(pausesOf(incident)).as("pauses started").isZero();
    assertThat(tasks.createTaskQuery().processInstanceBusinessKey(incident)
        .taskDefinitionKey("Task_DecideProposedPause").count()).as("pauses proposed").isZero();
    assertThat(timeline(incident, TimelineKind.AUTOMATIC_PAUSE_DECISION)).isEmpty();
    assertThat(pausedOnChain(vault.address())).as("paused() on the local chain").isFalse();
  }

  @Test
  void aTrustedBotAlonePauses() throws Exception {
    Protected vault = protect("forta:" + TRUSTED_BOT.toUpperCase().replace("0X", "0x"));

    String incident = incidentOf(receive(VendorAlerts.forta(TRUSTED_BOT, "CRITICAL", "EXPLOIT", vault.address())));

    assertPausedAutomatically(incident, vault);
    assertThat(decisionOf(incident, vault).summary()).isEqualTo(vault.name()
        + " paused automatically: CRITICAL EXPLOIT from forta bot " + TRUSTED_BOT + " (trusted for automatic pause)");
  }

  @Test
  void aTrustedBotBelowTheMinimumIsStillProposed() throws Exception {
    Protected vault = protect("forta:" + TRUSTED_BOT);

    String incident = incidentOf(receive(VendorAlerts.forta(TRUSTED_BOT, "HIGH", "EXPLOIT", vault.address())));

    assertProposedNotPaused(incident, vault);
  }

  // ------------------------------------------------------------------------------ the supervisor decides

  @Test
  void approvingTheProposalPausesAsTheSupervisor() throws Exception {
    Protected vault = protect();
    String incident = incidentOf(receive(VendorAlerts.forta(ATTACKER_BOT, "LOW", "EXPLOIT", vault.address())));
    ProcessInstance proposal = proposalOf(incident, vault);

    Task task = proposalTask(incident, vault);
    asAlice(() -> submit(task, Map.of("pauseProposalDecision", "PAUSE",
        "pauseProposalNotes", "outflow confirmed on the explorer")));

    assertThat(proposal).isEnded().hasPassed("Task_StartProposedPause", "EndEvent_PauseStarted");
    ProcessInstance pause = pauseOf(incident);
    drive(pause);
    assertThat(pausedOnChain(vault.address())).isTrue();
    assertThat(batchOf(pause).requestedBy()).isEqualTo("alice");
    assertThat(batchOf(pause).automatic()).isFalse();
    assertThat(timeline(incident, TimelineKind.PAUSE_REQUESTED)).singleElement()
        .satisfies(entry -> assertThat(entry.actor()).isEqualTo("alice"));
  }

  @Test
  void decliningTheProposalRecordsTheDecisionAndLeavesTheContractRunning() throws Exception {
    Protected vault = protect();
    String incident = incidentOf(receive(VendorAlerts.forta(ATTACKER_BOT, "MEDIUM", "EXPLOIT", vault.address())));
    ProcessInstance proposal = proposalOf(incident, vault);

    Task task = proposalTask(incident, vault);
    asAlice(() -> submit(task, Map.of("pauseProposalDecision", "DECLINE",
        "pauseProposalNotes", "a test transaction of our own")));

    assertThat(proposal).isEnded().hasPassed("Task_RecordPauseDeclined", "EndEvent_PauseDeclined")
        .hasNotPassed("Task_StartProposedPause");
    assertThat(pausesOf(incident)).isZero();
    assertThat(pausedOnChain(vault.address())).isFalse();
    assertThat(timeline(incident, TimelineKind.PAUSE_DECLINED)).singleElement().satisfies(entry -> {
      assertThat(entry.actor()).isEqualTo("alice");
      assertThat(entry.summary()).isEqualTo("Proposed pause of " + vault.name()
          + " declined by alice: a test transaction of our own");
    });
  }

  // ------------------------------------------------------------------------------ helpers

  record Protected(String name, String address) {}

  /** A fresh contract the relayer can pause, registered with automatic pause allowed and the default policy. */
  private Protected protect(String... trustedSources) {
    String address = chain().deployTargets().accessControl();
    String name = "Guarded" + NAMES.incrementAndGet();
    jdbc.update("""
        insert into protected_contract (name, chain_id, address, pause_style, pausers, automatic_pause_allowed,
                                        sort_order, automatic_pause_trusted_sources)
        values (?, ?, ?, ?, ?, true, ?, ?)""", name, chain().chainId(), address, PauseStyle.ACCESS_CONTROL.name(),
        "relayer:" + RelayerStub.RELAYER_ID, 2000 + NAMES.get(), String.join("\n", trustedSources));
    return new Protected(name, address);
  }

  /** Stores the alert as the webhook would; answers its event. */
  private long receive(NormalisedAlert alert) {
    return intake.accept(List.of(alert)).get(0).eventId();
  }

  private TriageDispatcher.Dispatched dispatch(long eventId) {
    return dispatcher.dispatch(eventId);
  }

  /** Dispatches the alert (its triage declares at once) and answers the incident it became. */
  private String incidentOf(long eventId) {
    assertThat(dispatch(eventId)).isNotEqualTo(TriageDispatcher.Dispatched.FAILED);
    return await().atMost(Duration.ofSeconds(30)).until(() -> events.find(eventId).orElseThrow().incidentId(),
        id -> id != null);
  }

  private void assertProposedNotPaused(String incident, Protected vault) throws Exception {
    assertThat(pausesOf(incident)).as("pauses started").isZero();
    assertThat(pausedOnChain(vault.address())).as("paused() on the chain").isFalse();
    Task proposal = proposalTask(incident, vault);
    assertThat(proposal.getName()).startsWith(incident + " · Pause " + vault.name() + " now? · ");
    assertThat(proposal.getAssignee()).isEqualTo("alice");
    assertThat(tasks.getIdentityLinksForTask(proposal.getId()))
        .anyMatch(link -> "incident-commanders".equals(link.getGroupId()));
  }

  private void assertPausedAutomatically(String incident, Protected vault) throws Exception {
    ProcessInstance pause = pauseOf(incident);
    drive(pause);
    assertThat(pause).isEnded().hasPassed("Task_SubmitToRelayer", "EndEvent_ContractsPaused");
    assertThat(pausedOnChain(vault.address())).as("paused() on the chain").isTrue();
    assertThat(batchOf(pause).automatic()).isTrue();
    assertThat(batchOf(pause).requestedBy()).isEqualTo(PauseProposals.AUTOMATIC);
    assertThat(tasks.createTaskQuery().processInstanceBusinessKey(incident)
        .taskDefinitionKey("Task_DecideProposedPause").count()).isZero();
  }

  private long pausesOf(String incident) {
    return jdbc.queryForObject("select count(*) from pause_batch where incident_id = ?", Long.class, incident);
  }

  private ProcessInstance pauseOf(String incident) {
    return runtime.createProcessInstanceQuery().processDefinitionKey("ContractPauseProcess")
        .processInstanceBusinessKey(incident).singleResult();
  }

  private ProcessInstance proposalOf(String incident, Protected vault) {
    return runtime.createProcessInstanceQuery().processDefinitionKey("PauseProposalProcess")
        .processInstanceBusinessKey(incident).variableValueEquals("proposedContract", vault.name()).singleResult();
  }

  private Task proposalTask(String incident, Protected vault) {
    return openTask(proposalOf(incident, vault), "Task_DecideProposedPause");
  }

  private TimelineEntry decisionOf(String incident, Protected vault) {
    return timeline(incident, TimelineKind.AUTOMATIC_PAUSE_DECISION).stream()
        .filter(entry -> entry.summary().startsWith(vault.name())).reduce((first, last) -> last).orElseThrow();
  }

  private List<TimelineEntry> timeline(String incident, TimelineKind kind) {
    return incidentService.timelineOf(incident).stream().filter(entry -> entry.kind() == kind).toList();
  }

  private void asAlice(Runnable work) {
    engine.getIdentityService().setAuthenticatedUserId("alice");
    try {
      work.run();
    } finally {
      engine.getIdentityService().clearAuthentication();
    }
  }
}
