package org.irflow.readiness.training;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * irflow.readiness.training.*: who must be trained (IR-2) and whether memberships are checked on
 * their own. The periods (deadline, reminder, refresher, check interval) are cadences
 * (irflow.cadences.*).
 *
 * @param responseGroups a member of any of these groups gets a ResponderTrainingProcess
 * @param membershipCheckEnabled check memberships at start and every irflow.cadences.membership-check;
 *     the process tests turn it off and call {@link MembershipCheck#run()} themselves
 */
@ConfigurationProperties("irflow.readiness.training")
public record TrainingProperties(
    @DefaultValue({"incident-commanders", "communications", "responders", "signers"})
    List<String> responseGroups,
    @DefaultValue("true") boolean membershipCheckEnabled) {}
