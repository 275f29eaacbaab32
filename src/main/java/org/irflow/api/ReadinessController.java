package org.irflow.api;

import java.util.List;
import org.irflow.api.ApiExceptionHandler.BadRequest;
import org.irflow.readiness.review.ReadinessReviews;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Monthly readiness reviews with their gaps, pending items and assessment, newest first. */
@RestController
@RequestMapping("/api/readiness-reviews")
public class ReadinessController {

  private static final int MAX_LIMIT = 120;

  private final ReadinessReviews reviews;
  private final CurrentUser currentUser;

  public ReadinessController(ReadinessReviews reviews, CurrentUser currentUser) {
    this.reviews = reviews;
    this.currentUser = currentUser;
  }

  @GetMapping
  public List<ReadinessReviews.Review> list(@RequestParam(defaultValue = "12") int limit) {
    currentUser.requireProgrammeMember();
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new BadRequest("limit", "limit must be between 1 and " + MAX_LIMIT);
    }
    return reviews.list(limit);
  }

  @GetMapping("/{reviewId}")
  public ReadinessReviews.Review get(@PathVariable long reviewId) {
    currentUser.requireProgrammeMember();
    return reviews.get(reviewId);
  }
}
