package org.irflow.readiness.review;

import static org.irflow.process.ReadinessVariables.READINESS_ASSESSMENT;
import static org.irflow.process.ReadinessVariables.READINESS_NOTES;
import static org.irflow.process.ReadinessVariables.REVIEW_ID;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.irflow.process.forms.FormRule;
import org.springframework.stereotype.Component;

/**
 * "Confirm readiness": notes are required unless the assessment is READY, and READY is refused
 * while a gap of this review was accepted rather than closed.
 */
@Component
public class ConfirmReadinessFormRule implements FormRule {

  private final ReadinessReviews reviews;

  public ConfirmReadinessFormRule(ReadinessReviews reviews) {
    this.reviews = reviews;
  }

  @Override
  public String formId() {
    return "confirm-readiness";
  }

  @Override
  public List<String> problems(Map<String, Object> values, VariableScope scope) {
    List<String> problems = new ArrayList<>();
    Object assessment = values.get(READINESS_ASSESSMENT);
    if (assessment == null || "READY".equals(assessment)) {
      Object reviewId = scope.getVariable(REVIEW_ID);
      if (assessment != null && reviewId != null && reviews.acceptedGapCount(reviewId) > 0) {
        problems.add("Assessment: READY is not possible while "
            + "gaps of this review remain accepted; choose READY_WITH_GAPS or NOT_READY");
      }
      return problems;
    }
    Object notes = values.get(READINESS_NOTES);
    if (notes == null || notes.toString().isBlank()) {
      problems.add("Notes is required unless the assessment is READY");
    }
    return problems;
  }
}
