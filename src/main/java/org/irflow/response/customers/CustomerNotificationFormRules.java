package org.irflow.response.customers;

import static org.irflow.process.CustomerNotificationVariables.BODY;
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
  static final int MAX_BODY = 4000;
  static final int MAX_SUBJECT = 200;

  private CustomerNotificationFormRules() {}

  /** The text fits what the variable and an e-mail subject hold. */
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
        problems.add("field '" + SUBJECT + "' (Subject) has " + subject.length() + " characters, at most "
            + MAX_SUBJECT + " are allowed");
      }
      if (values.get(BODY) instanceof String body && body.length() > MAX_BODY) {
        problems.add("field '" + BODY + "' (Notification) has " + body.length() + " characters, at most "
            + MAX_BODY + " are allowed");
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
        return List.of("field '" + REDRAFT_REASON + "' (What to change) is required when the notification is sent"
            + " back for redrafting");
      }
      return List.of();
    }
  }
}
