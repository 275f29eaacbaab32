package org.irflow.postmortem;

import static org.irflow.process.PostMortemVariables.ACTION_ITEM_SUMMARY;
import static org.irflow.process.PostMortemVariables.COMMITTED_ITEMS_OPEN;
import static org.irflow.process.Variables.INCIDENT_ID;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Weekly: are committed action items still open? And the state of every item, for the review. */
@Component("checkActionItemsDelegate")
public class CheckActionItemsDelegate implements JavaDelegate {

  private final PostMortemService postMortems;

  public CheckActionItemsDelegate(PostMortemService postMortems) {
    this.postMortems = postMortems;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String incidentId = (String) execution.getVariable(INCIDENT_ID);
    execution.setVariable(COMMITTED_ITEMS_OPEN, !postMortems.openCommitted(incidentId).isEmpty());
    execution.setVariable(ACTION_ITEM_SUMMARY, postMortems.summary(incidentId));
  }
}
