package org.irflow.postmortem;

import java.util.List;
import org.irflow.incident.Incident;

/** The post-mortem as a Markdown document, rendered from the records whenever it is asked for. */
public final class PostMortemDocument {

  private PostMortemDocument() {}

  public static String render(Incident incident, PostMortem postMortem, List<ActionItem> items) {
    StringBuilder md = new StringBuilder();
    md.append("# Post-mortem ").append(incident.id()).append(": ").append(incident.title()).append("\n\n");
    md.append("| | |\n| --- | --- |\n");
    row(md, "Incident", incident.id() + (incident.drill() ? " (drill)" : ""));
    row(md, "Severity", incident.severity().name());
    row(md, "Status", incident.status().name());
    row(md, "Led by", postMortem.primarySupervisor());
    row(md, "Declared", time(incident.declaredAt()));
    row(md, "Resolved", time(incident.resolvedAt()));
    row(md, "Post-mortem closed", time(postMortem.closedAt()));
    md.append('\n');
    section(md, "Summary", postMortem.summary());
    section(md, "Timeline", postMortem.timeline() != null ? postMortem.timeline() : postMortem.gatheredTimeline());
    section(md, "Root cause", postMortem.rootCause());
    section(md, "What went well", postMortem.wentWell());
    section(md, "What went wrong", postMortem.wentWrong());
    md.append("## Action items\n\n");
    if (items.isEmpty()) {
      md.append(postMortem.noActionItems() ? "No action items are needed.\n\n" : "Not defined yet.\n\n");
    } else {
      md.append("| # | Action item | Priority | Owner | Committed date | Kind | State |\n");
      md.append("| --- | --- | --- | --- | --- | --- | --- |\n");
      for (ActionItem item : items) {
        md.append("| ").append(item.number()).append(" | ").append(cell(item.title())).append(" | ")
            .append(item.priority()).append(" | ").append(cell(item.owner())).append(" | ")
            .append(item.dueDate()).append(" | ").append(item.optional() ? "optional" : "committed")
            .append(" | ").append(state(item)).append(" |\n");
      }
      md.append('\n');
    }
    md.append("## Publication\n\n");
    if (postMortem.publication() == null) {
      md.append("Not decided yet.\n");
    } else {
      switch (postMortem.publication()) {
        case PUBLISHED -> md.append("Published by ").append(postMortem.publicationDecidedBy()).append(" on ")
            .append(time(postMortem.publicationDecidedAt())).append(":\n\n")
            .append(postMortem.publishedWhere()).append('\n');
        case WITHHELD -> md.append("Withheld by ").append(postMortem.publicationDecidedBy()).append(" on ")
            .append(time(postMortem.publicationDecidedAt())).append(". Reason:\n\n")
            .append(postMortem.withheldReason()).append('\n');
        case INTERNAL -> md.append("Drill post-mortem: published internally.\n");
      }
    }
    return md.toString();
  }

  private static String state(ActionItem item) {
    return switch (item.status()) {
      case OPEN -> "open";
      case DONE -> "done " + day(item.completedAt()) + " by " + item.completedBy();
      case WAIVED -> "waived " + day(item.waivedAt()) + " by " + item.waivedBy() + ": " + cell(item.waiverReason());
    };
  }

  private static void row(StringBuilder md, String name, String value) {
    md.append("| ").append(name).append(" | ").append(value == null ? "" : cell(value)).append(" |\n");
  }

  private static void section(StringBuilder md, String title, String text) {
    md.append("## ").append(title).append("\n\n")
        .append(text == null || text.isBlank() ? "Not written yet." : text.strip()).append("\n\n");
  }

  private static String cell(String text) {
    return text == null ? "" : text.replace("|", "\\|").replaceAll("\\s*\\R\\s*", " ");
  }

  private static String time(java.time.Instant instant) {
    return instant == null ? "" : TimelineDraft.MINUTE.format(instant);
  }

  private static String day(java.time.Instant instant) {
    return instant == null ? "" : instant.toString().substring(0, 10);
  }
}
