package org.irflow.readiness.planreview;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.irflow.process.CadenceProperties;
import org.springframework.stereotype.Component;

/**
 * The yearly plan review's timer cycle, for the timer start event of ResponsePlanReviewProcess:
 * {@code ${planReviewCalendar.yearlyCycle}}, e.g. {@code R/2026-11-22T08:13:06Z/P1Y}.
 *
 * <p>A timer start event's expression is evaluated when its model version is deployed. A bare
 * {@code R/P1Y} would count from each deployment, and the starter redeploys every model when any
 * one changes: a plan changed more often than yearly would never be reviewed. The cycle is therefore
 * anchored on the last completed review (or, before the first, on the instant this was first
 * asked, kept in plan_review_cycle): a redeployment computes the same next due date.
 */
@Component("planReviewCalendar")
public class PlanReviewCalendar {

  private final PlanReviews reviews;
  private final CadenceProperties cadences;
  private final Clock clock;

  public PlanReviewCalendar(PlanReviews reviews, CadenceProperties cadences, Clock clock) {
    this.reviews = reviews;
    this.cadences = cadences;
    this.clock = clock;
  }

  public String getYearlyCycle() {
    Instant anchor = reviews.lastCompletedAt()
        .orElseGet(() -> reviews.cycleAnchor(clock.instant()))
        .truncatedTo(ChronoUnit.SECONDS);
    return "R/" + anchor + "/" + cadences.planReview();
  }
}
