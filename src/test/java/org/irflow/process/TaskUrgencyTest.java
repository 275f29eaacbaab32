package org.irflow.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.Variables;
import org.irflow.incident.Incident;
import org.irflow.incident.IncidentService;
import org.irflow.incident.Severity;
import org.irflow.incident.TimelineEntry;
import org.irflow.incident.TimelineKind;
import org.irflow.support.ProcessTest;
import org.irflow.support.TestIncidents;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * What a Tasklist card says of urgency: each incident task's priority and due date follow the
 * incident's severity through the ResponsePolicy table, and its name carries the incident id and title.
 * (The triage's own urgency: IncidentTriageProcessTest.)
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
    Task warRoom = openTask(response, "Task_TakeCommand");

    assertThat(pause.getPriority()).isEqualTo(priority);
    assertThat(pause.getDueDate().toInstant()).isEqualTo(MONDAY_10_UTC.plus(pauseDueIn));
    assertThat(warRoom.getPriority()).isEqualTo(priority);
    assertThat(warRoom.getDueDate().toInstant()).isEqualTo(MONDAY_10_UTC.plus(responseDueIn));
    assertThat(warRoom.getName()).isEqualTo(incident.id() + " · Take command · Vault drain " + severity);
  }

  @Test
  void aSeverityRaisedAfterDeclarationMakesTheNextTasksMoreUrgent() {
    Incident incident = testIncidents.declare("Oracle drift", Severity.SEV3, "alice");
    ProcessInstance response = startResponse(incident);
    assertThat(openTask(response, "Task_TakeCommand").getPriority()).isEqualTo(50);

    jdbc.update("update incident set severity = 'SEV1' where id = ?", incident.id());
    submit(openTask(response, "Task_TakeCommand"),
        Map.of("warRoomChannel", "#inc-war-room", "backupChannel", "signal:inc-backup",
            "responders", "dave", "communicationsOfficer", "carol", "objective", "Stop the drift"));

    Task plan = openTask(response, "Task_DevelopActionPlan");
    assertThat(plan.getPriority()).isEqualTo(100);
    assertThat(plan.getDueDate().toInstant()).isEqualTo(MONDAY_10_UTC.plus(Duration.ofHours(1)));
  }

  @Test
  void theResponsePolicyIsOnTheTimelineOnceNotOncePerTask() {
    Incident incident = testIncidents.declare("Policy once", Severity.SEV2, "alice");
    ProcessInstance response = startResponse(incident);
    submit(openTask(response, "Task_TakeCommand"), Map.of("warRoomChannel", "#inc-policy", "backupChannel",
        "signal:inc-policy", "responders", "dave", "communicationsOfficer", "carol", "objective", "Hold"));
    openTask(response, "Task_DevelopActionPlan");
    // three tasks were given their urgency from the policy; the policy was decided once, by the model
    assertThat(incidentService.timelineOf(incident.id())).filteredOn(entry -> entry.kind() == TimelineKind.DECISION)
        .extracting(TimelineEntry::activityId).containsExactly("Task_ApplyResponsePolicy");
  }
}
