package org.irflow.response;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class ResponseCadencesTest {

  @Test
  void handOffIsTheNextEndOfBusinessDayInTheSupervisorsZone() {
    ResponseCadences cadences = ResponseCadences.of("PT2H", "PT4H", "17:00", "PT1H", ZoneId.of("America/New_York"),
        Instant.parse("2026-11-23T10:00:00Z"));  // 05:00 in New York

    assertThat(cadences.teamLeadSyncCycle()).isEqualTo("R/PT2H");
    assertThat(cadences.commsSyncCycle()).isEqualTo("R/PT4H");
    assertThat(cadences.handOffCycle()).isEqualTo("R/2026-11-23T22:00:00Z/P1D");
    assertThat(cadences.publicUpdateCycle()).isEqualTo("R/PT1H");
  }

  @Test
  void afterTheEndOfTheDayTheHandOffIsTomorrow() {
    assertThat(ResponseCadences.of("PT2H", "PT4H", "17:00", "PT1H", ZoneId.of("Asia/Singapore"),
        Instant.parse("2026-11-23T10:00:00Z")).handOffCycle())  // 18:00 in Singapore
        .isEqualTo("R/2026-11-24T09:00:00Z/P1D");
  }

  @Test
  void aPolicyWithoutAUsableDurationIsRefused() {
    assertThatThrownBy(() -> ResponseCadences.of("two hours", "PT4H", "17:00", "PT1H", ZoneId.of("UTC"), Instant.EPOCH))
        .hasMessageContaining("teamLeadSyncEvery");
  }
}
