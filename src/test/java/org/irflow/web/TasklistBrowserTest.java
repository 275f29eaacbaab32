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
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.irflow.support.RunningApplicationTest;
import org.irflow.support.BrowserSession;
import org.irflow.support.TasklistBrowser;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * Camunda Tasklist in a real (headless) Chromium, as the people of the programme use it: the on-call
 * supervisor triages a reported event, a responder reports one through the start form.
 *
 * <p>The browser is {@link TasklistBrowser} (Debian's Chromium; waits are polls of what a person would
 * see); the page and a screenshot of a failed test go to target/browser-failures/. The first test also renders
 * the triage form to target/screenshots/, or with -Dirflow.docScreenshots=true to
 * docs/images/tasklist-triage-event.png for the documentation.
 */
// by name: the triage runs first, so that the documentation screenshot shows only its own task
@TestMethodOrder(MethodOrderer.MethodName.class)
class TasklistBrowserTest extends RunningApplicationTest {

  /** Rewritten only with -Dirflow.docScreenshots=true, so that a test run leaves the work tree clean. */
  static final Path DOC_SCREENSHOT = Boolean.getBoolean("irflow.docScreenshots")
      ? Path.of("docs/images/tasklist-triage-event.png")
      : Path.of("target/screenshots/tasklist-triage-event.png");

