package org.irflow.readiness.planreview;

import java.time.Instant;

/**
 * One deployed version of a process or decision of the response plan.
 *
 * @param kind PROCESS or DECISION
 * @param changed whether its model differs from the version before (the starter redeploys every
 *     model when one changes, so most new versions are unchanged copies)
 */
public record DeployedVersion(String kind, String key, String name, int version, Instant deployedAt,
    boolean changed) {}
