package org.irflow.postmortem;

import static org.irflow.process.PostMortemVariables.ACTION_ITEMS;
import static org.irflow.process.PostMortemVariables.ACTION_ITEM_DUE_DATE;
import static org.irflow.process.PostMortemVariables.ACTION_ITEM_ID;
import static org.irflow.process.PostMortemVariables.ACTION_ITEM_KIND;
import static org.irflow.process.PostMortemVariables.ACTION_ITEM_OWNER;
import static org.irflow.process.PostMortemVariables.ACTION_ITEM_PRIORITY;
import static org.irflow.process.PostMortemVariables.ACTION_ITEM_PROCESS;
import static org.irflow.process.PostMortemVariables.ACTION_ITEM_SUMMARY;
import static org.irflow.process.PostMortemVariables.ACTION_ITEM_TITLE;
import static org.irflow.process.PostMortemVariables.COMMITTED_ITEMS_OPEN;
import static org.irflow.process.PostMortemVariables.NO_ACTION_ITEMS;
import static org.irflow.process.PostMortemVariables.PRIMARY_SUPERVISOR;
import static org.irflow.process.Variables.INCIDENT_ID;
import static org.irflow.process.Variables.INCIDENT_TITLE;

import java.time.LocalDate;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.variable.Variables;
import org.irflow.process.EngineAccess;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * Stores the action items listed in the loop "Add an action item" and starts one ActionItemProcess per
 * item (business key: the incident id). The form rule has checked every item already.
 */
@Component("createActionItemsDelegate")
public class CreateActionItemsDelegate implements JavaDelegate {

  private final PostMortemService postMortems;
  private final RuntimeService runtime;
  private final IdentityService identity;

  public CreateActionItemsDelegate(PostMortemService postMortems, @Lazy RuntimeService runtime,
      @Lazy IdentityService identity) {
    this.postMortems = postMortems;
    this.runtime = runtime;
    this.identity = identity;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String incidentId = (String) execution.getVariable(INCIDENT_ID);
    String supervisor = (String) execution.getVariable(PRIMARY_SUPERVISOR);
    ActionItemLines.Parsed parsed = ActionItemLines.parse(execution.getVariable(ACTION_ITEMS),
        ActionItemLines.Owners.ANYONE, LocalDate.MIN);
    if (!parsed.problems().isEmpty()) {
      throw new IllegalArgumentException("action items: " + String.join("; ", parsed.problems()));
    }
    List<ActionItem> items = postMortems.defineActionItems(incidentId, parsed.items(),
        Boolean.TRUE.equals(execution.getVariable(NO_ACTION_ITEMS)), Actor.of(identity, supervisor));
    for (ActionItem item : items) {
      if (item.processInstanceId() != null) {
        continue;
      }
      ProcessInstance started = EngineAccess.asProcess(() -> runtime.startProcessInstanceByKey(
          ACTION_ITEM_PROCESS, incidentId, Variables.createVariables()
              .putValue(INCIDENT_ID, incidentId)
              .putValue(INCIDENT_TITLE, execution.getVariable(INCIDENT_TITLE))
              .putValue(PRIMARY_SUPERVISOR, supervisor)
              .putValue(ACTION_ITEM_ID, item.id())
              .putValue(ACTION_ITEM_TITLE, item.title())
              .putValue(ACTION_ITEM_PRIORITY, item.priority())
              .putValue(ACTION_ITEM_OWNER, item.owner())
              .putValue(ACTION_ITEM_DUE_DATE, item.dueDate().toString())
              .putValue(ACTION_ITEM_KIND, item.optional() ? "optional" : "committed")));
      postMortems.actionItemStarted(item.id(), started.getId());
    }
    execution.setVariable(COMMITTED_ITEMS_OPEN, !postMortems.openCommitted(incidentId).isEmpty());
    execution.setVariable(ACTION_ITEM_SUMMARY, postMortems.summary(incidentId));
  }
}
