package org.irflow.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.irflow.support.RestClient.variables;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.camunda.bpm.engine.RuntimeService;
import org.irflow.containment.ChainAccess;
import org.irflow.containment.chain.SafeTransactions;
import org.irflow.containment.pause.PauseProcessTest;
import org.irflow.containment.signers.SignerAddresses;
import org.irflow.support.OwnEngineRegistered;
import org.irflow.support.RestClient;
import org.irflow.support.RestClient.Response;
import org.irflow.support.TasklistBrowser;
import org.irflow.support.chain.LocalChain;
import org.irflow.support.chain.RelayerStub;
import org.irflow.support.chain.SafeTransactionServiceStub;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.utils.Numeric;

/**
 * Pause readiness where people read it, on the local hardhat chain (Safe 1.5.0) with the Safe
 * Transaction Service and relayer stubs, the whole application on a random port and its job executor
 * running the checks: Cockpit's "Pause readiness" page in a real (headless) Chromium, the "Pause
 * contracts" form of a live incident, and GET/POST /api/pause-readiness and /api/prestaged-pauses.
 *
 * <p>Three registered contracts: Bridge (AccessControl, paused by the relayer or through the Safe),
 * Vault (Ownable, through the Safe) and Treasury on a chain without RPC (paused by hand). The Cockpit
 * page goes to target/screenshots/, or with -Dirflow.docScreenshots=true to
 * docs/images/cockpit-pause-readiness.png.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@ExtendWith({LocalChain.class, OwnEngineRegistered.class})
class PauseReadinessViewTest {

  static final Path DOC_SCREENSHOT = Boolean.getBoolean("irflow.docScreenshots")
      ? Path.of("docs/images/cockpit-pause-readiness.png")
      : Path.of("target/screenshots/cockpit-pause-readiness.png");
  static final String RELAYER_PATH = "relayer:" + RelayerStub.RELAYER_ID;
  /** The colour of a broken path's line: rgb(198, 40, 40). */
  static final String RED = "rgba(198, 40, 40, 1)";

  static SafeTransactionServiceStub service;
  static RelayerStub relayer;
  static LocalChain.Targets targets;

  @DynamicPropertySource
  static void application(DynamicPropertyRegistry properties) {
    // a database of its own: this context's job executor must never run another context's jobs
    properties.add("spring.datasource.url", () -> "jdbc:h2:mem:irflow-pause-readiness-view;DB_CLOSE_DELAY=-1");
    properties.add("camunda.bpm.job-execution.enabled", () -> true);
    properties.add("camunda.bpm.job-execution.wait-time-in-millis", () -> 300);
    properties.add("camunda.bpm.job-execution.max-wait", () -> 1000);
    LocalChain.Deployment chain = LocalChain.deployment();
    service = new SafeTransactionServiceStub(chain);
    relayer = new RelayerStub(chain);
    PauseProcessTest.registerLocalChain(properties, "Local hardhat", List.of(chain::rpcUrl), service, relayer,
        "PT30M", "PT10S");
    // the registry of application-test.yaml is replaced by these three
    contract(properties, 0, "Bridge", chain.chainId(), () -> targets().accessControl(), "ACCESS_CONTROL",
        RELAYER_PATH, "safe:" + chain.safe());
    contract(properties, 1, "Vault", chain.chainId(), () -> targets().ownable(), "OWNABLE", "safe:" + chain.safe());
    contract(properties, 2, "Treasury", 1, () -> "0x000000000000000000000000000000000000a11c", "OWNABLE",
        "safe:0x00000000000000000000000000000000000005af");
  }

  private static void contract(DynamicPropertyRegistry properties, int index, String name, long chainId,
      java.util.function.Supplier<Object> address, String style, String... pausers) {
    String at = "irflow.containment.contracts[" + index + "].";
    properties.add(at + "name", () -> name);
    properties.add(at + "chain-id", () -> chainId);
    properties.add(at + "address", address);
    properties.add(at + "pause-style", () -> style);
    for (int i = 0; i < pausers.length; i++) {
      String pauser = pausers[i];
      properties.add(at + "pausers[" + i + "]", () -> pauser);
    }
    properties.add(at + "automatic-pause-allowed", () -> false);
  }

  /** Fresh targets for this class (roles and paused are sticky), deployed once. */
  static synchronized LocalChain.Targets targets() {
    if (targets == null) {
      targets = LocalChain.deployment().deployTargets();
    }
    return targets;
  }

  @AfterAll
  static void closeStubs() {
    service.close();
    relayer.close();
  }

  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;
  @Autowired SignerAddresses signerAddresses;
  @Autowired ChainAccess chainAccess;
  @Autowired RuntimeService runtime;
  RestClient rest;

  @BeforeEach
  void client() {
    rest = new RestClient(baseUrl());
  }

  /** Every test starts from a working chain and no owner key on record. */
  @AfterEach
  void repair() {
    grantPauserRole(relayerAccount());
    signerAddresses.all().forEach(address -> signerAddresses.remove(address.userId(), address.address()));
    jdbc.update("delete from roster_member where rotation_name = 'signers-test'");
    jdbc.update("delete from roster_rotation where name = 'signers-test'");
  }

  // ---- Cockpit --------------------------------------------------------------------------------

  @Test
  void anIncidentCommanderChecksNowAndSeesTheRevokedRoleAsARedLineWithItsReason() {
    revokePauserRole(relayerAccount());

    inBrowser("alice", browser -> {
      browser.logInToCockpit(baseUrl(), "alice");
      openPauseReadiness(browser);
      browser.click(By.xpath("//button[contains(@class,'irflow-check-now')][normalize-space()='Check now']"),
          "the button 'Check now'");

      WebElement broken = browser.waitUntil("the relayer path of Bridge in red after the check",
          () -> browser.displayed(path("Bridge", RELAYER_PATH, "FAILED")));
      assertThat(broken.getText()).contains("the relayer " + RelayerStub.RELAYER_ID + ": broken:")
          .contains("does not hold PAUSER_ROLE").contains("grantRole(PAUSER_ROLE, " + relayerAccount() + ")")
          .contains("checked ").contains("\"Fix the pause path\" open for ");
      assertThat(broken.getCssValue("color")).isEqualTo(RED);
      assertThat(browser.displayed(path("Bridge", safePath(), "PASSED")).getText())
          .contains("the Safe " + LocalChain.deployment().safe().toLowerCase() + ": ready");
      assertThat(browser.displayed(path("Vault", safePath(), "PASSED"))).isNotNull();
      assertThat(browser.displayed(By.xpath("//li[contains(@class,'irflow-readiness-path')][@data-contract='Treasury']"))
          .getText()).contains("manual: nothing to check on chain");
      assertThat(browser.displayed(By.xpath("//div[contains(@class,'irflow-message')]")).getText())
          .contains("1 pause path(s) broken");
      // the Safe's pre-staged pause, re-built by the check, matches the chain
      // (at the foot of the page, below what Cockpit's view shows without scrolling)
      WebElement prestaged = browser.waitUntil("the pre-staged pause of the local Safe", () -> browser.driver()
          .findElements(By.xpath("//li[contains(@class,'irflow-prestaged')][@data-chain-id='" + LocalChain.CHAIN_ID
              + "']")).stream().findFirst().orElse(null));
      assertThat(prestaged.getAttribute("textContent")).contains("matches the chain now").contains("pauses Vault");
    });

    // what the page showed is what irflow stored
    JsonNode relayerPath = pathOf(rest.get("alice", "/api/pause-readiness").body(), "Bridge", RELAYER_PATH);
    assertThat(relayerPath.path("status").asText()).isEqualTo("FAILED");
  }

  @Test
  void theCoverageStripMarksTheHoursOfARosterGapAndAManagerSeesNoCheckButton() {
    // erin holds two owner keys of the 2-of-3 Safe and is on shift 00:00-23:00 UTC: 23:00-24:00 nobody is
    signerAddresses.enter("erin", LocalChain.deployment().owners().get(0).getAddress(), "admin");
    signerAddresses.enter("erin", LocalChain.deployment().owners().get(1).getAddress(), "admin");
    jdbc.update("""
        insert into roster_rotation (name, role, time_zone, shift_start, shift_end, rotation_start,
                                     rotation_length_days, sort_order)
        values ('signers-test', 'signers', 'UTC', ?, ?, date '2020-01-06', 7, 100)""",
        LocalTime.of(0, 0), LocalTime.of(23, 0));
    jdbc.update("insert into roster_member (rotation_name, position, user_id) values ('signers-test', 0, 'erin')");
    String safe = LocalChain.deployment().safe();
    checkAndWait();

    inBrowser("maria", browser -> {
      browser.logInToCockpit(baseUrl(), "maria");
      openPauseReadiness(browser);
      // the daily check judges the Safe path by the same coverage: Vault's only path is broken by the gap
      assertThat(browser.waitUntil("Vault's Safe path in red", () -> browser.displayed(path("Vault", safePath(), "FAILED")))
          .getText()).contains("the signers on shift can meet the Safe's threshold all week")
          .contains("23:00–24:00 UTC");
      String strip = "//div[contains(@class,'irflow-coverage-safe')][translate(@data-safe,'ABCDEF','abcdef')='"
          + safe.toLowerCase() + "']";
      browser.waitUntil("the coverage strip of the Safe", () -> browser.displayed(By.xpath(strip)));
      List<WebElement> hours = browser.driver().findElements(By.xpath(strip + "//span[@data-hour]"));
      assertThat(hours).hasSize(168);
      List<String> below = new ArrayList<>();
      for (WebElement hour : hours) {
        Instant start = Instant.parse(hour.getAttribute("data-hour"));
        boolean gapHour = start.atZone(ZoneOffset.UTC).getHour() == 23;
        assertThat(hour.getAttribute("class")).as(start.toString())
            .contains(gapHour ? "irflow-hour-below" : "irflow-hour-ok");
        if (gapHour) {
          below.add(hour.getAttribute("title"));
        } else {
          assertThat(hour.getAttribute("title")).as(start.toString()).endsWith(": 2 of 3 owners reachable, threshold 2");
        }
      }
      assertThat(below).hasSize(7).allSatisfy(title -> assertThat(title)
          .contains("23:00–24:00 UTC: 0 of 3 owners reachable (nobody), threshold 2"));
      assertThat(browser.displayed(By.xpath(strip + "/ancestor::div[contains(@class,'irflow-coverage')]"
          + "//p[contains(@class,'irflow-coverage-legend')]")).getText())
          .contains("below the threshold").contains("enough owners reachable");
      // a manager reads, never starts a check
      assertThat(browser.driver().findElements(By.xpath("//button[contains(@class,'irflow-check-now')]")))
          .allSatisfy(button -> assertThat(button.isDisplayed()).isFalse());
      try {
        // the picture shows the strip: Cockpit scrolls its view itself, so the section is brought into it
        ((org.openqa.selenium.JavascriptExecutor) browser.driver()).executeScript(
            "arguments[0].scrollIntoView();", browser.driver().findElement(By.xpath("//h2[normalize-space()='Signer coverage, next 7 days']")));
        browser.saveScreenshot(DOC_SCREENSHOT);
      } catch (java.io.IOException e) {
        throw new IllegalStateException(e);
      }
    });
  }

  // ---- the "Pause contracts" task ---------------------------------------------------------------

  @Test
  void thePauseContractsFormOfALiveIncidentShowsTheLatestReadinessOfEachContract() {
    revokePauserRole(relayerAccount());
    checkAndWait();
    String responseId = declareIncident("Bridge signatures replayed " + UUID.randomUUID().toString().substring(0, 8));
    String supervisor = rest.get("maria", "/api/on-call").body().path("primary").asText();

    JsonNode task = rest.awaitTask(supervisor, responseId, "Pause contracts");
    Response form = rest.get(supervisor, "/engine-rest/task/" + task.path("id").asText() + "/form-variables");

    assertThat(form.status()).as(form.text()).isEqualTo(200);
    String[] lines = form.body().path("pauseReadiness").path("value").asText().split("\n");
    String safe = LocalChain.deployment().safe().toLowerCase();
    assertThat(lines).hasSize(3);
    assertThat(lines[0]).startsWith("Bridge: the relayer " + RelayerStub.RELAYER_ID + " broken: ")
        .contains("does not hold PAUSER_ROLE").contains("; the Safe " + safe + " ready (checked ").endsWith(" UTC)");
    assertThat(lines[1]).matches("Vault: the Safe " + safe + " ready \\(checked \\w{3} \\d{1,2} \\w{3} \\d\\d:\\d\\d UTC\\)");
    assertThat(lines[2]).startsWith("Treasury: manual: nothing to check on chain (checked ");
  }

  // ---- the API ----------------------------------------------------------------------------------

  @Test
  void theApiGivesEachPathWithItsChecksAndOpenGapAndOnlyIncidentCommandersStartACheck() {
    Response refused = rest.post("dave", "/api/pause-readiness/check", Map.of());
    assertThat(refused.status()).as(refused.text()).isEqualTo(403);
    assertThat(refused.body().path("detail").asText()).contains("dave").contains("incident-commanders")
        .contains("only they start a pause readiness check");
    assertThat(rest.get("dave", "/api/me").body().path("mayCheckPauseReadiness").asBoolean()).isFalse();
    assertThat(rest.get("alice", "/api/me").body().path("mayCheckPauseReadiness").asBoolean()).isTrue();

    revokePauserRole(relayerAccount());
    checkAndWait();

    JsonNode paths = rest.get("dave", "/api/pause-readiness").body();
    assertThat(paths).hasSize(4);
    JsonNode broken = pathOf(paths, "Bridge", RELAYER_PATH);
    assertThat(broken.path("chainId").asLong()).isEqualTo(LocalChain.CHAIN_ID);
    assertThat(broken.path("pathInWords").asText()).isEqualTo("the relayer " + RelayerStub.RELAYER_ID);
    assertThat(broken.path("status").asText()).isEqualTo("FAILED");
    assertThat(broken.path("reason").asText()).startsWith("broken: ").contains("does not hold PAUSER_ROLE");
    assertThat(Instant.parse(broken.path("checkedAt").asText())).isBefore(Instant.now().plusSeconds(1));
    JsonNode failedCheck = null;
    for (JsonNode check : broken.path("checks")) {
      assertThat(check.has("check") && check.has("status") && check.has("found")).as(check.toString()).isTrue();
      failedCheck = "FAILED".equals(check.path("status").asText()) ? check : failedCheck;
    }
    assertThat(failedCheck.path("found").asText()).contains("does not hold PAUSER_ROLE");
    assertThat(broken.path("openGap").path("summary").asText()).contains("does not hold PAUSER_ROLE");
    assertThat(broken.path("openGap").path("owner").asText()).isNotBlank();
    assertThat(pathOf(paths, "Bridge", safePath()).path("openGap").isNull()).isTrue();
    assertThat(pathOf(paths, "Bridge", safePath()).path("reason").asText()).isEqualTo("ready");
    assertThat(pathOf(paths, "Treasury", "manual").path("status").asText()).isEqualTo("MANUAL");

    // fixed on the chain: the next check closes the gap
    grantPauserRole(relayerAccount());
    checkAndWait();
    JsonNode fixed = pathOf(rest.get("dave", "/api/pause-readiness").body(), "Bridge", RELAYER_PATH);
    assertThat(fixed.path("status").asText()).isEqualTo("PASSED");
    assertThat(fixed.path("openGap").isNull()).isTrue();
  }

  @Test
  void thePrestagedPausesShowTheSafeAsOnTheChainAndOnlyIncidentCommandersRefreshThem() {
    checkAndWait();

    Response listed = rest.get("dave", "/api/prestaged-pauses");
    assertThat(listed.status()).as(listed.text()).isEqualTo(200);
    assertThat(listed.body()).hasSize(1);
    JsonNode pause = listed.body().get(0);
    ChainAccess.SafeState onChain = chainAccess.safeState(LocalChain.CHAIN_ID, LocalChain.deployment().safe());
    assertThat(pause.path("chainId").asLong()).isEqualTo(LocalChain.CHAIN_ID);
    assertThat(pause.path("safe").asText()).isEqualToIgnoringCase(LocalChain.deployment().safe());
    assertThat(pause.path("nonce").asText()).isEqualTo(onChain.nonce().toString());
    assertThat(pause.path("threshold").asInt()).isEqualTo(onChain.threshold());
    assertThat(pause.path("owners")).hasSize(onChain.owners().size());
    // Bridge is paused by the relayer first: only Vault's preferred pauser is the Safe
    assertThat(pause.path("contracts").findValuesAsText("name")).containsExactly("Vault");
    assertThat(pause.path("safeTxHash").asText()).matches("0x[0-9a-f]{64}");
    assertThat(pause.path("matchesChain").asBoolean()).isTrue();
    assertThat(pause.path("drift")).isEmpty();
    assertThat(pause.has("builtAt") && pause.has("refreshedAt") && pause.has("refreshProblem")).isTrue();

    Response refused = rest.post("dave", "/api/prestaged-pauses/refresh", Map.of());
    assertThat(refused.status()).as(refused.text()).isEqualTo(403);
    assertThat(refused.body().path("detail").asText()).contains("only they refresh the pre-staged pauses");
    Response refreshed = rest.post("alice", "/api/prestaged-pauses/refresh", Map.of());
    assertThat(refreshed.status()).as(refreshed.text()).isEqualTo(200);
    assertThat(refreshed.body().get(0).path("outcome").asText()).isEqualTo("UNCHANGED");
  }

  @Test
  void anIncidentCommanderStartsASignerDrillOfEveryPausingSafeAndEachSignerGetsTheTask() {
    Response refused = rest.post("dave", "/api/signer-drills", Map.of());
    assertThat(refused.status()).as(refused.text()).isEqualTo(403);
    Response badSafe = rest.post("alice", "/api/signer-drills", Map.of("safe", "0x123", "chainId", LocalChain.CHAIN_ID));
    assertThat(badSafe.status()).as(badSafe.text()).isEqualTo(400);
    assertThat(badSafe.body().path("field").asText()).isEqualTo("safe");

    Response started = rest.post("alice", "/api/signer-drills", Map.of());
    assertThat(started.status()).as(started.text()).isEqualTo(201);
    assertThat(started.body()).hasSize(1);
    JsonNode drill = started.body().get(0);
    assertThat(drill.path("safe").asText()).isEqualToIgnoringCase(LocalChain.deployment().safe());
    assertThat(drill.path("startedBy").asText()).isEqualTo("alice");
    String process = drill.path("processInstanceId").asText();
    try {
      // the demo's signer erin is asked to sign the drill message in Tasklist
      JsonNode task = rest.awaitTask("erin", process, "Sign the drill message");
      assertThat(task.path("assignee").asText()).isEqualTo("erin");
      assertThat(rest.get("dave", "/api/signer-drills/" + drill.path("id").asLong()).body().path("endedAt").isNull())
          .isTrue();
    } finally {
      runtime.deleteProcessInstance(process, "test over");
    }
  }

  // ---- helpers ----------------------------------------------------------------------------------

  private String baseUrl() {
    return "http://localhost:" + port;
  }

  /** A browser of its own for one user; what it showed is kept in target/browser-failures when it fails. */
  private static void inBrowser(String user, Consumer<TasklistBrowser> steps) {
    try (TasklistBrowser browser = TasklistBrowser.open()) {
      try {
        steps.accept(browser);
      } catch (AssertionError | RuntimeException failure) {
        browser.savePage("pause-readiness-" + user);
        throw failure;
      }
    }
  }

  private static void openPauseReadiness(TasklistBrowser browser) {
    browser.click(By.xpath("//a[contains(@class,'irflow-pause-readiness-nav')][normalize-space()='Pause readiness']"),
        "the navigation entry 'Pause readiness'");
    browser.waitUntil("the page 'Pause readiness'",
        () -> browser.displayed(By.xpath("//h2[normalize-space()='Signer coverage, next 7 days']")));
  }

  private static By path(String contract, String path, String status) {
    return By.xpath("//li[contains(@class,'irflow-readiness-path')][@data-contract='" + contract + "'][@data-path='"
        + path + "'][@data-status='" + status + "']");
  }

  private static JsonNode pathOf(JsonNode paths, String contract, String path) {
    for (JsonNode candidate : paths) {
      if (contract.equals(candidate.path("contract").asText()) && path.equals(candidate.path("path").asText())) {
        return candidate;
      }
    }
    throw new AssertionError("no path " + path + " of " + contract + " in " + paths);
  }

  /** POST /api/pause-readiness/check as alice, then waits until the job executor has run the check. */
  private void checkAndWait() {
    Response started = rest.post("alice", "/api/pause-readiness/check", Map.of());
    assertThat(started.status()).as(started.text()).isEqualTo(202);
    String id = started.body().path("processInstanceId").asText();
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (rest.get("admin", "/engine-rest/process-instance/" + id).status() == 200) {
      assertThat(System.nanoTime()).as("the check %s to end within 60 s", id).isLessThan(deadline);
      sleep();
    }
  }

  private static void sleep() {
    try {
      Thread.sleep(250);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** dave reports, the on-call supervisor declares it SEV1; answers the response's process instance id. */
  private String declareIncident(String title) {
    String supervisor = rest.get("maria", "/api/on-call").body().path("primary").asText();
    Map<String, Object> report = Map.of("eventTitle", title, "reporter", "dave", "channel", "SECURITY_EMAIL",
        "description", "A researcher reports a signature replay in the bridge", "affectedSystems", "Bridge",
        "suspectedSeverity", "SEV1");
    Response reported = rest.post("dave", "/engine-rest/process-definition/key/IncidentTriageProcess/submit-form",
        variables(report));
    assertThat(reported.status()).as(reported.text()).isEqualTo(200);
    JsonNode triageTask = rest.awaitTask(supervisor, reported.body().path("id").asText(), "Triage event");
    Response triaged = rest.post(supervisor, "/engine-rest/task/" + triageTask.path("id").asText() + "/submit-form",
        variables(Map.of("triageOutcome", "DECLARE", "severity", "SEV1", "incidentCommander", supervisor,
            "triageNotes", "replay confirmed on a fork")));
    assertThat(triaged.status()).as(triaged.text()).isEqualTo(204);
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (System.nanoTime() < deadline) {
      for (JsonNode incident : rest.get("maria", "/api/incidents?status=DECLARED&limit=500").body()) {
        if (title.equals(incident.path("title").asText())
            && !incident.path("responseProcessInstanceId").asText("").isEmpty()) {
          return incident.path("responseProcessInstanceId").asText();
        }
      }
      sleep();
    }
    throw new AssertionError("no response process for '" + title + "' within 60 s");
  }

  private static String safePath() {
    return "safe:" + LocalChain.deployment().safe();
  }

  private static String relayerAccount() {
    return LocalChain.deployment().relayer().getAddress().toLowerCase();
  }

  private static void revokePauserRole(String account) {
    role("revokeRole", account);
  }

  private static void grantPauserRole(String account) {
    role("grantRole", account);
  }

  private static void role(String function, String account) {
    LocalChain.sendAs(LocalChain.deployer(), targets().accessControl(), FunctionEncoder.encode(new Function(function,
        List.of(new Bytes32(Numeric.hexStringToByteArray(SafeTransactions.PAUSER_ROLE)), new Address(account)),
        List.of())));
  }
}