  private final HttpClient http = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(10))
      .build();
  private final ObjectMapper json = new ObjectMapper();

  @RegisterExtension
  final BrowserSession session = new BrowserSession();

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

    session.browser().logIn(baseUrl(), supervisor);
    session.browser().click(TasklistBrowser.filter("My tasks"), "the filter 'My tasks'");
    session.browser().click(By.xpath(TasklistBrowser.taskCard("Triage event", title) + "//h4/a"),
        "the task 'Triage event' whose card shows the event '" + title + "'");

    // the Camunda Form is rendered (form-js) and filled with the event's variables
    By eventField = TasklistBrowser.formInput("Event");
    session.browser().waitUntil("the triage form showing the event '" + title + "'",
        () -> title.equals(session.browser().valueOf(eventField)));
    assertThat(session.browser().displayed(TasklistBrowser.formInput("Reported by")).getDomProperty("value")).isEqualTo("dave");
    JsonNode profile = api(supervisor, "GET", "/engine-rest/user/" + supervisor + "/profile", null);
    assertThat(session.browser().displayed(By.xpath(TasklistBrowser.formField("Incident command supervisor")
        + "//div[contains(@class,'fjs-select-display')]")).getText())
        .as("the supervisor is chosen from the supervisors by name: the on-call primary")
        .isEqualTo(profile.path("firstName").asText() + " " + profile.path("lastName").asText() + " (" + supervisor + ")");
    assertThat(session.browser().displayed(By.xpath(TasklistBrowser.formField("Severity") + "//div[contains(@class,'fjs-select-display')]"))
        .getText()).as("the severity is pre-filled from the decision table").isEqualTo("SEV2: high");

    session.browser().click(By.xpath(TasklistBrowser.formField("Is it an incident?")
        + "//label[normalize-space()='Yes: declare an incident']/input"), "'Yes: declare an incident'");
    session.browser().type(TasklistBrowser.formInput("Triage notes"), "Reporter's transactions confirm funds leaving the bridge; declaring SEV2.");
    session.browser().saveFormScreenshot(DOC_SCREENSHOT);

    session.browser().click(By.xpath("//div[contains(@class,'form-actions')]//button[normalize-space()='Complete']"),
        "the button 'Complete'");

    // what the supervisor checks next: the incident exists ...
    JsonNode incident = session.browser().waitUntil("an incident titled '" + title + "' in GET /api/incidents", () -> {
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
    WebElement warRoom = session.browser().waitUntil("the task 'Take command' of incident " + incidentId + " in 'My tasks'",
        () -> session.browser().displayed(By.xpath(TasklistBrowser.taskCard("Take command", incidentId))));
    JsonNode profileOfSupervisor = api(supervisor, "GET", "/engine-rest/user/" + supervisor + "/profile", null);
    String supervisorName = profileOfSupervisor.path("firstName").asText() + " "
        + profileOfSupervisor.path("lastName").asText();
    assertThat(warRoom.findElement(By.xpath(".//h5[contains(@class,'assignee')]")).getText().trim())
        .as("assignee shown on the 'Take command' card").isEqualTo(supervisorName);
    session.browser().waitUntil("the triaged task to leave the list",
        () -> session.browser().driver().findElements(By.xpath(TasklistBrowser.taskCard("Triage event", title))).isEmpty());
  }

  @Test
  void startFormRefusesAMissingRequiredField() throws Exception {
    String title = "Suspicious admin key use, browser run " + shortId();
    long before = triageInstancesTitled(title);

    session.browser().logIn(baseUrl(), "dave");
    session.browser().click(By.xpath("//a[normalize-space()='Start process']"), "'Start process' in the header");
    session.browser().click(By.xpath("//div[contains(@class,'modal')]//ul[contains(@class,'processes')]"
        + "//a[normalize-space()='Report a security event']"), "the process 'Report a security event'");
    session.browser().waitUntil("the start form 'Report a security event'", () -> session.browser().displayed(
        By.xpath("//div[contains(@class,'modal')]//h2[normalize-space()='Report a security event']")));

    session.browser().type(TasklistBrowser.formInput("What happened, in one line"), title);
    session.browser().click(By.xpath(TasklistBrowser.formField("How was it noticed?")
        + "//label[normalize-space()='A community member told us']/input"), "'A community member told us'");
    session.browser().type(TasklistBrowser.formInput("Description"), "An admin key signed a transaction nobody announced.");
    session.browser().type(TasklistBrowser.formInput("Affected systems or contracts"), "treasury multisig");
    session.browser().click(By.xpath(TasklistBrowser.formField("Suspected severity") + "//div[contains(@class,'fjs-select-display')]"),
        "the select 'Suspected severity'");
    session.browser().click(By.xpath(TasklistBrowser.formField("Suspected severity")
        + "//div[contains(@class,'fjs-dropdownlist-item')][normalize-space()='SEV3: moderate']"),
        "the option 'SEV3: moderate'");
    By start = By.xpath("//div[contains(@class,'modal-footer')]//button[normalize-space()='Start']");
    session.browser().click(start, "the button 'Start'");

    WebElement error = session.browser().waitUntil("a required-field message at 'Reported by'",
        () -> session.browser().displayed(By.xpath(TasklistBrowser.formField("Reported by") + "//div[contains(@class,'fjs-form-field-error')]")));
    assertThat(error.getText()).isEqualTo("Field is required.");
    assertThat(session.browser().displayed(TasklistBrowser.formInput("Reported by")).getDomAttribute("aria-invalid")).isEqualTo("true");
    List<String> fieldsWithErrors = session.browser().driver().findElements(By.xpath("//div[contains(@class,'fjs-form-field')]"
            + "[.//div[contains(@class,'fjs-form-field-error')]]/label[1]")).stream()
        .map(label -> label.getText().replace("*", "").trim()).toList();
    assertThat(fieldsWithErrors).as("fields the form marks as wrong").containsExactly("Reported by");
    session.browser().waitUntil("the notification 'The process could not be started.'", () -> session.browser().displayed(
        By.xpath("//div[contains(@class,'modal')]//*[contains(@class,'status')]"
            + "[normalize-space()='The process could not be started.']")));
    assertThat(triageInstancesTitled(title)).as("triage processes for '%s' after the refused start", title)
        .isEqualTo(before);

    // fixed by the reporter, the same form starts the triage (and shows that the count above can see it)
    session.browser().type(TasklistBrowser.formInput("Reported by"), "dave");
    session.browser().click(start, "the button 'Start'");
    session.browser().waitUntil("the notification 'The process has been started.'", () -> session.browser().displayed(
        By.xpath("//*[contains(@class,'status')][normalize-space()='The process has been started.']")));
    session.browser().waitUntil("the triage of '" + title + "' to be counted", () -> triageInstancesTitled(title) == before + 1);
  }

  // ---- Tasklist -------------------------------------------------------------------------------

  // ---- waiting --------------------------------------------------------------------------------

  // ---- screenshots ----------------------------------------------------------------------------

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

  private static String shortId() {
    return UUID.randomUUID().toString().substring(0, 8);
  }
}
