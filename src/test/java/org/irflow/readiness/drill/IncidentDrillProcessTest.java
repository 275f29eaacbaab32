package org.irflow.readiness.drill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.Variables;
import org.irflow.api.ApiExceptionHandler;
import org.irflow.api.DrillController;
import org.irflow.incident.Incident;
import org.irflow.incident.IncidentService;
import org.irflow.incident.Severity;
import org.irflow.incident.TimelineEntry;
import org.irflow.incident.TimelineKind;
import org.irflow.process.Cadences;
import org.irflow.process.DrillVariables;
import org.irflow.process.ProcessKeys;
import org.irflow.support.ProcessTest;
import org.irflow.support.TestIncidents;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * IncidentDrillProcess: a drill after six quiet months through the real triage and response, then
 * each detour.
 *
 * <p>The test database is shared with the other process tests, whose incidents are declared around
 * 2026-11. Each test here runs in its own later year and first declares a real incident of its own;
 * the schedule counts only incidents and drills up to the engine's now, so what other tests (or other
 * methods here, in other years) leave behind does not move the due dates asserted.
 */
class IncidentDrillProcessTest extends ProcessTest {

  static final Period SIX_MONTHS = Period.ofMonths(6);

  @Autowired DrillScheduleStarter starter;
  @Autowired DrillService drillService;
  @Autowired IncidentService incidentService;
  @Autowired TestIncidents testIncidents;
  @Autowired IdentityService identity;
  @Autowired HistoryService history;
  @Autowired DrillController drillApi;

  @BeforeEach
  void freshSchedule() {
    runtime.createProcessInstanceQuery().processDefinitionKey(DrillVariables.PROCESS_KEY).list()
        .forEach(instance -> runtime.deleteProcessInstance(instance.getId(), "test starts its own schedule"));
    jdbc.update("delete from drill");
    jdbc.update("update drill_schedule set first_started_at = null, process_instance_id = null");
  }

  @AfterEach
  void logOut() {
    identity.clearAuthentication();
  }

  /** A real (not drill) incident declared at that instant. */
  Incident realIncidentAt(Instant at) {
    setClock(at);
    return testIncidents.declare("Real incident " + at, Severity.SEV3, "alice");
  }

  static Map<String, Object> plan(String severity, Instant drillAt) {
    Map<String, Object> plan = new HashMap<>();
    plan.put("drillScenario", "Oracle manipulation drains the lending pool\n"
        + "A flash loan skews the price oracle; the pool lends against inflated collateral.");
    plan.put("drillParticipants", "alice, carol, dave");
    plan.put("drillAt", drillAt.toString().replace(":00Z", "Z"));  // as form-js sends it: 2031-09-10T14:00Z
    plan.put("drillSeverity", severity);
    plan.put("drillAffectedSystems", "0xLendingPool");
    plan.put("drillFundsAtRisk", false);
    plan.put("drillActivelyExploited", false);
    return plan;
  }

  void planAsMaria(String schedule, Map<String, Object> plan) {
    Task task = openTask(schedule, "Task_PlanDrill");
    // as a manager: the task's candidate group gives her the right to work on it
    identity.setAuthentication("maria", List.of("managers"));
    try {
      submit(task, plan);
    } finally {
      identity.clearAuthentication();
    }
  }

  Drill onlyDrill() {
    assertThat(drillService.list(10)).hasSize(1);
    return drillService.list(10).get(0);
  }

