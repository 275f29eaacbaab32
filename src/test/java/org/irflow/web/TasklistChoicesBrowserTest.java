package org.irflow.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.identity.User;
import org.irflow.support.BrowserSession;
import org.irflow.support.IncidentJourney;
import org.irflow.support.RestClient;
import org.irflow.support.RunningApplicationTest;
import org.irflow.support.TasklistBrowser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The choice fields of the forms in a real (headless) Chromium, filled as the roles fill them: the
 * supervisor picks the incident's supervisor from a list of supervisors, activates responders by
 * picking them in a taglist and the communications officer from a list. Nobody types a user id. Steps
 * that are not under test here are taken through the REST API ({@link IncidentJourney}).
 */
class TasklistChoicesBrowserTest extends RunningApplicationTest {

  @Autowired JdbcTemplate jdbc;
  @Autowired IdentityService identity;
  @Autowired RuntimeService runtime;

  @RegisterExtension
  final BrowserSession session = new BrowserSession();

  RestClient rest;
  IncidentJourney journey;

  @BeforeEach
  void setUp() {
    rest = new RestClient(baseUrl());
    journey = new IncidentJourney(rest, jdbc);
    if (identity.createUserQuery().userId("frank").count() == 0) {
      User frank = identity.newUser("frank");
      frank.setFirstName("Frank");
      frank.setLastName("Fixer");
      frank.setPassword(TasklistBrowser.PASSWORD);
      identity.saveUser(frank);
      identity.createMembership("frank", "responders");
    }
  }

  @Test
  void theSupervisorChoosesPeopleFromListsAndAResponderCannotBeMistyped() {
    String supervisor = journey.supervisorOnCall();
    String incidentId = journey.declareSev1(supervisor, "Choices in the browser " + shortId());
    String responseId = responseOf(incidentId);
    TasklistBrowser browser = session.browser();
    browser.logIn(baseUrl(), supervisor);
    openTask("Take command", incidentId);
    browser.waitUntil("the form of incident " + incidentId,
        () -> incidentId.equals(browser.valueOf(TasklistBrowser.formInput("Incident"))));
    browser.type(TasklistBrowser.formInput("Incident channel"), "#inc-choices");
    browser.type(TasklistBrowser.formInput("Backup channel"), "signal:inc-choices");

    // the taglist offers the responders by name, and nobody else: a supervisor cannot be picked
    String responders = TasklistBrowser.formField("Responders");
    By search = By.xpath(responders + "//input[contains(@class,'fjs-taglist-input')]");
    browser.click(search, "the responders' search box");
    List<String> offered = browser.waitUntil("the responders offered", () -> {
      List<String> items = browser.driver().findElements(By.xpath(responders
          + "//*[contains(concat(' ', normalize-space(@class), ' '), ' fjs-dropdownlist-item ')]")).stream()
          .map(item -> item.getText().trim()).filter(text -> !text.isEmpty() && !text.contains("\n")).distinct().toList();
      return items.isEmpty() ? null : items;
    });
    assertThat(offered).containsExactly("Dave (demo) (dave)", "Frank Fixer (frank)");
    browser.driver().findElement(search).sendKeys("ali");
    browser.waitUntil("no responder matching 'ali'", () -> browser.driver().findElements(By.xpath(responders
        + "//*[contains(concat(' ', normalize-space(@class), ' '), ' fjs-dropdownlist-item ')]")).isEmpty());
    browser.driver().findElement(search).sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.BACK_SPACE);
    pickTag(responders, "Dave (demo) (dave)");
    pickTag(responders, "Frank Fixer (frank)");
    assertThat(browser.driver().findElements(By.xpath(responders + "//*[contains(concat(' ', normalize-space(@class), ' '), ' fjs-taglist-tag ')]"))
        .stream().map(tag -> tag.getText().trim()).toList()).containsExactly("Dave (demo) (dave)", "Frank Fixer (frank)");

    // the communications officer: a select of the communications group
    choose("Public communications officer", "Carol (demo) (carol)");
    browser.type(TasklistBrowser.formInput("Incident objective"), "Stop the replay");
    complete();

    browser.waitUntil("the response to go on to 'Develop action plan'",
        () -> rest.findTask(supervisor, responseId, "Develop action plan"));
    assertThat(variable(responseId, "responders")).isEqualTo("dave, frank");
    assertThat(variable(responseId, "communicationsOfficer")).isEqualTo("carol");
    assertThat(variable(responseId, "warRoomChannel")).isEqualTo("#inc-choices");
    rest.completeTask(supervisor, responseId, "Develop action plan", Map.of("actionPlan", "pause; patch"));
    // each chosen responder is a candidate of the action plan, as a person of their own
    assertThat(rest.awaitTask("dave", responseId, "Execute action plan")).isNotNull();
    assertThat(rest.awaitTask("frank", responseId, "Execute action plan")).isNotNull();
  }

  // ---- filling form-js fields ------------------------------------------------------------------

  private void choose(String label, String option) {
    session.browser().choose(label, option);
  }

  private void pickTag(String field, String option) {
    session.browser().click(By.xpath(field + "//input[contains(@class,'fjs-taglist-input')]"), "the taglist " + field);
    session.browser().click(By.xpath(field + "//*[contains(concat(' ', normalize-space(@class), ' '), ' fjs-dropdownlist-item ')][normalize-space()='"
        + option + "']"), "the option '" + option + "'");
  }

  private void complete() {
    session.browser().complete();
  }

  /** Opens the task from "My tasks" (loaded afresh, so that a task offered since is listed). */
  private void openTask(String taskName, String incidentId) {
    session.browser().driver().navigate().refresh();
    session.browser().click(TasklistBrowser.filter("My tasks"), "the filter 'My tasks'");
    session.browser().click(By.xpath(TasklistBrowser.taskCard(taskName, incidentId) + "//h4/a"),
        "the task '" + taskName + "' of incident " + incidentId);
  }

  private String responseOf(String incidentId) {
    return jdbc.queryForObject("select response_process_instance_id from incident where id = ?", String.class,
        incidentId);
  }

  private Object variable(String processInstanceId, String name) {
    return runtime.getVariable(processInstanceId, name);
  }

  private static String shortId() {
    return UUID.randomUUID().toString().substring(0, 8);
  }
}
