package org.irflow.response;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.irflow.support.DecisionTables;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** bpmn/ResponsePolicy.dmn: one case per rule. */
class ResponsePolicyTest {

  static final DecisionTables TABLE = new DecisionTables("ResponsePolicy.dmn", "ResponsePolicy");

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "SEV1, PT2H, PT4H, 17:00, true",
      "SEV2, PT4H, PT8H, 17:00, true",
      "SEV3, PT8H, P1D,  17:00, false",
      "SEV4, P1D,  P1D,  17:00, false",
  })
  void policyBySeverity(String severity, String teamLeadSyncEvery, String commsSyncEvery,
      String handOffTimeOfDay, boolean postMortemMandatory) {
    Map<String, Object> policy = TABLE.evaluate(Map.of("severity", severity));

    assertThat(TABLE.matchedRules()).containsExactly("Rule_" + severity.charAt(0) + severity.substring(1).toLowerCase());
    assertThat(policy).containsEntry("teamLeadSyncEvery", teamLeadSyncEvery)
        .containsEntry("commsSyncEvery", commsSyncEvery)
        .containsEntry("handOffTimeOfDay", handOffTimeOfDay)
        .containsEntry("postMortemMandatory", postMortemMandatory);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "SEV1, 100, PT15M, PT1H, PT30M, P5D",
      "SEV2,  75, PT30M, PT2H, PT1H,  P7D",
      "SEV3,  50, PT2H,  PT8H, PT4H,  P14D",
      "SEV4,  25, PT8H,  P1D,  P1D,   P14D",
  })
  void taskUrgencyBySeverity(String severity, int taskPriority, String containment, String response,
      String communications, String postMortem) {
    Map<String, Object> policy = TABLE.evaluate(Map.of("severity", severity));

    assertThat(policy).containsEntry("taskPriority", taskPriority)
        .containsEntry("containmentTaskDueIn", containment)
        .containsEntry("responseTaskDueIn", response)
        .containsEntry("communicationsTaskDueIn", communications)
        .containsEntry("postMortemTaskDueIn", postMortem);
  }
}
