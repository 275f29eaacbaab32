package org.irflow.response;

import static org.irflow.process.Variables.COMMUNICATIONS_OFFICER;
import static org.irflow.process.Variables.INCIDENT_ID;
import static org.irflow.process.Variables.INCIDENT_SUPERVISOR;
import static org.irflow.process.Variables.PUBLIC_UPDATE_TEXT;
import static org.irflow.process.Variables.PUBLIC_UPDATE_TITLE;
import static org.irflow.process.Variables.SEVERITY;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.irflow.comms.PublicUpdates;
import org.irflow.process.DrillVariables;
import org.springframework.stereotype.Component;

/** The supervisor approved the public update: it goes to every configured public channel. */
@Component("publishPublicUpdateDelegate")
public class PublishPublicUpdateDelegate implements JavaDelegate {

  private final PublicUpdates publicUpdates;

  public PublishPublicUpdateDelegate(PublicUpdates publicUpdates) {
    this.publicUpdates = publicUpdates;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String officer = (String) execution.getVariable(COMMUNICATIONS_OFFICER);
    publicUpdates.publish((String) execution.getVariable(INCIDENT_ID),
        (String) execution.getVariable(PUBLIC_UPDATE_TITLE), (String) execution.getVariable(PUBLIC_UPDATE_TEXT),
        (String) execution.getVariable(SEVERITY), Boolean.TRUE.equals(execution.getVariable(DrillVariables.DRILL)),
        officer != null ? officer : (String) execution.getVariable(INCIDENT_SUPERVISOR));
  }
}
