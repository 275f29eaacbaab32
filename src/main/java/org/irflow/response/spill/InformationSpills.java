package org.irflow.response.spill;

import static org.irflow.incident.Timeline.utc;
import static org.irflow.process.SpillVariables.ACCESS_RESTRICTION;
import static org.irflow.process.SpillVariables.INFORMATION_SPILL_ID;
import static org.irflow.process.SpillVariables.PROCESS_KEY;
import static org.irflow.process.SpillVariables.REMOVAL_CONFIRMED;
import static org.irflow.process.SpillVariables.REMOVAL_METHOD;
import static org.irflow.process.SpillVariables.REMOVAL_VERIFICATION;
import static org.irflow.process.SpillVariables.SPILLED_INFORMATION;
import static org.irflow.process.SpillVariables.SPILL_LOCATION;
import static org.irflow.process.SpillVariables.SPILL_SYSTEMS;
import static org.irflow.process.SpillVariables.SYSTEM_OWNERS;
import static org.irflow.process.SpillVariables.SYSTEM_OWNER_MESSAGE_ID;
import static org.irflow.process.Variables.AFFECTED_SYSTEMS;
import static org.irflow.process.Variables.DESCRIPTION;
import static org.irflow.process.Variables.EVENT_TITLE;
import static org.irflow.process.Variables.INCIDENT_ID;
import static org.irflow.process.Variables.INCIDENT_TITLE;
import static org.irflow.process.Variables.SEVERITY;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.variable.Variables;
import org.irflow.comms.OutboundMessage;
import org.irflow.comms.OutboundMessages;
import org.irflow.incident.Incident;
import org.irflow.incident.IncidentService;
import org.irflow.incident.SecurityEvent;
import org.irflow.incident.SecurityEvents;
import org.irflow.incident.Timeline;
import org.irflow.incident.TimelineKind;
import org.irflow.process.Actors;
import org.irflow.process.DrillVariables;
import org.irflow.process.VariableTexts;
import org.irflow.response.IncidentContext;
import org.irflow.response.IncidentProcesses;
import org.springframework.context.annotation.Lazy;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;

/**
 * Information spills (IR-9): sensitive information where it should not be. {@link #startFor} starts the
 * incident's InformationSpillProcess (at most one runs per incident): locate the information, notify the
 * owner of the systems holding it ({@code irflow.spills.system-owners}), remove it and restrict access to
 * those systems, confirm the removal and how it was verified. Each step is kept on the
 * {@code information_spill} row and the timeline.
 */
@Service
public class InformationSpills {

  /** Camunda keeps a string variable in a varchar(4000). */

  /** A spill as recorded. */
  public record Spill(long id, String incidentId, boolean drill, String status, String startedBy,
      String processInstanceId, String spilledInformation, String locatedWhere, String systems, String locatedBy,
      String systemOwners, Long ownerMessageId, Instant ownerNotifiedAt, String removedHow, String removedBy,
      String accessRestricted, String accessRestrictedBy, String verifiedHow, String confirmedBy,
      Instant confirmedAt, Instant containedAt) {}

  private final IncidentProcesses processes;
  private final IncidentService incidents;
  private final SecurityEvents events;
  private final IncidentContext context;
  private final OutboundMessages outbound;
  private final SpillProperties properties;
  private final Timeline timeline;
  private final JdbcTemplate jdbc;
  private final RuntimeService runtime;
  private final IdentityService identity;
  private final Clock clock;

  public InformationSpills(IncidentProcesses processes, IncidentService incidents, SecurityEvents events,
      IncidentContext context, OutboundMessages outbound, SpillProperties properties, Timeline timeline,
      JdbcTemplate jdbc, @Lazy RuntimeService runtime, @Lazy IdentityService identity, Clock clock) {
    this.processes = processes;
    this.incidents = incidents;
    this.events = events;
    this.context = context;
    this.outbound = outbound;
    this.properties = properties;
    this.timeline = timeline;
    this.jdbc = jdbc;
    this.runtime = runtime;
    this.identity = identity;
    this.clock = clock;
  }

  /**
   * Starts the incident's spill response, unless one is running already (then nothing changes).
   * Idempotent, and safe when called twice at once: the starts are serialised on the incident's row.
   *
   * @return the id of the running InformationSpillProcess instance, new or not
   * @throws java.util.NoSuchElementException when there is no such incident
   */
  public String startFor(String incidentId, String startedBy) {
    Incident incident = incidents.get(incidentId);
    return processes.startOnce(PROCESS_KEY, incidentId, () -> {
      SecurityEvent event = incident.eventId() == null ? null : events.find(incident.eventId()).orElse(null);
      String affectedSystems = event == null ? null : event.affectedSystems();
      long id = insert(incident, startedBy);
      String processInstanceId = runtime.startProcessInstanceByKey(PROCESS_KEY, incidentId,
          IncidentProcesses.incidentVariables(incident)
              .putValue(INFORMATION_SPILL_ID, id)
              .putValue(EVENT_TITLE, event == null ? null : event.title())
              .putValue(DESCRIPTION, event == null ? null : VariableTexts.fit(event.description(), "the event"))
              .putValue(AFFECTED_SYSTEMS, affectedSystems)
              .putValue(SPILL_SYSTEMS, affectedSystems))
          .getId();
      jdbc.update("update information_spill set process_instance_id = ? where id = ?", processInstanceId, id);
      timeline.append(new Timeline.Source(incidentId, null, processInstanceId, null),
          TimelineKind.SPILL_RESPONSE_STARTED, startedBy,
          "Information spill response started (IR-9): locate the information, notify the system owner, remove it,"
              + " restrict access, confirm the removal" + (affectedSystems == null ? "" : "; reported systems: "
              + affectedSystems), null);
      return processInstanceId;
    });
  }

