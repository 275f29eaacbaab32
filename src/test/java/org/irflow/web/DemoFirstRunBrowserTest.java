package org.irflow.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Job;
import org.irflow.support.BrowserSession;
import org.irflow.support.OwnEngineRegistered;
import org.irflow.support.RestClient;
import org.irflow.support.RestClient.Response;
import org.irflow.support.TasklistBrowser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The README's first run, as the start command runs it (the demo profile: its users, roster and demo
 * contracts), in a real (headless) Chromium: a supervisor completes "Pause contracts" for a demo
 * contract and executes the pause on the manual path (the demo chain has no RPC endpoint), the on-call
 * page shows who is on call, and the communications officer sees the incident on the card of her task.
 *
 * <p>The whole application on a random port with its own in-memory H2 (instead of the demo profile's
 * file under ./data) and the job executor running (the pause's steps are asynchronous).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("demo")
@ExtendWith(OwnEngineRegistered.class)
class DemoFirstRunBrowserTest {

  /** As application-demo.yaml registers them. */
  static final String VAULT = "Vault";
  static final String VAULT_ADDRESS = "0xde30000000000000000000000000000000000001";
  static final String DEMO_SAFE = "0xde305afe00000000000000000000000000000001";
  static final String DEMO_CHAIN_ID = "11155111";

  @DynamicPropertySource
  static void application(DynamicPropertyRegistry properties) {
    properties.add("spring.datasource.url", () -> "jdbc:h2:mem:irflow-demo-first-run;DB_CLOSE_DELAY=-1");
    properties.add("camunda.bpm.job-execution.enabled", () -> true);
    properties.add("camunda.bpm.job-execution.wait-time-in-millis", () -> 300);
    properties.add("camunda.bpm.job-execution.max-wait", () -> 1000);
  }

  @LocalServerPort int port;
  @Autowired RuntimeService runtime;
  @Autowired ManagementService management;
  @RegisterExtension
  final BrowserSession session = new BrowserSession();
  RestClient rest;

  @BeforeEach
  void client() {
    rest = new RestClient(baseUrl());
  }

  @Test
  void aSupervisorPausesADemoContractOnTheManualPathInTasklist() {
    String incidentId = declaredExploitAgainstTheVault();
    String supervisor = ok(rest.get("maria", "/api/incidents/" + incidentId)).path("primarySupervisor").asText();
    assertThat(supervisor).as("the on-call supervisor of the demo roster").isIn("alice", "bob", "kai");

    TasklistBrowser browser = session.browser();
    browser.logIn(baseUrl(), supervisor);
    // irflow's name in the header, and no Camunda 8 migration banner on a security team's tool
    assertThat(browser.displayed(By.cssSelector(".navbar-brand .brand-name")).getText()).isEqualTo("irflow Tasklist");
    List<WebElement> banners = browser.driver().findElements(By.cssSelector(".ce-eol-banner"));
    assertThat(banners).as("the webapp still renders its banner element").isNotEmpty();
    assertThat(banners).noneMatch(WebElement::isDisplayed);

    // "Pause contracts": the Vault under attack is chosen by the triage; the supervisor completes it
    browser.openTask("My tasks", "Pause contracts", incidentId);
    browser.waitUntil("the form 'Pause contracts' of " + incidentId,
        () -> incidentId.equals(browser.valueOf(TasklistBrowser.formInput("Incident"))));
    browser.click(completeButton(), "the button 'Complete'");
    JsonNode awaiting = browser.waitUntil("the pause of " + incidentId + " waiting for its manual execution", () -> {
      JsonNode pause = pauseOf(incidentId);
      return pause != null && "AWAITING_MANUAL_EXECUTION".equals(pause.path("status").asText()) ? pause : null;
    });
    assertThat(awaiting.path("path").asText()).isEqualTo("MANUAL");
    assertThat(awaiting.path("contracts").get(0).asText()).isEqualTo(VAULT);

    // the Transaction Builder file the form offers: pause() on the Vault, from the demo Safe
    JsonNode file = ok(rest.get(supervisor, awaiting.path("transactionBuilderUrl").asText()));
    assertThat(file.path("chainId").asText()).isEqualTo(DEMO_CHAIN_ID);
    assertThat(file.path("meta").path("createdFromSafeAddress").asText()).isEqualToIgnoringCase(DEMO_SAFE);
    assertThat(file.path("transactions").get(0).path("to").asText()).isEqualTo(VAULT_ADDRESS);
    assertThat(file.path("transactions").get(0).path("data").asText()).isEqualTo("0x8456cb59");

    // "Execute the pause in Safe{Wallet}": the owners have signed and executed it; the supervisor enters the hash
    String transaction = "0x" + UUID.randomUUID().toString().replace("-", "").repeat(2);
    browser.openTask("My tasks", "Execute the pause in Safe{Wallet}", incidentId);
    browser.waitUntil("the form 'Execute the pause in Safe{Wallet}' of " + incidentId,
        () -> incidentId.equals(browser.valueOf(TasklistBrowser.formInput("Incident"))));
    assertThat(browser.valueOf(TasklistBrowser.formInput("Safe"))).isEqualTo(DEMO_SAFE);
    browser.type(TasklistBrowser.formInput("Transaction hash"), transaction);
    browser.click(completeButton(), "the button 'Complete'");

    JsonNode paused = browser.waitUntil("the pause of " + incidentId + " to be PAUSED", () -> {
      JsonNode pause = pauseOf(incidentId);
      return pause != null && "PAUSED".equals(pause.path("status").asText()) ? pause : null;
    });
    assertThat(paused.path("transactionHash").asText()).isEqualTo(transaction);
    boolean recorded = false;
    for (JsonNode entry : ok(rest.get(supervisor, "/api/incidents/" + incidentId + "/timeline"))) {
      recorded |= "CONTRACTS_PAUSED".equals(entry.path("kind").asText())
          && entry.path("summary").asText().contains(transaction)
          && entry.path("summary").asText().contains("not verified on-chain");
    }
    assertThat(recorded).as("CONTRACTS_PAUSED with %s, not verified on-chain, on the timeline", transaction).isTrue();
  }

  @Test
  void theOnCallPageShowsWhoIsOnCallNowAndNext() {
    JsonNode now = ok(rest.get("dave", "/api/on-call"));
    JsonNode next = ok(rest.get("dave", "/api/on-call/next"));
    assertThat(now.path("primary").asText()).as("the demo roster covers every hour").isIn("alice", "bob", "kai");

    TasklistBrowser browser = session.browser();
    browser.logIn(baseUrl(), "dave");
    browser.driver().get(baseUrl() + "/on-call.html");
    browser.waitUntil("the on-call table", () -> browser.displayed(By.id("on-call")));

    assertThat(cell("now", "primary")).isEqualTo(now.path("primary").asText());
    assertThat(cell("now", "secondary")).isEqualTo(now.path("secondary").asText());
    assertThat(cell("now", "rotation")).startsWith(now.path("rotation").asText());
    assertThat(cell("next", "primary")).isEqualTo(next.path("primary").asText());
    assertThat(cell("next", "secondary")).isEqualTo(next.path("secondary").asText());
    assertThat(cell("next", "from")).startsWith("from ");
  }

  @Test
  void theCommunicationsOfficerSeesTheIncidentOnTheCardOfHerTask() {
    String incidentId = declaredExploitAgainstTheVault();
    // the public update is due (its cycle's timer, run now rather than in an hour)
    String response = runtime.createProcessInstanceQuery().processDefinitionKey("IncidentResponseProcess")
        .variableValueEquals("incidentId", incidentId).singleResult().getId();
    Job due = management.createJobQuery().processInstanceId(response).activityId("StartEvent_PublicUpdateDue")
        .singleResult();
    management.executeJob(due.getId());

    // carol cannot read the response process, only her task: its card still names the incident
    TasklistBrowser browser = session.browser();
    browser.logIn(baseUrl(), "carol");
    browser.openTask("All tasks I can see", "Draft public update", incidentId);
    browser.waitUntil("the form 'Draft public update' of " + incidentId,
        () -> incidentId.equals(browser.valueOf(TasklistBrowser.formInput("Incident"))));
  }

  // ---- helpers --------------------------------------------------------------------------------

  /** dave reports an exploit against the demo Vault: declared at once, the Vault chosen for "Pause contracts". */
  private String declaredExploitAgainstTheVault() {
    String title = "Drain of the " + VAULT + ", first run " + UUID.randomUUID().toString().substring(0, 8);
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("eventTitle", title);
    report.put("reporter", "dave");
    report.put("channel", "MONITORING_ALERT");
    report.put("description", "Funds leave the vault in a loop of withdrawals.");
    report.put("affectedSystems", VAULT);
    report.put("suspectedSeverity", "SEV1");
    report.put("activelyExploited", true);
    report.put("fundsAtRisk", true);
    Response started = rest.post("dave", "/engine-rest/process-definition/key/IncidentTriageProcess/submit-form",
        RestClient.variables(report));
    assertThat(started.status()).as(started.text()).isEqualTo(200);
    return session.browser().waitUntil("an incident titled '" + title + "'", () -> {
      for (JsonNode incident : ok(rest.get("maria", "/api/incidents?limit=500"))) {
        if (title.equals(incident.path("title").asText())) {
          return incident.path("id").asText();
        }
      }
      return null;
    });
  }

  private JsonNode pauseOf(String incidentId) {
    JsonNode pauses = ok(rest.get("maria", "/api/pauses?incidentId=" + URLEncoder.encode(incidentId, StandardCharsets.UTF_8)));
    return pauses.isEmpty() ? null : pauses.get(0);
  }

  private String cell(String row, String column) {
    return session.browser().driver().findElement(By.cssSelector("#" + row + " ." + column)).getText();
  }

  private static By completeButton() {
    return By.xpath("//div[contains(@class,'form-actions')]//button[normalize-space()='Complete']");
  }

  private static JsonNode ok(Response response) {
    assertThat(response.status()).as(response.text()).isEqualTo(200);
    return response.body();
  }

  private String baseUrl() {
    return "http://localhost:" + port;
  }
}
