package org.irflow.postmortem;

import static org.irflow.process.PostMortemVariables.ACTION_ITEMS;
import static org.irflow.process.PostMortemVariables.ACTION_ITEMS_NEXT;
import static org.irflow.process.PostMortemVariables.ACTION_ITEMS_SO_FAR;
import static org.irflow.process.PostMortemVariables.ACTION_ITEMS_TO_ADD;
import static org.irflow.process.PostMortemVariables.MORE_ACTION_ITEMS;
import static org.irflow.process.PostMortemVariables.NEW_ACTION_ITEM_COMMITTED_DATE;
import static org.irflow.process.PostMortemVariables.NEW_ACTION_ITEM_OPTIONAL;
import static org.irflow.process.PostMortemVariables.NEW_ACTION_ITEM_OWNER;
import static org.irflow.process.PostMortemVariables.NEW_ACTION_ITEM_PRIORITY;
import static org.irflow.process.PostMortemVariables.NEW_ACTION_ITEM_TITLE;
import static org.irflow.process.PostMortemVariables.NO_ACTION_ITEMS;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.spin.plugin.variable.SpinValues;
import org.irflow.process.VariableTexts;
import org.irflow.process.forms.FormValues;
import org.irflow.security.GroupMembers;
import org.irflow.security.Groups;
import org.springframework.stereotype.Component;

/**
 * The list of action items a post-mortem builds in its loop "Add an action item": one item per round,
 * added, or the last one removed to be entered again, until the supervisor says that is all. The list
 * lives in the process variable {@code actionItems} (rows), which only irflow sets; "Create action
 * items" then stores them. The same check serves the form rule and this list ({@link #read}).
 */
@Component("actionItemList")
public class ActionItemList {

  /** What a round of "Add an action item" does, the choice "Next step" of the form. */
  public enum Next {
    ADD_ANOTHER("Add this item, then another"),
    ADD_LAST("Add this item; that's all"),
    FINISH("That's all: add nothing more"),
    REMOVE_LAST("Remove the last item in the list");

    final String label;

    Next(String label) {
      this.label = label;
    }

    boolean adds() {
      return this == ADD_ANOTHER || this == ADD_LAST;
    }

    /** Whether "Add an action item" comes again after this round. */
    boolean loops() {
      return this == ADD_ANOTHER || this == REMOVE_LAST;
    }
  }

  /** A round's submission as checked: its choice, the items it adds, and its problems in words. */
  public record Round(Next next, List<ActionItemLines.Item> added, List<String> problems) {}

  static final String NEXT_LABEL = "Next step";
  static final String TO_ADD_LABEL = "Action items to add";
  private static final List<String> ENTERED = List.of(NEW_ACTION_ITEM_TITLE, NEW_ACTION_ITEM_PRIORITY,
      NEW_ACTION_ITEM_OWNER, NEW_ACTION_ITEM_COMMITTED_DATE, NEW_ACTION_ITEM_OPTIONAL, ACTION_ITEMS_TO_ADD,
      ACTION_ITEMS_NEXT);

  private final ObjectMapper json;
  private final GroupMembers members;

  public ActionItemList(ObjectMapper json, GroupMembers members) {
    this.json = json;
    this.members = members;
  }

  /**
   * Checks one round: the item entered in the form, or the items an API user sends at once, against
   * what the choice "Next step" does with them.
   *
   * @param values the round's values over the process's (the list so far: {@code actionItems})
   */
  public static Round read(Map<String, Object> values, ActionItemLines.Owners owners, LocalDate today) {
    List<String> problems = new ArrayList<>();
    // a missing or unknown choice is named by the form's own rules (the radio's options)
    Object chosen = values.get(ACTION_ITEMS_NEXT);
    Next next = Arrays.stream(Next.values()).filter(option -> option.name().equals(String.valueOf(chosen)))
        .findFirst().orElse(null);
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("title", values.get(NEW_ACTION_ITEM_TITLE));
    row.put("priority", values.get(NEW_ACTION_ITEM_PRIORITY));
    row.put("owner", values.get(NEW_ACTION_ITEM_OWNER));
    row.put("committedDate", values.get(NEW_ACTION_ITEM_COMMITTED_DATE));
    row.put("optional", values.get(NEW_ACTION_ITEM_OPTIONAL));
    boolean rowEntered = !blank(row.get("title")) || !blank(row.get("priority")) || !blank(row.get("owner"))
        || !blank(row.get("committedDate"));
    Object toAdd = values.get(ACTION_ITEMS_TO_ADD);
    boolean severalEntered;
    try {
      severalEntered = !blank(toAdd) && !(FormValues.isRows(toAdd) && FormValues.rows(toAdd).isEmpty());
    } catch (IllegalArgumentException notRows) {
      problems.add(TO_ADD_LABEL + ": " + notRows.getMessage() + "; send rows [{\"title\", \"priority\", \"owner\","
          + " \"committedDate\", \"optional\"}] or one item per line");
      return new Round(next, List.of(), problems);
    }
    List<ActionItemLines.Item> added = new ArrayList<>();
    if (next != null && next.adds()) {
      if (rowEntered || !severalEntered) {
        ActionItemLines.Parsed one = ActionItemLines.one(row, owners, today);
        problems.addAll(one.problems());
        added.addAll(one.items());
      }
      if (severalEntered) {
        ActionItemLines.Parsed several = ActionItemLines.parse(toAdd, owners, today);
        several.problems().forEach(problem -> problems.add(TO_ADD_LABEL + ", " + problem));
        added.addAll(several.items());
      }
    } else if (next != null && (rowEntered || severalEntered)) {
      // nothing a person entered is dropped without a word
      problems.add(NEXT_LABEL + ": \"" + next.label + "\" adds nothing, but an item is filled in; choose \""
          + Next.ADD_LAST.label + "\" or \"" + Next.ADD_ANOTHER.label + "\", or clear the item");
    }
    if (next == Next.REMOVE_LAST && rowsOf(values.get(ACTION_ITEMS)).isEmpty()) {
      problems.add(NEXT_LABEL + ": the list is empty, there is no item to remove");
    }
    return new Round(next, added, problems);
  }

