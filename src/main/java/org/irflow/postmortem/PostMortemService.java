package org.irflow.postmortem;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.stream.Collectors;
import org.irflow.comms.PublicUpdates;
import org.irflow.incident.Incident;
import org.irflow.incident.IncidentService;
import org.irflow.incident.Timeline;
import org.irflow.incident.Timeline.Source;
import org.irflow.incident.TimelineKind;
import org.irflow.process.VariableTexts;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The post-mortem record, its action items and the timeline entries they make. */
@Service
@Transactional
public class PostMortemService {

  private final PostMortems postMortems;
  private final ActionItems actionItems;
  private final IncidentService incidents;
  private final Timeline timeline;
  private final Clock clock;
  private final PublicUpdates publicUpdates;
  private final ClosureNotices closureNotices;

  public PostMortemService(PostMortems postMortems, ActionItems actionItems, IncidentService incidents,
      Timeline timeline, Clock clock, PublicUpdates publicUpdates, ClosureNotices closureNotices) {
    this.closureNotices = closureNotices;
    this.postMortems = postMortems;
    this.actionItems = actionItems;
    this.incidents = incidents;
    this.timeline = timeline;
    this.clock = clock;
    this.publicUpdates = publicUpdates;
  }

  /**
   * Opens the post-mortem of an incident, led by the incident's primary supervisor, with the
   * incident's timeline gathered so far.
   *
   * @return the post-mortem as stored
   */
  public PostMortem start(String incidentId, String processInstanceId, boolean drill,
      List<TimelineDraft.Line> history) {
    Incident incident = incidents.get(incidentId);
    String gathered = TimelineDraft.build(incident, incidents.timelineOf(incidentId), history);
    boolean isDrill = drill || incident.drill();
    postMortems.insert(incidentId, processInstanceId, incident.primarySupervisor(), isDrill, clock.instant(),
        gathered);
    timeline.append(new Source(incidentId, null, processInstanceId, null), TimelineKind.POST_MORTEM_STARTED,
        incident.primarySupervisor(), (isDrill ? "Drill post-mortem" : "Post-mortem") + " started, led by "
            + incident.primarySupervisor(), null);
    return get(incidentId);
  }

  public void draft(String incidentId, String summary, String timelineText, String rootCause, String wentWell,
      String wentWrong, String actor) {
    postMortems.draft(incidentId, summary, timelineText, rootCause, wentWell, wentWrong, clock.instant(), actor);
    timeline.append(Source.ofIncident(incidentId), TimelineKind.POST_MORTEM_DRAFTED, actor,
        "Post-mortem drafted. Root cause: " + rootCause, null);
  }

  /** Stores the defined items; their processes are started by the caller. */
  public List<ActionItem> defineActionItems(String incidentId, List<ActionItemLines.Item> items,
      boolean noActionItems, String actor) {
    get(incidentId);
    postMortems.noActionItems(incidentId, noActionItems);
    Instant now = clock.instant();
    for (ActionItemLines.Item item : items) {
      long id = actionItems.insert(incidentId, item, now);
      ActionItem stored = item(id);
      timeline.append(Source.ofIncident(incidentId), TimelineKind.ACTION_ITEM_DEFINED, actor,
          "Action item " + stored.describe(), null);
    }
    return actionItems.ofIncident(incidentId);
  }

  public void actionItemStarted(long actionItemId, String processInstanceId) {
    actionItems.setProcessInstance(actionItemId, processInstanceId);
  }

  public void reminded(long actionItemId, String processInstanceId) {
    ActionItem item = item(actionItemId);
    actionItems.reminded(actionItemId, clock.instant());
    timeline.append(new Source(item.incidentId(), null, processInstanceId, null), TimelineKind.ACTION_ITEM_REMINDER,
        org.irflow.process.Actors.SYSTEM, "Reminder to " + item.owner() + ": action item #" + item.number() + " '"
            + item.title() + "' is due by " + item.dueDate(), null);
  }

  public void overdue(long actionItemId, String processInstanceId) {
    ActionItem item = item(actionItemId);
    actionItems.overdue(actionItemId, clock.instant());
    timeline.append(new Source(item.incidentId(), null, processInstanceId, null), TimelineKind.ACTION_ITEM_OVERDUE,
        org.irflow.process.Actors.SYSTEM, "Action item #" + item.number() + " '" + item.title() + "' of "
            + item.owner() + " is overdue (committed " + item.dueDate() + "); escalated to the primary supervisor",
        null);
  }

  public void done(long actionItemId, String by, String notes) {
    ActionItem item = item(actionItemId);
    if (actionItems.done(actionItemId, clock.instant(), by, notes)) {
      timeline.append(Source.ofIncident(item.incidentId()), TimelineKind.ACTION_ITEM_COMPLETED, by,
          "Action item #" + item.number() + " '" + item.title() + "' done" + (blank(notes) ? "" : ": " + notes), null);
    }
  }

