package org.irflow.process.forms;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
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

  /** alice, bob and kai command; dave and erin respond. */
  static List<String> membersOf(String group) {
    return switch (group) {
      case "incident-commanders" -> List.of("alice", "bob", "kai");
      case "responders" -> List.of("dave", "erin");
      default -> List.of();
    };
  }

  static List<String> anyone(String group) {
    return List.of("alice", "bob", "carol", "dave", "erin", "kai");
  }

  @Test
  void validSubmissionHasNoProblems() {
    assertThat(FORMS.find("triage-event").orElseThrow().problems(validTriage(), FormSchemaTest::membersOf))
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
    values.put("incidentCommander", "alcie");
    values.put("triageOutcome", "  ");

    assertThat(FORMS.find("triage-event").orElseThrow().problems(values, FormSchemaTest::membersOf))
        .containsExactlyInAnyOrder(
            "Is it an incident?: required",
            "Severity: SEV9 is not a choice here; choose one of SEV1: critical, funds or control at stake;"
                + " SEV2: high; SEV3: moderate; SEV4: low",
            "Incident command supervisor: alcie is not an incident command supervisor: choose one of alice, bob, kai",
            "Triage notes: required");
  }

  @Test
  void requiredConfirmationNeedsATick() {
    FormSchema accept = FORMS.find("accept-hand-off").orElseThrow();
    assertThat(accept.problems(Map.of("handOffAccepted", false), FormSchemaTest::anyone)).hasSize(1);
    assertThat(accept.problems(Map.of("handOffAccepted", true), FormSchemaTest::anyone)).isEmpty();
  }

  @Test
  void optionalCheckboxMayStayUnticked() {
    Map<String, Object> report = new HashMap<>(Map.of("eventTitle", "t", "reporter", "r", "channel", "COMMUNITY",
        "description", "d", "affectedSystems", "a", "suspectedSeverity", "UNKNOWN"));
    assertThat(FORMS.find("report-security-event").orElseThrow().problems(report, FormSchemaTest::anyone)).isEmpty();
  }

  @Test
  void reportAsksForTheTriageCriteriaAsOptionalCheckboxes() {
    FormSchema report = FORMS.find("report-security-event").orElseThrow();
    assertThat(report.inputKeys()).contains("fundsAtRisk", "activelyExploited", "informationSpill");
    Map<String, Object> spill = new HashMap<>(Map.of("eventTitle", "t", "reporter", "r", "channel", "COMMUNITY",
        "description", "d", "affectedSystems", "a", "suspectedSeverity", "SEV4", "informationSpill", true));
    assertThat(report.problems(spill, FormSchemaTest::anyone)).isEmpty();
  }

  @Test
  void everyResponderOfAListIsCheckedWhole() {
    FormSchema takeCommand = FORMS.find("take-command").orElseThrow();
    Function<Object, Map<String, Object>> withResponders = responders -> Map.of("responders", responders,
        "communicationsOfficer", "carol", "warRoomChannel", "#inc", "backupChannel", "signal:inc", "objective", "o");
    Function<String, List<String>> groups = group -> group.equals("communications") ? List.of("carol") : membersOf(group);
    assertThat(takeCommand.problems(withResponders.apply("[\"dave\", \"erin\"]"), groups::apply)).isEmpty();
    assertThat(takeCommand.problems(withResponders.apply(List.of("dave", "erin")), groups::apply)).isEmpty();
    // the older comma-separated text still works; any other separator leaves one unknown responder
    assertThat(takeCommand.problems(withResponders.apply("dave, erin"), groups::apply)).isEmpty();
    assertThat(takeCommand.problems(withResponders.apply("dave; erin"), groups::apply))
        .containsExactly("Responders: dave; erin is not a responder: choose one of dave, erin");
  }

  @Test
  void anEmailFieldSaysSoWithoutARegex() {
    Map<String, Object> report = new HashMap<>(Map.of("eventTitle", "t", "reporter", "r", "channel", "SECURITY_EMAIL",
        "description", "d", "affectedSystems", "a", "suspectedSeverity", "SEV4", "reporterEmail", "alice at example"));
    assertThat(FORMS.find("report-security-event").orElseThrow().problems(report, FormSchemaTest::anyone))
        .containsExactly("The sender's e-mail address: alice at example is not an e-mail address (name@example.org)");
  }
}
