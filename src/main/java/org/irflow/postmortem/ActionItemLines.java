package org.irflow.postmortem;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The action items as entered in "Define action items": one per line,
 * {@code title | priority | owner | committed date | optional}, e.g.
 * {@code Add replay protection | P1 | dave | 2026-12-15} or
 * {@code Blog post | P3 | carol | 2027-01-31 | optional}. A plain text format works the same in
 * Tasklist and through the REST API, and every problem can name its line.
 */
public final class ActionItemLines {

  public static final Set<String> PRIORITIES = Set.of("P1", "P2", "P3");
  static final int MAX_TITLE = 500;

  /** One parsed item. */
  public record Item(String title, String priority, String owner, LocalDate dueDate, boolean optional) {}

  /** The items, and one message per problem, each naming the line. */
  public record Parsed(List<Item> items, List<String> problems) {
    public boolean anyCommitted() {
      return items.stream().anyMatch(item -> !item.optional());
    }
  }

  private ActionItemLines() {}

  /**
   * @param userExists answers whether an owner's user id exists
   * @param today the earliest acceptable committed date
   */
  public static Parsed parse(String text, Predicate<String> userExists, LocalDate today) {
    List<Item> items = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    if (text == null) {
      return new Parsed(items, problems);
    }
    String[] lines = text.split("\\R");
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].trim();
      if (line.isEmpty()) {
        continue;
      }
      String where = "line " + (i + 1) + " ('" + abbreviate(line) + "')";
      String[] parts = line.split("\\|", -1);
      if (parts.length < 4 || parts.length > 5) {
        problems.add(where + ": expected 'title | priority | owner | committed date' and optionally '| optional'");
        continue;
      }
      String title = parts[0].trim();
      String priority = parts[1].trim().toUpperCase();
      String owner = parts[2].trim();
      String date = parts[3].trim();
      String flag = parts.length == 5 ? parts[4].trim() : "";
      int before = problems.size();
      if (title.isEmpty()) {
        problems.add(where + ": the title is missing");
      } else if (title.length() > MAX_TITLE) {
        problems.add(where + ": the title is longer than " + MAX_TITLE + " characters");
      }
      if (!PRIORITIES.contains(priority)) {
        problems.add(where + ": priority must be P1, P2 or P3, not '" + parts[1].trim() + "'");
      }
      if (owner.isEmpty()) {
        problems.add(where + ": the owner is missing");
      } else if (!userExists.test(owner)) {
        problems.add(where + ": owner '" + owner + "' is no user");
      }
      LocalDate dueDate = null;
      try {
        dueDate = LocalDate.parse(date);
        if (dueDate.isBefore(today)) {
          problems.add(where + ": the committed date " + date + " is in the past");
        }
      } catch (DateTimeParseException e) {
        problems.add(where + ": the committed date must be YYYY-MM-DD, not '" + date + "'");
      }
      if (!flag.isEmpty() && !flag.equalsIgnoreCase("optional")) {
        problems.add(where + ": the last part may only be 'optional', not '" + flag + "'");
      }
      if (problems.size() == before) {
        items.add(new Item(title, priority, owner, dueDate, flag.equalsIgnoreCase("optional")));
      }
    }
    return new Parsed(items, problems);
  }

  private static String abbreviate(String line) {
    return line.length() <= 60 ? line : line.substring(0, 59) + "…";
  }
}