  @Test
  void drillIsHeldAfterSixQuietMonthsThroughTheRealTriageAndResponse() {
    Instant t0 = Instant.parse("2031-03-03T09:00:00Z");
    realIncidentAt(t0);
    setClock(t0.plus(Duration.ofHours(1)));
    String schedule = starter.ensureRunning();

    Instant due = Cadences.plus(t0, SIX_MONTHS);
    assertThat(due).isEqualTo(Instant.parse("2031-09-03T09:00:00Z"));
    assertThat(runtime.createProcessInstanceQuery().processInstanceId(schedule).singleResult())
        .isWaitingAt("TimerEvent_DrillDue");
    assertThat(timerDue(schedule, "TimerEvent_DrillDue")).isEqualTo(due);
    assertThat(runtime.getVariable(schedule, "lastRealIncidentAt")).isEqualTo(t0.toString());

    fireTimer(schedule, "TimerEvent_DrillDue", due.plus(Duration.ofMinutes(1)));

    ProcessInstance instance = runtime.createProcessInstanceQuery().processInstanceId(schedule).singleResult();
    assertThat(instance).hasPassed("Task_CheckDrillStillDue")
        .isWaitingAt("Task_PlanDrill");
    Task planTask = openTask(schedule, "Task_PlanDrill");
    assertThat(tasks.getIdentityLinksForTask(planTask.getId()))
        .anyMatch(link -> "managers".equals(link.getGroupId()));
    Instant drillAt = Instant.parse("2031-09-10T14:00:00Z");
    planAsMaria(schedule, plan("SEV2", drillAt));

    assertThat(instance).hasPassed("Task_RecordDrillPlan").isWaitingAt("TimerEvent_DrillDateReached");
    assertThat(timerDue(schedule, "TimerEvent_DrillDateReached")).isEqualTo(drillAt);
    Drill planned = onlyDrill();
    assertThat(planned.status()).isEqualTo(DrillStatus.PLANNED);
    assertThat(planned.plannedBy()).isEqualTo("maria");
    assertThat(planned.participants()).isEqualTo("alice, carol, dave");
    assertThat(planned.dueAt()).isEqualTo(due);
    assertThat(planned.plannedFor()).isEqualTo(drillAt);
    assertThat(planned.startedAt()).isNull();

    fireTimer(schedule, "TimerEvent_DrillDateReached", drillAt);

    // the schedule loops: the next drill is due six months after this one
    assertThat(instance).hasPassed("Task_StartDrill").isWaitingAt("TimerEvent_DrillDue");
    assertThat(timerDue(schedule, "TimerEvent_DrillDue")).isEqualTo(Cadences.plus(drillAt, SIX_MONTHS));
    String triageId = (String) runtime.getVariable(schedule, "drillTriageProcessInstanceId");
    ProcessInstance triage = runtime.createProcessInstanceQuery().processInstanceId(triageId).singleResult();
    assertThat(triage.getProcessDefinitionId()).startsWith(ProcessKeys.INCIDENT_TRIAGE + ":");
    assertThat(triage).isWaitingAt("Task_TriageEvent");
    assertThat(runtime.getVariable(triageId, "drill")).isEqualTo(true);
    assertThat((String) runtime.getVariable(triageId, "eventTitle"))
        .isEqualTo("DRILL: Oracle manipulation drains the lending pool");
    assertThat(runtime.getVariable(triageId, "channel")).isEqualTo("MONITORING_ALERT");
    assertThat(runtime.getVariable(triageId, "suspectedSeverity")).isEqualTo("SEV2");
    assertThat(runtime.getVariable(triageId, "reporter")).isEqualTo("maria");
    assertThat((String) runtime.getVariable(triageId, "description")).contains("THIS IS A DRILL")
        .contains("flash loan").contains("alice, carol, dave");
    Drill started = onlyDrill();
    assertThat(started.status()).isEqualTo(DrillStatus.STARTED);
    assertThat(started.startedAt()).isEqualTo(drillAt);
    assertThat(started.triageProcessInstanceId()).isEqualTo(triageId);
    assertThat(started.incidentId()).isNull();

    // the on-call supervisor triages the drill like a real event
    setClock(drillAt.plus(Duration.ofMinutes(10)));
    submit(openTask(triageId, "Task_TriageEvent"), Map.of("triageOutcome", "DECLARE", "severity", "SEV2",
        "incidentCommander", "alice", "triageNotes", "drill: treat as real"));

    String incidentId = onlyDrill().incidentId();
    assertThat(incidentId).isNotNull();
    assertThat(onlyDrill().incidentStatus()).isEqualTo("DECLARED");
    Incident incident = incidentService.get(incidentId);
    assertThat(incident.drill()).isTrue();
    assertThat(incident.title()).startsWith("DRILL: ");
    ProcessInstance response = runtime.createProcessInstanceQuery()
        .processDefinitionKey(ProcessKeys.INCIDENT_RESPONSE).processInstanceBusinessKey(incidentId).singleResult();
    runWarRoomSteps(response);
    assertThat(response).isWaitingAt("Task_TakeCommand");
    assertThat(runtime.getVariable(response.getId(), "drill")).isEqualTo(true);
    assertThat(incidentService.timelineOf(incidentId)).extracting(TimelineEntry::kind)
        .containsSubsequence(TimelineKind.EVENT_REPORTED, TimelineKind.DRILL_STARTED,
            TimelineKind.INCIDENT_DECLARED);
    assertThat(incidentService.timelineOf(incidentId).stream()
        .filter(entry -> entry.kind() == TimelineKind.DRILL_STARTED).findFirst().orElseThrow().summary())
        .contains("maria").contains("alice, carol, dave");

    // GET /api/drills, as a programme member
    identity.setAuthentication("dave", List.of("responders"));
    DrillController.Drills api = drillApi.list(100);
    assertThat(api.nextDrillDue()).isEqualTo(Cadences.plus(drillAt, SIX_MONTHS));
    assertThat(api.lastDrillAt()).isEqualTo(drillAt);
    assertThat(api.lastRealIncidentAt()).isEqualTo(t0);
    assertThat(api.drills()).singleElement().satisfies(drill -> {
      assertThat(drill.status()).isEqualTo(DrillStatus.STARTED);
      assertThat(drill.incidentId()).isEqualTo(incidentId);
    });
    assertThatThrownBy(() -> drillApi.list(0)).isInstanceOf(ApiExceptionHandler.BadRequest.class);
    identity.setAuthentication("stranger", List.of());
    assertThatThrownBy(() -> drillApi.list(100)).isInstanceOf(ApiExceptionHandler.Forbidden.class);
  }

