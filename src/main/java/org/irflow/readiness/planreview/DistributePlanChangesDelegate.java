package org.irflow.readiness.planreview;

import static org.irflow.process.PlanReviewVariables.PLAN_REVIEW_ID;

import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.irflow.security.GroupMembers;
import org.irflow.security.Groups;
import org.springframework.stereotype.Component;

/**
 * Distributes the recorded plan changes to every member of the response groups (IR-8: "communicates
 * ... changes to incident response personnel"); recorded on the review row, nothing is sent yet.
 */
@Component("distributePlanChangesDelegate")
public class DistributePlanChangesDelegate implements JavaDelegate {

  private final PlanReviewService reviews;
  private final GroupMembers members;

  public DistributePlanChangesDelegate(PlanReviewService reviews, GroupMembers members) {
    this.reviews = reviews;
    this.members = members;
  }

  @Override
  public void execute(DelegateExecution execution) {
    long reviewId = ((Number) execution.getVariable(PLAN_REVIEW_ID)).longValue();
    reviews.distribute(reviewId, responseTeam());
  }

  /** Members of the programme's groups, sorted; read for the process, whoever completed the task. */
  List<String> responseTeam() {
    return members.of(Groups.PROGRAMME);
  }
}
