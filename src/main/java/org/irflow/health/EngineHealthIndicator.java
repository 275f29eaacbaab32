package org.irflow.health;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.stereotype.Component;

/**
 * "engine" in /actuator/health and its readiness group: the process engine answers a query on its own
 * tables, and its job executor (timers, pauses, outbound messages) runs where job execution is on. A node
 * whose engine cannot do either cannot take an alert through to a triage or a pause.
 */
@Component
public class EngineHealthIndicator extends AbstractHealthIndicator {

  private final ProcessEngine engine;
  private final ObjectProvider<JobExecutor> jobExecutor;

  public EngineHealthIndicator(ProcessEngine engine, ObjectProvider<JobExecutor> jobExecutor) {
    super("the process engine is not healthy");
    this.engine = engine;
    this.jobExecutor = jobExecutor;
  }

  @Override
  protected void doHealthCheck(Health.Builder health) {
    // a read of ACT_GE_PROPERTY through the engine's own session: its schema and connection answer
    health.withDetail("name", engine.getName())
        .withDetail("schemaVersion", engine.getManagementService().getProperties().get("schema.version"));
    JobExecutor executor = jobExecutor.getIfAvailable();
    if (executor == null) {
      health.up().withDetail("jobExecutor", "off (camunda.bpm.job-execution.enabled=false)");
    } else if (executor.isActive()) {
      health.up().withDetail("jobExecutor", "active");
    } else {
      health.down().withDetail("jobExecutor", "not running");
    }
  }
}