  @Test
  void realIncidentInTheWindowSkipsTheDrillAndReschedulesIt() {
    Instant t0 = Instant.parse("2032-03-01T09:00:00Z");
    realIncidentAt(t0);
    setClock(t0.plus(Duration.ofHours(1)));
    String schedule = starter.ensureRunning();
    assertThat(timerDue(schedule, "TimerEvent_DrillDue")).isEqualTo(Cadences.plus(t0, SIX_MONTHS));

    Instant realIncident = Cadences.plus(t0, Period.ofMonths(4));
    realIncidentAt(realIncident);
    fireTimer(schedule, "TimerEvent_DrillDue", Cadences.plus(t0, SIX_MONTHS).plus(Duration.ofMinutes(1)));

    Instant newDue = Cadences.plus(realIncident, SIX_MONTHS);
    ProcessInstance instance = runtime.createProcessInstanceQuery().processInstanceId(schedule).singleResult();
    assertThat(instance).hasPassed("Task_CheckDrillStillDue")
        .hasNotPassed("Task_PlanDrill").isWaitingAt("TimerEvent_DrillDue");
    assertThat(timerDue(schedule, "TimerEvent_DrillDue")).isEqualTo(newDue);
    assertThat(runtime.getVariable(schedule, "nextDrillDue")).isEqualTo(newDue.toString());
    assertThat(runtime.getVariable(schedule, "lastRealIncidentAt")).isEqualTo(realIncident.toString());
    assertThat(drillService.list(10)).isEmpty();

    // six quiet months after that incident, the drill is due
    fireTimer(schedule, "TimerEvent_DrillDue", newDue);
    assertThat(instance).isWaitingAt("Task_PlanDrill");
  }

