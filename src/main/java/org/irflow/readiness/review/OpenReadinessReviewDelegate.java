package org.irflow.readiness.review;

import static org.irflow.process.ReadinessVariables.REVIEW_ID;

import java.time.Clock;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Creates this month's readiness_review row; the checks add their findings to it. */
@Component("openReadinessReviewDelegate")
public class OpenReadinessReviewDelegate implements JavaDelegate {

  private final ReadinessReviews reviews;
  private final Clock clock;

  public OpenReadinessReviewDelegate(ReadinessReviews reviews, Clock clock) {
    this.reviews = reviews;
    this.clock = clock;
  }

  @Override
  public void execute(DelegateExecution execution) {
    execution.setVariable(REVIEW_ID, reviews.open(execution.getProcessInstanceId(), clock.instant()));
  }
}
