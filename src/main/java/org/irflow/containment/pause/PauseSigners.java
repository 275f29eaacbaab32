package org.irflow.containment.pause;

import java.util.ArrayList;
import java.util.List;
import org.irflow.security.GroupMembers;
import org.irflow.security.Groups;
import org.springframework.stereotype.Component;

/**
 * Who gets "Sign the pause transaction": every member of the signers group (there is no signer
 * rotation yet). With nobody in the group, one task for the whole group.
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
}
