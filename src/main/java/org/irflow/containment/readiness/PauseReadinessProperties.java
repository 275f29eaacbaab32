package org.irflow.containment.readiness;

import java.time.LocalTime;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * irflow.pause-readiness.*: when the pause paths are checked, and what the executor must be able to pay.
 *
 * @param dailyAt the time of day of the daily check, in the server's time zone (the engine's cron timers
 *     use it)
 * @param pausesFunded the executor must hold enough for this many pauses at the current gas price
 * @param gasPerPause the gas one Safe pause (execTransaction with one pause()) is budgeted at
 */
@ConfigurationProperties("irflow.pause-readiness")
public record PauseReadinessProperties(
    @DefaultValue("06:00") LocalTime dailyAt,
    @DefaultValue("3") int pausesFunded,
    @DefaultValue("150000") long gasPerPause) {

  public PauseReadinessProperties {
    if (pausesFunded < 1) {
      throw new IllegalStateException("irflow.pause-readiness.pauses-funded must be at least 1, not " + pausesFunded);
    }
    if (gasPerPause < 21_000) {
      throw new IllegalStateException("irflow.pause-readiness.gas-per-pause must be at least 21000, not " + gasPerPause);
    }
  }

  /** The daily check as the engine's timer cycle: a cron expression (seconds minutes hours ...). */
  public String cron() {
    return "0 " + dailyAt.getMinute() + " " + dailyAt.getHour() + " * * ?";
  }
}
