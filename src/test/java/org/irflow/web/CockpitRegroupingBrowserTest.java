package org.irflow.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.irflow.support.CorrelatedAlerts.acceptedEvent;
import static org.irflow.support.CorrelatedAlerts.genericRuleAlert;
import static org.irflow.support.WebhookClient.GENERIC;
import static org.irflow.support.WebhookClient.GENERIC_SECRET;
import static org.irflow.support.WebhookClient.genericEvent;

import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.RuntimeService;
import org.irflow.support.BrowserSession;
import org.irflow.support.CorrelatedAlerts;
import org.irflow.support.CorrelatedAlerts.Contract;
import org.irflow.support.RunningApplicationTest;
import org.irflow.support.TasklistBrowser;
import org.irflow.support.WebhookClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Correcting correlation in Cockpit's "Incidents" page, in a real (headless) Chromium, as the
 * supervisor on call does during an incident: alerts arrive through the signed webhook, one is attached
 * to the wrong incident, one is gathered into the wrong triage, and two incidents turn out to be one
 * attack. The supervisor moves each alert into a triage of its own and merges the two incidents with
 * the page's buttons; the database and the timelines then say what happened and who did it. A
 * programme manager sees the same page without the buttons.
 *
 * <p>The screenshot goes to target/screenshots/, or with -Dirflow.docScreenshots=true to
 * docs/images/cockpit-regrouping.png for the documentation.
 */
class CockpitRegroupingBrowserTest extends RunningApplicationTest {

  static final Path DOC_SCREENSHOT = Boolean.getBoolean("irflow.docScreenshots")
      ? Path.of("docs/images/cockpit-regrouping.png")
      : Path.of("target/screenshots/cockpit-regrouping.png");

  @RegisterExtension
  final BrowserSession session = new BrowserSession();

  @Autowired
  private JdbcTemplate jdbc;
  @Autowired
  private RuntimeService runtime;

  private WebhookClient webhooks;
  private CorrelatedAlerts alerts;
  private String run;

  @BeforeEach
  void clients() {
    webhooks = new WebhookClient(baseUrl());
    run = UUID.randomUUID().toString().substring(0, 8);
    alerts = new CorrelatedAlerts(jdbc, run);
  }

  @Test
  void theSupervisorMovesAlertsToTriagesOfTheirOwnAndMergesTwoIncidentsFromCockpit() throws Exception {
    Contract vault = alerts.register("Vault");
    Contract bridge = alerts.register("Bridge");
    Contract oracle = alerts.register("Oracle");
    String kept = exploitIncident("vault", "Vault drained " + run, vault);
    String merged = exploitIncident("bridge", "Bridge drained by the same attacker " + run, bridge);
    long attached = acceptedEvent(webhooks.signed(GENERIC, genericEvent("keeper-" + run, "MEDIUM", "SUSPICIOUS",
        "Keeper bot rebalancing " + run, vault.address()), GENERIC_SECRET));
    alerts.awaitState(attached, "ATTACHED");
    long triageEvent = acceptedEvent(webhooks.signed(GENERIC,
        genericRuleAlert("outflow-" + run, "MEDIUM", "SUSPICIOUS", oracle.address()), GENERIC_SECRET));
    String triage = alerts.triageOf(triageEvent);
    long gathered = acceptedEvent(webhooks.signed(GENERIC,
        genericRuleAlert("rebalance-" + run, "MEDIUM", "SUSPICIOUS", oracle.address()), GENERIC_SECRET));
    alerts.awaitState(gathered, "GATHERED");
    long keptOwnEvent = jdbc.queryForObject("select event_id from incident where id = ?", Long.class, kept);
    TasklistBrowser browser = session.browser();

    openIncidentsPage("alice");
    // the alert attached to the Vault incident: "Events", then "Move to its own triage"
    browser.click(By.xpath(incidentRow(kept) + "//button[contains(@class,'irflow-show-events')]"), "'Events' of " + kept);
    String attachedItem = eventsOf(kept) + "//li[@data-event-id='" + attached + "']";
    browser.waitUntil("alert " + attached + " among the events of " + kept, () -> browser.displayed(By.xpath(attachedItem)));
    assertThat(browser.driver().findElements(By.xpath(eventsOf(kept) + "//li[@data-event-id='" + keptOwnEvent
        + "']//button"))).as("the event %s was declared for has no button to move it", kept).isEmpty();
    browser.saveScreenshot(DOC_SCREENSHOT);
    browser.click(By.xpath(attachedItem + "//button[contains(@class,'irflow-detach')]"),
        "'Move to its own triage' of alert " + attached);
    awaitMessage("Event " + attached + " moved to a triage of its own");

    Map<String, Object> moved = alerts.event(attached);
    assertThat(moved.get("incident_id")).isNull();
    assertThat(moved.get("intake_state")).isEqualTo("TRIAGE_STARTED");
    String movedTriage = (String) moved.get("triage_process_instance_id");
    assertThat(runtime.getVariable(movedTriage, "eventId")).isEqualTo(attached);
    assertThat(runtime.getVariable(movedTriage, "relatedTo")).isEqualTo("Moved off " + kept + " by alice");
    assertThat(timeline("incident_id = ? and kind = 'EVENT_DETACHED'", kept))
        .isEqualTo("alice: Event " + attached + " moved to a triage of its own by alice");

    // the Bridge incident is the same attack: "Merge into…" the Vault incident
    browser.click(By.xpath(incidentRow(merged) + "//button[contains(@class,'irflow-show-merge')]"),
        "'Merge into…' of " + merged);
    String mergeChoice = "//tr[contains(@class,'irflow-incident-merge')][@data-incident-id='" + merged + "']";
    browser.click(By.xpath(mergeChoice + "//select/option[@value='" + kept + "']"), kept + " in the merge choice");
    browser.click(By.xpath(mergeChoice + "//button[contains(@class,'irflow-merge')]"), "'Merge'");
    awaitMessage(merged + " merged into " + kept + ".");

    Map<String, Object> mergedRow = jdbc.queryForMap("select status, merged_into from incident where id = ?", merged);
    assertThat(mergedRow.get("status")).isEqualTo("MERGED");
    assertThat(mergedRow.get("merged_into")).isEqualTo(kept);
    assertThat(timeline("incident_id = ? and kind = 'INCIDENTS_MERGED'", merged))
        .isEqualTo("alice: Merged into " + kept + " by alice");
    assertThat(timeline("incident_id = ? and kind = 'INCIDENTS_MERGED'", kept))
        .startsWith("alice: " + merged + " merged into this incident by alice");
    browser.waitUntil(merged + " to leave the list of open incidents",
        () -> browser.driver().findElements(By.xpath(incidentRow(merged))).isEmpty());

    // the alert gathered into the Oracle triage: "Move to its own triage" in "Open triages with gathered alerts"
    String gatheredItem = "//div[contains(@class,'irflow-triage')][@data-process-instance-id='" + triage + "']"
        + "//li[@data-event-id='" + gathered + "']";
    browser.click(By.xpath(gatheredItem + "//button[contains(@class,'irflow-detach')]"),
        "'Move to its own triage' of gathered alert " + gathered);
    awaitMessage("Event " + gathered + " moved to a triage of its own");

    Map<String, Object> ungathered = alerts.event(gathered);
    assertThat(ungathered.get("intake_state")).isEqualTo("TRIAGE_STARTED");
    assertThat(ungathered.get("triage_process_instance_id")).isNotIn(triage, null);
    assertThat(runtime.getVariable(triage, "triageEventCount")).isEqualTo(1);
    assertThat(timeline("event_id = ? and kind = 'EVENT_DETACHED'", triageEvent))
        .isEqualTo("alice: Event " + gathered + " moved to a triage of its own by alice");
    browser.waitUntil("the Oracle triage to leave the list, holding no gathered alert any more",
        () -> browser.driver().findElements(By.xpath("//div[contains(@class,'irflow-triage')][@data-process-instance-id='"
            + triage + "']")).isEmpty());
  }

