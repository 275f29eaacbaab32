package org.irflow.readiness.planreview;

import static org.irflow.process.PlanReviewVariables.PLAN_REVIEW_ID;

import java.util.List;
import java.util.TreeSet;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.identity.User;
import org.irflow.process.EngineAccess;
import org.irflow.security.Groups;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * Distributes the recorded plan changes to every member of the response groups (IR-8: "communicates
 * ... changes to incident response personnel"); recorded on the review row, nothing is sent yet.
 */
@Component("distributePlanChangesDelegate")
public class DistributePlanChangesDelegate implements JavaDelegate {

  private final PlanReviewService reviews;
  private final IdentityService identity;

  public DistributePlanChangesDelegate(PlanReviewService reviews, @Lazy IdentityService identity) {
    this.reviews = reviews;
    this.identity = identity;
  }

  @Override
  public void execute(DelegateExecution execution) {
    long reviewId = ((Number) execution.getVariable(PLAN_REVIEW_ID)).longValue();
    reviews.distribute(reviewId, responseTeam());
  }

  /** Members of the programme's groups, sorted; read for the process, whoever completed the task. */
  List<String> responseTeam() {
    return EngineAccess.asProcess(() -> {
      TreeSet<String> members = new TreeSet<>();
      for (String group : Groups.PROGRAMME) {
        identity.createUserQuery().memberOfGroup(group).list().stream().map(User::getId)
            .forEach(members::add);
      }
      return List.copyOf(members);
    });
  }
}
