package org.irflow.security;

import java.util.List;

/** irflow's configuration is not safe to run outside the demo profile: every reason, one a line. */
public class UnsafeConfigurationException extends IllegalStateException {

  private final List<String> problems;

  public UnsafeConfigurationException(List<String> problems) {
    super("irflow refuses to start outside the " + FailClosedStartupCheck.DEMO_PROFILE + " profile:\n  - "
        + String.join("\n  - ", problems));
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}
