package org.irflow.api;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.function.Supplier;
import org.irflow.api.ApiExceptionHandler.BadRequest;
import org.irflow.api.ApiExceptionHandler.Conflict;
import org.irflow.api.IncidentAccess.Reader;
import org.irflow.api.PauseController.PauseView;
import org.irflow.comms.OutboundMessage.Channel;
import org.irflow.containment.pause.PauseBatches;
import org.irflow.incident.Incident;
import org.irflow.incident.IncidentService;
import org.irflow.incident.IncidentStatus;
import org.irflow.incident.Severity;
import org.irflow.incidentpage.IncidentChanges;
import org.irflow.incidentpage.IncidentChanges.InvalidValue;
import org.irflow.incidentpage.IncidentChanges.Role;
import org.irflow.incidentpage.IncidentOverview;
import org.irflow.incidentpage.IncidentOverview.Line;
import org.irflow.incidentpage.IncidentOverview.Message;
import org.irflow.incidentpage.IncidentOverview.OpenTask;
import org.irflow.incidentpage.IncidentRoles.Person;
import org.irflow.incidentpage.IncidentRoles.Roles;
import org.irflow.postmortem.ActionItem;
import org.irflow.postmortem.ActionItems;
import org.irflow.postmortem.PostMortemService;
import org.irflow.process.VariableTexts;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The incident page's API: one incident's whole story for the people of it, and what a supervisor
 * changes from the page (severity, roles, a public update now) and anyone of it adds (a note). Each
 * change goes on the timeline naming the person.
 */
@RestController
@RequestMapping("/api/incidents/{incidentId}")
public class IncidentPageController {

  private final IncidentService incidents;
  private final IncidentAccess access;
  private final IncidentOverview overview;
  private final IncidentChanges changes;
  private final PauseBatches pauses;
  private final ActionItems actionItems;
  private final PostMortemService postMortems;

  public IncidentPageController(IncidentService incidents, IncidentAccess access, IncidentOverview overview,
      IncidentChanges changes, PauseBatches pauses, ActionItems actionItems, PostMortemService postMortems) {
    this.incidents = incidents;
    this.access = access;
    this.overview = overview;
    this.changes = changes;
    this.pauses = pauses;
    this.actionItems = actionItems;
    this.postMortems = postMortems;
  }

  /** What the caller may do on the page; the server checks each again. */
  public record Allowed(boolean changeSeverity, boolean reassignRoles, boolean postPublicUpdate, boolean addNote) {}

  /**
   * Everything the incident page shows.
   *
   * @param roleChoices whom each role may be given to (empty unless the caller may reassign roles)
   * @param postMortem the post-mortem document in Markdown, null while there is none
   */
  public record IncidentPage(Incident incident, Roles roles, Allowed allowed,
      Map<Role, List<Person>> roleChoices, List<Line> timeline,
      List<PauseView> pauses, List<Message> publicMessages, List<OpenTask> openTasks, List<ActionItem> actionItems,
      String postMortem) {}

  @GetMapping("/page")
  public IncidentPage page(@PathVariable String incidentId) {
    Incident incident = incidents.get(incidentId);
    Reader reader = access.requireReader(incident);
    boolean open = incident.status() == IncidentStatus.DECLARED
        || incident.status() == IncidentStatus.RESOLVED;
    Allowed allowed = new Allowed(open && reader.maySupervise(), open && reader.maySupervise(),
        open && reader.maySupervise(), reader.mayAddNotes());
    String postMortem;
    try {
      postMortem = postMortems.document(incidentId);
    } catch (NoSuchElementException none) {
      postMortem = null;
    }
    return new IncidentPage(incident, reader.roles(), allowed,
        allowed.reassignRoles() ? changes.choices() : Map.of(), overview.timeline(incidentId),
        pauses.ofIncident(incidentId).stream().map(b -> PauseView.of(b, "MANUAL".equals(b.pausePath()))).toList(),
        overview.publicMessages(incidentId), overview.openTasks(incident), actionItems.ofIncident(incidentId),
        postMortem);
  }

