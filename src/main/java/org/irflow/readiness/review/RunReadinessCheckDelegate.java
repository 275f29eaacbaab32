package org.irflow.readiness.review;

import static org.irflow.process.ReadinessVariables.GAP_COUNT;
import static org.irflow.process.ReadinessVariables.READINESS_CHECK;
import static org.irflow.process.ReadinessVariables.REVIEW_ID;

import java.time.Clock;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Runs the ReadinessCheck named by the service task's input {@code readinessCheck} and stores its
 * findings with the review; {@code gapCount} is the number of open gaps so far.
 */
@Component("runReadinessCheckDelegate")
public class RunReadinessCheckDelegate implements JavaDelegate {

  private final List<ReadinessCheck> checks;
  private final ReadinessReviews reviews;
  private final Clock clock;

  public RunReadinessCheckDelegate(List<ReadinessCheck> checks, ReadinessReviews reviews, Clock clock) {
    this.checks = checks;
    this.reviews = reviews;
    this.clock = clock;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String checkId = (String) execution.getVariable(READINESS_CHECK);
    ReadinessCheck check = checks.stream().filter(c -> c.id().equals(checkId)).findFirst()
        .orElseThrow(() -> new IllegalStateException("no readiness check '" + checkId + "'; known: "
            + checks.stream().map(ReadinessCheck::id).toList()));
    Object reviewId = execution.getVariable(REVIEW_ID);
    reviews.addFindings(((Number) reviewId).longValue(), check.id(), check.run(clock.instant()));
    execution.setVariable(GAP_COUNT, reviews.openGapCount(reviewId));
  }
}
