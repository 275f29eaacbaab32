package org.irflow.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.User;
import org.irflow.containment.pause.PauseBatches;
import org.irflow.containment.pause.PauseBatches.NewBatch;
import org.irflow.support.BrowserSession;
import org.irflow.support.IncidentJourney;
import org.irflow.support.RestClient;
import org.irflow.support.RunningApplicationTest;
import org.irflow.support.TasklistBrowser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The incident page in a real (headless) Chromium, as the people of an incident use it: a responder
 * opens it from the link on his task form and reads the incident's status, roles, timeline and pauses,
 * and adds a note; the supervisor comes from Cockpit's "Incidents", changes the severity (a rise pages
 * the team) and gives the communications officer's role to someone else; a manager finds a closed
 * incident in the search and reads its whole story, post-mortem included; a responder of another
 * incident is refused. What the page did is checked where it lands: the incident row, the timeline,
 * the outbound messages, the response's variables.
 *
 * <p>The screenshot goes to target/screenshots/, or with -Dirflow.docScreenshots=true to
 * docs/images/incident-page.png for the documentation.
 */
class IncidentPageBrowserTest extends RunningApplicationTest {

  static final Path DOC_SCREENSHOT = Boolean.getBoolean("irflow.docScreenshots")
      ? Path.of("docs/images/incident-page.png")
      : Path.of("target/screenshots/incident-page.png");
  static final Path DOC_SEARCH_SCREENSHOT = Boolean.getBoolean("irflow.docScreenshots")
      ? Path.of("docs/images/incident-search.png")
      : Path.of("target/screenshots/incident-search.png");

  /** A second responder (of no incident here) and a second communications officer. */
  static final String OTHER_RESPONDER = "frank";
  static final String OTHER_OFFICER = "cora";

  @RegisterExtension
  final BrowserSession session = new BrowserSession();

  @Autowired
  private JdbcTemplate jdbc;
  @Autowired
  private RuntimeService runtime;
  @Autowired
  private TaskService tasks;
  @Autowired
  private IdentityService identity;
  @Autowired
  private PauseBatches pauses;

  private RestClient rest;
  private IncidentJourney journey;
  private String run;

  /**
   * The application is shared with the other browser tests: this test's incidents leave no open tasks
   * behind to crowd the supervisors' task lists there.
   */
  @AfterEach
  void endThisRunsIncidents() {
    for (String incident : jdbc.queryForList("select id from incident where title like ?", String.class,
        "% run " + run)) {
      runtime.createProcessInstanceQuery().processInstanceBusinessKey(incident).list()
          .forEach(instance -> runtime.deleteProcessInstanceIfExists(instance.getId(), "test over", true, true, false, false));
    }
  }

  @BeforeEach
  void people() {
    rest = new RestClient(baseUrl());
    journey = new IncidentJourney(rest, jdbc);
    run = UUID.randomUUID().toString().substring(0, 8);
    user(OTHER_RESPONDER, "Frank", "responders");
    user(OTHER_OFFICER, "Cora", "communications");
  }

