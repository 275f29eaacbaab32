package org.irflow.containment.pause;

import static org.irflow.process.ContainmentVariables.PAUSE_PROPOSAL_DECISION;
import static org.irflow.process.ContainmentVariables.PAUSE_PROPOSAL_NOTES;
import static org.irflow.process.ContainmentVariables.PROPOSED_CONTRACT;
import static org.irflow.process.Variables.EVENT_ID;
import static org.irflow.process.Variables.INCIDENT_ID;
import static org.irflow.process.Variables.INCIDENT_SUPERVISOR;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.irflow.process.Actors;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/** The service tasks of PauseProposalProcess and the response's check of waiting proposals. */
final class PauseProposalDelegates {

  /** The supervisor's answer that starts the pause. */
  static final String PAUSE = "PAUSE";

  private PauseProposalDelegates() {}

  /**
   * "Start the pause": the supervisor approved (the pause is theirs), or a corroborating alert met the
   * policy while the proposal waited (the pause is automatic). The same pause as the automatic path.
   */
  @Component("startProposedPauseDelegate")
  static class StartProposedPause implements JavaDelegate {
    private final PauseProposals proposals;
    private final IdentityService identity;

    StartProposedPause(PauseProposals proposals, @Lazy IdentityService identity) {
      this.proposals = proposals;
      this.identity = identity;
    }

    @Override
    public void execute(DelegateExecution execution) {
      boolean approved = PAUSE.equals(execution.getVariable(PAUSE_PROPOSAL_DECISION));
      proposals.startProposed((String) execution.getVariable(INCIDENT_ID),
          (String) execution.getVariable(PROPOSED_CONTRACT), (String) execution.getVariable(INCIDENT_SUPERVISOR),
          !approved, Actors.current(identity));
    }
  }

  /** "Record the decline": who declined and why, on the incident's timeline. */
  @Component("recordPauseDeclinedDelegate")
  static class RecordPauseDeclined implements JavaDelegate {
    private final PauseProposals proposals;
    private final IdentityService identity;

    RecordPauseDeclined(PauseProposals proposals, @Lazy IdentityService identity) {
      this.proposals = proposals;
      this.identity = identity;
    }

    @Override
    public void execute(DelegateExecution execution) {
      proposals.recordDeclined((String) execution.getVariable(INCIDENT_ID),
          ((Number) execution.getVariable(EVENT_ID)).longValue(), (String) execution.getVariable(PROPOSED_CONTRACT),
          Actors.current(identity), (String) execution.getVariable(PAUSE_PROPOSAL_NOTES));
    }
  }

  /** The response's "Reconsider proposed pauses": evidence came, a waiting proposal may now pause. */
  @Component("reconsiderProposedPausesDelegate")
  static class ReconsiderProposedPauses implements JavaDelegate {
    private final PauseProposals proposals;

    ReconsiderProposedPauses(PauseProposals proposals) {
      this.proposals = proposals;
    }

    @Override
    public void execute(DelegateExecution execution) {
      proposals.reconsider((String) execution.getVariable(INCIDENT_ID));
    }
  }
}
