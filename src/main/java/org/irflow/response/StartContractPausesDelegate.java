package org.irflow.response;

import static org.irflow.process.ContainmentVariables.SELECTED_CONTRACTS;
import static org.irflow.process.Variables.INCIDENT_ID;
import static org.irflow.process.Variables.INCIDENT_SUPERVISOR;

import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.irflow.containment.pause.PauseStarter;
import org.irflow.process.Actors;
import org.irflow.process.forms.FormValues;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * "Pause contracts" was submitted: one ContractPauseProcess per batch, then the task is offered again
 * (showing the new pauses: {@link PauseSummaries}).
 */
@Component("startContractPausesDelegate")
public class StartContractPausesDelegate implements JavaDelegate {

  private final PauseStarter pauses;
  private final IdentityService identity;

  public StartContractPausesDelegate(PauseStarter pauses, @Lazy IdentityService identity) {
    this.pauses = pauses;
    this.identity = identity;
  }

  @Override
  public void execute(DelegateExecution execution) {
    List<String> names = parse(execution.getVariable(SELECTED_CONTRACTS));
    pauses.start((String) execution.getVariable(INCIDENT_ID), names,
        (String) execution.getVariable(INCIDENT_SUPERVISOR), Actors.current(identity), false);
    // removed, not set to null: the next "Pause contracts" starts with nothing ticked, and Tasklist submits a
    // field with the type of the variable it read (a null variable's type takes no list)
    execution.removeVariable(SELECTED_CONTRACTS);
  }

  /** The ticked contracts: ["Vault", "Bridge"] from Tasklist, or "Vault, Bridge" through the REST API. */
  public static List<String> parse(Object selection) {
    return FormValues.list(selection);
  }
}
