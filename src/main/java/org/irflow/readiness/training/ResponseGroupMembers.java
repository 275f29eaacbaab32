package org.irflow.readiness.training;

import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * Who is in the response groups, read from Camunda's identity service. Read for the programme, not
 * for the person whose request asks (a responder may not list users), so without authorization checks.
 */
@Component
public class ResponseGroupMembers {

  private final IdentityService identity;
  private final TrainingProperties properties;

  public ResponseGroupMembers(@Lazy IdentityService identity, TrainingProperties properties) {
    this.identity = identity;
    this.properties = properties;
  }

  /** User id to the first response group (in configured order) the user is a member of. */
  public Map<String, String> members() {
    Map<String, String> members = new LinkedHashMap<>();
    asProgramme(() -> {
      for (String group : properties.responseGroups()) {
        for (User user : identity.createUserQuery().memberOfGroup(group).orderByUserId().asc().list()) {
          members.putIfAbsent(user.getId(), group);
        }
      }
    });
    return members;
  }

  public boolean isMember(String userId) {
    return members().containsKey(userId);
  }

  private void asProgramme(Runnable work) {
    Authentication current = identity.getCurrentAuthentication();
    identity.clearAuthentication();
    try {
      work.run();
    } finally {
      if (current != null) {
        identity.setAuthentication(current);
      }
    }
  }
}
