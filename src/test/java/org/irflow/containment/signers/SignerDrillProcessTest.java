package org.irflow.containment.signers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.irflow.process.SignerDrillVariables.SIGNER_DRILL_SIGNATURE;
import static org.irflow.process.SignerDrillVariables.SIGNER_DRILL_TYPED_DATA;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.irflow.containment.readiness.PauseReadiness;
import org.irflow.containment.signers.SignerDrills.Outcome;
import org.irflow.containment.signers.SignerDrills.SignerDrill;
import org.irflow.metrics.ProgrammeMetrics;
import org.irflow.metrics.ProgrammeMetricsBinder;
import org.irflow.metrics.ProgrammeMetricsService;
import org.irflow.process.DrillVariables;
import org.irflow.process.SignerDrillVariables;
import org.irflow.security.Groups;
import org.irflow.support.ProcessTest;
import org.irflow.support.chain.LocalChain;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;
import org.web3j.crypto.StructuredDataEncoder;
import org.web3j.utils.Numeric;

/**
 * The signer drill on the local chain's 2-of-3 Safe 1.5.0, with the owners' real keys signing the
 * EIP-712 drill message as a wallet's eth_signTypedData_v4 would.
 */
@ExtendWith(LocalChain.class)
class SignerDrillProcessTest extends ProcessTest {

  static final String SAM = "sam";
  static final String TIA = "tia";
  static final String UMA = "uma";
  static final List<String> SIGNERS = List.of(SAM, TIA, UMA);
  /** The demo users' signer, also in the group: one more who never answers. */
  static final String ERIN = "erin";

  @Autowired IdentityService identity;
  @Autowired SignerDrills drills;
  @Autowired PauseReadiness readiness;
  @Autowired ProgrammeMetricsService metrics;
  @Autowired ProgrammeMetricsBinder gauges;

  @DynamicPropertySource
  static void localChain(DynamicPropertyRegistry properties) {
    // the local chain and one contract its 2-of-3 Safe pauses
    SignerAddressProofProcessTest.localChain(properties);
    properties.add("irflow.signer-drill.window", () -> "PT2H");
    properties.add("irflow.signer-drill.time-to-threshold-limit", () -> "PT30M");
    // every scrape computes the gauges afresh
    properties.add("irflow.metrics.cache-for", () -> "PT0S");
  }

  /** Members other test classes added to signers (sharing the database): out of the group while a test runs. */
  private final List<String> othersInTheGroup = new ArrayList<>();

  @BeforeEach
  void signers() {
    identity.createUserQuery().memberOfGroup(Groups.SIGNERS).list().stream().map(user -> user.getId())
        .filter(id -> !SIGNERS.contains(id) && !ERIN.equals(id)).forEach(othersInTheGroup::add);
    othersInTheGroup.forEach(id -> identity.deleteMembership(id, Groups.SIGNERS));
    for (String signer : SIGNERS) {
      if (identity.createUserQuery().userId(signer).count() == 0) {
        identity.saveUser(identity.newUser(signer));
        identity.createMembership(signer, Groups.SIGNERS);
      }
    }
  }

  @AfterEach
  void forget() {
    othersInTheGroup.forEach(id -> identity.createMembership(id, Groups.SIGNERS));
    runtime.createProcessInstanceQuery().processDefinitionKey(SignerDrillVariables.SIGNER_DRILL_PROCESS).list()
        .forEach(instance -> runtime.deleteProcessInstance(instance.getId(), "test over"));
    jdbc.update("delete from signer_drill_signer");
    jdbc.update("delete from signer_drill");
    jdbc.update("delete from pause_readiness_gap");
    jdbc.update("delete from signer_owner_address");
    SIGNERS.forEach(identity::deleteUser);
  }

