package org.irflow.readiness.review;

import static org.irflow.process.ReadinessVariables.GAP_CHECK;
import static org.irflow.process.ReadinessVariables.GAP_ID;
import static org.irflow.process.ReadinessVariables.GAP_OUTCOME;
import static org.irflow.process.ReadinessVariables.GAP_RESOLUTION;
import static org.irflow.process.ReadinessVariables.GAP_SUMMARY;
import static org.irflow.process.ReadinessVariables.READINESS_ASSESSMENT;
import static org.irflow.process.ReadinessVariables.READINESS_NOTES;
import static org.irflow.process.ReadinessVariables.REVIEW_ID;

import java.time.Clock;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.irflow.process.Actors;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * Task listeners of ReadinessReviewProcess ({@code readinessTasks}): a closed gap is recorded (a
 * contact roster gap closed means the roster has been reviewed), the monthly assessment is recorded.
 */
@Component("readinessTasks")
public class ReadinessTasks {

  private final ReadinessReviews reviews;
  private final ContactRosters rosters;
  private final ContactRosterCheck rosterCheck;
  private final IdentityService identity;
  private final Clock clock;

  public ReadinessTasks(ReadinessReviews reviews, ContactRosters rosters, ContactRosterCheck rosterCheck,
      @Lazy IdentityService identity, Clock clock) {
    this.reviews = reviews;
    this.rosters = rosters;
    this.rosterCheck = rosterCheck;
    this.identity = identity;
    this.clock = clock;
  }

  /** "Close readiness gap" created: the gap it is about, as task-local context; its answers stay local. */
  public void gapTaskCreated(DelegateTask task) {
    ReadinessReviews.Gap gap = reviews.gap(task.getVariable(GAP_ID));
    task.setVariableLocal(GAP_CHECK, gap.check());
    task.setVariableLocal(GAP_SUMMARY, gap.summary());
    task.setVariableLocal(GAP_OUTCOME, null);
    task.setVariableLocal(GAP_RESOLUTION, null);
  }

  /** "Close readiness gap" completed. */
  public void gapClosed(DelegateTask task) {
    ReadinessReviews.Gap gap = reviews.gap(task.getVariable(GAP_ID));
    String outcome = String.valueOf(task.getVariable(GAP_OUTCOME));
    String by = actor(task);
    reviews.closeGap(gap.id(), outcome, (String) task.getVariable(GAP_RESOLUTION), by, clock.instant());
    if ("CLOSED".equals(outcome) && rosterCheck.id().equals(gap.check())) {
      rosters.reviewed(gap.subject(), clock.instant(), by);
    }
  }

  /** "Confirm readiness" completed. */
  public void readinessConfirmed(DelegateTask task) {
    reviews.confirm(((Number) task.getVariable(REVIEW_ID)).longValue(),
        ReadinessReviews.Assessment.valueOf((String) task.getVariable(READINESS_ASSESSMENT)),
        (String) task.getVariable(READINESS_NOTES), actor(task), clock.instant());
  }

  private String actor(DelegateTask task) {
    String current = Actors.current(identity);
    return Actors.SYSTEM.equals(current) && task.getAssignee() != null ? task.getAssignee() : current;
  }
}
