package org.irflow.triage;

import static org.irflow.process.ContainmentVariables.AUTOMATIC_PAUSE_STARTED;
import static org.irflow.process.ContainmentVariables.CONTRACTS_TO_PAUSE;
import static org.irflow.process.ContainmentVariables.PAUSE_SUMMARY;
import static org.irflow.process.ContainmentVariables.SELECTED_CONTRACTS;
import static org.irflow.process.Variables.AFFECTED_SYSTEMS;
import static org.irflow.process.Variables.INCIDENT_COMMANDER;
import static org.irflow.process.Variables.INCIDENT_ID;
import static org.irflow.process.Variables.PROPOSE_PAUSE;
import static org.irflow.process.Variables.SEVERITY;

import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.irflow.containment.ContractRegistry;
import org.irflow.containment.ContractRegistry.RegisteredContract;
import org.irflow.containment.pause.PauseStarter;
import org.irflow.process.Actors;
import org.springframework.stereotype.Component;

/**
 * When the triage decision proposes a pause ({@code proposePause}: an exploit against registered
 * contracts, named by address or name in the reported affected systems), the response proposes their
 * pause at once ({@code contractsToPause}). For a SEV1 incident, the contracts whose registry entry
 * allows an automatic pause are paused now, without waiting for a person; the supervisor sees it on
 * the timeline and in the response's first task.
 */
@Component("findContractsToPauseDelegate")
public class FindContractsToPauseDelegate implements JavaDelegate {

  private final ContractRegistry registry;
  private final PauseStarter pauses;

  public FindContractsToPauseDelegate(ContractRegistry registry, PauseStarter pauses) {
    this.registry = registry;
    this.pauses = pauses;
  }

  @Override
  public void execute(DelegateExecution execution) {
    execution.setVariable(AUTOMATIC_PAUSE_STARTED, false);
    if (!Boolean.TRUE.equals(execution.getVariable(PROPOSE_PAUSE))) {
      return;
    }
    List<RegisteredContract> mentioned = registry.mentionedIn((String) execution.getVariable(AFFECTED_SYSTEMS));
    if (mentioned.isEmpty()) {
      return;
    }
    execution.setVariable(CONTRACTS_TO_PAUSE, names(mentioned));
    List<RegisteredContract> automatic = "SEV1".equals(execution.getVariable(SEVERITY))
        ? mentioned.stream().filter(RegisteredContract::automaticPauseAllowed).toList()
        : List.of();
    List<RegisteredContract> rest = mentioned.stream().filter(c -> !automatic.contains(c)).toList();
    // the response's "Pause contracts" comes pre-filled with what still needs a person
    execution.setVariable(SELECTED_CONTRACTS, rest.isEmpty() ? null : names(rest));
    if (automatic.isEmpty()) {
      execution.setVariable(PAUSE_SUMMARY, "Exploit against registered contracts " + names(mentioned)
          + ": pause proposed, choose them in \"Pause contracts\"");
      return;
    }
    pauses.start((String) execution.getVariable(INCIDENT_ID), automatic.stream().map(RegisteredContract::name).toList(),
        (String) execution.getVariable(INCIDENT_COMMANDER), Actors.SYSTEM + " (automatic pause)", true);
    execution.setVariable(AUTOMATIC_PAUSE_STARTED, true);
    execution.setVariable(PAUSE_SUMMARY, "Automatic pause started at declaration for " + names(automatic)
        + (rest.isEmpty() ? "" : "; proposed for " + names(rest) + " (choose them in \"Pause contracts\")"));
  }

  private static String names(List<RegisteredContract> contracts) {
    return String.join(", ", contracts.stream().map(RegisteredContract::name).toList());
  }
}
