package org.irflow.process;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;

/** Where a delegate of an asynchronous step stands in its job's retries. */
public final class JobAttempts {

  private JobAttempts() {}

  /**
   * The job has no retry left after this execution (with R3 the third), or the step does not run as a
   * job at all (nothing would retry it). The engine keeps the job being executed on the command
   * context, whether the job executor or a test runs it (a job query would not see it any more).
   */
  public static boolean isLast(DelegateExecution execution) {
    CommandContext commandContext = Context.getCommandContext();
    JobEntity job = commandContext == null ? null : commandContext.getCurrentJob();
    // the job's execution may be the parent of the delegate's (an activity with a boundary event is a scope)
    return job == null || !execution.getProcessInstanceId().equals(job.getProcessInstanceId()) || job.getRetries() <= 1;
  }
}
