package org.irflow.security;

import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.irflow.process.EngineAccess;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * The members of Camunda groups, read for the process (the person whose request runs the step may
 * not be allowed to list users).
 */
@Component
public class GroupMembers {

  private final IdentityService identity;

  public GroupMembers(@Lazy IdentityService identity) {
    this.identity = identity;
  }

  /** User ids of the members of any of the groups, sorted, each once. */
  public List<String> of(Collection<String> groups) {
    return EngineAccess.asProcess(() -> {
      TreeSet<String> members = new TreeSet<>();
      for (String group : groups) {
        identity.createUserQuery().memberOfGroup(group).list().stream().map(User::getId)
            .forEach(members::add);
      }
      return List.copyOf(members);
    });
  }
}
