package org.irflow.postmortem;

import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.Variables;
import org.irflow.incident.Incident;
import org.irflow.incident.IncidentService;
import org.irflow.incident.SecurityEvents.NewEvent;
import org.irflow.incident.Severity;
import org.irflow.process.PostMortemVariables;
import org.irflow.support.ProcessTest;
import org.springframework.beans.factory.annotation.Autowired;

/** Starts post-mortems of resolved incidents and walks them to their action items. */
abstract class PostMortemTestSupport extends ProcessTest {

  @Autowired IncidentService incidentService;
  @Autowired PostMortemService postMortemService;
  @Autowired ActionItems actionItems;
  @Autowired Clock clock;

  Incident incident;

  /** A resolved incident (alice its primary supervisor) and its post-mortem, waiting at the draft. */
  ProcessInstance startPostMortem(Severity severity, boolean drill) {
    long eventId = incidentService.recordReportedEvent(new NewEvent(clock.instant(), "dave", "MONITORING_ALERT",
        "Vault drain " + severity, "test event", "0xVault", severity.name(), null));
    incident = incidentService.declare(eventId, severity, "alice", "alice", drill);
    incidentService.stateObjective(incident.id(), "Stop the outflow and secure remaining funds", "alice");
    incidentService.resolve(incident.id(), "vault paused, funds traced", true, "alice");
    return runtime.startProcessInstanceByKey(PostMortemVariables.POST_MORTEM_PROCESS, incident.id(),
        Variables.createVariables().putValue("incidentId", incident.id())
            .putValue("incidentTitle", incident.title()).putValue("severity", severity.name())
            .putValue("resolutionSummary", "vault paused, funds traced").putValue("drill", drill));
  }

  void draft(ProcessInstance postMortem) {
    Task draft = openTask(postMortem, "Task_DraftPostMortem");
    Map<String, Object> values = new HashMap<>();
    values.put("postMortemSummary", "A signature replay drained part of the vault.");
    values.put("postMortemTimeline", runtime.getVariable(postMortem.getId(), "postMortemTimeline"));
    values.put("rootCause", "The verifier accepted replayed signatures.");
    values.put("wentWell", "Detection within minutes; pause within the hour.");
    values.put("wentWrong", "The pause needed three signers who were asleep.");
    submit(draft, values);
  }

  /** Several items at once, as an API user sends them in one round of "Add an action item", and that's all. */
  void defineItems(ProcessInstance postMortem, String lines) {
    submit(openTask(postMortem, "Task_AddActionItem"), Map.of("actionItemsToAdd", lines, "actionItemsNext", "ADD_LAST"));
  }

  /** One round of "Add an action item" as the form sends it: one item, and what comes next. */
  void addItem(ProcessInstance postMortem, String title, String priority, String owner, String committedDate,
      boolean optional, String next) {
    submit(openTask(postMortem, "Task_AddActionItem"), itemRound(title, priority, owner, committedDate, optional, next));
  }

  static Map<String, Object> itemRound(String title, String priority, String owner, String committedDate,
      boolean optional, String next) {
    Map<String, Object> values = new HashMap<>();
    values.put("newActionItemTitle", title);
    values.put("newActionItemPriority", priority);
    values.put("newActionItemOwner", owner);
    values.put("newActionItemCommittedDate", committedDate);
    values.put("newActionItemOptional", optional);
    values.put("actionItemsNext", next);
    return values;
  }

  /** A round that adds nothing: "That's all" or "Remove the last item in the list". */
  void nextStep(ProcessInstance postMortem, String next) {
    submit(openTask(postMortem, "Task_AddActionItem"), Map.of("actionItemsNext", next, "newActionItemOptional", false));
  }

  /** The ActionItemProcess of the incident's item with this number. */
  ProcessInstance itemProcess(int number) {
    ActionItem item = item(number);
    return runtime.createProcessInstanceQuery().processInstanceId(item.processInstanceId()).singleResult();
  }

  ActionItem item(int number) {
    List<ActionItem> items = actionItems.ofIncident(incident.id());
    return items.stream().filter(item -> item.number() == number).findFirst()
        .orElseThrow(() -> new AssertionError("no action item #" + number + " in " + items));
  }

  void completeItem(int number) {
    submit(openTask(item(number).processInstanceId(), "Task_CompleteActionItem"),
        Map.of("actionItemOutcome", "DONE", "completionNotes", "done and deployed"));
  }

  void decidePublish(ProcessInstance postMortem) {
    submit(openTask(postMortem, "Task_DecidePublication"),
        Map.of("publicationDecision", "PUBLISH", "publishedWhere", "https://blog.example.org/inc"));
  }
}
