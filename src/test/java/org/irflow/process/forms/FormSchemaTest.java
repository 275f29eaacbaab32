package org.irflow.process.forms;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The server-side form rules, on the real forms of forms/. */
class FormSchemaTest {

  static final FormSchemas FORMS = new FormSchemas(new ObjectMapper());

  static Map<String, Object> validTriage() {
    Map<String, Object> values = new HashMap<>();
    values.put("triageOutcome", "DECLARE");
    values.put("severity", "SEV1");
    values.put("incidentCommander", "alice");
    values.put("triageNotes", "confirmed");
    return values;
  }

  static boolean onlyAliceCommands(String user, String group) {
    return user.equals("alice") && group.equals("incident-commanders");
  }

  @Test
  void validSubmissionHasNoProblems() {
    assertThat(FORMS.find("triage-event").orElseThrow().problems(validTriage(), FormSchemaTest::onlyAliceCommands))
        .isEmpty();
  }

  @Test
  void displayOnlyFieldsAreNotRequiredOrChecked() {
    FormSchema triage = FORMS.find("triage-event").orElseThrow();
    assertThat(triage.inputKeys()).containsExactly("triageOutcome", "severity", "incidentCommander", "customersAffected",
        "triageNotes");
  }

  @Test
  void missingBlankUnknownAndOutsiderValuesAreNamed() {
    Map<String, Object> values = validTriage();
    values.remove("triageNotes");
    values.put("severity", "SEV9");
    values.put("incidentCommander", "mallory");
    values.put("triageOutcome", "  ");

    assertThat(FORMS.find("triage-event").orElseThrow().problems(values, FormSchemaTest::onlyAliceCommands))
        .containsExactlyInAnyOrder(
            "field 'triageOutcome' (Is it an incident?) is required",
            "field 'severity' (Severity) must be one of [SEV1, SEV2, SEV3, SEV4], not 'SEV9'",
            "field 'incidentCommander' (Incident command supervisor): 'mallory' is not a member of group 'incident-commanders'",
            "field 'triageNotes' (Triage notes) is required");
  }

  @Test
  void requiredConfirmationNeedsATick() {
    FormSchema accept = FORMS.find("accept-hand-off").orElseThrow();
    assertThat(accept.problems(Map.of("handOffAccepted", false), (u, g) -> true)).hasSize(1);
    assertThat(accept.problems(Map.of("handOffAccepted", true), (u, g) -> true)).isEmpty();
  }

  @Test
  void optionalCheckboxMayStayUnticked() {
    Map<String, Object> report = new HashMap<>(Map.of("eventTitle", "t", "reporter", "r", "channel", "COMMUNITY",
        "description", "d", "affectedSystems", "a", "suspectedSeverity", "UNKNOWN"));
    assertThat(FORMS.find("report-security-event").orElseThrow().problems(report, (u, g) -> true)).isEmpty();
  }

  @Test
  void reportAsksForTheTriageCriteriaAsOptionalCheckboxes() {
    FormSchema report = FORMS.find("report-security-event").orElseThrow();
    assertThat(report.inputKeys()).contains("fundsAtRisk", "activelyExploited", "informationSpill");
    Map<String, Object> spill = new HashMap<>(Map.of("eventTitle", "t", "reporter", "r", "channel", "COMMUNITY",
        "description", "d", "affectedSystems", "a", "suspectedSeverity", "SEV4", "informationSpill", true));
    assertThat(report.problems(spill, (u, g) -> true)).isEmpty();
  }
}
