package org.irflow.readiness.training;

import java.util.UUID;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;

/** Fresh users for the training and readiness tests, so that they assert on their own people. */
public final class TestMembers {

  private TestMembers() {}

  /** Creates a user in the group and returns the user id (unique per call). */
  public static String join(IdentityService identity, String prefix, String group) {
    String userId = prefix + UUID.randomUUID().toString().substring(0, 8);
    User user = identity.newUser(userId);
    user.setFirstName(prefix);
    user.setLastName("(test)");
    user.setPassword("test");
    identity.saveUser(user);
    identity.createMembership(userId, group);
    return userId;
  }
}