  @Test
  void nextDrillIsCountedFromTheLastDrillNotFromTheDrillsIncident() {
    Instant t0 = Instant.parse("2033-01-10T09:00:00Z");
    realIncidentAt(t0);
    setClock(t0.plus(Duration.ofHours(1)));
    String schedule = starter.ensureRunning();
    fireTimer(schedule, "TimerEvent_DrillDue", Cadences.plus(t0, SIX_MONTHS).plus(Duration.ofMinutes(5)));
    Instant drillAt = Instant.parse("2033-07-20T10:00:00Z");
    planAsMaria(schedule, plan("SEV3", drillAt));
    fireTimer(schedule, "TimerEvent_DrillDateReached", drillAt);
    Instant nextDue = Cadences.plus(drillAt, SIX_MONTHS);
    assertThat(timerDue(schedule, "TimerEvent_DrillDue")).isEqualTo(nextDue);

    // the drill's incident is declared three days later; being a drill, it does not push the next drill
    setClock(drillAt.plus(Duration.ofDays(3)));
    String triageId = (String) runtime.getVariable(schedule, "drillTriageProcessInstanceId");
    submit(openTask(triageId, "Task_TriageEvent"), Map.of("triageOutcome", "DECLARE", "severity", "SEV3",
        "incidentCommander", "bob", "triageNotes", "drill"));
    assertThat(incidentService.get(onlyDrill().incidentId()).drill()).isTrue();

    fireTimer(schedule, "TimerEvent_DrillDue", nextDue);

    assertThat(runtime.createProcessInstanceQuery().processInstanceId(schedule).singleResult())
        .isWaitingAt("Task_PlanDrill");
    assertThat(runtime.getVariable(schedule, "lastDrillAt")).isEqualTo(drillAt.toString());
    assertThat(runtime.getVariable(schedule, "lastRealIncidentAt")).isEqualTo(t0.toString());
    assertThat(runtime.getVariable(schedule, "nextDrillDue")).isEqualTo(nextDue.toString());
  }

  @Test
  void drillFlagFlowsThroughTriageIntoTheIncidentRowAndTheResponse() {
    setClock(Instant.parse("2034-02-06T10:00:00Z"));
    Map<String, Object> report = new HashMap<>();
    report.put("eventTitle", "DRILL: bridge signer key leaked");
    report.put("reporter", "maria");
    report.put("channel", "MONITORING_ALERT");
    report.put("description", "drill");
    report.put("affectedSystems", "0xBridge");
    report.put("suspectedSeverity", "SEV1");
    report.put("fundsAtRisk", true);
    report.put("activelyExploited", true);
    Map<String, Object> drillReport = new HashMap<>(report);
    drillReport.put("drill", true);

    ProcessInstance drillTriage = runtime.startProcessInstanceByKey(ProcessKeys.INCIDENT_TRIAGE, drillReport);
    ProcessInstance realTriage = runtime.startProcessInstanceByKey(ProcessKeys.INCIDENT_TRIAGE, report);

    // both are declared at once by the decision table (exploit in progress, funds at risk)
    assertThat(drillTriage).isEnded().hasPassed("Task_DeclareIncident", "Task_StartResponse");
    assertThat(realTriage).isEnded().hasPassed("Task_DeclareIncident", "Task_StartResponse");
    Incident drill = incidentOf(drillTriage);
    Incident real = incidentOf(realTriage);
    assertThat(drill.drill()).isTrue();
    assertThat(real.drill()).isFalse();
    assertThat(jdbc.queryForObject("select drill from incident where id = ?", Boolean.class, drill.id())).isTrue();
    assertThat(runtime.getVariable(drill.responseProcessInstanceId(), "drill")).isEqualTo(true);
    assertThat(runtime.getVariable(real.responseProcessInstanceId(), "drill")).isEqualTo(false);
  }

