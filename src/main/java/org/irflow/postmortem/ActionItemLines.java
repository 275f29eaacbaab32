package org.irflow.postmortem;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.irflow.process.forms.FormValues;

/**
 * The action items as entered in "Define action items": rows of the form's repeating group in
 * Tasklist, or through the REST API also text with one item per line,
 * {@code title | priority | owner | committed date | optional}, e.g.
 * {@code Add replay protection | P1 | dave | 2026-12-15} or
 * {@code Blog post | P3 | carol | 2027-01-31 | optional}. A plain text format works the same in
 * Tasklist and through the REST API, and every problem can name its row or line.
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
   * @param value the rows of the form's repeating group (title, priority, owner, committedDate,
   *     optional), or text with one item per line as the REST API may send it
   * @param userExists answers whether an owner's user id exists
   * @param today the earliest acceptable committed date
   */
  public static Parsed parse(Object value, Predicate<String> userExists, LocalDate today) {
    List<Item> items = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    if (value == null) {
      return new Parsed(items, problems);
    }
    if (FormValues.isRows(value)) {
      List<Map<String, Object>> rows = FormValues.rows(value);
      for (int i = 0; i < rows.size(); i++) {
        Map<String, Object> row = rows.get(i);
        check("row " + (i + 1), text(row.get("title")), text(row.get("priority")), text(row.get("owner")),
            text(row.get("committedDate")), Boolean.TRUE.equals(row.get("optional")) ? "optional" : "",
            userExists, today, items, problems);
      }
      return new Parsed(items, problems);
    }
    String[] lines = value.toString().split("\\R");
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
      check(where, parts[0], parts[1], parts[2], parts[3], parts.length == 5 ? parts[4] : "", userExists, today,
          items, problems);
    }
    return new Parsed(items, problems);
  }

  /** One item, a row or a line: its problems, each starting with where it is, or the item. */
  private static void check(String where, String titleText, String priorityText, String ownerText, String date,
      String flagText, Predicate<String> userExists, LocalDate today, List<Item> items, List<String> problems) {
    String title = titleText.trim();
    String priority = priorityText.trim().toUpperCase();
    String owner = ownerText.trim();
    String flag = flagText.trim();
    date = date.trim();
    int before = problems.size();
    if (title.isEmpty()) {
      problems.add(where + ": the title is missing");
    } else if (title.length() > MAX_TITLE) {
      problems.add(where + ": the title is longer than " + MAX_TITLE + " characters");
    }
    if (!PRIORITIES.contains(priority)) {
      problems.add(where + ": priority must be P1, P2 or P3, not '" + priorityText.trim() + "'");
    }
    if (owner.isEmpty()) {
      problems.add(where + ": the owner is missing");
    } else if (!userExists.test(owner)) {
      problems.add(where + ": owner '" + owner + "' is no user");
    }
    LocalDate dueDate = null;
    if (date.isEmpty()) {
      problems.add(where + ": the committed date is missing");
    } else {
      try {
        dueDate = LocalDate.parse(date);
        if (dueDate.isBefore(today)) {
          problems.add(where + ": the committed date " + date + " is in the past");
        }
      } catch (DateTimeParseException e) {
        problems.add(where + ": the committed date must be a date such as " + today + ", not '" + date + "'");
      }
    }
    if (!flag.isEmpty() && !flag.equalsIgnoreCase("optional")) {
      problems.add(where + ": the last part may only be 'optional', not '" + flag + "'");
    }
    if (problems.size() == before) {
      items.add(new Item(title, priority, owner, dueDate, flag.equalsIgnoreCase("optional")));
    }
  }

  private static String text(Object value) {
    return value == null ? "" : value.toString();
  }

  private static String abbreviate(String line) {
    return line.length() <= 60 ? line : line.substring(0, 59) + "…";
  }
}
