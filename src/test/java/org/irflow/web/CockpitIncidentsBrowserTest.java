package org.irflow.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.irflow.support.RestClient.variables;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.irflow.support.RestClient;
import org.irflow.support.RestClient.Response;
import org.irflow.support.RunningApplicationTest;
import org.irflow.support.BrowserSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The Cockpit plugin "Incidents" in a real (headless) Chromium: an incident is declared through the
 * REST API, the programme manager logs into Cockpit, opens "Incidents", finds the incident with its
 * severity and supervisor, and follows its link to the response process instance.
 *
 * <p>The screenshot goes to target/screenshots/, or with -Dirflow.docScreenshots=true to
 * docs/images/cockpit-incidents.png for the documentation.
 */
class CockpitIncidentsBrowserTest extends RunningApplicationTest {

  static final Path DOC_SCREENSHOT = Boolean.getBoolean("irflow.docScreenshots")
      ? Path.of("docs/images/cockpit-incidents.png")
      : Path.of("target/screenshots/cockpit-incidents.png");

  @RegisterExtension
  final BrowserSession session = new BrowserSession();

  @Test
  void managerSeesOpenIncidentsInCockpitAndFollowsTheLinkToItsProcess() throws Exception {
    RestClient rest = new RestClient(baseUrl());
    JsonNode incident = declareIncident(rest, "Signature replay on the bridge " + UUID.randomUUID().toString().substring(0, 8));
    String incidentId = incident.path("id").asText();
    String supervisor = incident.path("primarySupervisor").asText();
    String responseId = incident.path("responseProcessInstanceId").asText();
    assertThat(responseId).as("the response process of %s", incidentId).isNotBlank();

    session.browser().logInToCockpit(baseUrl(), "maria");
    session.browser().click(By.xpath("//a[contains(@class,'irflow-incidents-nav')][normalize-space()='Incidents']"),
        "the navigation entry 'Incidents'");
    String row = "//tr[contains(@class,'irflow-incident')][@data-incident-id='" + incidentId + "']";
    WebElement incidentRow = session.browser().waitUntil("the row of " + incidentId + " in Cockpit's 'Incidents'",
        () -> session.browser().displayed(By.xpath(row)));
    assertThat(cell(incidentRow, "irflow-id")).isEqualTo(incidentId);
    assertThat(cell(incidentRow, "irflow-severity")).isEqualTo("SEV1");
    assertThat(cell(incidentRow, "irflow-supervisor")).isEqualTo(supervisor);
    assertThat(cell(incidentRow, "irflow-stage")).startsWith("DECLARED");
    session.browser().waitUntil("the stage of " + incidentId + " to show its open task 'Take command'",
        () -> cell(session.browser().displayed(By.xpath(row)), "irflow-stage").contains("Take command"));
    assertThat(cell(incidentRow, "irflow-age")).isNotBlank();
    // the next deadline is the earliest due date of its open tasks: pausing, due in 15 minutes for a
    // SEV1 (the war room is due in an hour), named by its action in the incident's own row
    assertThat(cell(session.browser().displayed(By.xpath(row)), "irflow-deadline")).contains("(Pause")
        .doesNotContain("none").doesNotContain(incidentId);
    assertThat(cell(session.browser().displayed(By.xpath(row)), "irflow-stage")).doesNotContain(" · ");
    // the programme metrics: this period beside the one before, with the trend
    assertThat(session.browser().displayed(By.xpath("//div[contains(@class,'irflow-metrics')]")).getText())
        .contains("Programme metrics (drills excluded)").contains("Time to recover (p90)").contains("Last 30 days");
    assertThat(session.browser().displayed(By.xpath("//tr[contains(@class,'irflow-metric')][td[1]='Incidents declared']"
        + "/td[contains(@class,'irflow-metric-current')]")).getText()).matches("[1-9][0-9]*");
    session.browser().saveScreenshot(DOC_SCREENSHOT);

    session.browser().click(By.xpath(row + "//a[contains(@class,'irflow-process-link')]"),
        "the link to the response process of " + incidentId);
    session.browser().waitUntil("Cockpit's process instance page of " + responseId,
        () -> session.browser().driver().getCurrentUrl().contains("#/process-instance/" + responseId));
    session.browser().waitUntil("the process instance view showing the business key " + incidentId,
        () -> session.browser().displayed(By.xpath("//*[normalize-space()='" + incidentId + "']")));
  }

  private static String cell(WebElement row, String cssClass) {
    return row.findElement(By.xpath(".//td[contains(@class,'" + cssClass + "')]")).getText().trim();
  }

  /** Reported by dave and declared SEV1 by the on-call supervisor, as the end-to-end tests do. */
  private JsonNode declareIncident(RestClient rest, String title) {
    String supervisor = rest.get("maria", "/api/on-call").body().path("primary").asText();
    Response reported = rest.post("dave", SUBMIT_REPORT, variables(bridgeReplayReport(title)));
    assertThat(reported.status()).as(reported.text()).isEqualTo(200);
    String triageId = reported.body().path("id").asText();
    JsonNode triageTask = rest.awaitTask(supervisor, triageId, "Triage event");
    Response triaged = rest.post(supervisor, "/engine-rest/task/" + triageTask.path("id").asText() + "/submit-form",
        variables(Map.of("triageOutcome", "DECLARE", "severity", "SEV1", "incidentCommander", supervisor,
            "triageNotes", "replay confirmed on a fork")));
    assertThat(triaged.status()).as(triaged.text()).isEqualTo(204);
    return session.browser().waitUntil("the incident '" + title + "' with its response process in GET /api/incidents", () -> {
      for (JsonNode candidate : rest.get("maria", "/api/incidents?status=DECLARED&limit=500").body()) {
        if (title.equals(candidate.path("title").asText())
            && !candidate.path("responseProcessInstanceId").asText("").isEmpty()) {
          return candidate;
        }
      }
      return null;
    });
  }
}
