package org.irflow.triage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.irflow.support.DecisionTables;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** bpmn/TriageDecision.dmn: one case per rule, asserting that exactly this rule decided. */
class TriageDecisionTest {

  static final DecisionTables TABLE = new DecisionTables("TriageDecision.dmn", "TriageDecision");

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      // rule,                  channel,          suspected, funds, exploited, disposition,     severity, escalate
      "ExploitedFundsAtRisk,    COMMUNITY,        SEV4,      true,  true,      DECLARE_AT_ONCE, SEV1,     PT15M",
      "ExploitedNoFundsAtRisk,  SECURITY_EMAIL,   SEV3,      false, true,      DECLARE_AT_ONCE, SEV2,     PT30M",
      "CriticalMonitoringAlert, MONITORING_ALERT, SEV1,      false, false,     DECLARE_AT_ONCE, SEV1,     PT15M",
      "FundsAtRisk,             COMMUNITY,        SEV3,      true,  false,     NEEDS_TRIAGE,    SEV1,     PT15M",
      "SuspectedSev1,           COMMUNITY,        SEV1,      false, false,     NEEDS_TRIAGE,    SEV1,     PT15M",
      "SuspectedSev2,           MONITORING_ALERT, SEV2,      false, false,     NEEDS_TRIAGE,    SEV2,     PT30M",
      "SuspectedSev3,           SECURITY_EMAIL,   SEV3,      false, false,     NEEDS_TRIAGE,    SEV3,     PT2H",
      "CommunitySev4,           COMMUNITY,        SEV4,      false, false,     RECORD_ONLY,     SEV4,     P1D",
      "SuspectedSev4,           MONITORING_ALERT, SEV4,      false, false,     NEEDS_TRIAGE,    SEV4,     P1D",
      "Undetermined,            SECURITY_EMAIL,   UNKNOWN,   false, false,     NEEDS_TRIAGE,    SEV3,     PT2H",
  })
  void ruleDecides(String rule, String channel, String suspectedSeverity, boolean fundsAtRisk,
      boolean activelyExploited, String disposition, String severity, String escalateAfter) {
    Map<String, Object> inputs = new HashMap<>();
    inputs.put("channel", channel);
    inputs.put("suspectedSeverity", suspectedSeverity);
    inputs.put("fundsAtRisk", fundsAtRisk);
    inputs.put("activelyExploited", activelyExploited);

    Map<String, Object> result = TABLE.evaluate(inputs);

    assertThat(TABLE.matchedRules()).first().isEqualTo("Rule_" + rule);
    assertThat(result).containsEntry("disposition", disposition).containsEntry("severity", severity)
        .containsEntry("escalateAfter", escalateAfter);
  }
}
