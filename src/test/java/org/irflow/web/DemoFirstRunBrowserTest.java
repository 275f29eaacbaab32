package org.irflow.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
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
import org.openqa.selenium.Keys;
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

  /**
   * The README's "first incident in ten steps", each person's step typed into Tasklist as that person:
   * no REST call takes a step for anyone (the API is only read to check what a step did). Each form is
   * photographed for docs/walkthrough.md.
   */
  @Test
  void aNewUserTakesAnIncidentFromReportToClosedPostMortemInTheBrowser() throws Exception {
    TasklistBrowser browser = session.browser();
    String title = "Unusual withdrawals from the vault " + UUID.randomUUID().toString().substring(0, 6);

    // 1. dave reports; irflow answers with the event's number and who triages it
    browser.logIn(baseUrl(), "dave");
    browser.startProcess("Report a security event");
    browser.type(TasklistBrowser.formInput("What happened, in one line"), title);
    browser.type(TasklistBrowser.formInput("Reported by"), "dave");
    browser.pickRadio("How was it noticed?", "A community member told us");
    browser.type(TasklistBrowser.formInput("Description"), "Withdrawals from the vault far above the daily average, since 09:12.");
    browser.type(TasklistBrowser.formInput("Affected systems or contracts"), VAULT);
    browser.choose("Suspected severity", "SEV1: critical, funds or control at stake");
    browser.click(By.xpath(TasklistBrowser.formField("User funds or protocol control are at risk") + "//input"),
        "the tick 'User funds or protocol control are at risk'");
    walkthrough.form("01-report-a-security-event");
    browser.start();
    String reported = browser.feedback("Your report is recorded as event ").getText();
    walkthrough.page("02-report-answered");
    // who is on call: the on-call page, as the README says
    browser.driver().get(baseUrl() + "/on-call.html");
    browser.waitUntil("the on-call table", () -> browser.displayed(By.id("on-call")));
    String supervisor = cell("now", "primary");
    assertThat(reported).contains("(" + supervisor + "), on call, has it to triage by");

    // 2. the on-call supervisor triages and declares; the notice names the incident and links its page
    switchTo(supervisor);
    browser.openTask("My tasks", "Triage event", title);
    browser.waitUntil("the triage form of '" + title + "'", () -> title.equals(browser.valueOf(TasklistBrowser.formInput("Event"))));
    browser.pickRadio("Is it an incident?", "Yes: declare an incident");
    browser.type(TasklistBrowser.formInput("Triage notes"), "Outflow confirmed on-chain; the vault is being drained.");
    walkthrough.form("03-triage-event");
    browser.complete();
    WebElement declared = browser.feedback("Done: “Triage event”. INC-");
    String incidentId = declared.findElement(By.cssSelector(".irflow-feedback-link")).getText()
        .replace("Open the incident page of ", "");
    assertThat(incidentId).matches("INC-\\d{4}-\\d{4}");
    assertThat(declared.getText()).contains("Next in " + incidentId + ": ").contains("“Pause contracts” (you)");
    walkthrough.page("04-incident-declared");

    // 3. "Take command": nothing can be completed half-filled, a supervisor cannot be made a responder
    browser.openTask("My tasks", "Take command", incidentId);
    browser.waitUntil("the form of " + incidentId, () -> incidentId.equals(browser.valueOf(TasklistBrowser.formInput("Incident"))));
    // completed half-filled, the form marks what is missing and the task stays
    browser.complete();
    browser.waitUntil("'Incident objective' marked as missing", () -> browser.displayed(By.xpath(
        TasklistBrowser.formField("Incident objective") + "//div[contains(@class,'fjs-form-field-error')]")));
    assertThat(browser.displayed(TasklistBrowser.formInput("Incident objective")).getDomAttribute("aria-invalid"))
        .isEqualTo("true");
    browser.type(TasklistBrowser.formInput("Incident channel"), "#inc-vault");
    browser.type(TasklistBrowser.formInput("Backup channel"), "signal:inc-vault");
    String responders = TasklistBrowser.formField("Responders");
    By search = By.xpath(responders + "//input[contains(@class,'fjs-taglist-input')]");
    browser.click(search, "the responders' search box");
    browser.driver().findElement(search).sendKeys(supervisor);
    assertThat(browser.driver().findElements(By.xpath(responders
        + "//*[contains(concat(' ', normalize-space(@class), ' '), ' fjs-dropdownlist-item ')]")))
        .as("the supervisor is no responder: nothing to pick").isEmpty();
    browser.driver().findElement(search).sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.BACK_SPACE, "Dav");
    browser.click(By.xpath(responders + "//*[contains(concat(' ', normalize-space(@class), ' '), ' fjs-dropdownlist-item ')]"
        + "[normalize-space()='Dave (demo) (dave)']"), "the responder 'Dave (demo) (dave)'");
    browser.choose("Public communications officer", "Carol (demo) (carol)");
    browser.type(TasklistBrowser.formInput("Incident objective"), "Stop the outflow from the vault and secure what is left");
    walkthrough.form("05-take-command");
    browser.complete();
    browser.feedback("Done: “Take command”.");

    // 4. "Pause contracts": the vault from the checklist; the manual path gives the Safe's owners a file
    browser.openTask("My tasks", "Pause contracts", incidentId);
    browser.waitUntil("the form of " + incidentId, () -> incidentId.equals(browser.valueOf(TasklistBrowser.formInput("Incident"))));
    browser.tick("Contracts to pause", VAULT + " on");
    walkthrough.form("06-pause-contracts");
    browser.complete();
    browser.feedback("Done: “Pause contracts”.");
    String transaction = "0x" + UUID.randomUUID().toString().replace("-", "").repeat(2);
    browser.openTask("My tasks", "Execute the pause in Safe{Wallet}", incidentId);
    browser.waitUntil("the form of " + incidentId, () -> incidentId.equals(browser.valueOf(TasklistBrowser.formInput("Incident"))));
    browser.type(TasklistBrowser.formInput("Transaction hash"), transaction);
    walkthrough.form("07-execute-the-pause-in-safe-wallet");
    browser.complete();
    browser.waitUntil("the vault's pause recorded PAUSED", () -> {
      JsonNode pause = pauseOf(incidentId);
      return pause != null && "PAUSED".equals(pause.path("status").asText())
          && transaction.equals(pause.path("transactionHash").asText());
    });

    // 5. the plan, carried out by dave
    completeTask("Develop action plan", incidentId, "08-develop-action-plan",
        () -> browser.type(TasklistBrowser.formInput("Action plan"), "1. Pause the vault. 2. Trace the funds. 3. Patch the withdrawal check."));
    switchTo("dave");
    browser.openTask("My incident tasks", "Execute action plan", incidentId);
    browser.waitUntil("the form of " + incidentId, () -> incidentId.equals(browser.valueOf(TasklistBrowser.formInput("Incident"))));
    browser.click(By.xpath("//button[normalize-space()='Claim']"), "'Claim'");
    browser.type(TasklistBrowser.formInput("What was done and what was learned"), "Vault paused; the withdrawal check is patched.");
    walkthrough.form("09-execute-action-plan");
    browser.complete();
    browser.feedback("Done: “Execute action plan”.");

    // 6. review and resolution
    switchTo(supervisor);
    completeTask("Review progress", incidentId, "10-review-progress", () -> {
      browser.type(TasklistBrowser.formInput("Progress review"), "No outflow since the pause; patch reviewed.");
      browser.pickRadio("Objectives achieved?", "Yes: move to resolution");
    });
    completeTask("Declare incident resolved", incidentId, "11-declare-incident-resolved",
        () -> browser.type(TasklistBrowser.formInput("Resolution summary"), "Vault paused within the hour, patched and unpaused."));

    // 7. the post-mortem
    completeTask("Draft post-mortem", incidentId, "12-draft-post-mortem", () -> {
      browser.type(TasklistBrowser.formInput("Summary"), "A missing check let withdrawals repeat.");
      browser.type(TasklistBrowser.formInput("Root cause"), "The withdrawal check ignored the nonce.");
      browser.type(TasklistBrowser.formInput("What went well"), "The pause was ready in minutes.");
      browser.type(TasklistBrowser.formInput("What went wrong"), "The alert came from a community member, not monitoring.");
    });

    // 8. two action items, one row each, then the publication
    LocalDate due = LocalDate.now(ZoneOffset.UTC).plusDays(30);
    completeTask("Add an action item", incidentId, "13-add-an-action-item", () -> {
      browser.type(TasklistBrowser.formInput("Title"), "Check the nonce in every withdrawal");
      browser.choose("Priority", "P1: first");
      browser.choose("Owner", "Dave (demo) (dave)");
      browser.pickDate(due);
      browser.pickRadio("Next step", "Add this item, then another");
    });
    completeTask("Add an action item", incidentId, null, () -> {
      browser.type(TasklistBrowser.formInput("Title"), "Monitor the vault's outflow");
      browser.choose("Priority", "P2");
      browser.choose("Owner", "Dave (demo) (dave)");
      browser.pickDate(due.plusDays(7));
      browser.pickRadio("Next step", "Add this item; that's all");
    });
    completeTask("Decide publication", incidentId, "14-decide-publication", () -> {
      browser.pickRadio("Publication", "Publish");
      browser.type(TasklistBrowser.formInput("Where it is published"), "Our blog and the forum");
    });

    // 9. dave completes both items; the supervisor closes the post-mortem, and the incident with it
    switchTo("dave");
    for (int item = 1; item <= 2; item++) {
      browser.openTask("My tasks", "Complete action item", incidentId);
      browser.waitUntil("the form of " + incidentId, () -> incidentId.equals(browser.valueOf(TasklistBrowser.formInput("Incident"))));
      browser.pickRadio("Outcome", "Done");
      if (item == 1) {
        walkthrough.form("15-complete-action-item");
      }
      browser.complete();
      browser.feedback("Done: “Complete action item”.");
    }
    switchTo(supervisor);
    completeTask("Close post-mortem", incidentId, "16-close-post-mortem",
        () -> browser.type(TasklistBrowser.formInput("Closing notes"), "Both action items done."));
    assertThat(browser.feedback("Done: “Close post-mortem”.").getText()).contains(incidentId + " is closed.");
    assertThat(ok(rest.get("maria", "/api/incidents/" + incidentId)).path("status").asText()).isEqualTo("CLOSED");
    assertThat(ok(rest.get("maria", "/api/action-items?incidentId=" + incidentId)))
        .extracting(item -> item.path("title").asText() + " " + item.path("status").asText())
        .containsExactlyInAnyOrder("Check the nonce in every withdrawal DONE", "Monitor the vault's outflow DONE");

    // 10. maria finds it, closed, and reads its whole story on one page
    switchTo("maria");
    browser.driver().get(baseUrl() + "/incident.html");
    browser.type(By.xpath("//input[contains(@class,'irflow-search-text')]"), title);
    browser.click(By.xpath("//button[contains(@class,'irflow-search-button')]"), "'Search'");
    browser.click(By.xpath("//table[contains(@class,'irflow-search-results')]//tr[@data-incident-id='" + incidentId
        + "']//a"), "the incident " + incidentId + " among the results");
    browser.waitUntil("the incident page of " + incidentId, () -> browser.displayed(By.cssSelector(".irflow-timeline")));
    assertThat(browser.driver().findElement(By.tagName("body")).getText())
        .contains(title).contains("CLOSED").contains("Check the nonce in every withdrawal").contains(transaction);
    walkthrough.wholePage("17-incident-page");
  }

  /** A supervisor who already knows declares in one form; the notice links the incident's page. */
  @Test
  void aSupervisorDeclaresAnIncidentInOneFormAndIsToldWhereItIs() throws Exception {
    TasklistBrowser browser = session.browser();
    String title = "Bridge withdrawals replayed " + UUID.randomUUID().toString().substring(0, 6);
    // a responder is not offered the declaration
    browser.logIn(baseUrl(), "dave");
    browser.click(By.xpath("//a[normalize-space()='Start process']"), "'Start process' in the header");
    browser.waitUntil("the list of processes dave may start", () -> browser.displayed(By.xpath(
        "//div[contains(@class,'modal')]//ul[contains(@class,'processes')]//a[normalize-space()='Report a security event']")));
    assertThat(browser.driver().findElements(By.xpath("//div[contains(@class,'modal')]//ul[contains(@class,'processes')]"
        + "//a[normalize-space()='Declare an incident']"))).isEmpty();

    switchTo("kai");
    browser.startProcess("Declare an incident");
    browser.type(TasklistBrowser.formInput("Incident title, in one line"), title);
    browser.choose("Severity", "SEV1: critical, funds or control at stake");
    browser.type(TasklistBrowser.formInput("What is happening"), "Withdrawal signatures are replayed on the bridge.");
    browser.type(TasklistBrowser.formInput("Affected systems or contracts"), "Bridge");
    browser.click(By.xpath(TasklistBrowser.formField("It is being exploited right now") + "//input"),
        "the tick 'It is being exploited right now'");
    walkthrough.form("00-declare-an-incident");
    browser.start();
    WebElement notice = browser.feedback("INC-");
    WebElement link = notice.findElement(By.cssSelector(".irflow-feedback-link"));
    String incidentId = link.getText().replace("Open the incident page of ", "");
    assertThat(notice.getText()).contains(incidentId + " is declared (SEV1) and you lead it")
        .contains("“Pause contracts” (you)");
    JsonNode incident = ok(rest.get("maria", "/api/incidents/" + incidentId));
    assertThat(incident.path("title").asText()).isEqualTo(title);
    assertThat(incident.path("primarySupervisor").asText()).isEqualTo("kai");

    browser.driver().get(link.getDomProperty("href"));
    browser.waitUntil("the incident page of " + incidentId, () -> browser.displayed(By.cssSelector(".irflow-timeline")));
    assertThat(browser.driver().findElement(By.tagName("body")).getText()).contains(title);
    // the contract under attack is pre-ticked for the pause
    browser.backToTasklist(baseUrl());
    browser.openTask("My tasks", "Pause contracts", incidentId);
    WebElement bridge = browser.waitUntil("the bridge in the checklist", () -> browser.displayed(By.xpath(
        TasklistBrowser.formField("Contracts to pause") + "//label[starts-with(normalize-space(), 'Bridge on')]")));
    assertThat(bridge.findElement(By.xpath(".//input[@type='checkbox']")).isSelected()).isTrue();
  }

  // ---- helpers --------------------------------------------------------------------------------

  private final Walkthrough walkthrough = new Walkthrough();

  /** Screenshots of the walkthrough: docs/images/walkthrough with -Dirflow.docScreenshots=true, else target/. */
  private final class Walkthrough {
    private final Path directory = Boolean.getBoolean("irflow.docScreenshots")
        ? Path.of("docs/images/walkthrough") : Path.of("target/screenshots/walkthrough");

    void form(String name) throws IOException {
      session.browser().saveFormScreenshot(directory.resolve(name + ".png"));
    }

    void page(String name) throws IOException {
      session.browser().saveScreenshot(directory.resolve(name + ".png"));
    }

    void wholePage(String name) throws IOException {
      session.browser().saveWholePageScreenshot(directory.resolve(name + ".png"));
    }
  }

  private interface Step {
    void fill() throws Exception;
  }

  /** Opens the user's task of the incident from "My tasks", fills it, photographs it (unless null), completes it. */
  private void completeTask(String action, String incidentId, String screenshot, Step fill) throws Exception {
    TasklistBrowser browser = session.browser();
    browser.openTask("My tasks", action, incidentId);
    browser.waitUntil("the form '" + action + "' of " + incidentId,
        () -> incidentId.equals(browser.valueOf(TasklistBrowser.formInput("Incident"))));
    fill.fill();
    if (screenshot != null) {
      walkthrough.form(screenshot);
    }
    browser.complete();
    browser.feedback("Done: “" + action + "”.");
  }

  private void switchTo(String user) {
    session.browser().logOut();
    session.browser().logIn(baseUrl(), user);
  }


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