  @Test
  void aResponderReadsThePageFromHisTaskAndTheSupervisorChangesSeverityAndRoles() throws Exception {
    String supervisor = journey.supervisorOnCall();
    String title = "Bridge replay, page run " + run;
    String incidentId = journey.declareSev1(supervisor, title);
    String response = jdbc.queryForObject("select response_process_instance_id from incident where id = ?",
        String.class, incidentId);
    rest.completeTask(supervisor, response, "Take command",
        Map.of("warRoomChannel", "#inc-" + run, "backupChannel", "signal:inc-" + run,
            "responders", "dave", "communicationsOfficer", "carol",
            "objective", "Stop replayed withdrawals"));
    rest.completeTask(supervisor, response, "Develop action plan", Map.of("actionPlan", "pause bridge; patch verifier"));
    String transaction = "0x" + "ab".repeat(32);
    long pause = verifiedPause(incidentId, supervisor, transaction);
    TasklistBrowser browser = session.browser();

    // dave, a responder of the incident, opens the page from "Execute action plan"
    browser.logIn(baseUrl(), "dave");
    browser.click(TasklistBrowser.filter("All tasks I can see"), "the filter 'All tasks I can see'");
    // the newest card first: the task this test has just created (a responder's card shows no variables)
    // the card of this incident's task: other tests' incidents may offer dave the same action
    browser.click(By.xpath("//li[contains(@class,'task')]//h4/a[contains(normalize-space(),'Execute action plan')"
        + " and contains(normalize-space(),'" + incidentId + "')]"), "dave's 'Execute action plan' of " + incidentId);
    // an offered task's form, its link included, is disabled until the responder claims it
    browser.click(By.xpath("//button[contains(@class,'claim')][normalize-space()='Claim']"), "'Claim'");
    By link = By.xpath("//div[contains(@class,'fjs-form')]//a[contains(normalize-space(),'Open the incident page of "
        + incidentId + "')]");
    WebElement pageLink = browser.waitUntil("the link to the incident page on the task form", () -> browser.displayed(link));
    assertThat(pageLink.getDomAttribute("href")).isEqualTo("/incident.html?id=" + incidentId);
    String tasklist = browser.driver().getWindowHandle();
    browser.click(link, "the link to the incident page");
    followToTheNewWindow(tasklist);
    awaitIncident(incidentId, title);

    assertThat(text("//span[contains(@class,'irflow-status')]")).isEqualTo("declared");
    assertThat(text("//span[contains(@class,'irflow-severity')]")).isEqualTo("SEV1");
    assertThat(text("//span[contains(@class,'irflow-stage')]")).contains("Execute action plan");
    assertThat(text("//span[contains(@class,'irflow-war-room')]")).isEqualTo("#inc-" + run);
    assertThat(text("//span[contains(@class,'irflow-backup-channel')]")).isEqualTo("signal:inc-" + run);
    assertThat(text("//tr[contains(@class,'irflow-role-supervisor')]/td")).contains("(" + supervisor + ")");
    assertThat(text("//tr[contains(@class,'irflow-role-responders')]/td")).isEqualTo("Dave (demo) (dave)");
    assertThat(text("//tr[contains(@class,'irflow-role-communications-officer')]/td")).isEqualTo("Carol (demo) (carol)");
    assertThat(timelineSentences()).contains("Incident Objective: Stop replayed withdrawals")
        .anyMatch(sentence -> sentence.startsWith(supervisor + " completed “Take command”: Incident channel: #inc-" + run
            + "; Backup channel: signal:inc-" + run + ";"));
    assertThat(timelineSentences()).noneMatch(sentence -> sentence.contains("{\""));
    String pauseRow = "//tr[contains(@class,'irflow-pause')][@data-pause-id='" + pause + "']";
    assertThat(text(pauseRow + "/td[contains(@class,'irflow-pause-state')]")).startsWith("PAUSED");
    assertThat(text(pauseRow + "/td[contains(@class,'irflow-pause-chain')]"))
        .contains("transaction " + transaction + ", block 4242");
    assertThat(browser.driver().findElements(By.xpath("//form[contains(@class,'irflow-change-severity')]")))
        .as("a responder changes nothing but adds notes").isEmpty();
    browser.saveWholePageScreenshot(DOC_SCREENSHOT);

    browser.type(By.xpath("//form[contains(@class,'irflow-add-note')]//textarea"), "Replays stopped after the verifier patch");
    browser.click(By.xpath("//form[contains(@class,'irflow-add-note')]//button"), "'Add note'");
    awaitMessage("Note added to the timeline.");
    assertThat(timeline(incidentId, "NOTE_ADDED")).containsExactly("dave: Note by dave: Replays stopped after the verifier patch");
    assertThat(timelineSentences()).contains("Note by dave: Replays stopped after the verifier patch");

    // the supervisor comes from Cockpit's list of open incidents, where the id is the page's link
    browser.driver().manage().deleteAllCookies();
    browser.logInToCockpit(baseUrl(), supervisor);
    browser.click(By.xpath("//a[contains(@class,'irflow-incidents-nav')]"), "the navigation entry 'Incidents'");
    browser.click(By.xpath("//tr[@data-incident-id='" + incidentId + "']//a[contains(@class,'irflow-incident-link')]"),
        "the id " + incidentId + " in Cockpit's list");
    awaitIncident(incidentId, title);

    changeSeverity("SEV2", "Funds are safe behind the pause");
    awaitMessage("Severity is now SEV2.");
    changeSeverity("SEV1", "Replays on a second bridge");
    awaitMessage("Severity is now SEV1; the team has been paged.");
    assertThat(jdbc.queryForObject("select severity from incident where id = ?", String.class, incidentId)).isEqualTo("SEV1");
    assertThat(runtime.getVariable(response, "severity")).isEqualTo("SEV1");
    assertThat(timeline(incidentId, "SEVERITY_CHANGED")).containsExactly(
        supervisor + ": Severity lowered from SEV1 to SEV2 by " + supervisor + ": Funds are safe behind the pause",
        supervisor + ": Severity raised from SEV2 to SEV1 by " + supervisor + ": Replays on a second bridge");
    List<Map<String, Object>> pages = jdbc.queryForList(
        "select recipients, subject from outbound_message where incident_id = ? and channel = 'PAGE'", incidentId);
    assertThat(pages).as("only the rise pages the team").hasSize(1);
    assertThat(pages.get(0).get("recipients")).isEqualTo(supervisor + ",carol,dave");
    assertThat(pages.get(0).get("subject")).isEqualTo(incidentId + " raised to SEV1: " + title);

    browser.click(By.xpath("//form[contains(@class,'irflow-reassign-role')]//select[@name='role']/option[@value='COMMUNICATIONS_OFFICER']"),
        "the role 'Communications officer'");
    browser.click(By.xpath("//form[contains(@class,'irflow-reassign-role')]//select[@name='userId']/option[@value='"
        + OTHER_OFFICER + "']"), OTHER_OFFICER);
    browser.click(By.xpath("//form[contains(@class,'irflow-reassign-role')]//button"), "'Reassign'");
    awaitMessage("Communications officer reassigned.");
    assertThat(text("//tr[contains(@class,'irflow-role-communications-officer')]/td")).isEqualTo("Cora (test) (cora)");
    assertThat(runtime.getVariable(response, "communicationsOfficer")).isEqualTo(OTHER_OFFICER);
    assertThat(timeline(incidentId, "ROLE_REASSIGNED")).containsExactly(supervisor
        + ": Communications officer: cora instead of carol, reassigned by " + supervisor);

    // the responders: frank joins dave, and the open "Execute action plan" is offered to him as well
    browser.click(By.xpath("//form[contains(@class,'irflow-reassign-role')]//select[@name='role']/option[@value='RESPONDERS']"),
        "the role 'Responders'");
    browser.click(By.xpath("//form[contains(@class,'irflow-reassign-role')]//div[contains(@class,'irflow-responders')]"
        + "//input[@value='" + OTHER_RESPONDER + "']"), "the responder " + OTHER_RESPONDER);
    browser.click(By.xpath("//form[contains(@class,'irflow-reassign-role')]//button"), "'Reassign'");
    awaitMessage("Responders reassigned.");
    assertThat(runtime.getVariable(response, "responders")).isEqualTo("dave, " + OTHER_RESPONDER);
    assertThat(text("//tr[contains(@class,'irflow-role-responders')]/td")).contains("(dave)").contains("(" + OTHER_RESPONDER + ")");
    String execute = tasks.createTaskQuery().processInstanceId(response).taskDefinitionKey("Task_ExecuteActionPlan")
        .singleResult().getId();
    assertThat(tasks.getIdentityLinksForTask(execute)).extracting(candidate -> candidate.getUserId())
        .contains("dave", OTHER_RESPONDER);

    // a public update, now: where it went (or that no public channel is configured) is said and recorded
    browser.type(By.xpath("//form[contains(@class,'irflow-post-public-update')]//input[@name='title']"),
        "Bridge withdrawals paused");
    browser.type(By.xpath("//form[contains(@class,'irflow-post-public-update')]//textarea"),
        "Withdrawals are paused while we investigate replayed signatures. Funds are safe.");
    browser.click(By.xpath("//form[contains(@class,'irflow-post-public-update')]//button"), "'Post public update'");
    String posted = browser.waitUntil("the page's answer to the public update", () -> {
      WebElement message = browser.displayed(By.xpath("//div[contains(@class,'irflow-message')]"));
      return message != null && message.getText().contains("ublic") ? message.getText() : null;
    });
    assertThat(timeline(incidentId, "PUBLIC_UPDATE_POSTED")).singleElement().asString()
        .contains("Bridge withdrawals paused").contains(supervisor);
    assertThat(posted).satisfiesAnyOf(
        text -> assertThat(text).isEqualTo("No public channel is configured: the update is recorded on the timeline only."),
        text -> assertThat(text).startsWith("Public update posted to "));
  }

