package org.irflow.readiness.review;

import java.time.Instant;
import java.util.List;

/**
 * One automated check of the monthly readiness review. Each check is a Spring bean and a service
 * task of ReadinessReviewProcess ("Check ...", delegate runReadinessCheckDelegate with the input
 * readinessCheck = {@link #id()}). The pause paths (with the signers' coverage of each Safe's threshold)
 * are checked daily on their own and reported here by PausePathReadinessCheck.
 */
public interface ReadinessCheck {

  /** Stable id, e.g. on-call-coverage; stored with each finding. */
  String id();

  /** What is missing at {@code now}: short texts, one per gap or pending item. */
  List<Finding> run(Instant now);

  /**
   * @param subject what the finding is about (role, user id, roster name)
   * @param pending true for something not yet a gap (a new member inside the first training period)
   */
  record Finding(String subject, String summary, boolean pending) {
    public static Finding gap(String subject, String summary) {
      return new Finding(subject, summary, false);
    }

    public static Finding pending(String subject, String summary) {
      return new Finding(subject, summary, true);
    }
  }
}
