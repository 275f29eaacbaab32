package org.irflow.readiness.training;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Runs the {@link MembershipCheck} once at start (after the groups and users exist) and then every
 * irflow.cadences.membership-check (default PT5M). Off with
 * irflow.readiness.training.membership-check-enabled=false (the process tests call the check).
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@ConditionalOnProperty(name = "irflow.readiness.training.membership-check-enabled", havingValue = "true",
    matchIfMissing = true)
@Order(10)
public class MembershipCheckSchedule implements ApplicationRunner {

  private final MembershipCheck check;

  public MembershipCheckSchedule(MembershipCheck check) {
    this.check = check;
  }

  @Override
  public void run(ApplicationArguments args) {
    check.run();
  }

  @Scheduled(initialDelayString = "${irflow.cadences.membership-check:PT5M}",
      fixedDelayString = "${irflow.cadences.membership-check:PT5M}")
  public void everyInterval() {
    check.run();
  }
}
