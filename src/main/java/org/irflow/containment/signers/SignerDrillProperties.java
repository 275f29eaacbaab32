package org.irflow.containment.signers;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * irflow.signer-drill.*: how long signers have to sign the drill message, and how quickly the
 * threshold's worth of owners must have signed before the drill counts as a readiness gap.
 *
 * @param window how long a drill waits for signatures; the signing tasks of those who did not answer end then
 * @param timeToThresholdLimit the longest acceptable time from the drill's start until the threshold's
 *     worth of distinct owners had signed
 */
@ConfigurationProperties("irflow.signer-drill")
public record SignerDrillProperties(
    @DefaultValue("PT2H") Duration window,
    @DefaultValue("PT30M") Duration timeToThresholdLimit) {

  public SignerDrillProperties {
    if (window.isNegative() || window.isZero()) {
      throw new IllegalStateException("irflow.signer-drill.window must be longer than zero, not " + window);
    }
    if (timeToThresholdLimit.isNegative() || timeToThresholdLimit.isZero()) {
      throw new IllegalStateException(
          "irflow.signer-drill.time-to-threshold-limit must be longer than zero, not " + timeToThresholdLimit);
    }
  }
}
