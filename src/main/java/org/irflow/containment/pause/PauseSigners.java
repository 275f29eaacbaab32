package org.irflow.containment.pause;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.irflow.process.EngineAccess;
import org.irflow.security.Groups;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * Who gets "Sign the pause transaction": every member of the signers group (there is no signer
 * rotation yet). With nobody in the group, one task for the whole group.
 */
@Component("pauseSigners")
public class PauseSigners {

  private final IdentityService identity;

  public PauseSigners(@Lazy IdentityService identity) {
    this.identity = identity;
  }

  public List<String> members() {
    List<String> members = new ArrayList<>(EngineAccess.asProcess(() -> identity.createUserQuery()
        .memberOfGroup(Groups.SIGNERS).orderByUserId().asc().list()).stream().map(User::getId).toList());
    if (members.isEmpty()) {
      members.add(null);
    }
    return members;
  }
}
