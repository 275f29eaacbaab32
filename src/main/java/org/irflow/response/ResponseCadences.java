package org.irflow.response;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;

/**
 * The timer cycles of a response, in the ISO 8601 repeat form that Camunda timers take.
 *
 * @param teamLeadSyncCycle e.g. R/PT2H: a sync call every two hours from declaration
 * @param handOffCycle e.g. R/2026-11-23T17:00:00Z/P1D: daily at the supervisor's end of business day
 */
public record ResponseCadences(String teamLeadSyncCycle, String commsSyncCycle, String handOffCycle,
    String publicUpdateCycle) {

  /**
   * @param handOffTimeOfDay local time (HH:mm) in the supervisor's zone at which command is handed off
   */
  public static ResponseCadences of(String teamLeadSyncEvery, String commsSyncEvery,
      String handOffTimeOfDay, String publicUpdateEvery, ZoneId supervisorZone, Instant now) {
    return new ResponseCadences(
        "R/" + duration(teamLeadSyncEvery, "teamLeadSyncEvery"),
        "R/" + duration(commsSyncEvery, "commsSyncEvery"),
        "R/" + nextOccurrence(LocalTime.parse(handOffTimeOfDay), supervisorZone, now) + "/P1D",
        "R/" + duration(publicUpdateEvery, "publicUpdateEvery"));
  }

  static Instant nextOccurrence(LocalTime timeOfDay, ZoneId zone, Instant now) {
    ZonedDateTime local = now.atZone(zone);
    ZonedDateTime candidate = local.with(timeOfDay);
    if (!candidate.isAfter(local)) {
      candidate = candidate.plusDays(1).with(timeOfDay);
    }
    return candidate.toInstant();
  }

  private static Duration duration(String text, String name) {
    try {
      Duration duration = Duration.parse(text);
      if (duration.isNegative() || duration.isZero()) {
        throw new IllegalArgumentException("ResponsePolicy output " + name + " must be positive: " + text);
      }
      return duration;
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("ResponsePolicy output " + name + " is no ISO 8601 duration: " + text, e);
    }
  }
}
