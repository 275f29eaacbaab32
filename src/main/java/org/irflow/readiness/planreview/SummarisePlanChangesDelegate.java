package org.irflow.readiness.planreview;

import static org.irflow.process.PlanReviewVariables.DRILL_INCIDENT_ID;
import static org.irflow.process.PlanReviewVariables.PLAN_CHANGES_SUMMARY;
import static org.irflow.process.PlanReviewVariables.PLAN_REVIEW_ID;
import static org.irflow.process.PlanReviewVariables.PLAN_REVIEW_REASON;

import java.time.Instant;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Opens the review: the process and decision versions deployed since the last completed review,
 * stored with the review row and shown in "Review response plan".
 */
@Component("summarisePlanChangesDelegate")
public class SummarisePlanChangesDelegate implements JavaDelegate {

  private final PlanReviewService reviews;
  private final PlanVersions versions;

  public SummarisePlanChangesDelegate(PlanReviewService reviews, PlanVersions versions) {
    this.reviews = reviews;
    this.versions = versions;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Instant since = reviews.lastCompletedAt();
    String drillIncidentId = (String) execution.getVariable(DRILL_INCIDENT_ID);
    PlanReviewService.Opened opened = reviews.open(drillIncidentId, execution.getProcessInstanceId(), since,
        versions.deployedSince(since));
    execution.setVariable(PLAN_REVIEW_ID, opened.reviewId());
    execution.setVariable(PLAN_REVIEW_REASON, opened.reason().name());
    execution.setVariable(PLAN_CHANGES_SUMMARY, opened.summary());
  }
}
