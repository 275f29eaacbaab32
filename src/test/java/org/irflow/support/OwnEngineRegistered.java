package org.irflow.support;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngines;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * For a test class with an application context of its own and its job executor running (a browser
 * test of the whole application on its own in-memory database): Tasklist, the engine REST API and the
 * REST authentication of /api find their engine by name in Camunda's static registry, where the engine
 * built last wins, and the other application contexts of the test JVM stay cached beside this one.
 * Before each test this class's engine is made the registered one; after the class its job executor
 * stops (its context stays cached) and the registry is as it was before the class.
 */
public final class OwnEngineRegistered implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback {

  private ProcessEngine previousEngine;
  private ProcessEngine thisEngine;

  @Override
  public void beforeAll(ExtensionContext context) {
    previousEngine = ProcessEngines.getProcessEngines().get(ProcessEngines.NAME_DEFAULT);
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    thisEngine = SpringExtension.getApplicationContext(context).getBean(ProcessEngine.class);
    ProcessEngines.registerProcessEngine(thisEngine);
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (thisEngine == null) {
      return;
    }
    JobExecutor jobExecutor = ((ProcessEngineConfigurationImpl) thisEngine.getProcessEngineConfiguration())
        .getJobExecutor();
    if (jobExecutor != null && jobExecutor.isActive()) {
      jobExecutor.shutdown();
    }
    if (previousEngine != null && previousEngine != thisEngine) {
      ProcessEngines.registerProcessEngine(previousEngine);
    }
  }
}
