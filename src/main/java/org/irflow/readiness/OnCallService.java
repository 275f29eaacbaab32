package org.irflow.readiness;

import static java.time.ZoneOffset.UTC;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Service;

/** Answers "who is on call for role R at instant T" from the roster tables. */
@Service
public class OnCallService {

  private final JdbcTemplate jdbc;

  public OnCallService(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  private record RotationRow(String name, ZoneId zone, LocalTime shiftStart, LocalTime shiftEnd,
      LocalDate rotationStart, int lengthDays) {

    boolean covers(Instant at) {
      LocalTime local = at.atZone(zone).toLocalTime();
      if (shiftStart.isBefore(shiftEnd)) {
        return !local.isBefore(shiftStart) && local.isBefore(shiftEnd);
      }
      // a shift across midnight
      return !local.isBefore(shiftStart) || local.isBefore(shiftEnd);
    }

    /** The rotation period the shift that covers {@code at} belongs to (a shift keeps its period past midnight). */
    long period(Instant at) {
      ZonedDateTime local = at.atZone(zone);
      LocalDate shiftDay = local.toLocalDate();
      if (!shiftStart.isBefore(shiftEnd) && local.toLocalTime().isBefore(shiftEnd)) {
        shiftDay = shiftDay.minusDays(1);
      }
      return Math.floorDiv(ChronoUnit.DAYS.between(rotationStart, shiftDay), lengthDays);
    }
  }

  public boolean hasRole(String role) {
    Integer count = jdbc.queryForObject("select count(*) from roster_rotation where role = ?",
        Integer.class, role);
    return count != null && count > 0;
  }

  public OnCall onCall(String role, Instant at) {
    Optional<RotationRow> rotation = rotations(role).stream().filter(r -> r.covers(at)).findFirst();
    String primary = null;
    String secondary = null;
    if (rotation.isPresent()) {
      List<String> members = members(rotation.get().name());
      int period = (int) Math.floorMod(rotation.get().period(at), (long) members.size());
      primary = members.get(period);
      secondary = members.size() > 1 ? members.get((period + 1) % members.size()) : null;
    }
    primary = override(role, OnCallPosition.PRIMARY, at).orElse(primary);
    secondary = override(role, OnCallPosition.SECONDARY, at).orElse(secondary);
    if (secondary != null && secondary.equals(primary)) {
      secondary = null;
    }
    return new OnCall(role, at, primary, secondary, rotation.map(RotationRow::name).orElse(null),
        rotation.map(RotationRow::zone).orElse(null));
  }

  /**
   * Who is on call next: the answer from the first instant after {@code at} (within {@code horizon}) at
   * which the primary or the secondary changes; its {@code at} is that instant. Empty when nobody
   * changes within the horizon. The answer can change only where a shift starts or ends (a new
   * rotation period starts with a shift) or an override starts or ends, so only those instants are
   * looked at.
   */
  public Optional<OnCall> next(String role, Instant at, Duration horizon) {
    OnCall now = onCall(role, at);
    Instant until = at.plus(horizon);
    TreeSet<Instant> changes = new TreeSet<>();
    for (RotationRow rotation : rotations(role)) {
      LocalDate first = at.atZone(rotation.zone()).toLocalDate().minusDays(1);
      LocalDate last = until.atZone(rotation.zone()).toLocalDate().plusDays(1);
      for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
        changes.add(day.atTime(rotation.shiftStart()).atZone(rotation.zone()).toInstant());
        changes.add(day.atTime(rotation.shiftEnd()).atZone(rotation.zone()).toInstant());
      }
    }
    jdbc.query("select starts_at, ends_at from roster_override where role = ? and ends_at > ? and starts_at < ?",
        (RowCallbackHandler) rs -> {
          changes.add(rs.getObject("starts_at", OffsetDateTime.class).toInstant());
          changes.add(rs.getObject("ends_at", OffsetDateTime.class).toInstant());
        }, role, at.atOffset(UTC), until.atOffset(UTC));
    for (Instant change : changes.subSet(at, false, until, true)) {
      OnCall then = onCall(role, change);
      if (!Objects.equals(then.primary(), now.primary()) || !Objects.equals(then.secondary(), now.secondary())) {
        return Optional.of(then);
      }
    }
    return Optional.empty();
  }

  /**
   * Everybody of a role who can be reached at an instant: every member of each of its rotations whose
   * shift covers the instant (not only primary and secondary), and whoever an override names then.
   */
  public Set<String> onShift(String role, Instant at) {
    Set<String> reachable = new LinkedHashSet<>();
    for (RotationRow rotation : rotations(role)) {
      if (rotation.covers(at)) {
        reachable.addAll(members(rotation.name()));
      }
    }
    reachable.addAll(jdbc.queryForList(
        "select user_id from roster_override where role = ? and starts_at <= ? and ends_at > ?",
        String.class, role, at.atOffset(UTC), at.atOffset(UTC)));
    return reachable;
  }

  /** The time zone of the first rotation a user is a member of, if any. */
  public Optional<ZoneId> homeZoneOf(String userId) {
    return jdbc.queryForList("""
        select r.time_zone from roster_rotation r join roster_member m on m.rotation_name = r.name
        where m.user_id = ? order by r.sort_order""", String.class, userId)
        .stream().findFirst().map(ZoneId::of);
  }

  private List<RotationRow> rotations(String role) {
    return jdbc.query("""
        select name, time_zone, shift_start, shift_end, rotation_start, rotation_length_days
        from roster_rotation where role = ? order by sort_order""",
        (rs, row) -> new RotationRow(
            rs.getString("name"),
            ZoneId.of(rs.getString("time_zone")),
            rs.getObject("shift_start", LocalTime.class),
            rs.getObject("shift_end", LocalTime.class),
            rs.getObject("rotation_start", LocalDate.class),
            rs.getInt("rotation_length_days")),
        role);
  }

  private List<String> members(String rotation) {
    return jdbc.queryForList("select user_id from roster_member where rotation_name = ? order by position",
        String.class, rotation);
  }

  private Optional<String> override(String role, OnCallPosition position, Instant at) {
    return jdbc.queryForList("""
        select user_id from roster_override
        where role = ? and on_call_as = ? and starts_at <= ? and ends_at > ?
        order by starts_at desc, id desc""",
        String.class, role, position.name(), at.atOffset(UTC), at.atOffset(UTC)).stream().findFirst();
  }
}