  public void waive(long actionItemId, String by, String reason) {
    ActionItem item = item(actionItemId);
    if (actionItems.waived(actionItemId, clock.instant(), by, reason)) {
      timeline.append(Source.ofIncident(item.incidentId()), TimelineKind.ACTION_ITEM_WAIVED, by,
          "Action item #" + item.number() + " '" + item.title() + "' waived by " + by + ": " + reason, null);
    }
  }

  public void reviewed(String incidentId, String notes, String actor) {
    timeline.append(Source.ofIncident(incidentId), TimelineKind.ACTION_ITEMS_REVIEWED, actor,
        "Action items reviewed (" + openCommitted(incidentId).size() + " committed open): " + notes, null);
  }

  public void decidePublication(String incidentId, Publication publication, String where, String reason,
      String actor) {
    postMortems.publication(incidentId, publication, where, reason, clock.instant(), actor);
    String summary = switch (publication) {
      case PUBLISHED -> "Post-mortem published: " + where;
      case WITHHELD -> "Post-mortem withheld: " + reason;
      case INTERNAL -> "Drill post-mortem published internally";
    };
    timeline.append(Source.ofIncident(incidentId), TimelineKind.POST_MORTEM_PUBLICATION, actor, summary, null);
    if (publication == Publication.PUBLISHED) {
      // the same public channels as the response's public updates (a drill's never get here: INTERNAL)
      Incident incident = incidents.get(incidentId);
      String text = postMortems.find(incidentId).map(PostMortem::summary).filter(s -> s != null && !s.isBlank())
          .map(s -> s + "\n\n").orElse("") + "The full post-mortem: " + where;
      publicUpdates.publish(incidentId, "Post-mortem: " + incident.title(), text, incident.severity().name(),
          incident.drill(), actor);
    }
  }

  /**
   * Closes the post-mortem and the incident, and tells the incident's participants. Refused while a
   * committed action item is open.
   */
  public void close(String incidentId, String notes, String actor) {
    List<ActionItem> open = openCommitted(incidentId);
    if (!open.isEmpty()) {
      throw new IllegalStateException("committed action items are still open: " + describe(open));
    }
    postMortems.close(incidentId, notes, clock.instant(), actor);
    timeline.append(Source.ofIncident(incidentId), TimelineKind.POST_MORTEM_CLOSED, actor,
        "Post-mortem closed" + (blank(notes) ? "" : ": " + notes), null);
    incidents.closeAfterPostMortem(incidentId, actor);
    closureNotices.tell(get(incidentId), actor);
  }

  /**
   * The post-mortem process to tell, when the closure of this action item (done or waived, in this
   * transaction) leaves no committed item of its incident open; empty otherwise. The post-mortem's row
   * is locked first: of two items closed at the same time, the later closure reads the earlier one's.
   */
  public Optional<String> postMortemToTellOfClosure(long actionItemId) {
    ActionItem item = item(actionItemId);
    postMortems.lock(item.incidentId());
    if (!item.committed() || !openCommitted(item.incidentId()).isEmpty()) {
      return Optional.empty();
    }
    return postMortems.find(item.incidentId()).map(PostMortem::processInstanceId);
  }

  public List<ActionItem> openCommitted(String incidentId) {
    return actionItems.ofIncident(incidentId).stream().filter(item -> item.committed() && item.open()).toList();
  }

  /** One line per action item with its state, for the review and closing tasks. */
  public String summary(String incidentId) {
    List<ActionItem> items = actionItems.ofIncident(incidentId);
    if (items.isEmpty()) {
      return "No action items.";
    }
    LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    long open = items.stream().filter(item -> item.committed() && item.open()).count();
    // a variable: a post-mortem with a hundred items must not exceed what the engine stores (a 500)
    return VariableTexts.fit(open + " of " + items.stream().filter(ActionItem::committed).count()
        + " committed items open\n"
        + items.stream().map(item -> item.describe()
            + (item.open() && item.dueDate().isBefore(today) ? " (OVERDUE)" : ""))
        .collect(Collectors.joining("\n")), "GET /api/action-items?incidentId=" + incidentId);
  }

  public static String describe(List<ActionItem> items) {
    return items.stream().map(ActionItem::describe).collect(Collectors.joining("; "));
  }

  public PostMortem get(String incidentId) {
    return postMortems.find(incidentId)
        .orElseThrow(() -> new NoSuchElementException("no post-mortem for incident " + incidentId));
  }

  public ActionItem item(long actionItemId) {
    return actionItems.find(actionItemId)
        .orElseThrow(() -> new NoSuchElementException("no action item " + actionItemId));
  }

  /** The post-mortem document in Markdown; NoSuchElementException when there is none. */
  public String document(String incidentId) {
    Incident incident = incidents.get(incidentId);
    return PostMortemDocument.render(incident, get(incidentId), actionItems.ofIncident(incidentId));
  }

  private static boolean blank(String text) {
    return text == null || text.isBlank();
  }
}
