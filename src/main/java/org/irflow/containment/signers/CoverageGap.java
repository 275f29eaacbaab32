package org.irflow.containment.signers;

import java.time.Instant;
import java.util.List;

/**
 * Hours in which fewer owners of a Safe are reachable than its threshold needs, or in which irflow
 * could not read the Safe at all (then {@code owners} and {@code threshold} are 0 and the text says why).
 *
 * @param from the first hour below threshold
 * @param to the end of the last one
 * @param reachableSigners the signers reachable then who hold an owner key, an unproven one marked
 * @param text the gap in words: "Tue 03:00–05:00 UTC: 1 of 3 owners reachable (bob), threshold 2"
 */
public record CoverageGap(long chainId, String safe, Instant from, Instant to, int reachableOwners, int owners,
    int threshold, List<String> reachableSigners, String text) {}
