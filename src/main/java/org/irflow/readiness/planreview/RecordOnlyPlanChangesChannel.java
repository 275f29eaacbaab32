package org.irflow.readiness.planreview;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Sends nothing: the distribution is recorded on the plan review row, and logged. Replace this bean
 * with the e-mail adapter when it comes.
 */
@Component
public class RecordOnlyPlanChangesChannel implements PlanChangesChannel {

  private static final Logger LOG = LoggerFactory.getLogger(RecordOnlyPlanChangesChannel.class);

  @Override
  public void distribute(PlanReview review, List<String> recipients) {
    LOG.info("Plan review {}: changes to be distributed to {} (recorded only, no e-mail channel yet)",
        review.id(), recipients);
  }
}
