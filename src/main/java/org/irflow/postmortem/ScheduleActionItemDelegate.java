package org.irflow.postmortem;

import static org.irflow.process.PostMortemVariables.ACTION_ITEM_ID;
import static org.irflow.process.PostMortemVariables.ACTION_ITEM_OUTCOMES;
import static org.irflow.process.PostMortemVariables.OVERDUE_AT;
import static org.irflow.process.PostMortemVariables.REMINDER_AT;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.spin.plugin.variable.SpinValues;
import org.irflow.process.Cadences;
import org.springframework.stereotype.Component;

/**
 * The timers of an action item: it is overdue when its committed date has passed (at the start of
 * the next day, UTC); its owner is reminded irflow.cadences.action-item-reminder-before (P2D) earlier.
 */
@Component("scheduleActionItemDelegate")
public class ScheduleActionItemDelegate implements JavaDelegate {

  private final PostMortemService postMortems;
  private final Cadences cadences;

  public ScheduleActionItemDelegate(PostMortemService postMortems, Cadences cadences) {
    this.postMortems = postMortems;
    this.cadences = cadences;
  }

  @Override
  public void execute(DelegateExecution execution) {
    ActionItem item = postMortems.item(((Number) execution.getVariable(ACTION_ITEM_ID)).longValue());
    Instant overdueAt = overdueAt(item);
    execution.setVariable(OVERDUE_AT, Date.from(overdueAt));
    execution.setVariable(REMINDER_AT,
        Date.from(Cadences.minus(overdueAt, cadences.getProperties().actionItemReminderBefore())));
    execution.setVariable(ACTION_ITEM_OUTCOMES, SpinValues.jsonValue(outcomes(item)).create());
  }

  /**
   * The outcomes "Complete action item" offers (the options of its radio group, JSON for the form):
   * "Waived" only for an optional item, since a committed one cannot be waived by its owner.
   */
  static String outcomes(ActionItem item) {
    return item.optional()
        ? "[{\"label\":\"Done\",\"value\":\"DONE\"},{\"label\":\"Waived (reason in the notes)\",\"value\":\"WAIVED\"}]"
        : "[{\"label\":\"Done\",\"value\":\"DONE\"}]";
  }

  /** The committed date is the last day to complete the item. */
  public static Instant overdueAt(ActionItem item) {
    return item.dueDate().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
  }
}
