package org.irflow.postmortem;

import static org.irflow.process.PostMortemVariables.DRILL;
import static org.irflow.process.PostMortemVariables.POST_MORTEM_PROCESS;
import static org.irflow.process.Variables.EVENT_ID;
import static org.irflow.process.Variables.INCIDENT_ID;
import static org.irflow.process.Variables.INCIDENT_TITLE;
import static org.irflow.process.Variables.RESOLUTION_SUMMARY;
import static org.irflow.process.Variables.SEVERITY;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.variable.Variables;
import org.irflow.process.EngineAccess;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/** The response owes a post-mortem: starts PostMortemProcess with the incident id as business key. */
@Component("startPostMortemDelegate")
public class StartPostMortemDelegate implements JavaDelegate {

  private final RuntimeService runtime;

  public StartPostMortemDelegate(@Lazy RuntimeService runtime) {
    this.runtime = runtime;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String incidentId = (String) execution.getVariable(INCIDENT_ID);
    EngineAccess.asProcess(() -> runtime.startProcessInstanceByKey(POST_MORTEM_PROCESS, incidentId,
        Variables.createVariables()
            .putValue(INCIDENT_ID, incidentId)
            .putValue(EVENT_ID, execution.getVariable(EVENT_ID))
            .putValue(INCIDENT_TITLE, execution.getVariable(INCIDENT_TITLE))
            .putValue(SEVERITY, execution.getVariable(SEVERITY))
            .putValue(RESOLUTION_SUMMARY, execution.getVariable(RESOLUTION_SUMMARY))
            .putValue(DRILL, Boolean.TRUE.equals(execution.getVariable(DRILL)))));
  }
}
