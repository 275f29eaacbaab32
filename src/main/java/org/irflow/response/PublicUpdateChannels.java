package org.irflow.response;

import static org.irflow.process.Variables.INCIDENT_ID;
import static org.irflow.process.Variables.PUBLIC_UPDATE_TEXT;
import static org.irflow.process.Variables.PUBLIC_UPDATE_TITLE;
import static org.irflow.process.Variables.SEVERITY;

import org.camunda.bpm.engine.delegate.VariableScope;
import org.irflow.comms.OutboundPreview;
import org.irflow.comms.PublicUpdates;
import org.irflow.process.DrillVariables;
import org.irflow.process.forms.FormTextSource;
import org.springframework.stereotype.Component;

/** "Approve public update" says which public channels carry the update once approved, and which are not set up. */
@Component
public class PublicUpdateChannels implements FormTextSource {

  private final PublicUpdates publicUpdates;
  private final OutboundPreview preview;

  public PublicUpdateChannels(PublicUpdates publicUpdates, OutboundPreview preview) {
    this.publicUpdates = publicUpdates;
    this.preview = preview;
  }

  @Override
  public String name() {
    return "public-update-channels";
  }

  @Override
  public String text(VariableScope task) {
    return preview.lines(publicUpdates.messages((String) task.getVariable(INCIDENT_ID),
            (String) task.getVariable(PUBLIC_UPDATE_TITLE), (String) task.getVariable(PUBLIC_UPDATE_TEXT),
            (String) task.getVariable(SEVERITY), Boolean.TRUE.equals(task.getVariable(DrillVariables.DRILL))),
        "No public channel is set (irflow.comms.public-channels): the update is only recorded on the timeline");
  }
}
