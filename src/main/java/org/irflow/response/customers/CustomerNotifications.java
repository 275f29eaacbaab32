package org.irflow.response.customers;

import static org.irflow.incident.Timeline.utc;
import static org.irflow.process.CustomerNotificationVariables.APPROVED_BY;
import static org.irflow.process.CustomerNotificationVariables.BODY;
import static org.irflow.process.CustomerNotificationVariables.CUSTOMER_NOTIFICATION_ID;
import static org.irflow.process.CustomerNotificationVariables.DECISION;
import static org.irflow.process.CustomerNotificationVariables.DRAFTED_BY;
import static org.irflow.process.CustomerNotificationVariables.MESSAGE_ID;
import static org.irflow.process.CustomerNotificationVariables.PROCESS_KEY;
import static org.irflow.process.CustomerNotificationVariables.RECIPIENTS;
import static org.irflow.process.CustomerNotificationVariables.REDRAFT_REASON;
import static org.irflow.process.CustomerNotificationVariables.REQUESTED_BY;
import static org.irflow.process.CustomerNotificationVariables.SUBJECT;
import static org.irflow.process.Variables.INCIDENT_ID;
import static org.irflow.process.Variables.SEVERITY;

import java.sql.PreparedStatement;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.variable.Variables;
import org.irflow.comms.CommsProperties;
import org.irflow.comms.OutboundMessage;
import org.irflow.comms.OutboundMessages;
import org.irflow.incident.Incident;
import org.irflow.incident.IncidentService;
import org.irflow.incident.Timeline;
import org.irflow.incident.TimelineKind;
import org.irflow.process.Actors;
import org.irflow.process.DrillVariables;
import org.irflow.response.IncidentContext;
import org.irflow.response.IncidentProcesses;
import org.springframework.context.annotation.Lazy;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;

/**
 * Customer notification (IR-7): "technology operations notify customers about incidents and potential
 * incidents". {@link #startFor} starts the incident's CustomerNotificationProcess (at most one runs per
 * incident): the communications officer drafts, the incident command supervisor approves or sends it
 * back, and the approved text is e-mailed to every configured customer contact
 * ({@code irflow.comms.customer-contacts}); a drill's e-mail goes to the drill channel instead.
 */
@Service
public class CustomerNotifications {

  /** A customer notification as recorded. */
  public record Notification(long id, String incidentId, boolean drill, String status, String requestedBy,
      String processInstanceId, String subject, String draftedBy, int redrafts, String approvedBy,
      Long outboundMessageId) {}

  private final IncidentProcesses processes;
  private final IncidentService incidents;
  private final IncidentContext context;
  private final OutboundMessages outbound;
  private final CommsProperties comms;
  private final Timeline timeline;
  private final JdbcTemplate jdbc;
  private final RuntimeService runtime;
  private final IdentityService identity;
  private final Clock clock;

  public CustomerNotifications(IncidentProcesses processes, IncidentService incidents, IncidentContext context,
      OutboundMessages outbound, CommsProperties comms, Timeline timeline, JdbcTemplate jdbc,
      @Lazy RuntimeService runtime, @Lazy IdentityService identity, Clock clock) {
    this.processes = processes;
    this.incidents = incidents;
    this.context = context;
    this.outbound = outbound;
    this.comms = comms;
    this.timeline = timeline;
    this.jdbc = jdbc;
    this.runtime = runtime;
    this.identity = identity;
    this.clock = clock;
  }

  /**
   * Starts the incident's customer notification, unless one is running already (then nothing changes).
   * Idempotent, and safe when called twice at once: the starts are serialised on the incident's row.
   *
   * @param startedBy who asks for it, for the timeline (a user id, or irflow for the triage)
   * @return the id of the running CustomerNotificationProcess instance, new or not
   * @throws java.util.NoSuchElementException when there is no such incident
   */
  public String startFor(String incidentId, String startedBy) {
    Incident incident = incidents.get(incidentId);
    return processes.startOnce(PROCESS_KEY, incidentId, () -> {
      long id = insert(incident, startedBy);
      String officer = context.communicationsOfficerOf(incidentId);
      String processInstanceId = runtime.startProcessInstanceByKey(PROCESS_KEY, incidentId,
          IncidentProcesses.incidentVariables(incident)
              .putValue(CUSTOMER_NOTIFICATION_ID, id)
              .putValue(REQUESTED_BY, startedBy)
              .putValue(RECIPIENTS, recipientsText(incident.drill()))
              .putValue(SUBJECT, "Security incident " + incidentId + ": " + incident.title()))
          .getId();
      jdbc.update("update customer_notification set process_instance_id = ? where id = ?", processInstanceId, id);
      timeline.append(new Timeline.Source(incidentId, null, processInstanceId, null),
          TimelineKind.CUSTOMER_NOTIFICATION_REQUESTED, startedBy,
          "Customer notification requested by " + startedBy + " (IR-7); drafted by "
              + (officer == null ? "the communications group" : officer) + ", approved by the incident command"
              + " supervisor", null);
      return processInstanceId;
    });
  }

  /** The incident's running notification, if any. */
  public Optional<String> running(String incidentId) {
    return processes.inCommand(() -> processes.running(PROCESS_KEY, incidentId));
  }

  public List<Notification> ofIncident(String incidentId) {
    return jdbc.query("select * from customer_notification where incident_id = ? order by id",
        (rs, row) -> new Notification(rs.getLong("id"), rs.getString("incident_id"), rs.getBoolean("drill"),
            rs.getString("status"), rs.getString("requested_by"), rs.getString("process_instance_id"),
            rs.getString("subject"), rs.getString("drafted_by"), rs.getInt("redrafts"), rs.getString("approved_by"),
            rs.getObject("outbound_message_id", Long.class)), incidentId);
  }

