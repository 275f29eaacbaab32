package org.irflow.triage.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.util.List;
import java.util.UUID;
import org.irflow.support.ProcessTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The cross-node guard of the intake (intake_fingerprint, V12) on H2, the default database, whose
 * upsert differs from PostgreSQL's: a new fingerprint is claimed, a repeat claims it again and is a
 * duplicate of the first event. The race between two nodes is ClusterFailoverTest's, on PostgreSQL.
 */
class IntakeFingerprintClaimTest extends ProcessTest {

  @Autowired EventIntake intake;

  @Test
  void aFingerprintIsClaimedWhenFirstStoredAndAgainByItsRepeats() {
    String fingerprint = "generic:claims:" + UUID.randomUUID();
    NormalisedAlert alert = new NormalisedAlert("generic", "claims", "Oracle price deviates", "Seen by the watcher",
        "price-oracle", SourceSeverity.LOW, null, false, fingerprint, "{}", false);

    EventIntake.Outcome first = intake.accept(List.of(alert)).get(0);
    Timestamp firstClaim = jdbc.queryForObject(
        "select last_claimed_at from intake_fingerprint where fingerprint = ?", Timestamp.class, fingerprint);
    EventIntake.Outcome repeat = intake.accept(List.of(alert)).get(0);

    assertThat(first.duplicate()).isFalse();
    assertThat(repeat.duplicate()).isTrue();
    assertThat(repeat.eventId()).isEqualTo(first.eventId());
    assertThat(jdbc.queryForObject("select count(*) from security_event where fingerprint = ?", Integer.class,
        fingerprint)).isEqualTo(1);
    assertThat(jdbc.queryForObject("select count(*) from intake_fingerprint where fingerprint = ?", Integer.class,
        fingerprint)).isEqualTo(1);
    assertThat(jdbc.queryForObject("select last_claimed_at from intake_fingerprint where fingerprint = ?",
        Timestamp.class, fingerprint)).isAfterOrEqualTo(firstClaim);
  }
}
