package org.irflow.postmortem;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.irflow.incident.Incident;
import org.irflow.incident.TimelineEntry;
import org.irflow.incident.TimelineKind;
import org.irflow.process.Actors;

/**
 * The incident's timeline as Markdown, for the post-mortem: one sentence per thing that happened
 * (reported, declared, decisions, war room, objective, hand-offs, sync calls, escalations,
 * resolution), told as the incident page tells it, with the response's course from the engine history
 * merged in. Task completions are left out: the entries they caused say the same in fewer words.
 */
public final class TimelineDraft {

  /** Something from outside the timeline table, e.g. the engine history. */
  public record Line(Instant at, String text) {}

  static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
      .withZone(ZoneOffset.UTC);
  private static final Set<TimelineKind> LEFT_OUT = Set.of(TimelineKind.TASK_COMPLETED);

  private TimelineDraft() {}

  /**
   * @param sentence an entry as a person reads it (the incident page's {@code TimelineSentences})
   */
  public static String build(Incident incident, List<TimelineEntry> entries, List<Line> history,
      Function<TimelineEntry, String> sentence) {
    List<Line> lines = new ArrayList<>();
    Set<String> decisionsTold = new HashSet<>();
    for (TimelineEntry entry : entries) {
      if (LEFT_OUT.contains(entry.kind())) {
        continue;
      }
      String told = oneLine(sentence.apply(entry));
      // a decision taken again with the same outcome (the response policy, read for each task) says nothing new
      if (entry.kind() == TimelineKind.DECISION && !decisionsTold.add(told)) {
        continue;
      }
      lines.add(new Line(entry.occurredAt(), told + byWhom(entry, told)));
    }
    lines.addAll(history);
    lines.sort(Comparator.comparing(Line::at));
    StringBuilder markdown = new StringBuilder();
    for (Line line : lines) {
      markdown.append("- ").append(MINUTE.format(line.at())).append(": ").append(line.text()).append('\n');
    }
    if (lines.isEmpty()) {
      markdown.append("- ").append(MINUTE.format(incident.declaredAt())).append(": incident declared\n");
    }
    return markdown.toString();
  }

  /** The draft cut to what a form variable should carry; the full text stays in the table. */
  public static String excerpt(String markdown, int max) {
    if (markdown.length() <= max) {
      return markdown;
    }
    String note = "- … (timeline cut here; the full timeline is in the post-mortem record)\n";
    int cut = markdown.lastIndexOf('\n', max - note.length());
    return markdown.substring(0, cut < 0 ? 0 : cut + 1) + note;
  }

  /** Who did it, when a person did and the sentence does not name them. */
  private static String byWhom(TimelineEntry entry, String sentence) {
    String actor = entry.actor();
    if (actor == null || actor.isBlank() || Actors.SYSTEM.equals(actor)
        || Pattern.compile("\\b" + Pattern.quote(actor) + "\\b").matcher(sentence).find()) {
      return "";
    }
    return " (" + actor + ")";
  }

  private static String oneLine(String text) {
    return text == null ? "" : text.replaceAll("\\s*\\R\\s*", " ");
  }
}