  @Test
  void scheduleIsStartedOnceAndAnotherInstanceEndsAsSuperseded() {
    Instant t0 = Instant.parse("2035-04-02T09:00:00Z");
    realIncidentAt(t0);
    String schedule = starter.ensureRunning();
    assertThat(starter.ensureRunning()).isEqualTo(schedule);
    assertThat(runtime.createProcessInstanceQuery().processDefinitionKey(DrillVariables.PROCESS_KEY).count())
        .isEqualTo(1);
    assertThat(runtime.createProcessInstanceQuery().processInstanceId(schedule).singleResult()
        .getBusinessKey()).isEqualTo(DrillVariables.SCHEDULE_BUSINESS_KEY);

    // an instance started by hand is not the schedule: it ends at its first check
    ProcessInstance extra = runtime.startProcessInstanceByKey(DrillVariables.PROCESS_KEY,
        Variables.createVariables());
    fireTimer(extra.getId(), "TimerEvent_DrillDue", Cadences.plus(t0, SIX_MONTHS));
    assertThat(extra).isEnded().hasPassed("EndEvent_DrillScheduleSuperseded").hasNotPassed("Task_PlanDrill");
    assertThat(runtime.createProcessInstanceQuery().processInstanceId(schedule).singleResult())
        .isWaitingAt("TimerEvent_DrillDue");

    // the schedule instance was deleted (e.g. by an operator): the next start starts a new one
    runtime.deleteProcessInstance(schedule, "operator");
    String restarted = starter.ensureRunning();
    assertThat(restarted).isNotEqualTo(schedule);
    assertThat(runtime.createProcessInstanceQuery().processDefinitionKey(DrillVariables.PROCESS_KEY).count())
        .isEqualTo(1);
  }

  @Test
  void planWithAPastDateOrAnUnknownParticipantIsRefused() {
    Instant t0 = Instant.parse("2036-01-07T09:00:00Z");
    realIncidentAt(t0);
    String schedule = starter.ensureRunning();
    Instant due = Cadences.plus(t0, SIX_MONTHS);
    fireTimer(schedule, "TimerEvent_DrillDue", due);
    Task planTask = openTask(schedule, "Task_PlanDrill");

    Map<String, Object> past = plan("SEV2", due.minus(Duration.ofDays(1)));
    assertThatThrownBy(() -> submit(planTask, past)).isInstanceOf(FormFieldValidationException.class)
        .hasMessageContaining("Drill date and time").hasMessageContaining("in the past");
    Map<String, Object> stranger = plan("SEV2", due.plus(Duration.ofDays(7)));
    stranger.put("drillParticipants", "alice, mallory");
    assertThatThrownBy(() -> submit(planTask, stranger)).isInstanceOf(FormFieldValidationException.class)
        .hasMessageContaining("Participants").hasMessageContaining("mallory");
    Map<String, Object> noDate = plan("SEV2", due.plus(Duration.ofDays(7)));
    noDate.put("drillAt", "next tuesday");
    assertThatThrownBy(() -> submit(planTask, noDate)).isInstanceOf(FormFieldValidationException.class)
        .hasMessageContaining("Drill date and time");
    Map<String, Object> noScenario = plan("SEV2", due.plus(Duration.ofDays(7)));
    noScenario.remove("drillScenario");
    assertThatThrownBy(() -> submit(planTask, noScenario)).isInstanceOf(FormFieldValidationException.class)
        .hasMessageContaining("Scenario");

    assertThat(runtime.createProcessInstanceQuery().processInstanceId(schedule).singleResult())
        .isWaitingAt("Task_PlanDrill");
    assertThat(drillService.list(10)).isEmpty();
  }

  private Incident incidentOf(ProcessInstance triage) {
    long eventId = (Long) history.createHistoricVariableInstanceQuery().processInstanceId(triage.getId())
        .variableName("eventId").singleResult().getValue();
    String incidentId = jdbc.queryForObject("select incident_id from security_event where id = ?",
        String.class, eventId);
    return incidentService.get(incidentId);
  }
}
