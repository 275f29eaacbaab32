package org.irflow.triage.intake;

import java.util.Arrays;
import java.util.Locale;

/** A source's severity (Forta's scale, which the others are mapped onto) and the triage's suspicion. */
public enum SourceSeverity {
  CRITICAL("SEV1"), HIGH("SEV2"), MEDIUM("SEV3"), LOW("SEV4"), INFO("SEV4"), UNKNOWN("UNKNOWN");

  private final String suspectedSeverity;

  SourceSeverity(String suspectedSeverity) {
    this.suspectedSeverity = suspectedSeverity;
  }

  /** The value of the report form's "suspected severity". */
  public String suspectedSeverity() {
    return suspectedSeverity;
  }

  /** Exactly one of the names (case-insensitive), or a 400 naming the field. */
  static SourceSeverity parse(String value, String field) {
    try {
      return valueOf(value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw IntakeRejected.unknownValue(field, value, Arrays.toString(values()));
    }
  }
}
