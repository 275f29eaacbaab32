package org.irflow.readiness;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import org.irflow.support.ProcessTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * On-call answers from the test roster (application-test.yaml): a "day" rotation in UTC 08-20 with
 * alice and bob, a "night" rotation in Tokyo 05-17 local (20-08 UTC) with kai and bob, weekly turns
 * from Monday 2026-01-05, and kai standing in as primary on Christmas Eve's day shift.
 */
class OnCallServiceTest extends ProcessTest {

  @Autowired OnCallService onCall;

  @Test
  void dayShiftOfAnEvenWeek() {
    OnCall now = onCall.onCall("incident-commanders", Instant.parse("2026-11-23T10:00:00Z"));
    assertThat(now.primary()).isEqualTo("alice");
    assertThat(now.secondary()).isEqualTo("bob");
    assertThat(now.rotation()).isEqualTo("day");
    assertThat(now.timeZone()).isEqualTo(ZoneId.of("UTC"));
  }

  @Test
  void membersSwapRolesTheNextWeek() {
    OnCall now = onCall.onCall("incident-commanders", Instant.parse("2026-11-30T10:00:00Z"));
    assertThat(now.primary()).isEqualTo("bob");
    assertThat(now.secondary()).isEqualTo("alice");
  }

  @Test
  void theSunMovesOnToTokyoAtEightInTheEvening() {
    OnCall night = onCall.onCall("incident-commanders", Instant.parse("2026-11-23T20:00:00Z"));
    assertThat(night.rotation()).isEqualTo("night");
    assertThat(night.primary()).isEqualTo("kai");
    assertThat(night.timeZone()).isEqualTo(ZoneId.of("Asia/Tokyo"));
    // 07:59 UTC is 16:59 in Tokyo: still the night rotation
    assertThat(onCall.onCall("incident-commanders", Instant.parse("2026-11-24T07:59:00Z")).rotation())
        .isEqualTo("night");
  }

  @Test
  void anOverrideStandsInForTheRotation() {
    OnCall christmasEve = onCall.onCall("incident-commanders", Instant.parse("2026-12-24T12:00:00Z"));
    assertThat(christmasEve.primary()).isEqualTo("kai");
    assertThat(christmasEve.rotation()).isEqualTo("day");
    assertThat(onCall.onCall("incident-commanders", Instant.parse("2026-12-25T12:00:00Z")).primary())
        .isEqualTo("alice");  // the override has ended
  }

  @Test
  void aRoleWithoutRotationHasNobodyOnCall() {
    OnCall signers = onCall.onCall("signers", Instant.parse("2026-11-23T10:00:00Z"));
    assertThat(signers.primary()).isNull();
    assertThat(signers.secondary()).isNull();
    assertThat(signers.rotation()).isNull();
  }

  @Test
  void aSupervisorsHomeZoneIsTheirFirstRotations() {
    assertThat(onCall.homeZoneOf("kai")).contains(ZoneId.of("Asia/Tokyo"));
    assertThat(onCall.homeZoneOf("nobody")).isEmpty();
  }
}
