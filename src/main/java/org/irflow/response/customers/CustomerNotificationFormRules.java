package org.irflow.response.customers;

import static org.irflow.process.CustomerNotificationVariables.DECISION;
import static org.irflow.process.CustomerNotificationVariables.REDRAFT_REASON;
import static org.irflow.process.CustomerNotificationVariables.SUBJECT;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.irflow.process.forms.FormRule;
import org.springframework.stereotype.Component;

/** The rules of the customer notification's forms that their JSON cannot say. */
final class CustomerNotificationFormRules {

  /** Camunda keeps a string variable in a varchar(4000) column. */
  static final int MAX_SUBJECT = 200;

  private CustomerNotificationFormRules() {}

  /** The subject fits an e-mail subject (the body's 4,000 characters are the forms' own rule, FormSchema). */
  @Component
  static class DraftCustomerNotification implements FormRule {
    @Override
    public String formId() {
      return "draft-customer-notification";
    }

    @Override
    public List<String> problems(Map<String, Object> values, VariableScope scope) {
      List<String> problems = new ArrayList<>();
      if (values.get(SUBJECT) instanceof String subject && subject.length() > MAX_SUBJECT) {
        problems.add("Subject has " + subject.length() + " characters, at most "
            + MAX_SUBJECT + " are allowed");
      }
      return problems;
    }
  }

  /** Sending it back says why, so that the officer knows what to change. */
  @Component
  static class ApproveCustomerNotification implements FormRule {
    @Override
    public String formId() {
      return "approve-customer-notification";
    }

    @Override
    public List<String> problems(Map<String, Object> values, VariableScope scope) {
      Object reason = values.get(REDRAFT_REASON);
      if ("REDRAFT".equals(values.get(DECISION)) && (reason == null || reason.toString().isBlank())) {
        return List.of("What to change is required when the notification is sent"
            + " back for redrafting");
      }
      return List.of();
    }
  }
}
