package org.irflow.readiness.drill;

import java.time.Instant;
import java.time.Period;
import org.irflow.process.Cadences;

/**
 * When the next drill is due: one interval after the last real incident or the last drill,
 * whichever is later; with neither, one interval after the drill schedule first started.
 */
public final class DrillCalendar {

  private DrillCalendar() {}

  public static Instant nextDue(Instant lastRealIncident, Instant lastDrill, Instant scheduleStarted,
      Period interval) {
    Instant from = latest(lastRealIncident, lastDrill);
    if (from == null) {
      from = scheduleStarted;
    }
    if (from == null) {
      throw new IllegalArgumentException("no incident, no drill and no schedule start to count from");
    }
    return Cadences.plus(from, interval);
  }

  static Instant latest(Instant a, Instant b) {
    if (a == null) {
      return b;
    }
    return b == null || a.isAfter(b) ? a : b;
  }
}
