package org.irflow.containment.pause;

import static org.irflow.process.ContainmentVariables.MESSAGE_PAUSE_POLICY_MET;
import static org.irflow.process.ContainmentVariables.PAUSE_POLICY_ALERTS;
import static org.irflow.process.ContainmentVariables.PAUSE_POLICY_VERDICT;
import static org.irflow.process.ContainmentVariables.PAUSE_PROPOSAL_PROCESS;
import static org.irflow.process.ContainmentVariables.PROPOSED_CONTRACT;
import static org.irflow.process.Variables.EVENT_ID;
import static org.irflow.process.Variables.INCIDENT_ID;
import static org.irflow.process.Variables.INCIDENT_SUPERVISOR;

import java.util.List;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.variable.Variables;
import org.irflow.containment.ContractRegistry;
import org.irflow.containment.ContractRegistry.RegisteredContract;
import org.irflow.containment.pause.AutomaticPauseCheck.Verdict;
import org.irflow.incident.Timeline;
import org.irflow.incident.TimelineKind;
import org.irflow.process.Actors;
import org.irflow.process.EngineAccess;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Service;

/**
 * The automatic-pause policy applied to an incident's contracts: each contract whose registry entry
 * allows an automatic pause is paused at once when the policy is met, or else its pause is proposed
 * to the supervisor (a PauseProposalProcess); either decision goes on the incident's timeline with its
 * rule and inputs. While a proposal waits, a new alert on the incident may meet the policy after all.
 */
@Service
public class PauseProposals {

  /** Who starts a pause that the policy allowed. */
  public static final String AUTOMATIC = Actors.SYSTEM + " (automatic pause)";

  private final AutomaticPauseCheck check;
  private final PauseStarter pauses;
  private final ContractRegistry registry;
  private final Timeline timeline;
  private final RuntimeService runtime;

  public PauseProposals(AutomaticPauseCheck check, PauseStarter pauses, ContractRegistry registry, Timeline timeline,
      @Lazy RuntimeService runtime) {
    this.check = check;
    this.pauses = pauses;
    this.registry = registry;
    this.timeline = timeline;
    this.runtime = runtime;
  }

  /** What became of the contracts: paused at once, and proposed to the supervisor. */
  public record Outcome(List<String> paused, List<String> proposed) {}

  /** Applies the policy to the contracts for the event that proposed their pause. */
  public Outcome decide(String incidentId, long eventId, List<RegisteredContract> contracts, String supervisor) {
    List<Decided> decided = contracts.stream().map(contract -> new Decided(contract, check.check(contract, eventId)))
        .toList();
    decided.forEach(one -> record(incidentId, eventId, one.verdict()));
    List<String> paused = decided.stream().filter(one -> one.verdict().pause()).map(one -> one.contract().name())
        .toList();
    if (!paused.isEmpty()) {
      pauses.start(incidentId, paused, supervisor, AUTOMATIC, true);
    }
    List<String> proposed = decided.stream().filter(one -> !one.verdict().pause()).map(one -> {
      EngineAccess.asProcess(() -> runtime.startProcessInstanceByKey(PAUSE_PROPOSAL_PROCESS, incidentId,
          Variables.createVariables()
              .putValue(INCIDENT_ID, incidentId)
              .putValue(EVENT_ID, eventId)
              .putValue(PROPOSED_CONTRACT, one.contract().name())
              .putValue(PAUSE_POLICY_VERDICT, one.verdict().summary())
              .putValue(PAUSE_POLICY_ALERTS, one.verdict().alerts())
              .putValue(INCIDENT_SUPERVISOR, supervisor)));
      return one.contract().name();
    }).toList();
    return new Outcome(paused, proposed);
  }

  private record Decided(RegisteredContract contract, Verdict verdict) {}

  /**
   * New evidence on the incident: each proposal still waiting is checked again, and one whose policy
   * is now met is told so (its process starts the pause and ends the supervisor's task).
   */
  public void reconsider(String incidentId) {
    EngineAccess.asProcess(() -> reconsiderAsProcess(incidentId));
  }

  private void reconsiderAsProcess(String incidentId) {
    List<ProcessInstance> waiting = runtime.createProcessInstanceQuery().processDefinitionKey(PAUSE_PROPOSAL_PROCESS)
        .processInstanceBusinessKey(incidentId).active().list();
    for (ProcessInstance proposal : waiting) {
      String name = (String) runtime.getVariable(proposal.getId(), PROPOSED_CONTRACT);
      long eventId = ((Number) runtime.getVariable(proposal.getId(), EVENT_ID)).longValue();
      RegisteredContract contract = registry.contract(name).orElse(null);
      if (contract == null) {
        continue;   // no longer registered: the supervisor's task stays, the pause would fail
      }
      Verdict verdict = check.check(contract, eventId);
      if (verdict.pause()) {
        record(incidentId, eventId, verdict);
        runtime.createMessageCorrelation(MESSAGE_PAUSE_POLICY_MET).processInstanceId(proposal.getId())
            .setVariable(PAUSE_POLICY_VERDICT, verdict.summary())
            .setVariable(PAUSE_POLICY_ALERTS, verdict.alerts())
            .correlate();
      }
    }
  }

  /** The proposed pause of a contract: started as the policy allowed it, or as a person approved it. */
  public void startProposed(String incidentId, String contract, String supervisor, boolean automatic,
      String approvedBy) {
    pauses.start(incidentId, List.of(contract), supervisor, automatic ? AUTOMATIC : approvedBy, automatic);
  }

  public void recordDeclined(String incidentId, long eventId, String contract, String declinedBy, String notes) {
    timeline.append(new Timeline.Source(incidentId, eventId, null, null), TimelineKind.PAUSE_DECLINED, declinedBy,
        "Proposed pause of " + contract + " declined by " + declinedBy
            + (notes == null || notes.isBlank() ? "" : ": " + notes), null);
  }

  private void record(String incidentId, long eventId, Verdict verdict) {
    timeline.append(new Timeline.Source(incidentId, eventId, null, null), TimelineKind.AUTOMATIC_PAUSE_DECISION,
        Actors.SYSTEM, verdict.summary(), verdict.details());
  }
}
