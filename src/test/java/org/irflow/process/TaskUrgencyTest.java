package org.irflow.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.Variables;
import org.irflow.incident.Incident;
import org.irflow.incident.IncidentService;
import org.irflow.incident.Severity;
import org.irflow.support.ProcessTest;
import org.irflow.support.TestIncidents;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * What a Tasklist card says of urgency: each incident task's priority and due date follow the
 * incident's severity through the ResponsePolicy table, and its name carries the incident id and title.
 */
class TaskUrgencyTest extends ProcessTest {

  @Autowired TestIncidents testIncidents;
  @Autowired IncidentService incidentService;

  ProcessInstance startResponse(Incident incident) {
    ProcessInstance response = runtime.startProcessInstanceByKey(ProcessKeys.INCIDENT_RESPONSE, incident.id(),
        Variables.createVariables().putValue("incidentId", incident.id())
            .putValue("incidentTitle", incident.title()).putValue("severity", incident.severity().name())
            .putValue("incidentSupervisor", "alice"));
    incidentService.responseStarted(incident.id(), response.getId());
    runWarRoomSteps(response);
    return response;
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "SEV1, 100, PT15M, PT1H",
      "SEV2,  75, PT30M, PT2H",
      "SEV3,  50, PT2H,  PT8H",
      "SEV4,  25, PT8H,  P1D",
  })
  void responseTasksArePrioritisedAndDueBySeverity(Severity severity, int priority, Duration pauseDueIn,
      Duration responseDueIn) {
    Incident incident = testIncidents.declare("Vault drain " + severity, severity, "alice");
    ProcessInstance response = startResponse(incident);

    Task pause = openTask(response, "Task_PauseContracts");
    Task warRoom = openTask(response, "Task_OpenWarRoom");

    assertThat(pause.getPriority()).isEqualTo(priority);
    assertThat(pause.getDueDate().toInstant()).isEqualTo(MONDAY_10_UTC.plus(pauseDueIn));
    assertThat(warRoom.getPriority()).isEqualTo(priority);
    assertThat(warRoom.getDueDate().toInstant()).isEqualTo(MONDAY_10_UTC.plus(responseDueIn));
    assertThat(warRoom.getName()).isEqualTo(incident.id() + " · Open war room · Vault drain " + severity);
  }

  @Test
  void aSev1TriageIsDueInMinutesAndOnTopOfAnUndecidedOne() {
    ProcessInstance urgent = report("Vault outflow", "SEV1");
    ProcessInstance unclear = report("Odd log line", "SEV3");

    Task urgentTriage = openTask(urgent, "Task_TriageEvent");
    Task unclearTriage = openTask(unclear, "Task_TriageEvent");

    assertThat(urgentTriage.getDueDate().toInstant()).isEqualTo(MONDAY_10_UTC.plus(Duration.ofMinutes(15)));
    assertThat(unclearTriage.getDueDate().toInstant()).isEqualTo(MONDAY_10_UTC.plus(Duration.ofHours(2)));
    // alice's Tasklist, most urgent first, as the role filters sort it
    assertThat(tasks.createTaskQuery().taskAssignee("alice").taskDefinitionKey("Task_TriageEvent")
        .processInstanceIdIn(urgent.getId(), unclear.getId()).orderByTaskPriority().desc().list())
        .extracting(Task::getId).containsExactly(urgentTriage.getId(), unclearTriage.getId());
    assertThat(urgentTriage.getPriority()).isEqualTo(100);
    assertThat(urgentTriage.getName()).matches("Event \\d+ · Triage event · Vault outflow");
  }

  @Test
  void aSeverityRaisedAfterDeclarationMakesTheNextTasksMoreUrgent() {
    Incident incident = testIncidents.declare("Oracle drift", Severity.SEV3, "alice");
    ProcessInstance response = startResponse(incident);
    assertThat(openTask(response, "Task_OpenWarRoom").getPriority()).isEqualTo(50);

    jdbc.update("update incident set severity = 'SEV1' where id = ?", incident.id());
    submit(openTask(response, "Task_OpenWarRoom"),
        Map.of("warRoomChannel", "#inc-war-room", "backupChannel", "signal:inc-backup"));

    Task activate = openTask(response, "Task_ActivateResponders");
    assertThat(activate.getPriority()).isEqualTo(100);
    assertThat(activate.getDueDate().toInstant()).isEqualTo(MONDAY_10_UTC.plus(Duration.ofHours(1)));
  }

  private ProcessInstance report(String title, String suspectedSeverity) {
    Map<String, Object> report = new HashMap<>();
    report.put("eventTitle", title);
    report.put("reporter", "dave");
    report.put("channel", "COMMUNITY");
    report.put("description", "Seen by a community member");
    report.put("affectedSystems", "website");
    report.put("suspectedSeverity", suspectedSeverity);
    report.put("fundsAtRisk", false);
    report.put("activelyExploited", false);
    String definitionId = engine.getRepositoryService().createProcessDefinitionQuery()
        .processDefinitionKey(ProcessKeys.INCIDENT_TRIAGE).latestVersion().singleResult().getId();
    return forms.submitStartForm(definitionId, report);
  }
}
