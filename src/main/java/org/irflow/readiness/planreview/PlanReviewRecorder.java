package org.irflow.readiness.planreview;

import static org.irflow.process.PlanReviewVariables.CHANGES_DECIDED;
import static org.irflow.process.PlanReviewVariables.PLAN_CHANGES;
import static org.irflow.process.PlanReviewVariables.PLAN_REVIEW_ID;
import static org.irflow.process.PlanReviewVariables.REVIEW_NOTES;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.irflow.process.Actors;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/** Task listeners of ResponsePlanReviewProcess: what the managers entered goes to the review row. */
@Component("planReviewRecorder")
public class PlanReviewRecorder {

  private final PlanReviewService reviews;
  private final IdentityService identity;

  public PlanReviewRecorder(PlanReviewService reviews, @Lazy IdentityService identity) {
    this.reviews = reviews;
    this.identity = identity;
  }

  /** "Review response plan" completed. */
  public void reviewed(DelegateTask task) {
    reviews.reviewed(reviewId(task), actor(task), (String) task.getVariable(REVIEW_NOTES),
        (String) task.getVariable(CHANGES_DECIDED));
  }

  /** "Record plan changes" completed. */
  public void changesRecorded(DelegateTask task) {
    reviews.changesRecorded(reviewId(task), actor(task), (String) task.getVariable(PLAN_CHANGES));
  }

  private static long reviewId(DelegateTask task) {
    return ((Number) task.getVariable(PLAN_REVIEW_ID)).longValue();
  }

  private String actor(DelegateTask task) {
    String actor = Actors.current(identity);
    return Actors.SYSTEM.equals(actor) && task.getAssignee() != null ? task.getAssignee() : actor;
  }
}
