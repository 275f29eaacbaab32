package org.irflow.postmortem;

import static org.irflow.process.PostMortemVariables.ACTION_ITEM_ID;
import static org.irflow.process.PostMortemVariables.ACTION_ITEM_OUTCOME;
import static org.irflow.process.PostMortemVariables.COMPLETION_NOTES;
import static org.irflow.process.PostMortemVariables.FOLLOW_UP_NOTES;
import static org.irflow.process.PostMortemVariables.FOLLOW_UP_OUTCOME;
import static org.irflow.process.PostMortemVariables.NEW_ACTION_ITEM_PRIORITY;
import static org.irflow.process.PostMortemVariables.PUBLICATION_DECISION;
import static org.irflow.process.PostMortemVariables.PUBLISHED_WHERE;
import static org.irflow.process.PostMortemVariables.WITHHOLD_REASON;
import static org.irflow.process.Variables.INCIDENT_ID;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.irflow.process.forms.FormRule;
import org.irflow.process.forms.FormUsers;
import org.irflow.security.Groups;
import org.springframework.stereotype.Component;

/**
 * The rules of the post-mortem's forms that their JSON cannot say. Ids (incident, action item) are
 * read from the task's own variables, never from the submission, so a submission cannot pretend an
 * item is optional.
 */
final class PostMortemFormRules {

  private PostMortemFormRules() {}

  static boolean blank(Object value) {
    return value == null || value.toString().isBlank();
  }

  /**
   * A round of "Add an action item": the entered item well-formed, owned by a member of the response
   * programme, committed for today or later; nothing entered that the chosen step would drop.
   */
  @Component
  static class AddActionItem implements FormRule {
    private static final String PRIORITY = "Priority: ";
    private final Clock clock;

    AddActionItem(Clock clock) {
      this.clock = clock;
    }

    @Override
    public String formId() {
      return "add-action-item";
    }

    @Override
    public List<String> problems(Map<String, Object> values, VariableScope scope) {
      List<String> problems = ActionItemList.read(values, programmeMembers(),
          LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC)).problems();
      // a priority entered but not offered by the select is named by the form's own rules already
      boolean priorityEntered = !blank(values.get(NEW_ACTION_ITEM_PRIORITY));
      return problems.stream().filter(problem -> !(priorityEntered && problem.startsWith(PRIORITY))).toList();
    }

    private static ActionItemLines.Owners programmeMembers() {
      TreeSet<String> members = new TreeSet<>();
      Groups.PROGRAMME.forEach(group -> members.addAll(FormUsers.membersOf(group)));
      return new ActionItemLines.Owners(members::contains, "is not a member of the incident response programme"
          + (members.isEmpty() ? "" : ": choose one of " + String.join(", ", members)));
    }
  }

  /** Publishing says where; withholding says why. */
  @Component
  static class DecidePublication implements FormRule {
    @Override
    public String formId() {
      return "decide-publication";
    }

    @Override
    public List<String> problems(Map<String, Object> values, VariableScope scope) {
      Object decision = values.get(PUBLICATION_DECISION);
      if ("WITHHOLD".equals(decision) && blank(values.get(WITHHOLD_REASON))) {
        return List.of("Why it is withheld is required when the post-mortem is withheld");
      }
      if ("PUBLISH".equals(decision) && blank(values.get(PUBLISHED_WHERE))) {
        return List.of("Where it is published is required when the post-mortem is published");
      }
      return List.of();
    }
  }

  /** No closure while a committed action item is open. */
  @Component
  static class ClosePostMortem implements FormRule {
    private final ActionItems actionItems;

    ClosePostMortem(ActionItems actionItems) {
      this.actionItems = actionItems;
    }

    @Override
    public String formId() {
      return "close-post-mortem";
    }

    @Override
    public List<String> problems(Map<String, Object> values, VariableScope scope) {
      List<ActionItem> open = actionItems.ofIncident((String) scope.getVariable(INCIDENT_ID)).stream()
          .filter(item -> item.committed() && item.open()).toList();
      if (open.isEmpty()) {
        return List.of();
      }
      return List.of("Action items: the post-mortem cannot close while committed"
          + " action items are open: " + PostMortemService.describe(open));
    }
  }

  /** The owner may waive only an optional item, and must say why. */
  @Component
  static class CompleteActionItem implements FormRule {
    private static final List<String> OUTCOMES = List.of("DONE", "WAIVED");
    private final ActionItems actionItems;

    CompleteActionItem(ActionItems actionItems) {
      this.actionItems = actionItems;
    }

    @Override
    public String formId() {
      return "complete-action-item";
    }

    @Override
    public List<String> problems(Map<String, Object> values, VariableScope scope) {
      Object outcome = values.get(ACTION_ITEM_OUTCOME);
      // the form's options come from a variable (waiving only for optional items): the schema holds none
      if (outcome != null && !OUTCOMES.contains(outcome)) {
        return List.of("field 'actionItemOutcome' (Outcome): '" + outcome + "' is not an outcome; choose Done"
            + " (DONE) or, for an optional item, Waived (WAIVED)");
      }
      if (!"WAIVED".equals(outcome)) {
        return List.of();
      }
      List<String> problems = new ArrayList<>();
      Object id = scope.getVariable(ACTION_ITEM_ID);
      boolean optional = id instanceof Number number
          && actionItems.find(number.longValue()).map(ActionItem::optional).orElse(false);
      if (!optional) {
        problems.add("Outcome: a committed action item cannot be waived by its"
            + " owner; complete it, or ask the primary supervisor");
      }
      if (blank(values.get(COMPLETION_NOTES))) {
        problems.add("Notes: the reason is required when waiving");
      }
      return problems;
    }
  }

  /** The supervisor's waiver of an overdue item needs a reason. */
  @Component
  static class FollowUpOverdue implements FormRule {
    @Override
    public String formId() {
      return "follow-up-overdue-action-item";
    }

    @Override
    public List<String> problems(Map<String, Object> values, VariableScope scope) {
      if ("WAIVE".equals(values.get(FOLLOW_UP_OUTCOME)) && blank(values.get(FOLLOW_UP_NOTES))) {
        return List.of("Notes: the reason is required when waiving");
      }
      return List.of();
    }
  }
}
