package org.irflow.postmortem;

import static org.irflow.process.Variables.INCIDENT_ID;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.irflow.process.Actors;
import org.springframework.stereotype.Component;

/** A drill's post-mortem needs no publication decision: it is published internally. */
@Component("recordInternalPublicationDelegate")
public class RecordInternalPublicationDelegate implements JavaDelegate {

  private final PostMortemService postMortems;

  public RecordInternalPublicationDelegate(PostMortemService postMortems) {
    this.postMortems = postMortems;
  }

  @Override
  public void execute(DelegateExecution execution) {
    postMortems.decidePublication((String) execution.getVariable(INCIDENT_ID), Publication.INTERNAL,
        "internal (drill)", null, Actors.SYSTEM);
  }
}
