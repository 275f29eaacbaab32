package org.irflow.readiness;

import static java.time.ZoneOffset.UTC;

import java.util.List;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Replaces the roster tables with the configured roster at every start: configuration is the source. */
@Component
@Order(0)
public class RosterLoader implements ApplicationRunner {

  private final RosterProperties roster;
  private final JdbcTemplate jdbc;

  public RosterLoader(RosterProperties roster, JdbcTemplate jdbc) {
    this.roster = roster;
    this.jdbc = jdbc;
  }

  @Override
  @Transactional
  public void run(ApplicationArguments args) {
    load();
  }

  @Transactional
  public void load() {
    validate(roster);
    jdbc.update("delete from roster_member");
    jdbc.update("delete from roster_rotation");
    jdbc.update("delete from roster_override");
    int order = 0;
    for (RosterProperties.Rotation rotation : roster.rotations()) {
      jdbc.update("""
          insert into roster_rotation (name, role, time_zone, shift_start, shift_end, rotation_start,
                                       rotation_length_days, sort_order)
          values (?, ?, ?, ?, ?, ?, ?, ?)""",
          rotation.name(), rotation.role(), rotation.timeZone().getId(), rotation.shiftStart(),
          rotation.shiftEnd(), rotation.rotationStart(), RosterProperties.days(rotation.rotationLength()),
          order++);
      List<String> members = rotation.members();
      for (int position = 0; position < members.size(); position++) {
        jdbc.update("insert into roster_member (rotation_name, position, user_id) values (?, ?, ?)",
            rotation.name(), position, members.get(position));
      }
    }
    for (RosterProperties.Override override : roster.overrides()) {
      jdbc.update("""
          insert into roster_override (role, on_call_as, user_id, starts_at, ends_at, reason)
          values (?, ?, ?, ?, ?, ?)""",
          override.role(), override.onCallAs().name(), override.user(), override.from().atOffset(UTC),
          override.to().atOffset(UTC), override.reason());
    }
  }

  /** A roster that cannot work stops the start with a message naming the setting. */
  static void validate(RosterProperties roster) {
    for (int i = 0; i < roster.rotations().size(); i++) {
      RosterProperties.Rotation rotation = roster.rotations().get(i);
      String at = "irflow.roster.rotations[" + i + "]";
      require(rotation.name() != null, at + ".name is missing");
      require(rotation.role() != null, at + ".role is missing");
      require(rotation.timeZone() != null, at + ".time-zone is missing");
      require(rotation.shiftStart() != null && rotation.shiftEnd() != null,
          at + ".shift-start and .shift-end are required");
      require(rotation.rotationStart() != null, at + ".rotation-start is missing");
      require(RosterProperties.days(rotation.rotationLength()) > 0, at + ".rotation-length must be a positive number of days or weeks (P7D, P1W)");
      require(rotation.members() != null && !rotation.members().isEmpty(), at + ".members is empty");
    }
    for (int i = 0; i < roster.overrides().size(); i++) {
      RosterProperties.Override override = roster.overrides().get(i);
      String at = "irflow.roster.overrides[" + i + "]";
      require(override.role() != null && override.user() != null && override.onCallAs() != null,
          at + " needs role, user and on-call-as");
      require(override.from() != null && override.to() != null && override.from().isBefore(override.to()),
          at + " needs from before to");
    }
  }

  private static void require(boolean condition, String message) {
    if (!condition) {
      throw new IllegalStateException("Invalid roster configuration: " + message);
    }
  }
}
