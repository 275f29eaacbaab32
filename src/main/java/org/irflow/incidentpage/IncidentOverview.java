package org.irflow.incidentpage;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.irflow.incident.Incident;
import org.irflow.incident.IncidentService;
import org.irflow.incident.TimelineEntry;
import org.irflow.incidentpage.IncidentRoles.Person;
import org.irflow.response.IncidentProcesses;
import org.springframework.context.annotation.Lazy;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * What the incident page shows beside the record: the timeline in sentences, the open tasks of all the
 * incident's processes with who holds them and when they are due, and what went out to the public and
 * to customers with what became of it. Read for the incident, not for the person asking (a responder
 * does not see the supervisor's tasks in Tasklist), so without authorization checks.
 */
@Service
public class IncidentOverview {

  /** One timeline entry: when, who, and what happened in words. */
  public record Line(long id, Instant at, String actor, String kind, String sentence) {}

  /** An open task of one of the incident's processes. */
  public record OpenTask(String id, String name, Person assignee, List<String> candidateGroups,
      List<Person> candidateUsers, Instant created, Instant due, int priority) {}

  /**
   * A public update (one per public channel) or a customer notice, with what became of it in words.
   *
   * @param kind "public update", "customer notice" or "e-mail"
   * @param status SENT, SENT_BY_HAND, QUEUED, SKIPPED or FAILED
   */
  public record Message(long id, String kind, String channel, String subject, String status, String outcome,
      Instant createdAt, Instant sentAt) {}

  private final IncidentService incidents;
  private final TimelineSentences sentences;
  private final IncidentRoles roles;
  private final IncidentProcesses processes;
  private final TaskService tasks;
  private final JdbcTemplate jdbc;

  public IncidentOverview(IncidentService incidents, TimelineSentences sentences, IncidentRoles roles,
      IncidentProcesses processes, @Lazy TaskService tasks, JdbcTemplate jdbc) {
    this.incidents = incidents;
    this.sentences = sentences;
    this.roles = roles;
    this.processes = processes;
    this.tasks = tasks;
    this.jdbc = jdbc;
  }

  public List<Line> timeline(String incidentId) {
    return incidents.timelineOf(incidentId).stream().map(this::line).toList();
  }

  Line line(TimelineEntry entry) {
    return new Line(entry.id(), entry.occurredAt(), entry.actor(), entry.kind().name(), sentences.sentence(entry));
  }

  /** The open tasks of the incident's processes (business key = incident id), earliest due first. */
  public List<OpenTask> openTasks(Incident incident) {
    return processes.inCommand(() -> {
      List<Task> open = tasks.createTaskQuery().processInstanceBusinessKey(incident.id())
          .orderByTaskCreateTime().asc().list().stream()
          .sorted(Comparator.comparing(Task::getDueDate, Comparator.nullsLast(Comparator.naturalOrder()))).toList();
      Set<String> userIds = new LinkedHashSet<>();
      Map<String, List<IdentityLink>> links = new HashMap<>();
      for (Task task : open) {
        if (task.getAssignee() != null) {
          userIds.add(task.getAssignee());
        }
        List<IdentityLink> candidates = tasks.getIdentityLinksForTask(task.getId()).stream()
            .filter(link -> IdentityLinkType.CANDIDATE.equals(link.getType())).toList();
        candidates.stream().map(IdentityLink::getUserId).filter(id -> id != null).forEach(userIds::add);
        links.put(task.getId(), candidates);
      }
      Map<String, Person> people = roles.people(userIds);
      return open.stream().map(task -> new OpenTask(task.getId(), task.getName(),
          task.getAssignee() == null ? null : people.get(task.getAssignee()),
          links.get(task.getId()).stream().map(IdentityLink::getGroupId).filter(id -> id != null).toList(),
          links.get(task.getId()).stream().map(IdentityLink::getUserId).filter(id -> id != null)
              .map(people::get).toList(),
          instant(task.getCreateTime()), instant(task.getDueDate()), task.getPriority())).toList();
    });
  }

  /** The incident's public updates and customer notices (and other e-mails), oldest first. */
  public List<Message> publicMessages(String incidentId) {
    return jdbc.query("""
        select m.id, m.channel, m.rerouted_from, m.subject, m.body, m.status, m.last_error, m.responsible,
               m.sent_by, m.created_at, m.sent_at, n.id as notification_id
          from outbound_message m
          left join customer_notification n on n.outbound_message_id = m.id
         where m.incident_id = ?
           and (m.channel in ('DISCORD', 'STATUSPAGE', 'WEBSITE', 'EMAIL') or m.rerouted_from is not null)
         order by m.id""", IncidentOverview::message, incidentId);
  }

  private static Message message(ResultSet rs, int row) throws SQLException {
    String channel = rs.getString("rerouted_from") != null ? rs.getString("rerouted_from") : rs.getString("channel");
    String kind = rs.getObject("notification_id") != null ? "customer notice"
        : "EMAIL".equals(channel) ? "e-mail" : "public update";
    String status = rs.getString("status");
    String outcome = switch (status) {
      case "SENT" -> rs.getString("rerouted_from") != null ? "sent to the drill channel instead" : "sent";
      case "SENT_BY_HAND" -> "sent by hand by " + rs.getString("sent_by");
      case "SKIPPED" -> "skipped: " + (rs.getString("last_error") != null ? rs.getString("last_error")
          : "not sent (a drill without a drill channel)");
      case "FAILED" -> "failed (" + rs.getString("last_error") + "); " + rs.getString("responsible")
          + " sends it by hand";
      default -> "being sent";
    };
    String subject = rs.getString("subject") != null ? rs.getString("subject") : rs.getString("body");
    return new Message(rs.getLong("id"), kind, channel, subject, status, outcome, instant(rs, "created_at"),
        instant(rs, "sent_at"));
  }

  private static Instant instant(java.util.Date date) {
    return date == null ? null : date.toInstant();
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }
}
