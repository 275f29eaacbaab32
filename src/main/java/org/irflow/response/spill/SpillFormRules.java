package org.irflow.response.spill;

import static org.irflow.process.SpillVariables.SPILL_SYSTEMS;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.irflow.process.forms.FormRule;
import org.springframework.stereotype.Component;

/** The systems of "Locate the spilled information" fit the information_spill row's column. */
final class SpillFormRules {

  private SpillFormRules() {}

  static List<String> tooLong(Map<String, Object> values, Map<String, Integer> limits) {
    List<String> problems = new ArrayList<>();
    limits.forEach((field, max) -> {
      if (values.get(field) instanceof String text && text.length() > max) {
        problems.add("field '" + field + "' has " + text.length() + " characters, at most " + max + " are allowed");
      }
    });
    return problems;
  }

  @Component
  static class LocateSpill implements FormRule {
    @Override
    public String formId() {
      return "locate-spilled-information";
    }

    @Override
    public List<String> problems(Map<String, Object> values, VariableScope scope) {
      // every text over 4,000 characters is refused by the forms' own rules (FormSchema)
      return tooLong(values, Map.of(SPILL_SYSTEMS, 2000));
    }
  }
}