  /** The incident's running spill response, if any. */
  public Optional<String> running(String incidentId) {
    return processes.inCommand(() -> processes.running(PROCESS_KEY, incidentId));
  }

  public List<Spill> ofIncident(String incidentId) {
    return jdbc.query("select * from information_spill where incident_id = ? order by id", InformationSpills::map,
        incidentId);
  }

  public Optional<Spill> find(long id) {
    return jdbc.query("select * from information_spill where id = ?", InformationSpills::map, id).stream().findFirst();
  }

  private static Spill map(ResultSet rs, int row) throws SQLException {
    return new Spill(rs.getLong("id"), rs.getString("incident_id"), rs.getBoolean("drill"), rs.getString("status"),
        rs.getString("started_by"), rs.getString("process_instance_id"), rs.getString("spilled_information"),
        rs.getString("located_where"), rs.getString("systems"), rs.getString("located_by"),
        rs.getString("system_owners"), rs.getObject("owner_message_id", Long.class), instant(rs, "owner_notified_at"),
        rs.getString("removed_how"), rs.getString("removed_by"), rs.getString("access_restricted"),
        rs.getString("access_restricted_by"), rs.getString("verified_how"), rs.getString("confirmed_by"),
        instant(rs, "confirmed_at"), instant(rs, "contained_at"));
  }

  /** Task listener of "Locate the spilled information" (complete). */
  public void located(DelegateTask task) {
    String actor = actor(task);
    String what = (String) task.getVariable(SPILLED_INFORMATION);
    String where = (String) task.getVariable(SPILL_LOCATION);
    String systems = (String) task.getVariable(SPILL_SYSTEMS);
    jdbc.update("""
        update information_spill set spilled_information = ?, located_where = ?, systems = ?, located_by = ?,
                                     located_at = ? where id = ?""",
        what, where, abbreviate(systems, 2000), actor, utc(clock.instant()), rowId(task));
    append(task, TimelineKind.SPILL_LOCATED, actor, "Spilled information located: " + what + ", in " + where
        + (systems == null ? "" : " (systems: " + systems + ")"), null);
  }

  /** Task listener of "Remove the spilled information" (complete); a repeated removal replaces the last. */
  public void removed(DelegateTask task) {
    jdbc.update("update information_spill set removed_how = ?, removed_by = ?, removed_at = ? where id = ?",
        task.getVariable(REMOVAL_METHOD), actor(task), utc(clock.instant()), rowId(task));
  }

  /** Task listener of "Restrict access to affected systems" (complete). */
  public void accessRestricted(DelegateTask task) {
    jdbc.update("""
        update information_spill set access_restricted = ?, access_restricted_by = ?, access_restricted_at = ?
        where id = ?""", task.getVariable(ACCESS_RESTRICTION), actor(task), utc(clock.instant()), rowId(task));
  }

  /** Task listener of "Confirm removal" (complete): confirmed with how it was verified, or traces remain. */
  public void removalReviewed(DelegateTask task) {
    if (!"YES".equals(task.getVariable(REMOVAL_CONFIRMED))) {
      return;
    }
    jdbc.update("update information_spill set verified_how = ?, confirmed_by = ?, confirmed_at = ? where id = ?",
        task.getVariable(REMOVAL_VERIFICATION), actor(task), utc(clock.instant()), rowId(task));
  }

