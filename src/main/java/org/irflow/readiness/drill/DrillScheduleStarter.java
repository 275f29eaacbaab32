package org.irflow.readiness.drill;

import java.time.Clock;
import java.util.List;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.irflow.process.DrillVariables;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps exactly one drill schedule (a perpetual IncidentDrillProcess instance) running: starts it at
 * application start when none runs.
 *
 * <p>Two engine nodes starting at once must not start two schedules. Camunda has no unique business
 * key, and "query, then start" alone races. So the check and the start run in one transaction that
 * first locks the single drill_schedule row ({@code select ... for update}): the second node waits
 * for the first to commit, then finds its instance registered and running.
 */
@Component
@Order(20)
public class DrillScheduleStarter implements ApplicationRunner {

  private static final Logger LOG = LoggerFactory.getLogger(DrillScheduleStarter.class);

  private final Drills drills;
  private final RuntimeService runtime;
  private final Clock clock;
  private final TransactionTemplate transaction;

  public DrillScheduleStarter(Drills drills, RuntimeService runtime, Clock clock,
      PlatformTransactionManager transactions) {
    this.drills = drills;
    this.runtime = runtime;
    this.clock = clock;
    this.transaction = new TransactionTemplate(transactions);
  }

  @Override
  public void run(ApplicationArguments args) {
    ensureRunning();
  }

  /** Returns the id of the running schedule instance, starting one if none runs. */
  public String ensureRunning() {
    return transaction.execute(status -> {
      drills.lockSchedule();
      String registered = drills.scheduleProcessInstanceId().orElse(null);
      if (registered != null && isRunning(registered)) {
        return registered;
      }
      // the registration was lost (e.g. an instance started by hand): adopt a running instance
      List<ProcessInstance> running = runtime.createProcessInstanceQuery()
          .processDefinitionKey(DrillVariables.PROCESS_KEY).orderByProcessInstanceId().asc().list();
      if (!running.isEmpty()) {
        drills.registerScheduleInstance(running.get(0).getId());
        return running.get(0).getId();
      }
      drills.scheduleStarted(clock.instant());
      ProcessInstance schedule = runtime.startProcessInstanceByKey(DrillVariables.PROCESS_KEY,
          DrillVariables.SCHEDULE_BUSINESS_KEY);
      drills.registerScheduleInstance(schedule.getId());
      LOG.info("Drill schedule started: process instance {}", schedule.getId());
      return schedule.getId();
    });
  }

  private boolean isRunning(String processInstanceId) {
    return runtime.createProcessInstanceQuery().processInstanceId(processInstanceId).count() > 0;
  }
}
