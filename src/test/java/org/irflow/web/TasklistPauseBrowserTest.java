package org.irflow.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.irflow.containment.chain.SafeTransactions;
import org.irflow.support.chain.LocalChain;
import org.irflow.support.chain.SafeTransactionServiceStub;
import org.irflow.support.BrowserSession;
import org.irflow.support.OwnEngineRegistered;
import org.irflow.support.TasklistBrowser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.http.HttpService;
import org.web3j.utils.Numeric;

/**
 * The "done when", in a real (headless) Chromium: a supervisor pauses a registered contract on
 * the local chain from Tasklist and sees the verified result on the incident.
 *
 * <p>The whole application on a random port with its own in-memory H2 and the job executor running
 * (the pause's service tasks are asynchronous and it polls with timers), the local hardhat chain with
 * its 2-of-3 Safe, and the Safe Transaction Service stub. dave reports an exploit against the
 * registered contract (declared at once as SEV1, the contract pre-selected); the supervisor pauses it
 * in "Pause contracts"; the second owner confirms in its wallet (the stub); irflow executes and
 * verifies; the re-offered "Pause contracts" shows the verified pause. The form goes to
 * target/screenshots/, or with -Dirflow.docScreenshots=true to docs/images/tasklist-pause-contracts.png.
 * The browser is {@link TasklistBrowser}, as in {@link TasklistBrowserTest}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@ExtendWith({LocalChain.class, OwnEngineRegistered.class})
class TasklistPauseBrowserTest {

  static final String CONTRACT = "LocalOwnableTarget";
  static final String CHECKLIST = "//div[contains(@class,'fjs-form-field-checklist')]";
  static final Path DOC_SCREENSHOT = Boolean.getBoolean("irflow.docScreenshots")
      ? Path.of("docs/images/tasklist-pause-contracts.png")
      : Path.of("target/screenshots/tasklist-pause-contracts.png");

  static SafeTransactionServiceStub service;
  static LocalChain.Targets targets;

  @DynamicPropertySource
  static void application(DynamicPropertyRegistry properties) {
    // a database of its own: this context's job executor must never run another context's jobs
    properties.add("spring.datasource.url", () -> "jdbc:h2:mem:irflow-tasklist-pause;DB_CLOSE_DELAY=-1");
    properties.add("camunda.bpm.job-execution.enabled", () -> true);
    properties.add("camunda.bpm.job-execution.wait-time-in-millis", () -> 300);
    properties.add("camunda.bpm.job-execution.max-wait", () -> 1000);
    LocalChain.Deployment chain = LocalChain.deployment();
    service = new SafeTransactionServiceStub(chain);
    String at = "irflow.containment.chains[0].";
    properties.add(at + "chain-id", chain::chainId);
    properties.add(at + "name", () -> "Local hardhat");
    properties.add(at + "rpc-urls[0]", chain::rpcUrl);
    properties.add(at + "safe-transaction-service-url", service::baseUrl);
    properties.add(at + "safe-wallet-prefix", () -> "local");
    properties.add(at + "multi-send-call-only", chain::multiSendCallOnly);
    properties.add(at + "production", () -> false);
    // the registry of application-test.yaml is replaced: one contract, paused by the Safe, never automatically
    String contract = "irflow.containment.contracts[0].";
    properties.add(contract + "name", () -> CONTRACT);
    properties.add(contract + "chain-id", chain::chainId);
    properties.add(contract + "address", () -> targets().ownable());
    properties.add(contract + "pause-style", () -> "OWNABLE");
    properties.add(contract + "pausers[0]", () -> "safe:" + chain.safe());
    properties.add(contract + "automatic-pause-allowed", () -> false);
    properties.add("irflow.containment.keys.proposer", () -> key(chain.owners().get(0)));
    properties.add("irflow.containment.keys.executor", () -> key(chain.executor()));
    properties.add("irflow.containment.confirmation-timeout", () -> "PT30M");
    properties.add("irflow.containment.confirmation-poll-interval", () -> "PT1S");
  }

  /** Fresh targets for this class (paused is sticky), deployed once. */
  static synchronized LocalChain.Targets targets() {
    if (targets == null) {
      targets = LocalChain.deployment().deployTargets();
    }
    return targets;
  }

  static String key(Credentials credentials) {
    return Numeric.toHexStringWithPrefixZeroPadded(credentials.getEcKeyPair().getPrivateKey(), 64);
  }

  @LocalServerPort int port;

  private final HttpClient http = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(10))
      .build();
  private final ObjectMapper json = new ObjectMapper();
  @RegisterExtension
  final BrowserSession session = new BrowserSession();

  @AfterAll
  static void stopTheServiceStub() {
    if (service != null) {
      service.close();
    }
  }

  @Test
  void supervisorPausesARegisteredContractFromTasklistAndSeesTheVerifiedResult() throws Exception {
    String ownable = targets().ownable();
    assertThat(pausedOnChain(ownable)).as("paused() of the fresh target before").isFalse();

    // dave reports an exploit against the registered contract: SEV1, declared at once
    String title = "Drain of " + CONTRACT + ", browser run " + UUID.randomUUID().toString().substring(0, 8);
    reportExploitAsDave(title);
    JsonNode incident = session.browser().waitUntil("an incident titled '" + title + "' in GET /api/incidents", () -> {
      for (JsonNode candidate : api("maria", "GET", "/api/incidents?limit=500", null)) {
        if (title.equals(candidate.path("title").asText())) {
          return candidate;
        }
      }
      return null;
    });
    String incidentId = incident.path("id").asText();
    assertThat(incident.path("severity").asText()).isEqualTo("SEV1");
    String supervisor = api("maria", "GET", "/api/incidents/" + incidentId, null).path("primarySupervisor").asText();
    assertThat(supervisor).as("the incident's primary supervisor").isNotBlank();

    // the supervisor opens "Pause contracts": the contract under attack is pre-selected
    session.browser().logIn("http://localhost:" + port, supervisor);
    openTask("Pause contracts", incidentId);
    session.browser().waitUntil("the form 'Pause contracts' of incident " + incidentId,
        () -> incidentId.equals(session.browser().valueOf(TasklistBrowser.formInput("Incident"))));
    assertThat(session.browser().valueOf(TasklistBrowser.formInput("Severity"))).isEqualTo("SEV1");
    assertThat(session.browser().valueOf(TasklistBrowser.formInput("Pauses so far"))).contains("Exploit against registered contracts " + CONTRACT);
    // the checklist shows each registered contract with its chain, address, state read on-chain and pause path
    WebElement option = session.browser().waitUntil("the contract " + CONTRACT + " in the checklist",
        () -> session.browser().displayed(By.xpath(CHECKLIST + "//label[starts-with(normalize-space(), '" + CONTRACT + " on')]")));
    assertThat(option.getText()).contains("Local hardhat (" + LocalChain.deployment().chainId() + ")")
        .contains(ownable).contains("paused now: no").contains("paused through the Safe " + LocalChain.deployment().safe());
    assertThat(option.findElement(By.xpath(".//input[@type='checkbox']")).isSelected()).as("pre-ticked by the triage").isTrue();
    session.browser().click(By.xpath("//div[contains(@class,'form-actions')]//button[normalize-space()='Complete']"),
        "the button 'Complete'");

    // irflow simulates and proposes; the second owner confirms in its wallet (the proposer counts as one)
    session.browser().waitUntil("the Safe Transaction Service to hold the proposal", () -> service.proposals() > 0);
    JsonNode proposed = pauseOf(incidentId);
    assertThat(proposed.path("status").asText()).isEqualTo("PROPOSED");
    assertThat(proposed.path("contracts").get(0).asText()).isEqualTo(CONTRACT);
    String safeTxHash = proposed.path("safeTxHash").asText();
    assertThat(safeTxHash).matches("0x[0-9a-f]{64}");
    signerSeesTheProposal(incidentId, safeTxHash);
    service.confirm(safeTxHash, LocalChain.deployment().owners().get(1));

    // within the poll interval irflow executes the Safe transaction and verifies it
    JsonNode paused = session.browser().waitUntil("the pause of " + incidentId + " to be PAUSED in GET /api/pauses", () -> {
      JsonNode pause = pauseOf(incidentId);
      return "PAUSED".equals(pause.path("status").asText()) ? pause : null;
    });
    String transaction = paused.path("transactionHash").asText();
    long block = paused.path("blockNumber").asLong();
    assertThat(transaction).matches("0x[0-9a-f]{64}");
    assertThat(paused.path("verifiedAt").asText()).isNotBlank();

    // what the supervisor sees: the re-offered "Pause contracts" lists the pause (with its status when
    // the task was offered again, right after the decision); its outcome is in /api/pauses and the timeline
    openTask("Pause contracts", incidentId);
    String expected = "Pause " + paused.path("id").asLong() + " of " + CONTRACT + " (" + ownable + "): ";
    String shown = session.browser().waitUntil("the re-offered 'Pause contracts' listing the pause", () -> {
      String summary = session.browser().valueOf(TasklistBrowser.formInput("Pauses so far"));
      return summary != null && summary.contains(expected) ? summary : null;
    });
    assertThat(shown).doesNotContain("FAILED");
    WebElement offeredAgain = session.browser().displayed(By.xpath(CHECKLIST + "//label[starts-with(normalize-space(), '" + CONTRACT + " on')]"));
    assertThat(offeredAgain.getText()).as("read on-chain when the task was offered again").contains("paused now: ");
    assertThat(offeredAgain.findElement(By.xpath(".//input[@type='checkbox']")).isSelected()).as("nothing ticked in the new offer").isFalse();
    session.browser().saveFormScreenshot(DOC_SCREENSHOT);

    // on the chain itself, and on the incident's timeline
    assertThat(pausedOnChain(ownable)).as("paused() of " + CONTRACT + " read on-chain").isTrue();
    boolean onTimeline = false;
    for (JsonNode entry : api(supervisor, "GET", "/api/incidents/" + incidentId + "/timeline", null)) {
      onTimeline |= "CONTRACTS_PAUSED".equals(entry.path("kind").asText())
          && entry.path("summary").asText().contains(transaction)
          && entry.path("summary").asText().contains("block " + block);
    }
    assertThat(onTimeline).as("CONTRACTS_PAUSED with transaction %s and block %d on the timeline of %s",
        transaction, block, incidentId).isTrue();
  }

  // ---- REST -----------------------------------------------------------------------------------

  private void reportExploitAsDave(String title) {
    Map<String, Object> typed = new LinkedHashMap<>();
    Map.<String, Object>of(
        "eventTitle", title,
        "reporter", "dave",
        "channel", "MONITORING_ALERT",
        "description", "Funds leave the vault in a loop of withdrawals; the attacker's contract keeps calling.",
        "affectedSystems", CONTRACT,
        "suspectedSeverity", "SEV1").forEach((name, value) -> typed.put(name, Map.of("value", value, "type", "String")));
    typed.put("activelyExploited", Map.of("value", true, "type", "Boolean"));
    typed.put("fundsAtRisk", Map.of("value", true, "type", "Boolean"));
    JsonNode started = api("dave", "POST",
        "/engine-rest/process-definition/key/IncidentTriageProcess/submit-form", Map.of("variables", typed));
    assertThat(started.path("definitionKey").asText()).isEqualTo("IncidentTriageProcess");
  }

  /** The incident's one pause, as GET /api/pauses?incidentId= shows it (null while there is none). */
  private JsonNode pauseOf(String incidentId) {
    JsonNode pauses = api("maria", "GET", "/api/pauses?incidentId="
        + URLEncoder.encode(incidentId, StandardCharsets.UTF_8), null);
    assertThat(pauses.size()).as("pauses of %s", incidentId).isLessThanOrEqualTo(1);
    return pauses.isEmpty() ? null : pauses.get(0);
  }

  private JsonNode api(String user, String method, String path, Object body) {
    try {
      HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
          .timeout(TasklistBrowser.TIMEOUT)
          .header("Accept", "application/json")
          .header("Authorization", "Basic " + Base64.getEncoder()
              .encodeToString((user + ":" + TasklistBrowser.PASSWORD).getBytes(StandardCharsets.UTF_8)));
      if (body == null) {
        request.method(method, HttpRequest.BodyPublishers.noBody());
      } else {
        request.header("Content-Type", "application/json")
            .method(method, HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
      }
      HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        fail("%s %s as %s answered %d: %s", method, path, user, response.statusCode(), response.body());
      }
      return json.readTree(response.body());
    } catch (IOException e) {
      throw new AssertionError(method + " " + path + " as " + user + " failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(method + " " + path + " interrupted", e);
    }
  }

  /** paused() read on the chain itself, not through irflow. */
  private static boolean pausedOnChain(String contract) throws IOException {
    Web3j web3j = Web3j.build(new HttpService(LocalChain.deployment().rpcUrl()));
    try {
      String value = web3j.ethCall(Transaction.createEthCallTransaction(null, contract, SafeTransactions.PAUSED),
          DefaultBlockParameterName.LATEST).send().getValue();
      return new BigInteger(Numeric.cleanHexPrefix(value), 16).signum() != 0;
    } finally {
      web3j.shutdown();
    }
  }

  // ---- Tasklist -------------------------------------------------------------------------------

  /**
   * erin, a signer, in a browser of her own: "Signing requests" lists her task, named for the incident,
   * and its form links the proposal in Safe{Wallet} and says how many confirmations irflow counted.
   */
  private void signerSeesTheProposal(String incidentId, String safeTxHash) {
    try (TasklistBrowser signer = TasklistBrowser.open()) {
      try {
        signerSeesTheProposal(signer, incidentId, safeTxHash);
      } catch (AssertionError | RuntimeException failure) {
        signer.savePage("signer-erin");
        throw failure;
      }
    }
  }

  private void signerSeesTheProposal(TasklistBrowser signer, String incidentId, String safeTxHash) {
    signer.logIn("http://localhost:" + port, "erin");
    signer.click(TasklistBrowser.filter("Signing requests"), "the filter 'Signing requests'");
    // the card's name says whose task it is
    signer.click(By.xpath("//li[contains(@class,'task')]//h4/a[" + TasklistBrowser.asks("Sign the pause transaction")
        + " and starts-with(normalize-space(), '" + incidentId + " · ')]"),
        "erin's 'Sign the pause transaction' of " + incidentId);
    By walletLink = By.xpath("//div[contains(@class,'fjs-form-field-text')]//a[normalize-space()='Safe{Wallet}']");
    String href = signer.waitUntil("a Safe{Wallet} link in the sign form", () -> {
      WebElement link = signer.displayed(walletLink);
      return link == null ? null : link.getAttribute("href");
    });
    assertThat(href).startsWith("https://app.safe.global/").endsWith("_" + safeTxHash);
    By confirmationsText = By.xpath(
        "//div[contains(@class,'fjs-form-field-text')][contains(normalize-space(),'Confirmations so far')]");
    String confirmations = signer.waitUntil("the confirmations so far in the sign form", () -> {
      WebElement text = signer.displayed(confirmationsText);
      return text == null ? null : text.getText();
    });
    assertThat(confirmations).contains("of 2 required").doesNotContain("{{");
  }

  /** Opens the task from "My tasks" (loaded afresh, so that a task offered since is listed). */
  private void openTask(String taskName, String incidentId) {
    session.browser().openTask("My tasks", taskName, incidentId);
  }

  // ---- screenshots ----------------------------------------------------------------------------
}
