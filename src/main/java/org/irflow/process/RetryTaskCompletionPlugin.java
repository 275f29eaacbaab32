package org.irflow.process;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.CompleteTaskCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitTaskFormCmd;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * A person's task completion that collides with a job of the same process instance is done again
 * instead of failing. Example: a signer marks "Sign the pause transaction" done while the parallel
 * confirmation poll of the same pause runs; both update the pause's executions, the later commit
 * fails with an {@link OptimisticLockingException}, and Tasklist showed "Entity was updated by another
 * transaction concurrently" (HTTP 500) in the middle of an incident. The failed attempt was rolled
 * back whole, so doing it again is what the job executor does with its own jobs in the same case.
 *
 * <p>Only completions (form submission, complete) that run in a transaction of their own are retried:
 * inside a caller's transaction a retry could not undo what the caller already did.
 */
@Component
public class RetryTaskCompletionPlugin extends AbstractProcessEnginePlugin {

  /** attempts of one completion: a collision with a job is rare, two in a row rarer still */
  static final int ATTEMPTS = 3;

  private static final Logger LOG = LoggerFactory.getLogger(RetryTaskCompletionPlugin.class);

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    List<CommandInterceptor> interceptors = configuration.getCustomPreCommandInterceptorsTxRequired() == null
        ? new ArrayList<>() : new ArrayList<>(configuration.getCustomPreCommandInterceptorsTxRequired());
    // a pre-interceptor runs outside the engine's transaction interceptor: each attempt is a new transaction
    interceptors.add(new RetryTaskCompletion());
    configuration.setCustomPreCommandInterceptorsTxRequired(interceptors);
  }

  static final class RetryTaskCompletion extends CommandInterceptor {

    @Override
    public <T> T execute(Command<T> command) {
      boolean completion = command instanceof SubmitTaskFormCmd || command instanceof CompleteTaskCmd;
      if (!completion || TransactionSynchronizationManager.isActualTransactionActive()) {
        return next.execute(command);
      }
      for (int attempt = 1; ; attempt++) {
        try {
          return next.execute(command);
        } catch (OptimisticLockingException collision) {
          if (attempt == ATTEMPTS) {
            throw collision;
          }
          LOG.info("task completion collided with another transaction on the same process instance"
              + " (attempt {} of {}): doing it again ({})", attempt, ATTEMPTS, collision.getMessage());
        }
      }
    }
  }
}
