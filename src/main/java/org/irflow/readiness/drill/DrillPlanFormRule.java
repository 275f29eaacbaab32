package org.irflow.readiness.drill;

import static org.irflow.process.DrillVariables.DRILL_AT;
import static org.irflow.process.DrillVariables.DRILL_PARTICIPANTS;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.irflow.process.forms.FormRule;
import org.irflow.process.forms.FormUsers;
import org.springframework.stereotype.Component;

/**
 * "Plan drill": the date and time must be a date and time, not in the past; the participants must be
 * user ids of existing users.
 */
@Component
public class DrillPlanFormRule implements FormRule {

  static final String FORM_ID = "plan-drill";

  private final Clock clock;

  public DrillPlanFormRule(Clock clock) {
    this.clock = clock;
  }

  @Override
  public String formId() {
    return FORM_ID;
  }

  @Override
  public List<String> problems(Map<String, Object> values, VariableScope scope) {
    List<String> problems = new ArrayList<>();
    Object drillAt = values.get(DRILL_AT);
    if (drillAt instanceof String text && !text.isBlank()) {
      try {
        Instant at = DrillService.parseDateTime(text);
        if (at.isBefore(clock.instant())) {
          problems.add("Drill date and time: " + text + " is in the past");
        }
      } catch (DateTimeParseException e) {
        problems.add("Drill date and time: '" + text
            + "' is not a date and time such as 2027-05-24T10:00Z");
      }
    }
    Object participants = values.get(DRILL_PARTICIPANTS);
    if (participants instanceof String text && !text.isBlank()) {
      for (String userId : DrillService.participants(text)) {
        if (!FormUsers.exists(userId)) {
          problems.add("Participants: '" + userId + "' is not a user");
        }
      }
    }
    return problems;
  }

}
