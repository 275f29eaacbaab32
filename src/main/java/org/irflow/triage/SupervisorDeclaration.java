package org.irflow.triage;

import static org.irflow.process.Variables.ACTIVELY_EXPLOITED;
import static org.irflow.process.Variables.CHANNEL;
import static org.irflow.process.Variables.INCIDENT_COMMANDER;
import static org.irflow.process.Variables.PROPOSE_PAUSE;
import static org.irflow.process.Variables.REPORTER;
import static org.irflow.process.Variables.SEVERITY;
import static org.irflow.process.Variables.SUSPECTED_SEVERITY;
import static org.irflow.process.Variables.TRIAGE_NOTES;
import static org.irflow.process.Variables.TRIAGE_OUTCOME;

import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.irflow.process.forms.FormUsers;
import org.irflow.security.GroupMembers;
import org.irflow.security.Groups;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * "Declare an incident": a supervisor's one form stands for the report and the triage. Before the
 * triage process runs, this records the form as a triage that decided "incident", led by the supervisor
 * who declared; the triage process then skips its decision table and its triage task, but only for a
 * triage called by the declaration process, so that no variable set elsewhere can skip a triage.
 */
@Component("supervisorDeclaration")
public class SupervisorDeclaration implements JavaDelegate {

  public static final String DECLARATION_PROCESS = "IncidentDeclarationProcess";
  /** The declaring supervisor: the declaration's start event sets it (camunda:initiator). */
  public static final String DECLARED_BY = "declaredBy";
  /** How the event was noticed, for a declared incident. */
  public static final String CHANNEL_INCIDENT_COMMAND = "INCIDENT_COMMAND";

  private final GroupMembers members;

  public SupervisorDeclaration(@Lazy GroupMembers members) {
    this.members = members;
  }

  /** Service task "Take the supervisor's declaration" of the declaration process. */
  @Override
  public void execute(DelegateExecution execution) {
    String supervisor = (String) execution.getVariable(DECLARED_BY);
    if (supervisor == null || !FormUsers.isMember(supervisor, Groups.INCIDENT_COMMANDERS)) {
      throw new AuthorizationException((supervisor == null ? "nobody" : supervisor)
          + " is not an incident command supervisor: only a supervisor declares an incident; report a security event instead");
    }
    String name = members.nameOf(supervisor);
    execution.setVariable(REPORTER, name);
    execution.setVariable(CHANNEL, CHANNEL_INCIDENT_COMMAND);
    execution.setVariable(SUSPECTED_SEVERITY, execution.getVariable(SEVERITY));
    execution.setVariable(INCIDENT_COMMANDER, supervisor);
    execution.setVariable(TRIAGE_OUTCOME, "DECLARE");
    execution.setVariable(TRIAGE_NOTES, "Declared by " + name + " without a separate triage");
    // as the decision table does: an exploit in progress proposes pausing the registered contracts it names
    execution.setVariable(PROPOSE_PAUSE, Boolean.TRUE.equals(execution.getVariable(ACTIVELY_EXPLOITED)));
  }

  /** Gateway condition of the triage process: was this triage called by a supervisor's declaration? */
  public boolean declaredBySupervisor(DelegateExecution execution) {
    ExecutionEntity caller = ((ExecutionEntity) execution).getProcessInstance().getSuperExecution();
    return caller != null && DECLARATION_PROCESS.equals(caller.getProcessDefinition().getKey())
        && "DECLARE".equals(execution.getVariable(TRIAGE_OUTCOME))
        && execution.getVariable(DECLARED_BY) instanceof String supervisor
        && supervisor.equals(execution.getVariable(INCIDENT_COMMANDER))
        && FormUsers.isMember(supervisor, Groups.INCIDENT_COMMANDERS);
  }
}
