package org.irflow.readiness;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.Period;
import java.time.ZoneId;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** irflow.roster.*: follow-the-sun rotations and overrides, loaded into the roster tables at start. */
@ConfigurationProperties("irflow.roster")
public record RosterProperties(
    @DefaultValue List<Rotation> rotations,
    @DefaultValue List<Override> overrides) {

  /**
   * One rotation: its members cover the shift from shift-start to shift-end (local time of its zone;
   * a shift may cross midnight). Member k of the current period is primary, member k+1 secondary.
   */
  public record Rotation(
      String name,
      String role,
      ZoneId timeZone,
      LocalTime shiftStart,
      LocalTime shiftEnd,
      LocalDate rotationStart,
      @DefaultValue("P7D") Period rotationLength,
      List<String> members) {}

  /** Someone stands in as primary or secondary for a role from one instant to another. */
  public record Override(String role, OnCallPosition onCallAs, String user, Instant from, Instant to,
      String reason) {}

  /** The length of a rotation period in days; -1 for periods in months or years, which rotate unevenly. */
  static int days(Period period) {
    return period == null || period.toTotalMonths() != 0 ? -1 : period.getDays();
  }
}