  @Test
  void aProgrammeManagerSeesTheEventsButNoButtonToMoveOrMerge() {
    Contract vault = alerts.register("Vault");
    String incident = exploitIncident("vault", "Vault drained " + run, vault);
    exploitIncident("bridge", "Bridge drained " + run, alerts.register("Bridge"));
    long attached = acceptedEvent(webhooks.signed(GENERIC, genericEvent("keeper-" + run, "MEDIUM", "SUSPICIOUS",
        "Keeper bot rebalancing " + run, vault.address()), GENERIC_SECRET));
    alerts.awaitState(attached, "ATTACHED");
    TasklistBrowser browser = session.browser();

    openIncidentsPage("maria");
    browser.click(By.xpath(incidentRow(incident) + "//button[contains(@class,'irflow-show-events')]"),
        "'Events' of " + incident);
    browser.waitUntil("alert " + attached + " among the events of " + incident,
        () -> browser.displayed(By.xpath(eventsOf(incident) + "//li[@data-event-id='" + attached + "']")));

    assertThat(browser.driver().findElements(By.xpath("//button[contains(@class,'irflow-detach')]"))).isEmpty();
    assertThat(browser.driver().findElements(By.xpath("//button[contains(@class,'irflow-show-merge')]"))).isEmpty();
    assertThat(alerts.event(attached).get("incident_id")).isEqualTo(incident);
  }

  /** An exploit alert the TriageDecision declares at once, with its response running. */
  private String exploitIncident(String fingerprint, String title, Contract contract) {
    String incident = alerts.declaredIncidentFor(webhooks.signed(GENERIC, genericEvent(fingerprint + "-" + run,
        "CRITICAL", "EXPLOIT", title, contract.address()), GENERIC_SECRET));
    alerts.responseOf(incident);
    return incident;
  }

  private void openIncidentsPage(String user) {
    TasklistBrowser browser = session.browser();
    browser.logInToCockpit(baseUrl(), user);
    browser.click(By.xpath("//a[contains(@class,'irflow-incidents-nav')][normalize-space()='Incidents']"),
        "the navigation entry 'Incidents'");
    browser.waitUntil("the list of open incidents", () -> browser.displayed(By.xpath("//table[contains(@class,'irflow-incidents')]")));
  }

  private static String incidentRow(String incidentId) {
    return "//tr[contains(@class,'irflow-incident')][@data-incident-id='" + incidentId + "']";
  }

  private static String eventsOf(String incidentId) {
    return "//tr[contains(@class,'irflow-incident-events')][@data-incident-id='" + incidentId + "']";
  }

  private void awaitMessage(String text) {
    session.browser().waitUntil("the message '" + text + "'", () -> {
      var message = session.browser().displayed(By.xpath("//div[contains(@class,'irflow-message')]"));
      return message != null && message.getText().contains(text) ? message : null;
    });
  }

  /** The one timeline entry matching the condition, as "actor: summary". */
  private String timeline(String condition, Object value) {
    return jdbc.queryForObject("select actor || ': ' || summary from timeline_entry where " + condition, String.class, value);
  }
}
