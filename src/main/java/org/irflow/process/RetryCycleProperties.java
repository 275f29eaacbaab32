package org.irflow.process;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * irflow.retry-cycles.*: how a failed asynchronous step is retried, as a list of waits (ISO 8601
 * durations). A step runs once, then once more after each wait: n waits give n + 1 attempts; after the
 * last one the job has no retries left and Cockpit shows an incident (or, for an outbound message, a
 * person is asked to send it by hand). Models read them through the {@code retryCycles} bean, e.g.
 * {@code <camunda:failedJobRetryTimeCycle>${retryCycles.contractPause}</camunda:failedJobRetryTimeCycle>}.
 *
 * @param contractPause every service task of ContractPauseProcess that calls the chain, the Safe
 *     Transaction Service or the relayer: 1 s, 2 s, then every 5 s for a minute (a dropped connection,
 *     a node restart, a rate limit pass within seconds, and a pause must go on within seconds of the
 *     RPC's return), then every 15 s; after about five minutes a person must look (switch to another
 *     RPC endpoint, or sign in Safe{Wallet}) rather than wait longer during an exploit. Every failed
 *     attempt is on the incident's timeline at once
 * @param outboundMessage "Deliver message" and "Post to Discord": a message during an incident is sent
 *     by hand after about six minutes rather than late
 */
@ConfigurationProperties("irflow.retry-cycles")
public record RetryCycleProperties(
    @DefaultValue({"PT1S", "PT2S", "PT5S", "PT5S", "PT5S", "PT5S", "PT5S", "PT5S", "PT5S", "PT5S", "PT5S", "PT5S", "PT5S", "PT5S", "PT15S", "PT15S", "PT15S", "PT15S", "PT15S", "PT15S", "PT15S", "PT15S", "PT15S", "PT15S", "PT15S", "PT15S", "PT15S", "PT15S", "PT15S", "PT15S"}) List<Duration> contractPause,
    @DefaultValue({"PT10S", "PT1M", "PT5M"}) List<Duration> outboundMessage) {

  public RetryCycleProperties {
    requireWaits("contract-pause", contractPause);
    requireWaits("outbound-message", outboundMessage);
    contractPause = List.copyOf(contractPause);
    outboundMessage = List.copyOf(outboundMessage);
  }

  private static void requireWaits(String key, List<Duration> waits) {
    if (waits == null || waits.isEmpty()) {
      throw new IllegalArgumentException("irflow.retry-cycles." + key + " needs at least one wait");
    }
    for (Duration wait : waits) {
      if (wait.isNegative() || wait.isZero()) {
        throw new IllegalArgumentException("irflow.retry-cycles." + key + ": " + wait + " is not a positive wait");
      }
    }
  }
}
