package org.irflow.triage.intake;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/**
 * Runs the {@link FortaGraphqlPoller} every irflow.intake.forta-poller.interval (a fixed delay: a slow
 * poll is never overlapped by the next), first one interval after start. Only when the poller is
 * enabled.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@ConditionalOnProperty(name = "irflow.intake.forta-poller.enabled", havingValue = "true")
public class FortaPollerSchedule implements SchedulingConfigurer {

  private final FortaGraphqlPoller poller;
  private final FortaPollerProperties properties;

  public FortaPollerSchedule(FortaGraphqlPoller poller, FortaPollerProperties properties) {
    this.poller = poller;
    this.properties = properties;
  }

  @Override
  public void configureTasks(ScheduledTaskRegistrar registrar) {
    registrar.addFixedDelayTask(new FixedDelayTask(poller::poll, properties.interval(), properties.interval()));
  }
}
