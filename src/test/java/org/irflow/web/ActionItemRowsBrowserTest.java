package org.irflow.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.irflow.support.BrowserSession;
import org.irflow.support.IncidentJourney;
import org.irflow.support.RestClient;
import org.irflow.support.RunningApplicationTest;
import org.irflow.support.TasklistBrowser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The post-mortem's action items entered in a real (headless) Chromium as the supervisor enters them:
 * one row per round of "Add an action item" (a title, a priority and an owner picked from lists, a
 * committed date from the date picker, the optional tick), then "that's all". Nobody types a user id or
 * a line format. The steps before the post-mortem are taken through the REST API ({@link IncidentJourney}).
 */
class ActionItemRowsBrowserTest extends RunningApplicationTest {

  @Autowired JdbcTemplate jdbc;

  @RegisterExtension
  final BrowserSession session = new BrowserSession();

  @Test
  void theSupervisorAddsTwoActionItemsAsRows() {
    RestClient rest = new RestClient(baseUrl());
    IncidentJourney journey = new IncidentJourney(rest, jdbc);
    String supervisor = journey.supervisorOnCall();
    String incidentId = journey.resolveSev1(supervisor, "Action items as rows " + UUID.randomUUID().toString().substring(0, 8));
    String postMortemId = journey.draftPostMortem(supervisor, incidentId);
    LocalDate first = LocalDate.now(ZoneOffset.UTC).plusDays(60);
    LocalDate second = first.plusDays(14);

    TasklistBrowser browser = session.browser();
    browser.logIn(baseUrl(), supervisor);
    openAddActionItem(incidentId);
    assertThat(browser.valueOf(TasklistBrowser.formInput("Action items so far"))).isEqualTo("No action items yet.");
    browser.type(TasklistBrowser.formInput("Title"), "Bind signatures to the chain id");
    browser.choose("Priority", "P1: first");
    browser.choose("Owner", "Dave (demo) (dave)");
    browser.pickDate(first);
    browser.pickRadio("Next step", "Add this item, then another");
    browser.complete();

    rest.awaitTask(supervisor, postMortemId, "Add an action item");
    openAddActionItem(incidentId);
    browser.waitUntil("the first item listed above the fields", () -> browser.valueOf(
        TasklistBrowser.formInput("Action items so far")).equals("1. Bind signatures to the chain id: P1, Dave (demo)"
        + " (dave), committed by " + first));
    // the round starts empty: nothing of the first item is offered again
    assertThat(browser.valueOf(TasklistBrowser.formInput("Title"))).isEmpty();
    browser.type(TasklistBrowser.formInput("Title"), "Blog post on replay attacks");
    browser.choose("Priority", "P3: when there is time");
    browser.choose("Owner", "Carol (demo) (carol)");
    browser.pickDate(second);
    browser.click(By.xpath(TasklistBrowser.formField("Optional: it does not hold the post-mortem open") + "//input"),
        "the tick 'Optional'");
    browser.pickRadio("Next step", "Add this item; that's all");
    browser.complete();

    List<Map<String, Object>> items = browser.waitUntil("both action items stored", () -> {
      List<Map<String, Object>> rows = jdbc.queryForList("select title, priority, owner_id, due_date, optional_item"
          + " from action_item where incident_id = ? order by item_number", incidentId);
      return rows.size() == 2 ? rows : null;
    });
    assertThat(items).extracting(row -> row.get("title") + " | " + row.get("priority") + " | " + row.get("owner_id")
            + " | " + row.get("due_date") + " | " + row.get("optional_item"))
        .containsExactly("Bind signatures to the chain id | P1 | dave | " + first + " | false",
            "Blog post on replay attacks | P3 | carol | " + second + " | true");
    assertThat(rest.awaitTask("dave", processOfItem(incidentId, 1), "Complete action item")).isNotNull();
  }

  private void openAddActionItem(String incidentId) {
    TasklistBrowser browser = session.browser();
    browser.openTask("My tasks", "Add an action item", incidentId);
    browser.waitUntil("the form of incident " + incidentId,
        () -> incidentId.equals(browser.valueOf(TasklistBrowser.formInput("Incident"))));
  }

  private String processOfItem(String incidentId, int number) {
    return jdbc.queryForObject("select process_instance_id from action_item where incident_id = ? and item_number = ?",
        String.class, incidentId, number);
  }
}
