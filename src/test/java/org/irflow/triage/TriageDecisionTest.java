package org.irflow.triage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.irflow.support.DecisionTables;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * bpmn/TriageDecision.dmn: one case per rule, asserting that exactly this rule decided; then a
 * person's report (no monitoring inputs) over every combination, against the table as it was before
 * the monitoring inputs.
 */
class TriageDecisionTest {

  static final DecisionTables TABLE = new DecisionTables("TriageDecision.dmn", "TriageDecision");

  static Map<String, Object> inputs(String channel, String source, String sourceSeverity, String findingType,
      String suspectedSeverity, boolean fundsAtRisk, boolean activelyExploited,
      boolean registeredContractAffected, boolean informationSpill) {
    // a person's report has no source, source severity or finding type: null, never missing
    Map<String, Object> inputs = new HashMap<>();
    inputs.put("channel", channel);
    inputs.put("source", source);
    inputs.put("sourceSeverity", sourceSeverity);
    inputs.put("findingType", findingType);
    inputs.put("suspectedSeverity", suspectedSeverity);
    inputs.put("fundsAtRisk", fundsAtRisk);
    inputs.put("activelyExploited", activelyExploited);
    inputs.put("registeredContractAffected", registeredContractAffected);
    inputs.put("informationSpill", informationSpill);
    return inputs;
  }

  // an empty cell is null: source, sourceSeverity and findingType of a person's report
  @ParameterizedTest(name = "{0}")
  @CsvSource({
      // rule,                                 channel,          source,     srcSeverity, finding,    suspected, funds, exploited, registered, spill, disposition,     severity, escalate, pause
      "ExploitOnRegisteredContract,            MONITORING_ALERT, forta,      LOW,         EXPLOIT,    SEV4,      false, false,     true,       false, DECLARE_AT_ONCE, SEV1,     PT15M,    true",
      "ExploitedRegisteredContractFundsAtRisk, COMMUNITY,        ,           ,            ,           SEV3,      true,  true,      true,       false, DECLARE_AT_ONCE, SEV1,     PT15M,    true",
      "ExploitedRegisteredContract,            SECURITY_EMAIL,   ,           ,            ,           SEV3,      false, true,      true,       false, DECLARE_AT_ONCE, SEV2,     PT30M,    true",
      "ExploitedFundsAtRisk,                   COMMUNITY,        ,           ,            ,           SEV4,      true,  true,      false,      false, DECLARE_AT_ONCE, SEV1,     PT15M,    false",
      "ExploitedNoFundsAtRisk,                 SECURITY_EMAIL,   ,           ,            ,           SEV3,      false, true,      false,      false, DECLARE_AT_ONCE, SEV2,     PT30M,    false",
      "ExploitFindingFundsAtRisk,              MONITORING_ALERT, generic,    MEDIUM,      EXPLOIT,    SEV3,      true,  false,     false,      false, DECLARE_AT_ONCE, SEV1,     PT15M,    false",
      "ExploitFinding,                         MONITORING_ALERT, forta,      HIGH,        EXPLOIT,    SEV2,      false, false,     false,      false, DECLARE_AT_ONCE, SEV2,     PT30M,    false",
      "ScamOnRegisteredContract,               MONITORING_ALERT, forta,      CRITICAL,    SCAM,       SEV1,      false, false,     true,       false, NEEDS_TRIAGE,    SEV3,     PT2H,     false",
      "Scam,                                   MONITORING_ALERT, forta,      CRITICAL,    SCAM,       SEV1,      false, false,     false,      false, RECORD_ONLY,     SEV4,     P1D,      false",
      "CriticalMonitoringAlert,                MONITORING_ALERT, forta,      CRITICAL,    SUSPICIOUS, SEV1,      false, false,     true,       false, DECLARE_AT_ONCE, SEV1,     PT15M,    false",
      "FundsAtRisk,                            COMMUNITY,        ,           ,            ,           SEV3,      true,  false,     true,       false, NEEDS_TRIAGE,    SEV1,     PT15M,    false",
      "SuspectedSev1,                          COMMUNITY,        ,           ,            ,           SEV1,      false, false,     false,      true,  NEEDS_TRIAGE,    SEV1,     PT15M,    false",
      "InformationSpill,                       COMMUNITY,        ,           ,            ,           SEV4,      false, false,     false,      true,  NEEDS_TRIAGE,    SEV2,     PT30M,    false",
      "SuspiciousOnRegisteredContract,         MONITORING_ALERT, forta,      LOW,         SUSPICIOUS, SEV4,      false, false,     true,       false, NEEDS_TRIAGE,    SEV2,     PT30M,    false",
      "SuspectedSev2,                          MONITORING_ALERT, alertmanager, HIGH,      DEGRADED,   SEV2,      false, false,     false,      false, NEEDS_TRIAGE,    SEV2,     PT30M,    false",
      "SuspectedSev3,                          SECURITY_EMAIL,   ,           ,            ,           SEV3,      false, false,     false,      false, NEEDS_TRIAGE,    SEV3,     PT2H,     false",
      "MonitoringLowOrInfo,                    MONITORING_ALERT, forta,      INFO,        INFO,       SEV4,      false, false,     false,      false, RECORD_ONLY,     SEV4,     P1D,      false",
      "CommunitySev4,                          COMMUNITY,        ,           ,            ,           SEV4,      false, false,     true,       false, RECORD_ONLY,     SEV4,     P1D,      false",
      "SuspectedSev4,                          MONITORING_ALERT, alertmanager, LOW,       DEGRADED,   SEV4,      false, false,     true,       false, NEEDS_TRIAGE,    SEV4,     P1D,      false",
      "Undetermined,                           MONITORING_ALERT, openzeppelin-monitor, UNKNOWN, ,     UNKNOWN,   false, false,     true,       false, NEEDS_TRIAGE,    SEV3,     PT2H,     false",
  })
  void ruleDecides(String rule, String channel, String source, String sourceSeverity, String findingType,
      String suspectedSeverity, boolean fundsAtRisk, boolean activelyExploited, boolean registeredContractAffected,
      boolean informationSpill, String disposition, String severity, String escalateAfter, boolean proposePause) {
    Map<String, Object> result = TABLE.evaluate(inputs(channel, source, sourceSeverity, findingType,
        suspectedSeverity, fundsAtRisk, activelyExploited, registeredContractAffected, informationSpill));

    assertThat(TABLE.matchedRules()).first().isEqualTo("Rule_" + rule);
    assertThat(result).containsEntry("disposition", disposition).containsEntry("severity", severity)
        .containsEntry("escalateAfter", escalateAfter).containsEntry("proposePause", proposePause);
  }

