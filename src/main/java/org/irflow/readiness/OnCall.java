package org.irflow.readiness;

import java.time.Instant;
import java.time.ZoneId;

/**
 * Who is on call for a role at an instant. Either person may be null: a gap in the roster, which
 * the triage covers by offering the task to the whole group.
 *
 * @param rotation the rotation whose shift covers the instant, or null
 * @param timeZone that rotation's time zone, or null
 */
public record OnCall(String role, Instant at, String primary, String secondary, String rotation,
    ZoneId timeZone) {}
