package org.irflow.triage.intake;

import java.time.Duration;

/** A request the intake refuses: its status, the reason counted, the field named, and why. */
public class IntakeRejected extends RuntimeException {

  private final int status;
  private final String reason;
  private final String field;
  private final Duration retryAfter;

  public IntakeRejected(int status, String reason, String field, String message) {
    this(status, reason, field, message, null);
  }

  private IntakeRejected(int status, String reason, String field, String message, Duration retryAfter) {
    super(message);
    this.status = status;
    this.reason = reason;
    this.field = field;
    this.retryAfter = retryAfter;
  }

  /** irflow cannot keep more now (429) or could not commit in time (503): the sender should retry. */
  static IntakeRejected retryLater(int status, String reason, String message, Duration retryAfter) {
    return new IntakeRejected(status, reason, null, message, retryAfter);
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

  /** What the Retry-After header asks for; null when a retry of the same request cannot help. */
  public Duration retryAfter() {
    return retryAfter;
  }
}