  /** Start listener of "Add an action item": the items so far, in words, above the form's fields. */
  public void show(DelegateExecution execution) {
    List<Map<String, Object>> rows = rowsOf(execution.getVariable(ACTION_ITEMS));
    execution.setVariable(ACTION_ITEMS_SO_FAR, inWords(rows));
  }

  /**
   * End listener of "Add an action item", after the form's rules passed: applies the round to the list,
   * and clears what was entered so that the next round starts empty.
   */
  public void take(DelegateExecution execution) {
    if (execution.isCanceled()) {
      // the task ended without a completion (its post-mortem was deleted or moved by an operator): no round
      return;
    }
    Round round = read(execution.getVariables(), ActionItemLines.Owners.ANYONE, LocalDate.MIN);
    if (!round.problems().isEmpty()) {
      throw new IllegalStateException("the round of 'Add an action item' was not checked: " + round.problems());
    }
    List<Map<String, Object>> rows = new ArrayList<>(rowsOf(execution.getVariable(ACTION_ITEMS)));
    if (round.next().adds()) {
      round.added().forEach(item -> rows.add(item.asRow()));
    } else if (round.next() == Next.REMOVE_LAST) {
      rows.remove(rows.size() - 1);
    }
    execution.setVariable(ACTION_ITEMS, SpinValues.jsonValue(toJson(rows)).create());
    execution.setVariable(MORE_ACTION_ITEMS, round.next().loops());
    if (!round.next().loops()) {
      // ending the list without a committed item is the post-mortem's finding that none is needed
      execution.setVariable(NO_ACTION_ITEMS, rows.stream().allMatch(row -> Boolean.TRUE.equals(row.get("optional"))));
    }
    ENTERED.forEach(execution::removeVariable);
  }

  /** "1. Add replay protection: P1, Dave Dunn (dave), committed by 2027-01-15" per line. */
  String inWords(List<Map<String, Object>> rows) {
    if (rows.isEmpty()) {
      return "No action items yet.";
    }
    Map<String, String> names = members.withNames(Groups.PROGRAMME).stream()
        .collect(Collectors.toMap(GroupMembers.Member::id, GroupMembers.Member::displayName));
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      Map<String, Object> row = rows.get(i);
      String owner = String.valueOf(row.get("owner"));
      lines.add((i + 1) + ". " + row.get("title") + ": " + row.get("priority") + ", "
          + names.getOrDefault(owner, owner) + ", committed by " + row.get("committedDate")
          + (Boolean.TRUE.equals(row.get("optional")) ? ", optional" : ""));
    }
    // a long list keeps its newest items, which the person is working on, within what a variable holds
    int first = 0;
    while (String.join("\n", lines.subList(first, lines.size())).length() > VariableTexts.LONGEST - 60) {
      first++;
    }
    String earlier = first == 0 ? "" : "… items 1 to " + first + " are kept but not shown here\n";
    return earlier + String.join("\n", lines.subList(first, lines.size()));
  }

  private static List<Map<String, Object>> rowsOf(Object value) {
    return value == null ? List.of() : FormValues.rows(value);
  }

  private String toJson(List<Map<String, Object>> rows) {
    try {
      return json.writeValueAsString(rows);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static boolean blank(Object value) {
    return value == null || value.toString().isBlank();
  }
}