  @Test
  void aManagerFindsAClosedIncidentInTheSearchAndReadsItsStory() throws Exception {
    String supervisor = journey.supervisorOnCall();
    String title = "Oracle drift, closed run " + run;
    String incidentId = journey.resolveSev1(supervisor, title);
    String postMortem = journey.draftPostMortem(supervisor, incidentId);
    rest.completeTask(supervisor, postMortem, "Add an action item", Map.of("actionItemsNext", "FINISH"));
    rest.completeTask(supervisor, postMortem, "Decide publication", Map.of("publicationDecision", "WITHHOLD",
        "withholdReason", "The verifier fix is not deployed on every chain yet"));
    rest.completeTask(supervisor, postMortem, "Close post-mortem", Map.of("closingNotes", "nothing left open"));
    assertThat(jdbc.queryForObject("select status from incident where id = ?", String.class, incidentId)).isEqualTo("CLOSED");
    TasklistBrowser browser = session.browser();

    browser.logInToCockpit(baseUrl(), "maria");
    browser.click(By.xpath("//a[contains(@class,'irflow-incidents-nav')]"), "the navigation entry 'Incidents'");
    browser.click(By.xpath("//a[contains(@class,'irflow-search-link')]"), "'Find any incident, closed ones included'");
    browser.type(By.xpath("//input[contains(@class,'irflow-search-text')]"), "closed run " + run);
    browser.click(By.xpath("//button[contains(@class,'irflow-search-button')]"), "'Search'");
    String result = "//table[contains(@class,'irflow-search-results')]//tr[@data-incident-id='" + incidentId + "']";
    browser.waitUntil("the closed incident among the results", () -> browser.displayed(By.xpath(result)));
    assertThat(browser.driver().findElements(By.xpath("//table[contains(@class,'irflow-search-results')]//tbody/tr")))
        .as("only the incident of this run matches").hasSize(1);
    assertThat(text(result + "/td[4]")).isEqualTo("closed");
    browser.saveScreenshot(DOC_SEARCH_SCREENSHOT);
    browser.click(By.xpath(result + "//a[contains(@class,'irflow-incident-link')]"), "the id " + incidentId);
    awaitIncident(incidentId, title);

    assertThat(text("//span[contains(@class,'irflow-status')]")).isEqualTo("closed");
    assertThat(timelineSentences()).contains("Incident resolved: verifier patched",
        "Incident closed after its post-mortem",
        "dave completed “Execute action plan”: What was done and what was learned: bridge paused, patch deployed.",
        supervisor + " completed “Review progress”: Action plan (revise if needed): pause bridge; patch verifier; Progress review: no replay"
            + " since patch; Objectives achieved? Yes: move to resolution.");
    assertThat(text("//div[contains(@class,'irflow-postmortem')]//h3")).isEqualTo("Post-mortem " + incidentId + ": " + title);
    assertThat(text("//div[contains(@class,'irflow-postmortem')]")).contains("The verifier did not bind signatures to the chain id.",
        "The verifier fix is not deployed on every chain yet");
    assertThat(browser.driver().findElements(By.xpath("//div[contains(@class,'irflow-actions')]")))
        .as("a manager reads; a closed incident changes no more").isEmpty();
  }

