package org.irflow.incident;

/** SEV1 is the most severe. */
public enum Severity {
  SEV1, SEV2, SEV3, SEV4;

  public boolean isHigh() {
    return this == SEV1 || this == SEV2;
  }
}
