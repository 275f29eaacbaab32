package org.irflow.triage;

import static org.irflow.process.Variables.ESCALATE_AFTER;
import static org.irflow.process.Variables.EVENT_ID;
import static org.irflow.process.Variables.EVENT_TITLE;
import static org.irflow.process.Variables.ON_CALL_PRIMARY;
import static org.irflow.process.Variables.ON_CALL_SECONDARY;
import static org.irflow.process.Variables.SEVERITY;

import java.util.List;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.task.Task;
import org.irflow.comms.OutboundMessage;
import org.irflow.comms.OutboundMessage.Channel;
import org.irflow.comms.OutboundMessages;
import org.irflow.incident.Timeline;
import org.irflow.incident.TimelineKind;
import org.irflow.process.Actors;
import org.irflow.process.DrillVariables;
import org.irflow.process.EngineAccess;
import org.irflow.security.Groups;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/** The triage was not done in time: the secondary on-call supervisor gets the task. */
@Component("escalateTriageDelegate")
public class EscalateTriageDelegate implements JavaDelegate {

  static final String TRIAGE_TASK = "Task_TriageEvent";

  private final TaskService tasks;
  private final Timeline timeline;
  private final OutboundMessages messages;

  public EscalateTriageDelegate(@Lazy TaskService tasks, Timeline timeline, OutboundMessages messages) {
    this.tasks = tasks;
    this.timeline = timeline;
    this.messages = messages;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String secondary = (String) execution.getVariable(ON_CALL_SECONDARY);
    String primary = (String) execution.getVariable(ON_CALL_PRIMARY);
    Task triage = tasks.createTaskQuery().processInstanceId(execution.getProcessInstanceId())
        .taskDefinitionKey(TRIAGE_TASK).singleResult();
    if (triage == null) {
      return;
    }
    // no secondary on call: the whole group sees the task
    EngineAccess.asProcess(() -> tasks.setAssignee(triage.getId(), secondary));
    timeline.append(new Timeline.Source(null, (Long) execution.getVariable(EVENT_ID),
            execution.getProcessInstanceId(), execution.getCurrentActivityId()),
        TimelineKind.ESCALATION, Actors.SYSTEM,
        "Triage not done by " + primary + " within " + execution.getVariable(ESCALATE_AFTER)
            + "; handed to " + (secondary == null ? "the incident-commanders group (no secondary on call)"
            : "secondary " + secondary), null);
    // the secondary may not be looking at Tasklist: page them (the group when nobody is on call)
    messages.send(new OutboundMessage(null, Channel.PAGE,
        List.of(secondary == null ? Groups.INCIDENT_COMMANDERS : secondary),
        "Triage overdue: " + execution.getVariable(EVENT_TITLE),
        "Not triaged by " + primary + " within " + execution.getVariable(ESCALATE_AFTER) + ". Open \"Triage event\""
            + " in Tasklist (event " + execution.getVariable(EVENT_ID) + ").",
        (String) execution.getVariable(SEVERITY), Boolean.TRUE.equals(execution.getVariable(DrillVariables.DRILL))),
        secondary == null ? primary : secondary);
  }
}
