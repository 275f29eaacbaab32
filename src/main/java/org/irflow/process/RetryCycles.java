package org.irflow.process;

import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * The retry cycles of {@link RetryCycleProperties} in the form Camunda reads in
 * {@code camunda:failedJobRetryTimeCycle}: a comma-separated list of waits, one retry per entry
 * (e.g. {@code PT10S,PT30S,PT1M}). The engine evaluates the expression when a job fails, so the
 * intervals live in configuration, in one place, not in each task of a model.
 */
@Component("retryCycles")
public class RetryCycles {

  private final RetryCycleProperties properties;

  public RetryCycles(RetryCycleProperties properties) {
    this.properties = properties;
  }

  public RetryCycleProperties getProperties() {
    return properties;
  }

  public String getContractPause() {
    return cycle(properties.contractPause());
  }

  public String getOutboundMessage() {
    return cycle(properties.outboundMessage());
  }

  private static String cycle(List<Duration> waits) {
    return waits.stream().map(Duration::toString).collect(Collectors.joining(","));
  }
}