  @Test
  void aResponderOfAnotherIncidentIsRefusedAndChangesNeedTheSupervisorAndTheSessionToken() throws Exception {
    String supervisor = journey.supervisorOnCall();
    String incidentId = journey.declareSev1(supervisor, "Keeper drained, refusal run " + run);
    TasklistBrowser browser = session.browser();

    browser.logIn(baseUrl(), OTHER_RESPONDER);
    browser.driver().get(baseUrl() + "/incident.html?id=" + incidentId);
    WebElement refused = browser.waitUntil("the refusal", () -> browser.displayed(By.xpath("//div[contains(@class,'irflow-refused')]")));
    assertThat(refused.getText()).isEqualTo("Not allowed: user frank takes no part in " + incidentId + ": its supervisor,"
        + " communications officer, responders and signers read it, and incident commanders, managers and operators");
    assertThat(rest.get(OTHER_RESPONDER, "/api/incidents/" + incidentId + "/page").status()).isEqualTo(403);
    assertThat(rest.get(OTHER_RESPONDER, "/api/incidents/" + incidentId + "/timeline").status()).isEqualTo(403);
    assertThat(rest.get(OTHER_RESPONDER, "/api/incidents?q=" + incidentId).body()).isEmpty();
    assertThat(rest.get("maria", "/api/incidents?q=" + incidentId).body()).hasSize(1);

    // the browser's session without its CSRF token changes nothing
    String cookie = "JSESSIONID=" + browser.driver().manage().getCookieNamed("JSESSIONID").getValue();
    HttpResponse<String> forged = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(
        HttpRequest.newBuilder(URI.create(baseUrl() + "/api/incidents/" + incidentId + "/notes"))
            .header("Cookie", cookie).header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{\"text\":\"forged\"}")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(forged.statusCode()).isEqualTo(403);
    // a responder does not change the severity; a supervisor's bad value is named
    assertThat(rest.post("dave", "/api/incidents/" + incidentId + "/severity", Map.of("severity", "SEV2")).status())
        .isEqualTo(403);
    RestClient.Response bad = rest.post(supervisor, "/api/incidents/" + incidentId + "/severity", Map.of("severity", "SEV9"));
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.body().path("field").asText()).isEqualTo("severity");
    RestClient.Response stranger = rest.post(supervisor, "/api/incidents/" + incidentId + "/roles",
        Map.of("role", "COMMUNICATIONS_OFFICER", "userId", "alcie"));
    assertThat(stranger.status()).isEqualTo(400);
    assertThat(stranger.body().path("detail").asText()).startsWith("alcie is not a communications officer: choose from ")
        .contains("carol", OTHER_OFFICER);
    assertThat(timeline(incidentId, "SEVERITY_CHANGED")).isEmpty();
    assertThat(timeline(incidentId, "NOTE_ADDED")).isEmpty();
  }

