package org.irflow.api;

import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.irflow.security.Groups;
import org.springframework.stereotype.Component;

/** The user the REST authentication filter has set on the engine for this request. */
@Component
public class CurrentUser {

  private final IdentityService identity;

  public CurrentUser(IdentityService identity) {
    this.identity = identity;
  }

  /** Members of the programme's groups (and operators) may read incidents and the roster. */
  public String requireProgrammeMember() {
    Authentication authentication = authenticated();
    List<String> groups = authentication.getGroupIds() == null ? List.of() : authentication.getGroupIds();
    boolean member = groups.stream()
        .anyMatch(group -> Groups.PROGRAMME.contains(group) || Groups.ADMINS.equals(group));
    if (!member) {
      throw new ApiExceptionHandler.Forbidden(
          "user " + authentication.getUserId() + " is in none of the incident response groups");
    }
    return authentication.getUserId();
  }

  /** Only incident command supervisors may regroup incidents and their events. */
  public String requireIncidentCommander() {
    Authentication authentication = authenticated();
    if (!isIncidentCommander(authentication)) {
      throw new ApiExceptionHandler.Forbidden("user " + authentication.getUserId() + " is not in "
          + Groups.INCIDENT_COMMANDERS);
    }
    return authentication.getUserId();
  }

  /** Whether the programme member calling may regroup incidents and their events. */
  public boolean mayRegroup() {
    requireProgrammeMember();
    return isIncidentCommander(authenticated());
  }

  private static boolean isIncidentCommander(Authentication authentication) {
    return authentication.getGroupIds() != null && authentication.getGroupIds().contains(Groups.INCIDENT_COMMANDERS);
  }

  private Authentication authenticated() {
    Authentication authentication = identity.getCurrentAuthentication();
    if (authentication == null) {
      throw new ApiExceptionHandler.Forbidden("not authenticated");
    }
    return authentication;
  }
}