  /** A new severity and, in words, why. */
  public record SeverityChange(String severity, String reason) {}

  /** The page that went out when the severity rose (null when it was lowered). */
  public record SeverityChanged(String incidentId, String severity, Long pageMessageId) {}

  @PostMapping("/severity")
  public SeverityChanged changeSeverity(@PathVariable String incidentId,
      @RequestBody(required = false) SeverityChange request) {
    String actor = access.requireSupervisor(incidents.get(incidentId));
    Severity severity = choice(Severity.class, "severity", request == null ? null : request.severity());
    String reason = text("reason", request.reason(), false);
    Long page = refusedInWords(() -> changes.changeSeverity(incidentId, severity, reason, actor));
    return new SeverityChanged(incidentId, severity.name(), page);
  }

  /**
   * A role and who has it from now on.
   *
   * @param role SUPERVISOR, COMMUNICATIONS_OFFICER or RESPONDERS
   * @param userId the supervisor or the communications officer
   * @param userIds the responders
   */
  public record RoleChange(String role, String userId, List<String> userIds) {}

  @PostMapping("/roles")
  public Roles reassign(@PathVariable String incidentId, @RequestBody(required = false) RoleChange request) {
    Incident incident = incidents.get(incidentId);
    String actor = access.requireSupervisor(incident);
    Role role = choice(Role.class, "role", request == null ? null : request.role());
    List<String> people = role == Role.RESPONDERS ? request.userIds()
        : request.userId() == null ? null : List.of(request.userId());
    refusedInWords(() -> {
      changes.reassign(incidentId, role, people, actor);
      return null;
    });
    return access.requireReader(incidents.get(incidentId)).roles();
  }

  /** A public update to publish now. */
  public record PublicUpdate(String title, String text) {}

  /** The public channels the update went to (none configured: it is only recorded). */
  public record PublicUpdatePosted(String incidentId, List<Channel> channels) {}

  @PostMapping("/public-updates")
  public PublicUpdatePosted postPublicUpdate(@PathVariable String incidentId,
      @RequestBody(required = false) PublicUpdate request) {
    String actor = access.requireSupervisor(incidents.get(incidentId));
    String title = text("title", request == null ? null : request.title(), true);
    String body = text("text", request == null ? null : request.text(), true);
    return new PublicUpdatePosted(incidentId,
        refusedInWords(() -> changes.postPublicUpdate(incidentId, title, body, actor)));
  }

  /** A note for the timeline. */
  public record Note(String text) {}

  @PostMapping("/notes")
  public Line addNote(@PathVariable String incidentId, @RequestBody(required = false) Note request) {
    String actor = access.requireNoteTaker(incidents.get(incidentId));
    String note = text("text", request == null ? null : request.text(), true);
    changes.addNote(incidentId, note, actor);
    List<Line> timeline = overview.timeline(incidentId);
    return timeline.get(timeline.size() - 1);
  }

  /** One of the enum's values, named in any case; missing or another value is refused naming the field. */
  private static <E extends Enum<E>> E choice(Class<E> type, String field, String value) {
    if (value == null || value.isBlank()) {
      throw new BadRequest(field, "'" + field + "' is required: one of " + Arrays.toString(type.getEnumConstants()));
    }
    try {
      return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new BadRequest(field, "'" + value + "' is not a " + field + ": choose one of "
          + Arrays.toString(type.getEnumConstants()));
    }
  }

  private static String text(String field, String value, boolean required) {
    if (value == null || value.isBlank()) {
      if (required) {
        throw new BadRequest(field, "'" + field + "' is required");
      }
      return null;
    }
    if (value.length() > VariableTexts.LONGEST) {
      throw new BadRequest(field, "'" + field + "' is longer than " + VariableTexts.LONGEST + " characters");
    }
    return value;
  }

  /** A change the state refuses answers 409, a value the change refuses 400 naming the field. */
  private static <T> T refusedInWords(Supplier<T> change) {
    try {
      return Conflict.unlessRefused(change);
    } catch (InvalidValue invalid) {
      throw new BadRequest(invalid.field(), invalid.getMessage());
    }
  }
}
