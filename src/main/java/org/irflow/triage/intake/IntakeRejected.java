package org.irflow.triage.intake;

/** A request the intake refuses: its status, the reason counted, the field named, and why. */
public class IntakeRejected extends RuntimeException {

  private final int status;
  private final String reason;
  private final String field;

  public IntakeRejected(int status, String reason, String field, String message) {
    super(message);
    this.status = status;
    this.reason = reason;
    this.field = field;
  }

  static IntakeRejected missing(String field) {
    return new IntakeRejected(400, "missing-field", field, "'" + field + "' is required");
  }

  static IntakeRejected invalid(String field, String message) {
    return new IntakeRejected(400, "invalid-field", field, message);
  }

  static IntakeRejected unknownValue(String field, String value, Object allowed) {
    return new IntakeRejected(400, "unknown-enum-value", field,
        "'" + value + "' is not a valid value for '" + field + "' (one of " + allowed + ")");
  }

  public int status() {
    return status;
  }

  public String reason() {
    return reason;
  }

  public String field() {
    return field;
  }
}
