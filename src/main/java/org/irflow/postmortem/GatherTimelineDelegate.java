package org.irflow.postmortem;

import static org.irflow.process.PostMortemVariables.DRILL;
import static org.irflow.process.PostMortemVariables.POST_MORTEM_TIMELINE;
import static org.irflow.process.PostMortemVariables.PRIMARY_SUPERVISOR;
import static org.irflow.process.PostMortemVariables.TIMELINE_VARIABLE_MAX;
import static org.irflow.process.Variables.INCIDENT_ID;
import static org.irflow.process.Variables.INCIDENT_TITLE;
import static org.irflow.process.Variables.OBJECTIVE;
import static org.irflow.process.Variables.SEVERITY;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.irflow.incident.Incident;
import org.irflow.incident.IncidentService;
import org.irflow.process.EngineAccess;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * Opens the post-mortem record with the incident's timeline (irflow's records plus the response's
 * course from the engine history) and pre-fills the draft. The full timeline stays in the table;
 * the form variable carries at most {@value org.irflow.process.PostMortemVariables#TIMELINE_VARIABLE_MAX}
 * characters of it.
 */
@Component("gatherTimelineDelegate")
public class GatherTimelineDelegate implements JavaDelegate {

  private final PostMortemService postMortems;
  private final IncidentService incidents;
  private final HistoryService history;

  public GatherTimelineDelegate(PostMortemService postMortems, IncidentService incidents,
      @Lazy HistoryService history) {
    this.postMortems = postMortems;
    this.incidents = incidents;
    this.history = history;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String incidentId = (String) execution.getVariable(INCIDENT_ID);
    Incident incident = incidents.get(incidentId);
    PostMortem postMortem = postMortems.start(incidentId, execution.getProcessInstanceId(),
        Boolean.TRUE.equals(execution.getVariable(DRILL)), responseHistory(incident));
    execution.setVariable(DRILL, postMortem.drill());
    execution.setVariable(PRIMARY_SUPERVISOR, postMortem.primarySupervisor());
    execution.setVariable(INCIDENT_TITLE, incident.title());
    execution.setVariable(SEVERITY, incident.severity().name());
    execution.setVariable(OBJECTIVE, incident.objective());
    execution.setVariable(POST_MORTEM_TIMELINE,
        TimelineDraft.excerpt(postMortem.gatheredTimeline(), TIMELINE_VARIABLE_MAX));
  }

  /** The response's start and end and how often the action plan was executed, from the engine history. */
  private List<TimelineDraft.Line> responseHistory(Incident incident) {
    List<TimelineDraft.Line> lines = new ArrayList<>();
    String responseId = incident.responseProcessInstanceId();
    if (responseId == null) {
      return lines;
    }
    EngineAccess.asProcess(() -> {
      HistoricProcessInstance response = history.createHistoricProcessInstanceQuery()
          .processInstanceId(responseId).singleResult();
      if (response == null) {
        return;
      }
      lines.add(new TimelineDraft.Line(response.getStartTime().toInstant(), "Response process started"));
      long executions = history.createHistoricActivityInstanceQuery().processInstanceId(responseId)
          .activityId("Task_ExecuteActionPlan").finished().count();
      if (response.getEndTime() != null) {
        lines.add(new TimelineDraft.Line(response.getEndTime().toInstant(),
            "Response process ended; the action plan was executed " + executions + " time(s)"));
      }
    });
    return lines;
  }
}
