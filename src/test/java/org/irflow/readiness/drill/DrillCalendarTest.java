package org.irflow.readiness.drill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.Period;
import org.junit.jupiter.api.Test;

/** The drill due-date rule, without the engine. */
class DrillCalendarTest {

  static final Period SIX_MONTHS = Period.ofMonths(6);
  static final Instant SCHEDULE_START = Instant.parse("2026-01-10T09:00:00Z");

  @Test
  void withNoIncidentAndNoDrillTheFirstDrillIsDueAnIntervalAfterTheScheduleStarted() {
    assertThat(DrillCalendar.nextDue(null, null, SCHEDULE_START, SIX_MONTHS))
        .isEqualTo(Instant.parse("2026-07-10T09:00:00Z"));
  }

  @Test
  void theLaterOfLastRealIncidentAndLastDrillCounts() {
    Instant incident = Instant.parse("2026-03-31T12:00:00Z");
    Instant drill = Instant.parse("2026-02-01T12:00:00Z");
    // calendar months: 31 March + 6 months is 30 September
    assertThat(DrillCalendar.nextDue(incident, drill, SCHEDULE_START, SIX_MONTHS))
        .isEqualTo(Instant.parse("2026-09-30T12:00:00Z"));
    assertThat(DrillCalendar.nextDue(drill, incident, SCHEDULE_START, SIX_MONTHS))
        .isEqualTo(Instant.parse("2026-09-30T12:00:00Z"));
    assertThat(DrillCalendar.nextDue(null, drill, SCHEDULE_START, SIX_MONTHS))
        .isEqualTo(Instant.parse("2026-08-01T12:00:00Z"));
  }

  @Test
  void nothingToCountFromIsAnError() {
    assertThatThrownBy(() -> DrillCalendar.nextDue(null, null, null, SIX_MONTHS))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void formDateTimesAreReadWithOrWithoutZone() {
    assertThat(DrillService.parseDateTime("2027-05-24T10:00Z")).isEqualTo(Instant.parse("2027-05-24T10:00:00Z"));
    assertThat(DrillService.parseDateTime("2027-05-24T12:00+02:00")).isEqualTo(Instant.parse("2027-05-24T10:00:00Z"));
    assertThat(DrillService.parseDateTime("2027-05-24T10:00")).isEqualTo(Instant.parse("2027-05-24T10:00:00Z"));
    assertThat(DrillService.participants(" alice, carol;dave  alice ")).containsExactly("alice", "carol", "dave");
  }
}
