package org.irflow.containment.signers;

import static org.irflow.process.SignerDrillVariables.SIGNER_DRILL_ID;
import static org.irflow.process.SignerDrillVariables.SIGNER_DRILL_SIGNATURE;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.irflow.process.forms.FormRule;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * "Sign the drill message": the pasted signature must be of the signer's typed data, exactly, by the
 * key of an owner of the drilled Safe as the chain says now, within the drill's window.
 */
@Component
class SignDrillMessageFormRule implements FormRule {

  private final SignerDrills drills;

  SignDrillMessageFormRule(@Lazy SignerDrills drills) {
    this.drills = drills;
  }

  @Override
  public String formId() {
    return "sign-drill-message";
  }

  @Override
  public List<String> problems(Map<String, Object> values, VariableScope scope) {
    String signer = scope instanceof DelegateTask task ? task.getAssignee() : null;
    return drills.signatureProblem(((Number) scope.getVariable(SIGNER_DRILL_ID)).longValue(), signer,
        values.get(SIGNER_DRILL_SIGNATURE), "Signature").stream().toList();
  }
}
