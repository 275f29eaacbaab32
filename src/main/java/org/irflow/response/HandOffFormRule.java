package org.irflow.response;

import static org.irflow.process.Variables.INCOMING_SUPERVISOR;
import static org.irflow.process.Variables.OUTGOING_SUPERVISOR;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.irflow.process.forms.FormRule;
import org.springframework.stereotype.Component;

/**
 * "Write hand-off briefing": the incoming supervisor comes pre-selected from the roster and may be
 * changed to another supervisor, but someone must take over, and not the one handing off.
 */
@Component
class HandOffFormRule implements FormRule {

  @Override
  public String formId() {
    return "write-hand-off-briefing";
  }

  @Override
  public List<String> problems(Map<String, Object> values, VariableScope scope) {
    Object incoming = values.get(INCOMING_SUPERVISOR);
    if (incoming == null || incoming.toString().isBlank()) {
      return List.of("Incoming supervisor: choose who takes over incident command");
    }
    if (incoming.toString().trim().equals(values.get(OUTGOING_SUPERVISOR))) {
      return List.of("Incoming supervisor: " + incoming + " is handing off; choose another supervisor");
    }
    return List.of();
  }
}
