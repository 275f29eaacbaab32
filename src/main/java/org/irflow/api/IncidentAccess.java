package org.irflow.api;

import java.util.List;
import org.irflow.api.CurrentUser.Member;
import org.irflow.incident.Incident;
import org.irflow.incidentpage.IncidentRoles;
import org.irflow.incidentpage.IncidentRoles.Roles;
import org.irflow.security.Groups;
import org.springframework.stereotype.Component;

/**
 * Who may read an incident and who may change it. Incident commanders, managers and operators read
 * every incident; anybody else only the incidents they take part in (as supervisor, communications
 * officer, responder, signer of a pause, or with a task of it). Changes are the incident command
 * supervisors'; a note may be added by whoever takes part, and by any incident commander.
 */
@Component
public class IncidentAccess {

  /** Groups that read every incident. */
  static final List<String> SEE_EVERY_INCIDENT = List.of(Groups.INCIDENT_COMMANDERS, Groups.MANAGERS, Groups.ADMINS);

  private final CurrentUser currentUser;
  private final IncidentRoles roles;

  public IncidentAccess(CurrentUser currentUser, IncidentRoles roles) {
    this.currentUser = currentUser;
    this.roles = roles;
  }

  /** What the caller may do with one incident, with its roles (read once for both). */
  public record Reader(Member member, Roles roles, boolean participant) {

    public String userId() {
      return member.userId();
    }

    public boolean maySupervise() {
      return member.groupIds().contains(Groups.INCIDENT_COMMANDERS);
    }

    public boolean mayAddNotes() {
      return participant || maySupervise();
    }
  }

  /** The caller reads the incident, or is refused with who may. */
  public Reader requireReader(Incident incident) {
    Member member = currentUser.requireMember();
    Roles incidentRoles = roles.of(incident);
    boolean participant = incidentRoles.participants().contains(member.userId());
    if (!participant && !member.inAny(SEE_EVERY_INCIDENT)) {
      throw new ApiExceptionHandler.Forbidden("user " + member.userId() + " takes no part in " + incident.id()
          + ": its supervisor, communications officer, responders and signers read it, and incident commanders,"
          + " managers and operators");
    }
    return new Reader(member, incidentRoles, participant);
  }

  /** The caller reads every incident, or only those they take part in. */
  public boolean seesEveryIncident(Member member) {
    return member.inAny(SEE_EVERY_INCIDENT);
  }

  public boolean takesPart(Member member, Incident incident) {
    return roles.of(incident).participants().contains(member.userId());
  }

  /** Only an incident command supervisor changes an incident's severity, roles and public updates. */
  public String requireSupervisor(Incident incident) {
    Reader reader = requireReader(incident);
    if (!reader.maySupervise()) {
      throw new ApiExceptionHandler.Forbidden("user " + reader.userId() + " is not an incident command supervisor"
          + " (group " + Groups.INCIDENT_COMMANDERS + "): only they change " + incident.id());
    }
    return reader.userId();
  }

  /** Whoever takes part in the incident, or commands incidents, adds a note. */
  public String requireNoteTaker(Incident incident) {
    Reader reader = requireReader(incident);
    if (!reader.mayAddNotes()) {
      throw new ApiExceptionHandler.Forbidden("user " + reader.userId() + " takes no part in " + incident.id()
          + ": only its people add notes to its timeline");
    }
    return reader.userId();
  }
}