  /** Task listener of "Draft customer notification" (complete): who drafted it; the last reason is answered. */
  public void drafted(DelegateTask task) {
    String actor = actor(task);
    task.setVariable(DRAFTED_BY, actor);
    // removed, not set to null: Tasklist submits the approver's reason with the type of the variable it read
    task.removeVariable(REDRAFT_REASON);
    jdbc.update("update customer_notification set drafted_by = ?, subject = ? where id = ?", actor,
        abbreviate((String) task.getVariable(SUBJECT), 500), rowId(task.getVariable(CUSTOMER_NOTIFICATION_ID)));
  }

  /** Task listener of "Approve customer notification" (complete): approved, or sent back once more. */
  public void reviewed(DelegateTask task) {
    long id = rowId(task.getVariable(CUSTOMER_NOTIFICATION_ID));
    if ("APPROVE".equals(task.getVariable(DECISION))) {
      String actor = actor(task);
      task.setVariable(APPROVED_BY, actor);
      jdbc.update("update customer_notification set status = 'APPROVED', approved_by = ?, approved_at = ? where id = ?",
          actor, utc(clock.instant()), id);
    } else {
      jdbc.update("update customer_notification set redrafts = redrafts + 1 where id = ?", id);
    }
  }

  /**
   * "Send customer notification": one e-mail with the approved text to every configured customer contact
   * (re-routed to the drill channel for a drill), sent by hand by the communications officer if delivery
   * keeps failing. Without any customer contact configured it fails, for the job's retries and then a
   * Cockpit incident: configure {@code irflow.comms.customer-contacts} and retry.
   */
  public long send(DelegateExecution execution) {
    List<String> contacts = comms.customerContacts();
    if (contacts.isEmpty()) {
      throw new IllegalStateException("no customer contacts are configured (irflow.comms.customer-contacts):"
          + " configure them and retry the job, or notify the customers by hand");
    }
    String incidentId = (String) execution.getVariable(INCIDENT_ID);
    long id = rowId(execution.getVariable(CUSTOMER_NOTIFICATION_ID));
    boolean drill = Boolean.TRUE.equals(execution.getVariable(DrillVariables.DRILL));
    String subject = (String) execution.getVariable(SUBJECT);
    String responsible = context.communicationsOfficer(execution);
    if (responsible == null) {
      responsible = (String) execution.getVariable(DRAFTED_BY);
    }
    long messageId = outbound.send(notice(execution), responsible);
    execution.setVariable(MESSAGE_ID, messageId);
    jdbc.update("""
        update customer_notification set status = 'QUEUED', outbound_message_id = ?, queued_at = ? where id = ?""",
        messageId, utc(clock.instant()), id);
    String approvedBy = (String) execution.getVariable(APPROVED_BY);
    timeline.append(new Timeline.Source(incidentId, null, execution.getProcessInstanceId(),
            execution.getCurrentActivityId()), TimelineKind.CUSTOMERS_NOTIFIED, approvedBy == null ? Actors.SYSTEM : approvedBy,
        (drill ? "Drill: customer notification to the drill channel instead of " : "Customers notified: e-mail to ")
            + contacts.size() + " customer contact" + (contacts.size() == 1 ? "" : "s") + ", \"" + subject
            + "\", approved by " + approvedBy,
        "outbound message " + messageId + "; drafted by " + execution.getVariable(DRAFTED_BY) + "; to "
            + String.join(", ", contacts));
    return messageId;
  }

  /** The e-mail {@link #send} sends: the drafted notice to every customer contact. */
  OutboundMessage notice(VariableScope variables) {
    return new OutboundMessage((String) variables.getVariable(INCIDENT_ID), OutboundMessage.Channel.EMAIL,
        comms.customerContacts(), (String) variables.getVariable(SUBJECT), (String) variables.getVariable(BODY),
        (String) variables.getVariable(SEVERITY), Boolean.TRUE.equals(variables.getVariable(DrillVariables.DRILL)));
  }

  private String recipientsText(boolean drill) {
    String contacts = comms.customerContacts().isEmpty() ? "no customer contact is configured"
        + " (irflow.comms.customer-contacts): ask an operator before approving"
        : String.join(", ", comms.customerContacts());
    return drill ? "Drill: the drill channel instead of " + contacts : contacts;
  }

  private long insert(Incident incident, String requestedBy) {
    GeneratedKeyHolder key = new GeneratedKeyHolder();
    jdbc.update(connection -> {
      PreparedStatement statement = connection.prepareStatement("""
          insert into customer_notification (incident_id, drill, status, requested_by, requested_at)
          values (?, ?, 'DRAFTING', ?, ?)""", new String[] {"id"});
      statement.setString(1, incident.id());
      statement.setBoolean(2, incident.drill());
      statement.setString(3, requestedBy);
      statement.setObject(4, utc(clock.instant()));
      return statement;
    }, key);
    return key.getKey().longValue();
  }

  private String actor(DelegateTask task) {
    String actor = Actors.current(identity);
    return Actors.SYSTEM.equals(actor) && task.getAssignee() != null ? task.getAssignee() : actor;
  }

  private static long rowId(Object value) {
    return ((Number) value).longValue();
  }

  private static String abbreviate(String text, int max) {
    return text == null || text.length() <= max ? text : text.substring(0, max - 1) + "…";
  }
}
