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
    SourceSeverity severity = named(value);
    if (severity == null) {
      throw IntakeRejected.unknownValue(field, value, Arrays.toString(values()));
    }
    return severity;
  }

  /** The severity of this name (case-insensitive), or null when there is none. */
  static SourceSeverity named(String value) {
    String name = value.trim().toUpperCase(Locale.ROOT);
    return Arrays.stream(values()).filter(severity -> severity.name().equals(name)).findFirst().orElse(null);
  }
}
