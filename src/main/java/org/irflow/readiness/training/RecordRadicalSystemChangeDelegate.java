package org.irflow.readiness.training;

import static org.irflow.process.TrainingVariables.CHANGE_DESCRIPTION;

import java.time.Clock;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.irflow.process.Actors;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/** Records the radical system change before its signal retrains every member. */
@Component("recordRadicalSystemChangeDelegate")
public class RecordRadicalSystemChangeDelegate implements JavaDelegate {

  private final RadicalSystemChanges changes;
  private final IdentityService identity;
  private final Clock clock;

  public RecordRadicalSystemChangeDelegate(RadicalSystemChanges changes, @Lazy IdentityService identity,
      Clock clock) {
    this.changes = changes;
    this.identity = identity;
    this.clock = clock;
  }

  @Override
  public void execute(DelegateExecution execution) {
    changes.record((String) execution.getVariable(CHANGE_DESCRIPTION), clock.instant(),
        Actors.current(identity), execution.getProcessInstanceId());
  }
}
