package org.irflow.triage;

import static org.irflow.process.ContainmentVariables.AUTOMATIC_PAUSE_STARTED;
import static org.irflow.process.ContainmentVariables.CONTRACTS_TO_PAUSE;
import static org.irflow.process.ContainmentVariables.PAUSE_SUMMARY;
import static org.irflow.process.ContainmentVariables.SELECTED_CONTRACTS;
import static org.irflow.process.Variables.AFFECTED_SYSTEMS;
import static org.irflow.process.Variables.EVENT_ID;
import static org.irflow.process.Variables.INCIDENT_COMMANDER;
import static org.irflow.process.Variables.INCIDENT_ID;
import static org.irflow.process.Variables.PROPOSE_PAUSE;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.spin.plugin.variable.SpinValues;
import org.irflow.containment.ContractRegistry;
import org.irflow.containment.ContractRegistry.RegisteredContract;
import org.irflow.containment.pause.PauseProposals;
import org.irflow.incident.SecurityEvents;
import org.springframework.stereotype.Component;

/**
 * When the triage decision proposes a pause ({@code proposePause}: an exploit against registered
 * contracts, named by address or name in the reported affected systems), the response proposes their
 * pause at once ({@code contractsToPause}). The contracts whose registry entry allows an automatic pause
 * are paused now when the alerts meet their policy, or else their pause is proposed to the supervisor
 * in a task of its own ("Pause Vault now?"); the others are pre-selected in the response's "Pause
 * contracts". The supervisor sees which is which on the timeline and in the response's first task.
 */
@Component("findContractsToPauseDelegate")
public class FindContractsToPauseDelegate implements JavaDelegate {

  private final ContractRegistry registry;
  private final PauseProposals proposals;
  private final SecurityEvents events;
  private final ObjectMapper json;

  public FindContractsToPauseDelegate(ContractRegistry registry, PauseProposals proposals, SecurityEvents events,
      ObjectMapper json) {
    this.events = events;
    this.json = json;
    this.registry = registry;
    this.proposals = proposals;
  }

  @Override
  public void execute(DelegateExecution execution) {
    execution.setVariable(AUTOMATIC_PAUSE_STARTED, false);
    if (!Boolean.TRUE.equals(execution.getVariable(PROPOSE_PAUSE))) {
      return;
    }
    // an alert about one chain never pauses a contract at the same address on another
    Long chain = execution.getVariable(EVENT_ID) == null ? null
        : events.chainOf(((Number) execution.getVariable(EVENT_ID)).longValue()).orElse(null);
    List<RegisteredContract> mentioned = registry.mentionedIn((String) execution.getVariable(AFFECTED_SYSTEMS), chain);
    if (mentioned.isEmpty()) {
      return;
    }
    execution.setVariable(CONTRACTS_TO_PAUSE, names(mentioned));
    List<RegisteredContract> allowed = mentioned.stream().filter(RegisteredContract::automaticPauseAllowed).toList();
    List<RegisteredContract> onlyByHand = mentioned.stream().filter(c -> !allowed.contains(c)).toList();
    // the response's "Pause contracts" comes pre-filled with what the registry leaves to a person
    // a JSON array, which ticks them in the form's checklist; nothing to tick: no variable at all (Tasklist
    // submits a field with the type of the variable it read, and a null variable's type takes no list)
    if (!onlyByHand.isEmpty()) {
      execution.setVariable(SELECTED_CONTRACTS, SpinValues.jsonValue(json.valueToTree(
          onlyByHand.stream().map(RegisteredContract::name).toList()).toString()).create());
    }
    PauseProposals.Outcome outcome = allowed.isEmpty() ? new PauseProposals.Outcome(List.of(), List.of())
        : proposals.decide((String) execution.getVariable(INCIDENT_ID),
            ((Number) execution.getVariable(EVENT_ID)).longValue(), allowed,
            (String) execution.getVariable(INCIDENT_COMMANDER));
    execution.setVariable(AUTOMATIC_PAUSE_STARTED, !outcome.paused().isEmpty());
    List<String> summary = new ArrayList<>();
    if (!outcome.paused().isEmpty()) {
      summary.add("Automatic pause started at declaration for " + String.join(", ", outcome.paused()));
    }
    for (String contract : outcome.proposed()) {
      summary.add("Automatic pause of " + contract + " not allowed by its policy: proposed in \"Pause "
          + contract + " now?\"");
    }
    if (!onlyByHand.isEmpty()) {
      summary.add((summary.isEmpty() ? "Exploit against registered contracts " + names(onlyByHand)
          + ": pause proposed" : "pause proposed for " + names(onlyByHand)) + ", choose them in \"Pause contracts\"");
    }
    execution.setVariable(PAUSE_SUMMARY, String.join("; ", summary));
  }

  private static String names(List<RegisteredContract> contracts) {
    return String.join(", ", contracts.stream().map(RegisteredContract::name).toList());
  }
}
