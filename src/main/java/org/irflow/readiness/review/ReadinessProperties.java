package org.irflow.readiness.review;

import java.time.Period;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * irflow.readiness.*: what the monthly readiness review checks. Its period is a cadence
 * (irflow.cadences.readiness-review).
 *
 * @param contactRosters rosters that must be reviewed within their period (loaded into contact_roster)
 * @param onCallRoles roles whose on-call coverage (primary and secondary) is checked hour by hour
 * @param coverageHorizon how far ahead on-call coverage is checked
 */
@ConfigurationProperties("irflow.readiness")
public record ReadinessProperties(
    @DefaultValue List<ContactRoster> contactRosters,
    @DefaultValue("incident-commanders") List<String> onCallRoles,
    @DefaultValue("P28D") Period coverageHorizon) {

  /** A list of people to reach (abuse roster, external contacts, ...), its owner and review period. */
  public record ContactRoster(String name, String owner, @DefaultValue("P3M") Period reviewEvery) {}
}
