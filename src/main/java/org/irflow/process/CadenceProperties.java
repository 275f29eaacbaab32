package org.irflow.process;

import java.time.Duration;
import java.time.Period;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * irflow.cadences.*: the periods of the programme's timers, ISO 8601. Models read them through the
 * {@code cadences} bean, e.g. {@code ${cadences.actionItemReviewCycle}}.
 *
 * @param actionItemReview how often the post-mortem's open action items are reviewed
 * @param actionItemReminderBefore how long before its committed date an action item's owner is reminded
 * @param drillInterval a drill is due this long after the last real incident or drill
 * @param readinessReview how often readiness is reviewed
 * @param trainingDeadline training must be completed this long after joining a response group
 * @param trainingReminderBefore how long before the training deadline the trainee is reminded
 * @param trainingRefresher how often training is repeated
 * @param planReview how often the response plan is reviewed at the latest
 * @param membershipCheck how often group memberships are checked for new members to train
 */
@ConfigurationProperties("irflow.cadences")
public record CadenceProperties(
    @DefaultValue("P7D") Period actionItemReview,
    @DefaultValue("P2D") Period actionItemReminderBefore,
    @DefaultValue("P6M") Period drillInterval,
    @DefaultValue("P1M") Period readinessReview,
    @DefaultValue("P60D") Period trainingDeadline,
    @DefaultValue("P7D") Period trainingReminderBefore,
    @DefaultValue("P1Y") Period trainingRefresher,
    @DefaultValue("P1Y") Period planReview,
    @DefaultValue("PT5M") Duration membershipCheck) {}
