package org.irflow.postmortem;

import static org.irflow.process.PostMortemVariables.ACTION_ITEM_ID;
import static org.irflow.process.PostMortemVariables.ACTION_ITEM_OWNER;
import static org.irflow.process.PostMortemVariables.COMPLETION_NOTES;
import static org.irflow.process.PostMortemVariables.FOLLOW_UP_NOTES;
import static org.irflow.process.PostMortemVariables.MESSAGE_COMMITTED_ITEMS_CLOSED;
import static org.irflow.process.PostMortemVariables.PRIMARY_SUPERVISOR;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/** The service tasks of ActionItemProcess: each records what happened to the item. */
final class ActionItemDelegates {

  private ActionItemDelegates() {}

  static long itemId(DelegateExecution execution) {
    return ((Number) execution.getVariable(ACTION_ITEM_ID)).longValue();
  }

  /**
   * After an item was done or waived: when no committed item of the incident is open any more, the
   * post-mortem's weekly reviews end and "Close post-mortem" is offered (once the publication is
   * decided). A post-mortem no longer waiting for it (closed, or reviews ended) is not disturbed.
   */
  static void tellPostMortemWhenCommittedItemsClosed(PostMortemService postMortems, DelegateExecution execution) {
    postMortems.postMortemToTellOfClosure(itemId(execution)).ifPresent(postMortem ->
        execution.getProcessEngineServices().getRuntimeService()
            .createMessageCorrelation(MESSAGE_COMMITTED_ITEMS_CLOSED)
            .processInstanceId(postMortem)
            .correlateAllWithResult());
  }

  /** The owner reports the item done. */
  @Component("recordActionItemDoneDelegate")
  static class Done implements JavaDelegate {
    private final PostMortemService postMortems;
    private final IdentityService identity;

    Done(PostMortemService postMortems, @Lazy IdentityService identity) {
      this.postMortems = postMortems;
      this.identity = identity;
    }

    @Override
    public void execute(DelegateExecution execution) {
      postMortems.done(itemId(execution), Actor.of(identity, (String) execution.getVariable(ACTION_ITEM_OWNER)),
          (String) execution.getVariable(COMPLETION_NOTES));
      tellPostMortemWhenCommittedItemsClosed(postMortems, execution);
    }
  }

  /**
   * The item is waived: by its owner (optional items only, reason in the completion notes) or by the
   * primary supervisor following up an overdue item (reason in the follow-up notes).
   */
  @Component("recordActionItemWaiverDelegate")
  static class Waiver implements JavaDelegate {
    static final String BY_SUPERVISOR = "Task_RecordSupervisorWaiver";
    private final PostMortemService postMortems;
    private final IdentityService identity;

    Waiver(PostMortemService postMortems, @Lazy IdentityService identity) {
      this.postMortems = postMortems;
      this.identity = identity;
    }

    @Override
    public void execute(DelegateExecution execution) {
      boolean bySupervisor = BY_SUPERVISOR.equals(execution.getCurrentActivityId());
      String fallback = (String) execution.getVariable(bySupervisor ? PRIMARY_SUPERVISOR : ACTION_ITEM_OWNER);
      String reason = (String) execution.getVariable(bySupervisor ? FOLLOW_UP_NOTES : COMPLETION_NOTES);
      postMortems.waive(itemId(execution), Actor.of(identity, fallback), reason);
      tellPostMortemWhenCommittedItemsClosed(postMortems, execution);
    }
  }

  /** The committed date comes near: the owner is reminded (recorded; e-mail comes later). */
  @Component("remindActionItemOwnerDelegate")
  static class Reminder implements JavaDelegate {
    private final PostMortemService postMortems;

    Reminder(PostMortemService postMortems) {
      this.postMortems = postMortems;
    }

    @Override
    public void execute(DelegateExecution execution) {
      postMortems.reminded(itemId(execution), execution.getProcessInstanceId());
    }
  }

  /** The committed date has passed: the primary supervisor follows up. */
  @Component("recordActionItemOverdueDelegate")
  static class Overdue implements JavaDelegate {
    private final PostMortemService postMortems;

    Overdue(PostMortemService postMortems) {
      this.postMortems = postMortems;
    }

    @Override
    public void execute(DelegateExecution execution) {
      postMortems.overdue(itemId(execution), execution.getProcessInstanceId());
    }
  }
}