  @Test
  void twoOwnersSignTheThirdNeverAnswersTimeToThresholdRecorded() {
    SignerDrill drill = start();
    assertThat(drill.threshold()).isEqualTo(2);
    assertThat(drill.owners()).isEqualTo(3);
    assertThat(drill.windowEndsAt()).isEqualTo(MONDAY_10_UTC.plus(Duration.ofHours(2)));

    // one task and one page per signer
    for (String signer : SIGNERS) {
      Task task = task(drill, signer);
      assertThat(task.getName()).isEqualTo("Sign the drill message");
      String typed = (String) tasks.getVariable(task.getId(), SIGNER_DRILL_TYPED_DATA);
      assertThat(typed).contains("\"name\" : \"irflow signer drill\"", "\"drillId\" : " + drill.id(),
          "\"signer\" : \"" + signer + "\"", "\"issuedAt\" : \"" + MONDAY_10_UTC + "\"", "moves no funds");
      assertThat(jdbc.queryForObject("select count(*) from outbound_message where channel = 'PAGE' and recipients = ?"
          + " and subject = ? and body like ?", Integer.class, signer, "Signer drill: sign the drill message for Safe "
          + checksummed(chain().safe()), "Signer drill " + drill.id() + " of Safe %")).isEqualTo(1);
    }

    setClock(MONDAY_10_UTC.plus(Duration.ofMinutes(5)));
    sign(drill, SAM, owner(0));
    setClock(MONDAY_10_UTC.plus(Duration.ofMinutes(12)));
    sign(drill, TIA, owner(1));

    SignerDrill signed = drills.get(drill.id());
    assertThat(signed.thresholdReachedAt()).isEqualTo(MONDAY_10_UTC.plus(Duration.ofMinutes(12)));
    assertThat(signed.timeToThresholdSeconds()).isEqualTo(720);
    assertThat(signed.signers()).filteredOn(signer -> signer.userId().equals(TIA)).singleElement()
        .satisfies(tia -> assertThat(tia.owner()).startsWith(checksummed(owner(1)) + " is owner 2 of 3 of Safe "
            + checksummed(chain().safe()) + " (threshold 2)"));
    assertThat(signed.outcome()).isNull();

    // the window ends: the tasks of erin and uma end, they are listed as not answering
    fireTimer(drill.processInstanceId(), "BoundaryEvent_DrillWindowEnded", drill.windowEndsAt());
    assertThat(tasks.createTaskQuery().processInstanceId(drill.processInstanceId()).count()).isZero();
    assertThat(engine.getHistoryService().createHistoricActivityInstanceQuery()
        .processInstanceId(drill.processInstanceId()).activityId("EndEvent_SignerDrillEnded").count()).isEqualTo(1);
    SignerDrill ended = drills.get(drill.id());
    assertThat(ended.outcome()).isEqualTo(Outcome.WITHIN_LIMIT);
    assertThat(ended.didNotAnswer()).containsExactly(ERIN, UMA);
    assertThat(jdbc.queryForObject("select unanswered from signer_drill_signer where drill_id = ? and user_id = ?",
        Boolean.class, drill.id(), UMA)).isTrue();
    assertThat(readiness.openGaps()).isEmpty();

    // /api/metrics' figure and the Prometheus gauge
    Instant later = drill.windowEndsAt().plusSeconds(60);
    setClock(later);
    ProgrammeMetrics figures = metrics.compute(later.minus(Duration.ofDays(90)), later, ProgrammeMetricsService.Filter.NONE);
    assertThat(figures.signerDrills()).singleElement().satisfies(figure -> {
      assertThat(figure.drillId()).isEqualTo(drill.id());
      assertThat(figure.safe()).isEqualTo(checksummed(chain().safe()));
      assertThat(figure.timeToThresholdSeconds()).isEqualTo(720);
      assertThat(figure.withinLimit()).isTrue();
      assertThat(figure.didNotAnswer()).containsExactly(ERIN, UMA);
    });
    assertThat(scrape())
        .contains("irflow_signer_drill_time_to_threshold_seconds 720.0")
        .contains("irflow_signer_drill_within_limit 1.0");
  }

  @Test
  void aSignatureOfAKeyThatOwnsNothingIsRefusedNamingTheField() {
    SignerDrill drill = start();
    Task task = task(drill, SAM);
    Credentials stranger = LocalChain.account(8);

    assertThatThrownBy(() -> submit(task, Map.of(SIGNER_DRILL_SIGNATURE, signTypedData(typedData(task), stranger))))
        .hasMessageContaining("Signature: this signature recovers to " + checksummed(stranger) + ", which is not an"
            + " owner of Safe " + checksummed(chain().safe()) + " on chain 31337");
    assertThatThrownBy(() -> submit(task, Map.of(SIGNER_DRILL_SIGNATURE, "0x1234")))
        .hasMessageContaining("Signature: paste the signature your wallet made");
    assertThat(tasks.createTaskQuery().taskId(task.getId()).count()).isEqualTo(1);
    assertThat(drills.get(drill.id()).signers()).allSatisfy(signer -> assertThat(signer.signedAt()).isNull());
  }

