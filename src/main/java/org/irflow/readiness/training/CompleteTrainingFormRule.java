package org.irflow.readiness.training;

import static org.irflow.process.TrainingVariables.ATTENDED_ON;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.irflow.process.forms.FormRule;
import org.springframework.stereotype.Component;

/** "Complete incident response training": the attendance date is a date (YYYY-MM-DD), not in the future. */
@Component
public class CompleteTrainingFormRule implements FormRule {

  private final Clock clock;

  public CompleteTrainingFormRule(Clock clock) {
    this.clock = clock;
  }

  @Override
  public String formId() {
    return "complete-training";
  }

  @Override
  public List<String> problems(Map<String, Object> values, VariableScope scope) {
    Object value = values.get(ATTENDED_ON);
    if (value == null || (value instanceof String text && text.isBlank())) {
      return List.of();  // "required" is the form's own rule
    }
    LocalDate attendedOn;
    try {
      attendedOn = date(value);
    } catch (DateTimeParseException e) {
      return List.of("Date attended must be a date such as 2026-11-20, not '"
          + value + "'");
    }
    if (attendedOn.isAfter(LocalDate.now(clock.withZone(ZoneOffset.UTC)).plusDays(1))) {
      return List.of("Date attended cannot be in the future");
    }
    return List.of();
  }

  /** A date from the form (ISO text, possibly with a time) or from a REST client (Date). */
  static LocalDate date(Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof Date date) {
      return date.toInstant().atZone(ZoneOffset.UTC).toLocalDate();
    }
    String text = value.toString().trim();
    return LocalDate.parse(text.length() > 10 ? text.substring(0, 10) : text);
  }
}
