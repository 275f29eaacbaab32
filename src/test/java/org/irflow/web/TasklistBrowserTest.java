package org.irflow.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.irflow.support.RunningApplicationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.ElementNotInteractableException;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.springframework.util.FileSystemUtils;

/**
 * Camunda Tasklist in a real (headless) Chromium, as the people of the programme use it: the on-call
 * supervisor triages a reported event, a responder reports one through the start form.
 *
 * <p>Uses Debian's chromium and chromium-driver at fixed paths so that Selenium Manager never looks
 * for (or downloads) a browser or driver. Waits are explicit polls of what a person would see; the
 * page and a screenshot of a failed test go to target/browser-failures/. The first test also renders
 * the triage form to target/screenshots/, or with -Dirflow.docScreenshots=true to
 * docs/images/tasklist-triage-event.png for the documentation.
 */
// by name: the triage runs first, so that the documentation screenshot shows only its own task
@TestMethodOrder(MethodOrderer.MethodName.class)
class TasklistBrowserTest extends RunningApplicationTest {

  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  static final Duration TIMEOUT = Duration.ofSeconds(30);
  static final String PASSWORD = "demo";
  /** Rewritten only with -Dirflow.docScreenshots=true, so that a test run leaves the work tree clean. */
  static final Path DOC_SCREENSHOT = Boolean.getBoolean("irflow.docScreenshots")
      ? Path.of("docs/images/tasklist-triage-event.png")
      : Path.of("target/screenshots/tasklist-triage-event.png");
  static final Path FAILURES = Path.of("target/browser-failures");

