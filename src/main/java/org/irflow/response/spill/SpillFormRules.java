package org.irflow.response.spill;

import static org.irflow.process.SpillVariables.ACCESS_RESTRICTION;
import static org.irflow.process.SpillVariables.REMOVAL_METHOD;
import static org.irflow.process.SpillVariables.REMOVAL_VERIFICATION;
import static org.irflow.process.SpillVariables.SPILLED_INFORMATION;
import static org.irflow.process.SpillVariables.SPILL_LOCATION;
import static org.irflow.process.SpillVariables.SPILL_SYSTEMS;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.irflow.process.forms.FormRule;
import org.springframework.stereotype.Component;

/** The spill forms' texts fit a Camunda string variable (varchar(4000)), the systems the row's column. */
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
      return tooLong(values, Map.of(SPILLED_INFORMATION, InformationSpills.VARIABLE_TEXT_LENGTH,
          SPILL_LOCATION, InformationSpills.VARIABLE_TEXT_LENGTH, SPILL_SYSTEMS, 2000));
    }
  }

  @Component
  static class RemoveSpill implements FormRule {
    @Override
    public String formId() {
      return "remove-spilled-information";
    }

    @Override
    public List<String> problems(Map<String, Object> values, VariableScope scope) {
      return tooLong(values, Map.of(REMOVAL_METHOD, InformationSpills.VARIABLE_TEXT_LENGTH));
    }
  }

  @Component
  static class RestrictAccess implements FormRule {
    @Override
    public String formId() {
      return "restrict-access-to-affected-systems";
    }

    @Override
    public List<String> problems(Map<String, Object> values, VariableScope scope) {
      return tooLong(values, Map.of(ACCESS_RESTRICTION, InformationSpills.VARIABLE_TEXT_LENGTH));
    }
  }

  @Component
  static class ConfirmRemoval implements FormRule {
    @Override
    public String formId() {
      return "confirm-spill-removal";
    }

    @Override
    public List<String> problems(Map<String, Object> values, VariableScope scope) {
      return tooLong(values, Map.of(REMOVAL_VERIFICATION, InformationSpills.VARIABLE_TEXT_LENGTH));
    }
  }
}
