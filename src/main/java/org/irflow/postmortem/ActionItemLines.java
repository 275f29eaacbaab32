package org.irflow.postmortem;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.irflow.process.forms.FormValues;

/**
 * Action items as a post-mortem receives them, and the one place they are checked: the single item of
 * the Tasklist form "Add an action item", and, from API users, several at once, either rows
 * ({@code [{"title", "priority", "owner", "committedDate", "optional"}]}) or text with one item per line,
 * {@code title | priority | owner | committed date | optional}, e.g.
 * {@code Add replay protection | P1 | dave | 2026-12-15} or
 * {@code Blog post | P3 | carol | 2027-01-31 | optional}. Every problem names the field in words and,
 * among several items, the row or line.
 */
public final class ActionItemLines {

  public static final Set<String> PRIORITIES = Set.of("P1", "P2", "P3");
  static final int MAX_TITLE = 500;

  /** One checked item. */
  public record Item(String title, String priority, String owner, LocalDate dueDate, boolean optional) {

    /** The item as a row, the shape the post-mortem keeps its list of items in. */
    public Map<String, Object> asRow() {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("title", title);
      row.put("priority", priority);
      row.put("owner", owner);
      row.put("committedDate", dueDate.toString());
      row.put("optional", optional);
      return row;
    }
  }

  /** The items, and one message per problem, each naming the field (and the row or line). */
  public record Parsed(List<Item> items, List<String> problems) {
    public boolean anyCommitted() {
      return items.stream().anyMatch(item -> !item.optional());
    }
  }

  /**
   * Who may own an item, and the message for someone who may not.
   *
   * @param allowed whether a user id may own an action item
   * @param whyNot what a refused id is, e.g. "is not a member of the response programme: choose one of …"
   */
  public record Owners(Predicate<String> allowed, String whyNot) {
    /** Anybody: items checked before, read back. */
    public static final Owners ANYONE = new Owners(owner -> true, "");
  }

  private ActionItemLines() {}

  /**
   * Several items, as API users send them.
   *
   * @param value rows, or text with one item per line
   * @param today the earliest acceptable committed date
   */
  public static Parsed parse(Object value, Owners owners, LocalDate today) {
    List<Item> items = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    if (value == null) {
      return new Parsed(items, problems);
    }
    if (FormValues.isRows(value)) {
      List<Map<String, Object>> rows = FormValues.rows(value);
      for (int i = 0; i < rows.size(); i++) {
        check("row " + (i + 1), rows.get(i), owners, today, items, problems);
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
      String flag = parts.length == 5 ? parts[4].trim() : "";
      if (!flag.isEmpty() && !flag.equalsIgnoreCase("optional")) {
        problems.add(where + ": the last part may only be 'optional', not '" + flag + "'");
        continue;
      }
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("title", parts[0]);
      row.put("priority", parts[1]);
      row.put("owner", parts[2]);
      row.put("committedDate", parts[3]);
      row.put("optional", !flag.isEmpty());
      check(where, row, owners, today, items, problems);
    }
    return new Parsed(items, problems);
  }

  /**
   * One item as a person enters it in the form: the messages start with the field, "Owner: …".
   *
   * @param row title, priority, owner, committedDate, optional
   */
  public static Parsed one(Map<String, Object> row, Owners owners, LocalDate today) {
    List<Item> items = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    check("", row, owners, today, items, problems);
    return new Parsed(items, problems);
  }

  /** One item, a row or a line: its problems, each naming where it is and the field, or the item. */
  private static void check(String where, Map<String, Object> row, Owners owners, LocalDate today,
      List<Item> items, List<String> problems) {
    String title = text(row.get("title"));
    String priorityText = text(row.get("priority"));
    String priority = priorityText.toUpperCase();
    String owner = text(row.get("owner"));
    String date = text(row.get("committedDate"));
    int before = problems.size();
    if (title.isEmpty()) {
      problems.add(problem(where, "title", "required"));
    } else if (title.length() > MAX_TITLE) {
      problems.add(problem(where, "title", title.length() + " characters is too long; at most " + MAX_TITLE));
    }
    if (priority.isEmpty()) {
      problems.add(problem(where, "priority", "required: P1, P2 or P3"));
    } else if (!PRIORITIES.contains(priority)) {
      problems.add(problem(where, "priority", priorityText + " is not a priority; choose P1, P2 or P3"));
    }
    if (owner.isEmpty()) {
      problems.add(problem(where, "owner", "required"));
    } else if (!owners.allowed().test(owner)) {
      problems.add(problem(where, "owner", owner + " " + owners.whyNot()));
    }
    LocalDate dueDate = null;
    if (date.isEmpty()) {
      problems.add(problem(where, "committed date", "required"));
    } else {
      try {
        // a date picker may send a date with a time of day; the day is what is committed
        dueDate = LocalDate.parse(date.length() > 10 && date.charAt(10) == 'T' ? date.substring(0, 10) : date);
        if (dueDate.isBefore(today)) {
          problems.add(problem(where, "committed date", date + " is in the past; choose " + today + " or later"));
        }
      } catch (DateTimeParseException e) {
        problems.add(problem(where, "committed date", "'" + date + "' is not a date such as " + today));
      }
    }
    Object optional = row.get("optional");
    if (optional != null && !(optional instanceof Boolean) && !optional.toString().matches("(?i)true|false|")) {
      problems.add(problem(where, "optional", "'" + optional + "' is neither yes (true) nor no (false)"));
    }
    if (problems.size() == before) {
      items.add(new Item(title, priority, owner, dueDate,
          Boolean.TRUE.equals(optional) || "true".equalsIgnoreCase(String.valueOf(optional))));
    }
  }

  /** "Owner: required" for the form's single item; "row 2, owner: required" among several. */
  private static String problem(String where, String field, String text) {
    return where.isEmpty() ? Character.toUpperCase(field.charAt(0)) + field.substring(1) + ": " + text
        : where + ", " + field + ": " + text;
  }

  private static String text(Object value) {
    return value == null ? "" : value.toString().trim();
  }

  private static String abbreviate(String line) {
    return line.length() <= 60 ? line : line.substring(0, 59) + "…";
  }
}
