package org.irflow.api;

import java.util.List;
import org.irflow.api.ApiExceptionHandler.BadRequest;
import org.irflow.readiness.planreview.PlanReview;
import org.irflow.readiness.planreview.PlanReviewService;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Response plan reviews (IR-8), newest first. */
@RestController
@RequestMapping("/api/plan-reviews")
public class PlanReviewController {

  private static final int MAX_LIMIT = 500;

  private final PlanReviewService reviews;
  private final CurrentUser currentUser;

  public PlanReviewController(PlanReviewService reviews, CurrentUser currentUser) {
    this.reviews = reviews;
    this.currentUser = currentUser;
  }

  @GetMapping
  public List<PlanReview> list(@RequestParam(defaultValue = "100") int limit) {
    currentUser.requireProgrammeMember();
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new BadRequest("limit", "limit must be between 1 and " + MAX_LIMIT);
    }
    return reviews.list(limit);
  }
}