  /**
   * "Notify the system owner": one e-mail to the owners of the systems holding the information (the
   * event's affected systems and those named when it was located), else to the default owner; a drill's
   * goes to the drill channel instead. The supervisor sends it by hand if delivery keeps failing. With no
   * owner configured at all it fails, for the job's retries and then a Cockpit incident: configure
   * {@code irflow.spills.system-owners} (with a {@code default} entry) and retry.
   */
  public long notifySystemOwner(DelegateExecution execution) {
    String incidentId = (String) execution.getVariable(INCIDENT_ID);
    String systems = join((String) execution.getVariable(AFFECTED_SYSTEMS), (String) execution.getVariable(SPILL_SYSTEMS));
    List<String> owners = properties.ownersFor(systems);
    if (owners.isEmpty()) {
      throw new IllegalStateException("no system owner is configured for \"" + systems + "\" and no default owner"
          + " (irflow.spills.system-owners.default): configure one and retry the job, or notify the owner by hand");
    }
    boolean drill = Boolean.TRUE.equals(execution.getVariable(DrillVariables.DRILL));
    String supervisor = context.supervisor(execution);
    String subject = "Information spill on " + (blank(execution.getVariable(SPILL_SYSTEMS)) ? "your systems"
        : execution.getVariable(SPILL_SYSTEMS)) + " (" + incidentId + ")";
    String body = """
        You are the owner of a system that holds information which should not be there (an information \
        spill, IR-9).

        Incident: %s, %s (%s)
        What was spilled: %s
        Where it is: %s
        Systems: %s
        Incident command supervisor: %s

        The response team is removing the information and restricting access to the affected systems; the \
        supervisor confirms the removal and how it was verified. Please do not copy or forward the \
        information, and tell the supervisor of anyone else who has access to it.""".formatted(
        incidentId, execution.getVariable(INCIDENT_TITLE), execution.getVariable(SEVERITY),
        execution.getVariable(SPILLED_INFORMATION), execution.getVariable(SPILL_LOCATION), systems,
        supervisor == null ? "not assigned" : supervisor);
    long messageId = outbound.send(new OutboundMessage(incidentId, OutboundMessage.Channel.EMAIL, owners, subject,
        body, (String) execution.getVariable(SEVERITY), drill), supervisor);
    execution.setVariable(SYSTEM_OWNERS, String.join(", ", owners));
    execution.setVariable(SYSTEM_OWNER_MESSAGE_ID, messageId);
    long id = ((Number) execution.getVariable(INFORMATION_SPILL_ID)).longValue();
    jdbc.update("""
        update information_spill set system_owners = ?, owner_message_id = ?, owner_notified_at = ? where id = ?""",
        abbreviate(String.join(",", owners), 2000), messageId, utc(clock.instant()), id);
    timeline.append(new Timeline.Source(incidentId, null, execution.getProcessInstanceId(),
            execution.getCurrentActivityId()), TimelineKind.SYSTEM_OWNER_NOTIFIED, Actors.SYSTEM,
        (drill ? "Drill: system owner notice to the drill channel instead of " : "System owner notified: e-mail to ")
            + String.join(", ", owners), "outbound message " + messageId + "; systems: " + systems);
    return messageId;
  }

  /** "Record spill contained": removal confirmed and access restricted. */
  public void contained(DelegateExecution execution) {
    long id = ((Number) execution.getVariable(INFORMATION_SPILL_ID)).longValue();
    jdbc.update("update information_spill set status = 'CONTAINED', contained_at = ? where id = ?",
        utc(clock.instant()), id);
    Spill spill = find(id).orElseThrow();
    timeline.append(new Timeline.Source(spill.incidentId(), null, execution.getProcessInstanceId(),
            execution.getCurrentActivityId()), TimelineKind.SPILL_CONTAINED,
        spill.confirmedBy() == null ? Actors.SYSTEM : spill.confirmedBy(),
        "Information spill contained: removed (" + spill.removedHow() + "), access restricted ("
            + spill.accessRestricted() + "), removal confirmed by " + spill.confirmedBy() + ", verified: "
            + spill.verifiedHow(),
        "spilled: " + spill.spilledInformation() + "; located in: " + spill.locatedWhere() + "; system owners "
            + "notified: " + spill.systemOwners());
  }

  private long insert(Incident incident, String startedBy) {
    GeneratedKeyHolder key = new GeneratedKeyHolder();
    jdbc.update(connection -> {
      PreparedStatement statement = connection.prepareStatement("""
          insert into information_spill (incident_id, drill, status, started_by, started_at)
          values (?, ?, 'CONTAINING', ?, ?)""", new String[] {"id"});
      statement.setString(1, incident.id());
      statement.setBoolean(2, incident.drill());
      statement.setString(3, startedBy);
      statement.setObject(4, utc(clock.instant()));
      return statement;
    }, key);
    return key.getKey().longValue();
  }

  private void append(DelegateTask task, TimelineKind kind, String actor, String summary, String details) {
    timeline.append(new Timeline.Source((String) task.getVariable(INCIDENT_ID), null, task.getProcessInstanceId(),
        task.getTaskDefinitionKey()), kind, actor, summary, details);
  }

  private String actor(DelegateTask task) {
    String actor = Actors.current(identity);
    return Actors.SYSTEM.equals(actor) && task.getAssignee() != null ? task.getAssignee() : actor;
  }

  private static long rowId(DelegateTask task) {
    return ((Number) task.getVariable(INFORMATION_SPILL_ID)).longValue();
  }

  private static String join(String first, String second) {
    if (blank(first)) {
      return second == null ? "" : second;
    }
    return blank(second) || first.equals(second) ? first : first + ", " + second;
  }

  private static boolean blank(Object value) {
    return value == null || value.toString().isBlank();
  }

  private static String abbreviate(String text, int max) {
    return text == null || text.length() <= max ? text : text.substring(0, max - 1) + "…";
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }
}
