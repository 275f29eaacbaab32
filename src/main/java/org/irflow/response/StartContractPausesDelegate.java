package org.irflow.response;

import static org.irflow.process.ContainmentVariables.PAUSE_SUMMARY;
import static org.irflow.process.ContainmentVariables.PAUSE_SUMMARY_COMPLETE_ON;
import static org.irflow.process.ContainmentVariables.SELECTED_CONTRACTS;
import static org.irflow.process.Variables.INCIDENT_ID;
import static org.irflow.process.Variables.INCIDENT_SUPERVISOR;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.irflow.containment.pause.PauseStarter;
import org.irflow.process.Actors;
import org.irflow.process.VariableTexts;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/** "Pause contracts" was submitted: one ContractPauseProcess per batch, then the task is offered again. */
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
    List<String> names = parse((String) execution.getVariable(SELECTED_CONTRACTS));
    List<Long> batches = pauses.start((String) execution.getVariable(INCIDENT_ID), names,
        (String) execution.getVariable(INCIDENT_SUPERVISOR), Actors.current(identity), false);
    String previous = (String) execution.getVariable(PAUSE_SUMMARY);
    String now = "Pause started for " + String.join(", ", names) + " (pause "
        + batches.stream().map(String::valueOf).collect(Collectors.joining(", ")) + ")";
    execution.setVariable(PAUSE_SUMMARY, VariableTexts.appendLine(previous, now, PAUSE_SUMMARY_COMPLETE_ON));
    execution.setVariable(SELECTED_CONTRACTS, null);
  }

  /** "Vault, Bridge" → [Vault, Bridge] */
  public static List<String> parse(String selection) {
    if (selection == null) {
      return List.of();
    }
    return Arrays.stream(selection.split(",")).map(String::trim).filter(s -> !s.isEmpty()).distinct().toList();
  }
}
