package org.irflow.postmortem;

import static org.irflow.process.PostMortemVariables.ACTION_ITEM_SUMMARY;
import static org.irflow.process.PostMortemVariables.POST_MORTEM_SUMMARY;
import static org.irflow.process.PostMortemVariables.POST_MORTEM_TIMELINE;
import static org.irflow.process.PostMortemVariables.PUBLICATION_DECISION;
import static org.irflow.process.PostMortemVariables.PUBLISHED_WHERE;
import static org.irflow.process.PostMortemVariables.REVIEW_NOTES;
import static org.irflow.process.PostMortemVariables.ROOT_CAUSE;
import static org.irflow.process.PostMortemVariables.WENT_WELL;
import static org.irflow.process.PostMortemVariables.WENT_WRONG;
import static org.irflow.process.PostMortemVariables.WITHHOLD_REASON;
import static org.irflow.process.Variables.INCIDENT_ID;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/** Task listeners of the post-mortem that carry what was entered into its record. */
@Component("postMortemRecorder")
public class PostMortemRecorder {

  private final PostMortemService postMortems;
  private final IdentityService identity;

  public PostMortemRecorder(PostMortemService postMortems, @Lazy IdentityService identity) {
    this.postMortems = postMortems;
    this.identity = identity;
  }

  public void drafted(DelegateTask task) {
    postMortems.draft(incidentId(task), text(task, POST_MORTEM_SUMMARY), text(task, POST_MORTEM_TIMELINE),
        text(task, ROOT_CAUSE), text(task, WENT_WELL), text(task, WENT_WRONG), actor(task));
  }

  public void reviewed(DelegateTask task) {
    postMortems.reviewed(incidentId(task), text(task, REVIEW_NOTES), actor(task));
  }

  public void publicationDecided(DelegateTask task) {
    boolean publish = "PUBLISH".equals(task.getVariable(PUBLICATION_DECISION));
    postMortems.decidePublication(incidentId(task), publish ? Publication.PUBLISHED : Publication.WITHHELD,
        publish ? text(task, PUBLISHED_WHERE) : null, publish ? null : text(task, WITHHOLD_REASON), actor(task));
  }

  /** Shows the current state of the action items on a task as it is created. */
  public void refreshSummary(DelegateTask task) {
    task.setVariable(ACTION_ITEM_SUMMARY, postMortems.summary(incidentId(task)));
  }

  private static String incidentId(DelegateTask task) {
    return (String) task.getVariable(INCIDENT_ID);
  }

  private static String text(DelegateTask task, String name) {
    Object value = task.getVariable(name);
    return value == null ? null : value.toString();
  }

  private String actor(DelegateTask task) {
    return Actor.of(identity, task.getAssignee());
  }
}
