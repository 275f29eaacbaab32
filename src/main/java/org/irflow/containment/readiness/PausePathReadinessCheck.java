package org.irflow.containment.readiness;

import java.time.Instant;
import java.util.List;
import org.irflow.containment.readiness.PausePathResult.Status;
import org.irflow.readiness.review.ReadinessCheck;
import org.springframework.stereotype.Component;

/**
 * The monthly readiness review's view of the pause paths: the latest daily result of each path that
 * failed, as a gap.
 */
@Component
public class PausePathReadinessCheck implements ReadinessCheck {

  private final PauseReadiness readiness;

  public PausePathReadinessCheck(PauseReadiness readiness) {
    this.readiness = readiness;
  }

  @Override
  public String id() {
    return "pause-paths";
  }

  @Override
  public List<Finding> run(Instant now) {
    return readiness.latest().stream()
        .filter(result -> result.status() == Status.FAILED)
        .map(result -> Finding.gap(result.contract() + " " + result.path(), result.contract() + " through "
            + result.pathInWords() + " (checked " + result.checkedAt() + "): " + result.failures()))
        .toList();
  }
}
