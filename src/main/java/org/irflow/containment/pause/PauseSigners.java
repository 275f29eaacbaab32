package org.irflow.containment.pause;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.irflow.process.Variables;
import org.irflow.security.GroupMembers;
import org.irflow.security.Groups;
import org.springframework.stereotype.Component;

/**
 * Who gets "Sign the pause transaction": every member of the signers group (there is no signer
 * rotation yet). With nobody in the group, one task for the whole group. "Execute the pause in
 * Safe{Wallet}" goes to the incident's supervisor and to every signer: whoever executes it enters the
 * hash, and the others' tasks end.
 */
@Component("pauseSigners")
public class PauseSigners {

  private final GroupMembers groupMembers;

  public PauseSigners(GroupMembers groupMembers) {
    this.groupMembers = groupMembers;
  }

  public List<String> members() {
    List<String> members = new ArrayList<>(groupMembers.of(List.of(Groups.SIGNERS)));
    if (members.isEmpty()) {
      // a null element: one task offered to the whole group (the model's candidate group)
      members.add(null);
    }
    return members;
  }

  /** Whether the user is a signer (is paged for a pause to sign). */
  public boolean isSigner(String userId) {
    return userId != null && groupMembers.of(List.of(Groups.SIGNERS)).contains(userId);
  }

  /** The supervisor first, then each signer not already named; never empty while there is a supervisor. */
  public List<String> manualExecutors(VariableScope scope) {
    Set<String> executors = new LinkedHashSet<>();
    if (scope.getVariable(Variables.INCIDENT_SUPERVISOR) instanceof String supervisor && !supervisor.isBlank()) {
      executors.add(supervisor);
    }
    executors.addAll(groupMembers.of(List.of(Groups.SIGNERS)));
    if (executors.isEmpty()) {
      // one task offered to the model's candidate groups
      executors.add(null);
    }
    return new ArrayList<>(executors);
  }
}
