package org.irflow.process;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.history.event.HistoricDecisionEvaluationEvent;
import org.camunda.bpm.engine.impl.history.event.HistoricDecisionInstanceEntity;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;
import org.camunda.bpm.engine.history.HistoricDecisionInputInstance;
import org.camunda.bpm.engine.history.HistoricDecisionOutputInstance;
import org.irflow.incident.Timeline;
import org.irflow.incident.Timeline.Source;
import org.irflow.incident.TimelineKind;
import org.irflow.process.forms.FormSchemas;
import org.springframework.stereotype.Component;

/**
 * Writes every user task completion (who, when, what was entered) and every DMN decision (inputs
 * and outputs) to the timeline, for all models, without a listener in each model.
 */
@Component
public class TimelineListeners implements TaskListener, HistoryEventHandler {

  private final Timeline timeline;
  private final FormSchemas forms;
  private final ObjectMapper json;

  public TimelineListeners(Timeline timeline, FormSchemas forms, ObjectMapper json) {
    this.timeline = timeline;
    this.forms = forms;
    this.json = json;
  }

  /** A user task completes. */
  @Override
  public void notify(DelegateTask task) {
    String actor = currentUser();
    if (actor == null) {
      actor = task.getAssignee();
    }
    Map<String, Object> entered = new LinkedHashMap<>();
    forms.find(formIdOf(task)).ifPresent(form -> form.inputKeys()
        .forEach(key -> entered.put(key, task.getVariable(key))));
    Source source = new Source(
        (String) task.getVariable(Variables.INCIDENT_ID),
        eventIdOf(task.getVariable(Variables.EVENT_ID)),
        task.getProcessInstanceId(), task.getTaskDefinitionKey());
    if (source.incidentId() == null && source.eventId() == null) {
      // programme work outside any incident (training, readiness) keeps its own records
      return;
    }
    timeline.append(source, TimelineKind.TASK_COMPLETED, actor,
        "\"" + IncidentTaskNames.action(task) + "\" completed by " + actor, toJson(entered));
  }

  private static String formIdOf(DelegateTask task) {
    var taskEntity = (org.camunda.bpm.engine.impl.persistence.entity.TaskEntity) task;
    var definition = taskEntity.getTaskDefinition();
    if (definition == null || definition.getCamundaFormDefinitionKey() == null) {
      return null;
    }
    return definition.getCamundaFormDefinitionKey().getExpressionText();
  }

  /** A DMN decision was evaluated (history events of every other kind pass by). */
  @Override
  public void handleEvent(HistoryEvent event) {
    if (!(event instanceof HistoricDecisionEvaluationEvent evaluation)) {
      return;
    }
    HistoricDecisionInstanceEntity decision = evaluation.getRootHistoricDecisionInstance();
    if (decision.getProcessInstanceId() == null) {
      return;
    }
    Map<String, Object> inputs = new LinkedHashMap<>();
    for (HistoricDecisionInputInstance input : decision.getInputs()) {
      inputs.put(input.getClauseName(), input.getValue());
    }
    Map<String, Object> outputs = new LinkedHashMap<>();
    for (HistoricDecisionOutputInstance output : decision.getOutputs()) {
      outputs.put(output.getVariableName(), output.getValue());
    }
    String processInstanceId = decision.getProcessInstanceId();
    ExecutionEntity processInstance = Context.getCommandContext().getExecutionManager()
        .findExecutionById(processInstanceId);
    if (!takenByTheModel(processInstance, decision.getActivityId())) {
      return;
    }
    Source source = sourceOf(processInstance, decision.getActivityId());
    if (source == null) {
      return;
    }
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("decision", decision.getDecisionDefinitionKey());
    details.put("inputs", inputs);
    details.put("outputs", outputs);
    timeline.append(source, TimelineKind.DECISION, Actors.SYSTEM,
        decision.getDecisionDefinitionName() + ": " + outputs.entrySet().stream()
            .map(output -> output.getKey() + " " + output.getValue())
            .collect(java.util.stream.Collectors.joining(", ")), toJson(details));
  }

  /**
   * A decision of the model (its business rule task) goes on the timeline; the same table read while a
   * task is created (its urgency from the response policy) is a look-up, and repeating it for every task
   * would bury the incident's story.
   */
  private static boolean takenByTheModel(ExecutionEntity processInstance, String activityId) {
    if (processInstance == null || activityId == null) {
      return true;
    }
    ActivityImpl activity = processInstance.getProcessDefinition().findActivity(activityId);
    return activity == null || "businessRuleTask".equals(activity.getProperty("type"));
  }

  @Override
  public void handleEvents(List<HistoryEvent> historyEvents) {
    historyEvents.forEach(this::handleEvent);
  }

  private static String currentUser() {
    var commandContext = Context.getCommandContext();
    if (commandContext == null || commandContext.getAuthentication() == null) {
      return null;
    }
    return commandContext.getAuthentication().getUserId();
  }

  /**
   * Where an entry about a process instance belongs: its incident, or the event it triages; null for
   * programme work outside any incident (training, readiness), which keeps its own records.
   */
  public static Source sourceOf(ExecutionEntity processInstance, String activityId) {
    if (processInstance == null) {
      return null;
    }
    String incidentId = (String) processInstance.getVariable(Variables.INCIDENT_ID);
    Long eventId = eventIdOf(processInstance.getVariable(Variables.EVENT_ID));
    if (incidentId == null && eventId == null) {
      return null;
    }
    return new Source(incidentId, eventId, processInstance.getId(), activityId);
  }

  private static Long eventIdOf(Object value) {
    return value instanceof Number number ? number.longValue() : null;
  }

  private String toJson(Object value) {
    try {
      return json.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      return String.valueOf(value);
    }
  }
}
