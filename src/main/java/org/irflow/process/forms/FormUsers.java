package org.irflow.process.forms;

import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.context.Context;

/**
 * Questions about users that form rules ask while a submission is checked (inside the engine's
 * command). They are asked for the process, not for the submitter, who may not be allowed to list
 * users.
 */
public final class FormUsers {

  private FormUsers() {}

  public static boolean exists(String userId) {
    return Context.getCommandContext().runWithoutAuthorization(
        () -> identity().createUserQuery().userId(userId).count() > 0);
  }

  public static boolean isMember(String userId, String groupId) {
    return Context.getCommandContext().runWithoutAuthorization(
        () -> identity().createGroupQuery().groupMember(userId).groupId(groupId).count() > 0);
  }

  /** The user ids of the group's members, sorted. */
  public static List<String> membersOf(String groupId) {
    return Context.getCommandContext().runWithoutAuthorization(
        () -> identity().createUserQuery().memberOfGroup(groupId).orderByUserId().asc().list().stream()
            .map(User::getId).toList());
  }

  private static IdentityService identity() {
    return Context.getProcessEngineConfiguration().getIdentityService();
  }
}
