package org.irflow.containment.readiness;

import org.springframework.stereotype.Component;

/**
 * The daily check's timer for PauseReadinessProcess: {@code ${pauseReadinessSchedule.cycle}}, a cron
 * expression at irflow.pause-readiness.daily-at. The timer is an engine job, so one node of a cluster
 * runs each check.
 */
@Component("pauseReadinessSchedule")
public class PauseReadinessSchedule {

  private final PauseReadinessProperties properties;

  public PauseReadinessSchedule(PauseReadinessProperties properties) {
    this.properties = properties;
  }

  public String getCycle() {
    return properties.cron();
  }
}