  @Test
  void aSignatureOfATamperedMessageIsRefused() {
    SignerDrill drill = start();
    Task task = task(drill, SAM);
    String tampered = typedData(task).replace("\"signer\" : \"sam\"", "\"signer\" : \"tia\"");
    assertThat(tampered).isNotEqualTo(typedData(task));

    assertThatThrownBy(() -> submit(task, Map.of(SIGNER_DRILL_SIGNATURE, signTypedData(tampered, owner(0)))))
        .hasMessageContaining("Signature: this signature recovers to 0x")
        .hasMessageContaining("which is not an owner of Safe " + checksummed(chain().safe()))
        .hasMessageContaining("sign the typed data above exactly as shown");
    assertThat(tasks.createTaskQuery().taskId(task.getId()).count()).isEqualTo(1);
  }

  @Test
  void aDrillSlowerThanTheLimitOpensTheSafesGapAndAQuickOneClosesIt() {
    SignerDrill slow = start();
    setClock(MONDAY_10_UTC.plus(Duration.ofMinutes(10)));
    sign(slow, SAM, owner(0));
    setClock(MONDAY_10_UTC.plus(Duration.ofMinutes(40)));
    sign(slow, TIA, owner(1));
    fireTimer(slow.processInstanceId(), "BoundaryEvent_DrillWindowEnded", slow.windowEndsAt());

    assertThat(drills.get(slow.id()).outcome()).isEqualTo(Outcome.OVER_LIMIT);
    String subject = "Safe " + checksummed(chain().safe()) + " (chain 31337)";
    assertThat(readiness.openGaps()).singleElement().satisfies(gap -> {
      assertThat(gap.contract()).isEqualTo(subject);
      assertThat(gap.path()).isEqualTo(PauseReadiness.SIGNER_DRILL_PATH);
      assertThat(gap.summary()).contains("Signer drill " + slow.id() + " took 40 min until 2 distinct owners had"
          + " signed; the limit is 30 min.", "Did not answer: " + ERIN + ", " + UMA + ".");
      Task fix = tasks.createTaskQuery().processInstanceId(gap.processInstanceId()).singleResult();
      assertThat(fix.getName()).isEqualTo("Fix the pause path");
    });
    // the pause path check leaves the drill's gap alone
    readiness.checkAll();
    assertThat(readiness.openGaps()).extracting(PauseReadiness.Gap::path).contains(PauseReadiness.SIGNER_DRILL_PATH);

    // three owners sign within five minutes the next time: the gap closes and its task ends
    Instant next = MONDAY_10_UTC.plus(Duration.ofDays(1));
    setClock(next);
    SignerDrill quick = start();
    setClock(next.plus(Duration.ofMinutes(2)));
    sign(quick, SAM, owner(0));
    sign(quick, UMA, owner(2));
    setClock(next.plus(Duration.ofMinutes(5)));
    sign(quick, TIA, owner(1));
    String fixTask = readiness.openGaps().get(0).processInstanceId();
    fireTimer(quick.processInstanceId(), "BoundaryEvent_DrillWindowEnded", quick.windowEndsAt());

    SignerDrill ended = drills.get(quick.id());
    assertThat(ended.outcome()).isEqualTo(Outcome.WITHIN_LIMIT);
    assertThat(runtime.createProcessInstanceQuery().processInstanceId(fixTask).count()).isZero();
    assertThat(ended.timeToThresholdSeconds()).isEqualTo(120);
    assertThat(readiness.openGaps()).noneMatch(gap -> gap.path().equals(PauseReadiness.SIGNER_DRILL_PATH));
    assertThat(readiness.gaps(subject, PauseReadiness.SIGNER_DRILL_PATH)).singleElement()
        .satisfies(gap -> assertThat(gap.closedBy()).isEqualTo("signer drill " + quick.id()
            + " reached the threshold in 2 min"));
  }