  /** What a Safe pause that executed and was verified leaves on the incident. */
  private long verifiedPause(String incidentId, String supervisor, String transaction) {
    long id = pauses.create(new NewBatch(incidentId, 1, List.of("Vault"), List.of("0x000000000000000000000000000000000000a11c"),
        List.of("safe:0x00000000000000000000000000000000000005af"), supervisor, Instant.now(), false, false));
    pauses.update(id, "status = 'PAUSED', pause_path = 'SAFE', tx_hash = ?, block_number = 4242, verified_at = ?",
        transaction, Instant.now());
    return id;
  }

  private void user(String id, String firstName, String group) {
    if (identity.createUserQuery().userId(id).count() == 0) {
      User user = identity.newUser(id);
      user.setFirstName(firstName);
      user.setLastName("(test)");
      user.setPassword(TasklistBrowser.PASSWORD);
      identity.saveUser(user);
    }
    if (identity.createGroupQuery().groupMember(id).groupId(group).count() == 0) {
      identity.createMembership(id, group);
    }
  }

  /** A form's link may open the page in a new window: the test goes where the page is. */
  private void followToTheNewWindow(String from) {
    var driver = session.browser().driver();
    session.browser().waitUntil("the incident page to open", () -> driver.getWindowHandles().size() > 1
        || driver.getCurrentUrl().contains("/incident.html"));
    driver.getWindowHandles().stream().filter(handle -> !handle.equals(from)).findFirst()
        .ifPresent(handle -> driver.switchTo().window(handle));
  }

  private void awaitIncident(String incidentId, String title) {
    session.browser().waitUntil("the incident page of " + incidentId, () -> {
      WebElement heading = session.browser().displayed(By.xpath("//h1[contains(@class,'irflow-incident-title')]"));
      return heading != null && heading.getText().equals(incidentId + ": " + title);
    });
  }

  private void changeSeverity(String severity, String reason) {
    TasklistBrowser browser = session.browser();
    String form = "//form[contains(@class,'irflow-change-severity')]";
    browser.click(By.xpath(form + "//select/option[@value='" + severity + "']"), severity);
    browser.type(By.xpath(form + "//input[@name='reason']"), reason);
    browser.click(By.xpath(form + "//button"), "'Change severity'");
  }

  private void awaitMessage(String text) {
    session.browser().waitUntil("the message '" + text + "'", () -> {
      WebElement message = session.browser().displayed(By.xpath("//div[contains(@class,'irflow-message')]"));
      return message != null && message.getText().equals(text) ? message : null;
    });
  }

  private String text(String xpath) {
    return session.browser().waitUntil(xpath, () -> session.browser().displayed(By.xpath(xpath))).getText().trim();
  }

  private List<String> timelineSentences() {
    return session.browser().driver().findElements(By.xpath("//td[contains(@class,'irflow-sentence')]")).stream()
        .map(WebElement::getText).map(String::trim).toList();
  }

  /** The incident's timeline entries of a kind, as "actor: summary", oldest first. */
  private List<String> timeline(String incidentId, String kind) {
    return jdbc.queryForList("select actor || ': ' || summary from timeline_entry where incident_id = ? and kind = ?"
        + " order by id", String.class, incidentId, kind);
  }
}