  /** Every person's report without an information spill, in every combination of the form's answers. */
  static Stream<Arguments> personsReports() {
    List<Arguments> reports = new ArrayList<>();
    for (String channel : new String[] {"COMMUNITY", "SECURITY_EMAIL", "MONITORING_ALERT"}) {
      for (String suspected : new String[] {"SEV1", "SEV2", "SEV3", "SEV4", "UNKNOWN"}) {
        for (boolean funds : new boolean[] {false, true}) {
          for (boolean exploited : new boolean[] {false, true}) {
            for (boolean registered : new boolean[] {false, true}) {
              reports.add(Arguments.of(channel, suspected, funds, exploited, registered));
            }
          }
        }
      }
    }
    return reports.stream();
  }

  /**
   * A person's report (source, source severity and finding type null) decides as before the monitoring
   * inputs; the pause is proposed exactly when "Find contracts to pause" proposed it before: an exploit
   * in progress that names a registered contract.
   */
  @ParameterizedTest(name = "{0} {1} funds={2} exploited={3} registered={4}")
  @MethodSource("personsReports")
  void personsReportDecidesAsBeforeTheMonitoringInputs(String channel, String suspected, boolean fundsAtRisk,
      boolean activelyExploited, boolean registeredContractAffected) {
    Map<String, Object> result = TABLE.evaluate(inputs(channel, null, null, null, suspected, fundsAtRisk,
        activelyExploited, registeredContractAffected, false));

    List<String> before = tableBeforeMonitoringInputs(channel, suspected, fundsAtRisk, activelyExploited);
    assertThat(List.of(result.get("disposition"), result.get("severity"), result.get("escalateAfter")))
        .isEqualTo(before);
    assertThat(result).containsEntry("proposePause", activelyExploited && registeredContractAffected);
  }

  @Test
  void informationSpillRaisesAMinorReportToTriageAtSev2ButNeverLowersASevereOne() {
    Map<String, Object> minor = TABLE.evaluate(inputs("COMMUNITY", null, null, null, "SEV4", false, false, false, true));
    assertThat(minor).containsEntry("disposition", "NEEDS_TRIAGE").containsEntry("severity", "SEV2");

    Map<String, Object> exploit = TABLE.evaluate(inputs("COMMUNITY", null, null, null, "SEV4", true, true, false, true));
    assertThat(exploit).containsEntry("disposition", "DECLARE_AT_ONCE").containsEntry("severity", "SEV1");

    Map<String, Object> scam = TABLE.evaluate(inputs("MONITORING_ALERT", "generic", "LOW", "SCAM", "SEV4",
        false, false, false, true));
    assertThat(TABLE.matchedRules()).first().isEqualTo("Rule_InformationSpill");
    assertThat(scam).containsEntry("disposition", "NEEDS_TRIAGE").containsEntry("severity", "SEV2");
  }

  /** The rules of TriageDecision.dmn before the monitoring inputs, as the oracle for a person's report. */
  static List<String> tableBeforeMonitoringInputs(String channel, String suspected, boolean funds, boolean exploited) {
    if (funds && exploited) {
      return List.of("DECLARE_AT_ONCE", "SEV1", "PT15M");
    }
    if (exploited) {
      return List.of("DECLARE_AT_ONCE", "SEV2", "PT30M");
    }
    if (channel.equals("MONITORING_ALERT") && suspected.equals("SEV1")) {
      return List.of("DECLARE_AT_ONCE", "SEV1", "PT15M");
    }
    if (funds || suspected.equals("SEV1")) {
      return List.of("NEEDS_TRIAGE", "SEV1", "PT15M");
    }
    return switch (suspected) {
      case "SEV2" -> List.of("NEEDS_TRIAGE", "SEV2", "PT30M");
      case "SEV3" -> List.of("NEEDS_TRIAGE", "SEV3", "PT2H");
      case "SEV4" -> channel.equals("COMMUNITY") ? List.of("RECORD_ONLY", "SEV4", "P1D")
          : List.of("NEEDS_TRIAGE", "SEV4", "P1D");
      default -> List.of("NEEDS_TRIAGE", "SEV3", "PT2H");
    };
  }
}