  private final HttpClient http = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(10))
      .build();
  private final ObjectMapper json = new ObjectMapper();

  private WebDriver driver;
  private Path profile;

  /** Runs right after a test method, before @AfterEach quits the browser: keeps what the browser showed. */
  @RegisterExtension
  final AfterTestExecutionCallback keepPageOfFailedTest = context -> {
    if (context.getExecutionException().isPresent() && driver != null) {
      savePage(context.getRequiredTestMethod().getName());
    }
  };

  @BeforeEach
  void startBrowser() throws IOException {
    assertThat(Files.isExecutable(CHROMIUM))
        .as("Chromium must be installed at %s (Debian package 'chromium') for the Tasklist browser tests", CHROMIUM)
        .isTrue();
    assertThat(Files.isExecutable(CHROMEDRIVER))
        .as("ChromeDriver must be installed at %s (Debian package 'chromium-driver')", CHROMEDRIVER)
        .isTrue();
    profile = Files.createTempDirectory("irflow-chromium-");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--window-size=1400,1000",
        "--user-data-dir=" + profile);
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(CHROMEDRIVER.toFile())
        .usingAnyFreePort()
        .build();
    driver = new ChromeDriver(service, options);
    driver.manage().timeouts().pageLoadTimeout(TIMEOUT);
  }

  @AfterEach
  void quitBrowser() {
    try {
      if (driver != null) {
        driver.quit();
      }
    } finally {
      driver = null;
      if (profile != null) {
        FileSystemUtils.deleteRecursively(profile.toFile());
      }
    }
  }

  @Test
  void onCallSupervisorTriagesAnEventInTasklist() throws Exception {
    String title = "Odd withdrawals from the bridge, browser run " + shortId();
    String primaryBefore = onCallPrimary();
    reportEventAsDave(title);
    String supervisor = onCallPrimary();
    assertThat(supervisor).as("the on-call primary incident command supervisor now (GET /api/on-call)")
        .isNotBlank()
        .as("the on-call primary changed while the event was reported (rota hand-over); run again")
        .isEqualTo(primaryBefore);

    logIntoTasklist(supervisor);
    click(filter("My tasks"), "the filter 'My tasks'");
    click(By.xpath(taskCard("Triage event", title) + "//h4/a"),
        "the task 'Triage event' whose card shows the event '" + title + "'");

    // the Camunda Form is rendered (form-js) and filled with the event's variables
    By eventField = formInput("Event");
    waitUntil("the triage form showing the event '" + title + "'",
        () -> title.equals(valueOf(eventField)));
    assertThat(displayed(formInput("Reported by")).getDomProperty("value")).isEqualTo("dave");
    assertThat(displayed(formInput("Incident command supervisor")).getDomProperty("value"))
        .as("the supervisor is pre-filled with the on-call primary").isEqualTo(supervisor);
    assertThat(displayed(By.xpath(formField("Severity") + "//div[contains(@class,'fjs-select-display')]"))
        .getText()).as("the severity is pre-filled from the decision table").isEqualTo("SEV2: high");

    click(By.xpath(formField("Is it an incident?")
        + "//label[normalize-space()='Yes: declare an incident']/input"), "'Yes: declare an incident'");
    type(formInput("Triage notes"), "Reporter's transactions confirm funds leaving the bridge; declaring SEV2.");
    saveDocScreenshot();

    click(By.xpath("//div[contains(@class,'form-actions')]//button[normalize-space()='Complete']"),
        "the button 'Complete'");

    // what the supervisor checks next: the incident exists ...
    JsonNode incident = waitUntil("an incident titled '" + title + "' in GET /api/incidents", () -> {
      for (JsonNode candidate : api(supervisor, "GET", "/api/incidents?limit=500", null)) {
        if (title.equals(candidate.path("title").asText())) {
          return candidate;
        }
      }
      return null;
    });
    assertThat(incident.path("primarySupervisor").asText()).isEqualTo(supervisor);
    assertThat(incident.path("severity").asText()).isEqualTo("SEV2");

    // ... and its first response task is in "My tasks", assigned to the supervisor
    String incidentId = incident.path("id").asText();
    WebElement warRoom = waitUntil("the task 'Open war room' of incident " + incidentId + " in 'My tasks'",
        () -> displayed(By.xpath(taskCard("Open war room", incidentId))));
    JsonNode profileOfSupervisor = api(supervisor, "GET", "/engine-rest/user/" + supervisor + "/profile", null);
    String supervisorName = profileOfSupervisor.path("firstName").asText() + " "
        + profileOfSupervisor.path("lastName").asText();
    assertThat(warRoom.findElement(By.xpath(".//h5[contains(@class,'assignee')]")).getText().trim())
        .as("assignee shown on the 'Open war room' card").isEqualTo(supervisorName);
    waitUntil("the triaged task to leave the list",
        () -> driver.findElements(By.xpath(taskCard("Triage event", title))).isEmpty());
  }

  @Test
  void startFormRefusesAMissingRequiredField() throws Exception {
    String title = "Suspicious admin key use, browser run " + shortId();
    long before = triageInstancesTitled(title);

    logIntoTasklist("dave");
    click(By.xpath("//a[normalize-space()='Start process']"), "'Start process' in the header");
    click(By.xpath("//div[contains(@class,'modal')]//ul[contains(@class,'processes')]"
        + "//a[normalize-space()='Incident triage']"), "the process 'Incident triage'");
    waitUntil("the start form 'Report a security event'", () -> displayed(
        By.xpath("//div[contains(@class,'modal')]//h2[normalize-space()='Report a security event']")));

    type(formInput("What happened, in one line"), title);
    click(By.xpath(formField("How was it noticed?")
        + "//label[normalize-space()='A community member told us']/input"), "'A community member told us'");
    type(formInput("Description"), "An admin key signed a transaction nobody announced.");
    type(formInput("Affected systems or contracts"), "treasury multisig");
    click(By.xpath(formField("Suspected severity") + "//div[contains(@class,'fjs-select-display')]"),
        "the select 'Suspected severity'");
    click(By.xpath(formField("Suspected severity")
        + "//div[contains(@class,'fjs-dropdownlist-item')][normalize-space()='SEV3: moderate']"),
        "the option 'SEV3: moderate'");
    By start = By.xpath("//div[contains(@class,'modal-footer')]//button[normalize-space()='Start']");
    click(start, "the button 'Start'");

    WebElement error = waitUntil("a required-field message at 'Reported by'",
        () -> displayed(By.xpath(formField("Reported by") + "//div[contains(@class,'fjs-form-field-error')]")));
    assertThat(error.getText()).isEqualTo("Field is required.");
    assertThat(displayed(formInput("Reported by")).getDomAttribute("aria-invalid")).isEqualTo("true");
    List<String> fieldsWithErrors = driver.findElements(By.xpath("//div[contains(@class,'fjs-form-field')]"
            + "[.//div[contains(@class,'fjs-form-field-error')]]/label[1]")).stream()
        .map(label -> label.getText().replace("*", "").trim()).toList();
    assertThat(fieldsWithErrors).as("fields the form marks as wrong").containsExactly("Reported by");
    waitUntil("the notification 'The process could not be started.'", () -> displayed(
        By.xpath("//div[contains(@class,'modal')]//*[contains(@class,'status')]"
            + "[normalize-space()='The process could not be started.']")));
    assertThat(triageInstancesTitled(title)).as("triage processes for '%s' after the refused start", title)
        .isEqualTo(before);

    // fixed by the reporter, the same form starts the triage (and shows that the count above can see it)
    type(formInput("Reported by"), "dave");
    click(start, "the button 'Start'");
    waitUntil("the notification 'The process has been started.'", () -> displayed(
        By.xpath("//*[contains(@class,'status')][normalize-space()='The process has been started.']")));
    waitUntil("the triage of '" + title + "' to be counted", () -> triageInstancesTitled(title) == before + 1);
  }

  // ---- Tasklist -------------------------------------------------------------------------------

  private void logIntoTasklist(String user) {
    driver.get(baseUrl() + "/camunda/app/tasklist/");
    By username = By.xpath("//form[@name='signinForm']//input[@placeholder='Username']");
    waitUntil("the Tasklist login form", () -> displayed(username));
    // the login page moves the focus to "Username" on its own, at times while a test types the password
    type(username, user);
    type(By.xpath("//form[@name='signinForm']//input[@type='password']"), PASSWORD);
    click(By.xpath("//form[@name='signinForm']//button[normalize-space()='Log in']"), "'Log in'");
    waitUntil("Tasklist's filter list after logging in as " + user, () -> displayed(filter("My tasks")));
  }

  /** A filter in Tasklist's filter list, by its name (the count beside it is not part of the name). */
  private static By filter(String name) {
    return By.xpath("//div[contains(@class,'task-filter')]//h4/a[normalize-space(text()[1])='" + name + "']");
  }

  /** XPath of the card in the task list with this task name and a variable shown with this value. */
  private static String taskCard(String taskName, String variableValue) {
    return "//li[contains(@class,'task')][.//h4/a[normalize-space()='" + taskName + "']]"
        + "[.//span[contains(@class,'variable-value')][normalize-space()='" + variableValue + "']]";
  }

  /** XPath of a form-js field by its label (the required asterisk is not part of the label text). */
  private static String formField(String label) {
    return "//div[contains(@class,'fjs-form-field')]"
        + "[./label[contains(@class,'fjs-form-field-label')][normalize-space(text()[1])='" + label + "']]";
  }

  private static By formInput(String label) {
    return By.xpath("(" + formField(label) + "//*[self::input or self::textarea])[1]");
  }

  // ---- waiting --------------------------------------------------------------------------------

  /** The element, if it is on the page and visible; null otherwise. */
  private WebElement displayed(By locator) {
    for (WebElement element : driver.findElements(locator)) {
      if (element.isDisplayed()) {
        return element;
      }
    }
    return null;
  }

  /** The value of a visible input, or null while there is none. */
  private String valueOf(By input) {
    WebElement element = displayed(input);
    return element == null ? null : element.getDomProperty("value");
  }

  /** Types the text into an empty text field and waits until the field holds exactly that text. */
  private void type(By field, String text) {
    waitUntil("'" + text + "' typed into " + field, () -> {
      WebElement element = displayed(field);
      if (element == null) {
        return false;
      }
      if (!text.equals(element.getDomProperty("value"))) {
        element.clear();
        element.sendKeys(text);
      }
      return text.equals(element.getDomProperty("value"));
    });
  }

  private void click(By locator, String what) {
    waitUntil("clicking " + what, () -> {
      WebElement element = displayed(locator);
      if (element == null || !element.isEnabled()) {
        return false;
      }
      // to the middle of its scrolling pane: Tasklist's fixed footer covers the bottom edge
      ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'});", element);
      element.click();
      return true;
    });
  }

  /**
   * Polls until the condition gives a value other than null or false (an element not yet there,
   * stale or covered counts as "not yet"), at most {@link #TIMEOUT}.
   */
  private <T> T waitUntil(String what, Supplier<T> condition) {
    Instant deadline = Instant.now().plus(TIMEOUT);
    RuntimeException last = null;
    while (true) {
      try {
        T value = condition.get();
        if (value != null && !Boolean.FALSE.equals(value)) {
          return value;
        }
      } catch (NoSuchElementException | StaleElementReferenceException | ElementNotInteractableException e) {
        last = e;
      }
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("waited " + TIMEOUT.toSeconds() + " s for " + what
            + " (browser at " + driver.getCurrentUrl() + "; page and screenshot under " + FAILURES + ")", last);
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted while waiting for " + what, e);
      }
    }
  }

  // ---- screenshots ----------------------------------------------------------------------------

  /** The whole triage form, with Tasklist around it, for the documentation. */
  private void saveDocScreenshot() throws IOException {
    Dimension size = driver.manage().window().getSize();
    JavascriptExecutor js = (JavascriptExecutor) driver;
    js.executeScript("document.activeElement.blur();"
        + "document.querySelectorAll('*').forEach(e => { if (e.scrollTop) e.scrollTop = 0; });");
    Number needed = (Number) js.executeScript(
        "const actions = document.querySelector('.form-actions');"
            + "return actions.getBoundingClientRect().bottom + 40 - window.innerHeight;");
    if (needed.intValue() > 0) {
      driver.manage().window().setSize(new Dimension(size.getWidth(), size.getHeight() + needed.intValue()));
    }
    try {
      Files.createDirectories(DOC_SCREENSHOT.getParent());
      Files.write(DOC_SCREENSHOT, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
    } finally {
      driver.manage().window().setSize(size);
    }
  }

  private void savePage(String name) {
    try {
      Files.createDirectories(FAILURES);
      Files.write(FAILURES.resolve(name + ".png"), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
      Files.writeString(FAILURES.resolve(name + ".html"), driver.getPageSource());
    } catch (IOException | RuntimeException e) {
      System.err.println("could not keep the page of failed test " + name + ": " + e);
    }
  }

  // ---- REST -----------------------------------------------------------------------------------

  private void reportEventAsDave(String title) throws IOException {
    Map<String, Object> variables = new LinkedHashMap<>();
    variables.put("eventTitle", title);
    variables.put("reporter", "dave");
    variables.put("channel", "COMMUNITY");
    variables.put("description", "A community member saw three large withdrawals without matching deposits.");
    variables.put("affectedSystems", "bridge contract");
    variables.put("suspectedSeverity", "SEV2");
    Map<String, Object> typed = new LinkedHashMap<>();
    variables.forEach((name, value) -> typed.put(name, Map.of("value", value, "type", "String")));
    JsonNode started = api("dave", "POST",
        "/engine-rest/process-definition/key/IncidentTriageProcess/submit-form", Map.of("variables", typed));
    assertThat(started.path("definitionKey").asText()).isEqualTo("IncidentTriageProcess");
  }

  private String onCallPrimary() {
    return api("dave", "GET", "/api/on-call", null).path("primary").asText(null);
  }

  /** Triage processes (running or ended) reported with this title, as the operator sees them. */
  private long triageInstancesTitled(String title) {
    return api("admin", "POST", "/engine-rest/history/process-instance/count", Map.of(
        "processDefinitionKey", "IncidentTriageProcess",
        "variables", List.of(Map.of("name", "eventTitle", "operator", "eq", "value", title))))
        .path("count").asLong(-1);
  }

  private JsonNode api(String user, String method, String path, Object body) {
    try {
      HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + path))
          .timeout(TIMEOUT)
          .header("Accept", "application/json")
          .header("Authorization", "Basic " + Base64.getEncoder()
              .encodeToString((user + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)));
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

  private static String shortId() {
    return UUID.randomUUID().toString().substring(0, 8);
  }
}
