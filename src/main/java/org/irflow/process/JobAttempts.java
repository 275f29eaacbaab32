package org.irflow.process;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.runtime.Job;

/** Where a delegate of an asynchronous step stands in its job's retries. */
public final class JobAttempts {

  private JobAttempts() {}

  /**
   * The job has no retry left after this execution (with R3 the third), or the step does not run as a
   * job at all (nothing would retry it).
   */
  public static boolean isLast(DelegateExecution execution) {
    Job job = execution.getProcessEngineServices().getManagementService().createJobQuery()
        .processInstanceId(execution.getProcessInstanceId()).executionId(execution.getId()).singleResult();
    return job == null || job.getRetries() <= 1;
  }
}
