package org.irflow.incident;

import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/**
 * Runs the {@link TimelineSealer} every irflow.audit.seal-interval (default one second, a fixed delay).
 * On unless irflow.audit.sealer.enabled is false.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@ConditionalOnProperty(name = "irflow.audit.sealer.enabled", havingValue = "true", matchIfMissing = true)
public class TimelineSealerSchedule implements SchedulingConfigurer {

  private final TimelineSealer sealer;
  private final Duration interval;

  public TimelineSealerSchedule(TimelineSealer sealer,
      @Value("${irflow.audit.seal-interval:PT1S}") Duration interval) {
    this.sealer = sealer;
    this.interval = interval;
  }

  @Override
  public void configureTasks(ScheduledTaskRegistrar registrar) {
    registrar.addFixedDelayTask(new FixedDelayTask(sealer::sealQuietly, interval, interval));
  }
}
