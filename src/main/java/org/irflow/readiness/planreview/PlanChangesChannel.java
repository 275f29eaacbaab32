package org.irflow.readiness.planreview;

import java.util.List;

/**
 * Port: tells the response team about the plan changes of a review. The e-mail integration comes
 * later as an adapter of this port; until then irflow records the distribution only.
 */
public interface PlanChangesChannel {

  /** Sends the review's recorded changes to the recipients (user ids). */
  void distribute(PlanReview review, List<String> recipients);
}