  @Test
  void aDrillThatNeverReachesTheThresholdIsAGapAndCountsAsInfinitelySlow() {
    SignerDrill drill = start();
    sign(drill, SAM, owner(0));
    fireTimer(drill.processInstanceId(), "BoundaryEvent_DrillWindowEnded", drill.windowEndsAt());

    assertThat(drills.get(drill.id()).outcome()).isEqualTo(Outcome.THRESHOLD_NOT_REACHED);
    assertThat(drills.get(drill.id()).didNotAnswer()).containsExactly(ERIN, TIA, UMA);
    assertThat(readiness.openGaps()).singleElement().satisfies(gap -> assertThat(gap.summary())
        .startsWith("Signer drill " + drill.id() + " never reached the threshold of 2 owners within its window"));
    setClock(drill.windowEndsAt().plusSeconds(1));
    assertThat(scrape()).contains("irflow_signer_drill_time_to_threshold_seconds +Inf")
        .contains("irflow_signer_drill_within_limit 0.0");
  }

  @Test
  void theSixMonthDrillStartsASignerDrillOfThePausingSafeAndGoesOn() {
    // the six-month drill at its step "Start a signer drill of every pausing Safe", as after "Start drill"
    ProcessInstance sixMonthDrill = runtime.createProcessInstanceByKey("IncidentDrillProcess")
        .startBeforeActivity("Task_StartSignerDrills").setVariable(DrillVariables.DRILL_ID, 4242L).execute();
    try {
      SignerDrill drill = drills.list(50).stream().filter(each -> Long.valueOf(4242L).equals(each.incidentDrillId()))
          .findFirst().orElseThrow();
      assertThat(drill.safe()).isEqualToIgnoringCase(chain().safe());
      assertThat(drill.startedBy()).isEqualTo("the six-month drill");
      assertThat(tasks.createTaskQuery().processInstanceId(drill.processInstanceId()).count()).isEqualTo(4);
      // the six-month drill did not wait for the signers
      assertThat(engine.getHistoryService().createHistoricActivityInstanceQuery()
          .processInstanceId(sixMonthDrill.getId()).activityId("Task_StartSignerDrills").finished().count()).isEqualTo(1);
      assertThat((String) engine.getHistoryService().createHistoricVariableInstanceQuery()
          .processInstanceId(sixMonthDrill.getId()).variableName("signerDrillsStarted").singleResult().getValue())
          .contains("signer drill " + drill.id() + " started");
      runtime.deleteProcessInstance(drill.processInstanceId(), "test over");
    } finally {
      if (runtime.createProcessInstanceQuery().processInstanceId(sixMonthDrill.getId()).count() > 0) {
        runtime.deleteProcessInstance(sixMonthDrill.getId(), "test over");
      }
    }
  }

  /** What /actuator/prometheus serves: irflow's gauges in the Prometheus text format. */
  private String scrape() {
    PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    gauges.bindTo(prometheus);
    return prometheus.scrape();
  }

  private SignerDrill start() {
    SignerDrill drill = drills.start(chain().chainId(), chain().safe(), "ian", null);
    assertThat(tasks.createTaskQuery().processInstanceId(drill.processInstanceId()).count()).isEqualTo(4);
    return drill;
  }

  private Task task(SignerDrill drill, String signer) {
    return tasks.createTaskQuery().processInstanceId(drill.processInstanceId()).taskAssignee(signer).singleResult();
  }

  private String typedData(Task task) {
    return (String) tasks.getVariable(task.getId(), SIGNER_DRILL_TYPED_DATA);
  }

  private void sign(SignerDrill drill, String signer, Credentials key) {
    Task task = task(drill, signer);
    submit(task, Map.of(SIGNER_DRILL_SIGNATURE, signTypedData(typedData(task), key)));
  }

  /** What a wallet's eth_signTypedData_v4 gives for the typed data: r||s||v, hex. */
  static String signTypedData(String typedData, Credentials key) {
    try {
      byte[] hash = new StructuredDataEncoder(typedData).hashStructuredData();
      Sign.SignatureData signature = Sign.signMessage(hash, key.getEcKeyPair(), false);
      byte[] bytes = new byte[65];
      System.arraycopy(signature.getR(), 0, bytes, 0, 32);
      System.arraycopy(signature.getS(), 0, bytes, 32, 32);
      bytes[64] = signature.getV()[0];
      return Numeric.toHexString(bytes);
    } catch (java.io.IOException unreadable) {
      throw new IllegalStateException(unreadable);
    }
  }

  private static Credentials owner(int index) {
    return chain().owners().get(index);
  }

  private static String checksummed(Credentials key) {
    return Keys.toChecksumAddress(key.getAddress());
  }

  private static String checksummed(String address) {
    return Keys.toChecksumAddress(address);
  }

  private static LocalChain.Deployment chain() {
    return LocalChain.deployment();
  }
}
