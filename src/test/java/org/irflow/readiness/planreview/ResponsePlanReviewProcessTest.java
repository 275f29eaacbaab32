package org.irflow.readiness.planreview;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.irflow.api.PlanReviewController;
import org.irflow.incident.Incident;
import org.irflow.incident.IncidentService;
import org.irflow.incident.SecurityEvents.NewEvent;
import org.irflow.incident.Severity;
import org.irflow.process.Cadences;
import org.irflow.process.PlanReviewVariables;
import org.irflow.support.ProcessTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** ResponsePlanReviewProcess: the yearly review from its timer start event, then after a drill. */
class ResponsePlanReviewProcessTest extends ProcessTest {

  static final String KEY = PlanReviewVariables.PROCESS_KEY;

  @Autowired RepositoryService repository;
  @Autowired IdentityService identity;
  @Autowired IncidentService incidentService;
  @Autowired PlanReviewService reviewService;
  @Autowired PlanReviewController reviewApi;

  @BeforeEach
  void noEarlierReviews() {
    runtime.createProcessInstanceQuery().processDefinitionKey(KEY).list()
        .forEach(instance -> runtime.deleteProcessInstance(instance.getId(), "test"));
    jdbc.update("delete from plan_review");
  }

  @AfterEach
  void logOut() {
    identity.clearAuthentication();
  }

  ProcessDefinition latest() {
    return repository.createProcessDefinitionQuery().processDefinitionKey(KEY).latestVersion().singleResult();
  }

  Job yearlyTimer() {
    return management.createJobQuery().processDefinitionId(latest().getId()).timers().singleResult();
  }

  Instant cycleAnchor() {
    return jdbc.queryForObject("select anchor_at from plan_review_cycle where id = 1", OffsetDateTime.class)
        .toInstant().truncatedTo(ChronoUnit.SECONDS);
  }

  /** The first anniversary of the anchor after the instant. */
  static Instant nextAnniversary(Instant anchor, Instant after) {
    Instant due = anchor;
    while (!due.isAfter(after)) {
      due = Cadences.plus(due, Period.ofYears(1));
    }
    return due;
  }

  /** A review started now, as either start event would (the test does not wait a year). */
  void startReviewNow() {
    runtime.createProcessInstanceByKey(KEY).startBeforeActivity("Gateway_PlanReviewStarted").execute();
  }

  /** Runs the asynchronous "Summarise plan changes" of a review that has just started. */
  ProcessInstance summarise(ProcessInstance review) {
    assertThat(review).isWaitingAt("Task_SummarisePlanChanges");
    management.executeJob(management.createJobQuery().processInstanceId(review.getId())
        .activityId("Task_SummarisePlanChanges").singleResult().getId());
    return review;
  }

  ProcessInstance onlyRunningReview() {
    List<ProcessInstance> running = runtime.createProcessInstanceQuery().processDefinitionKey(KEY).list();
    assertThat(running).hasSize(1);
    return running.get(0);
  }

  /** The managers review, record the changes; irflow distributes them. */
  void reviewAsMaria(ProcessInstance review) {
    identity.setAuthentication("maria", List.of("managers"));
    try {
      Task reviewTask = openTask(review, "Task_ReviewResponsePlan");
      assertThat(tasks.getIdentityLinksForTask(reviewTask.getId()))
          .anyMatch(link -> "managers".equals(link.getGroupId()));
      submit(reviewTask, Map.of("reviewNotes", "Hand-offs worked; paging the secondary was slow",
          "changesDecided", "Shorten SEV2 triage escalation to 20 minutes"));
      submit(openTask(review, "Task_RecordPlanChanges"),
          Map.of("planChanges", "TriageDecision version 2: SEV2 escalates after PT20M"));
    } finally {
      identity.clearAuthentication();
    }
  }

  long reviewIdOf(ProcessInstance review) {
    return jdbc.queryForObject("select id from plan_review where process_instance_id = ?", Long.class,
        review.getId());
  }

  @Test
  void yearlyReviewStartsFromItsTimerStartEventAndIsDistributed() {
    Job timer = yearlyTimer();
    assertThat(timer).as("timer start event job").isNotNull();
    // anchored on the cycle's first evaluation, at the deployment (no review has completed): a year later
    Instant deployedAt = repository.createDeploymentQuery().deploymentId(latest().getDeploymentId())
        .singleResult().getDeploymentTime().toInstant();
    assertThat(cycleAnchor()).isBetween(deployedAt.minusSeconds(60), deployedAt.plusSeconds(60));
    Instant due = Cadences.plus(cycleAnchor(), Period.ofYears(1));
    assertThat(timer.getDuedate().toInstant()).isEqualTo(due);

    setClock(due.plusSeconds(60));
    management.executeJob(timer.getId());

    ProcessInstance review = summarise(onlyRunningReview());
    assertThat(review).isWaitingAt("Task_ReviewResponsePlan");
    assertThat(runtime.getVariable(review.getId(), "planReviewReason")).isEqualTo("YEARLY");
    // the cycle goes on: the next yearly review a year later
    assertThat(yearlyTimer().getDuedate().toInstant()).isEqualTo(Cadences.plus(due, Period.ofYears(1)));

    reviewAsMaria(review);

    assertThat(review).isEnded().hasPassed("Task_DistributePlanChanges", "EndEvent_PlanReviewCompleted");
    PlanReview row = reviewService.get(reviewIdOf(review));
    assertThat(row.reason()).isEqualTo(PlanReviewReason.YEARLY);
    assertThat(row.drillIncidentId()).isNull();
    assertThat(row.startedAt()).isEqualTo(due.plusSeconds(60));
    assertThat(row.reviewedBy()).isEqualTo("maria");
    assertThat(row.reviewNotes()).contains("paging the secondary");
    assertThat(row.changesDecided()).contains("20 minutes");
    assertThat(row.changesRecordedBy()).isEqualTo("maria");
    assertThat(row.planChanges()).contains("PT20M");
    // every member of the response groups, not the operators
    assertThat(row.distributedTo().split(", ")).contains("alice", "bob", "kai", "carol", "dave", "erin", "maria")
        .doesNotContain("admin");
    assertThat(row.distributedAt()).isEqualTo(due.plusSeconds(60));
    assertThat(row.completedAt()).isEqualTo(due.plusSeconds(60));
    // and by e-mail, to the members' addresses in the contact directory
    Map<String, Object> mail = jdbc.queryForMap("select * from outbound_message where channel = 'EMAIL'"
        + " and subject = ?", "Incident response plan: changes of review " + row.id());
    assertThat(((String) mail.get("recipients")).split(",")).contains("alice@example.org", "maria@example.org");
    assertThat((String) mail.get("body")).contains("PT20M");
    assertThat(mail.get("responsible")).isEqualTo("maria");
  }

  @Test
  void drillPostMortemClosedStartsAReviewAfterTheDrill() {
    setClock(Instant.parse("2035-06-04T10:00:00Z"));
    long eventId = incidentService.recordReportedEvent(new NewEvent(Instant.parse("2035-06-04T10:00:00Z"),
        "maria", "MONITORING_ALERT", "DRILL: oracle manipulation", "drill", "0xPool", "SEV2", null));
    Incident drill = incidentService.declare(eventId, Severity.SEV2, "alice", "alice", true);
    jdbc.update("""
        insert into drill (status, due_at, planned_for, scenario, participants, suspected_severity,
                           affected_systems, planned_by, planned_at, started_at, event_id)
        values ('STARTED', ?, ?, 'oracle manipulation', 'alice', 'SEV2', '0xPool', 'maria', ?, ?, ?)""",
        OffsetDateTime.parse("2035-06-01T10:00:00Z"), OffsetDateTime.parse("2035-06-04T10:00:00Z"),
        OffsetDateTime.parse("2035-06-02T10:00:00Z"), OffsetDateTime.parse("2035-06-04T10:00:00Z"), eventId);

    // as PostMortemProcess's signal end event "Drill post-mortem closed" does
    runtime.createSignalEvent(PlanReviewVariables.DRILL_POST_MORTEM_CLOSED_SIGNAL)
        .setVariables(Map.of(PlanReviewVariables.DRILL_INCIDENT_ID, drill.id())).send();

    ProcessInstance review = summarise(onlyRunningReview());
    assertThat(review).hasPassed("StartEvent_DrillPostMortemClosed").hasNotPassed("StartEvent_PlanReviewDue")
        .isWaitingAt("Task_ReviewResponsePlan");
    assertThat(runtime.getVariable(review.getId(), "planReviewReason")).isEqualTo("AFTER_DRILL");
    assertThat((String) runtime.getVariable(review.getId(), "planChangesSummary"))
        .contains("drill incident " + drill.id());
    assertThat(jdbc.queryForObject("select status from drill where event_id = ?", String.class, eventId))
        .isEqualTo("POST_MORTEM_CLOSED");

    reviewAsMaria(review);

    PlanReview row = reviewService.get(reviewIdOf(review));
    assertThat(row.reason()).isEqualTo(PlanReviewReason.AFTER_DRILL);
    assertThat(row.drillIncidentId()).isEqualTo(drill.id());
    assertThat(row.completedAt()).isNotNull();
    assertThat(row.distributedTo()).contains("dave");

    // GET /api/plan-reviews, as a programme member
    identity.setAuthentication("alice", List.of("incident-commanders"));
    assertThat(reviewApi.list(100)).singleElement().satisfies(listed -> {
      assertThat(listed.reason()).isEqualTo(PlanReviewReason.AFTER_DRILL);
      assertThat(listed.drillIncidentId()).isEqualTo(drill.id());
    });
  }

  @Test
  void changeSummaryListsTheVersionsDeployedSinceTheLastReview() throws IOException {
    // a review completed at c1
    Instant c1 = Instant.parse("2036-03-02T10:00:00Z");
    setClock(c1);
    startReviewNow();
    ProcessInstance first = summarise(onlyRunningReview());
    reviewAsMaria(first);
    assertThat(reviewService.get(reviewIdOf(first)).completedAt()).isEqualTo(c1);

    // then a new model and, a day later, an unchanged copy of it
    Deployment v1 = null;
    Deployment v2 = null;
    try {
      setClock(c1.plus(Period.ofDays(10)));
      v1 = deployProbe();
      setClock(c1.plus(Period.ofDays(11)));
      v2 = deployProbe();

      setClock(c1.plus(Period.ofDays(30)));
      startReviewNow();
      ProcessInstance second = summarise(onlyRunningReview());

      String summary = (String) runtime.getVariable(second.getId(), "planChangesSummary");
      assertThat(summary).contains("since the last review, completed " + c1)
          .contains("2 version(s)").contains("1 with a changed model")
          .contains("process PlanReviewProbeProcess (Plan review probe) version 1, deployed "
              + c1.plus(Period.ofDays(10)) + ", changed")
          .contains("process PlanReviewProbeProcess (Plan review probe) version 2, deployed "
              + c1.plus(Period.ofDays(11)) + ", unchanged")
          // the application's own models were deployed before the last review
          .doesNotContain("IncidentTriageProcess").doesNotContain("TriageDecision");
      PlanReview row = reviewService.get(reviewIdOf(second));
      assertThat(row.reviewedSince()).isEqualTo(c1);
      assertThat(row.versionsReviewed()).contains("\"key\":\"PlanReviewProbeProcess\"")
          .contains("\"version\":2").contains("\"changed\":false")
          .contains("\"deployedAt\":\"" + c1.plus(Period.ofDays(10)) + "\"");
    } finally {
      for (Deployment deployment : new Deployment[] {v2, v1}) {
        if (deployment != null) {
          repository.deleteDeployment(deployment.getId(), true);
        }
      }
    }
  }

  @Test
  void redeployingTheModelKeepsTheYearlyCycleAnchoredOnTheLastReview() throws IOException {
    Instant anchor = cycleAnchor();
    Deployment redeployed = null;
    Deployment afterReview = null;
    String previousDefinition = latest().getId();
    try {
      // a redeployment months later (every model is redeployed when any changes) does not reset the cycle
      Instant redeployAt = Cadences.plus(anchor, Period.ofMonths(5));
      setClock(redeployAt);
      redeployed = redeployPlanReview();
      assertThat(latest().getDeploymentId()).isEqualTo(redeployed.getId());
      assertThat(yearlyTimer().getDuedate().toInstant()).isEqualTo(nextAnniversary(anchor, redeployAt));

      // once a review has completed, the next deployment counts the year from that review
      Instant reviewed = Cadences.plus(anchor, Period.ofMonths(7)).truncatedTo(ChronoUnit.SECONDS);
      setClock(reviewed);
      startReviewNow();
      reviewAsMaria(summarise(onlyRunningReview()));
      setClock(Cadences.plus(anchor, Period.ofMonths(9)));
      afterReview = redeployPlanReview();
      assertThat(yearlyTimer().getDuedate().toInstant()).isEqualTo(Cadences.plus(reviewed, Period.ofYears(1)));
    } finally {
      jdbc.update("delete from plan_review");
      for (Deployment deployment : new Deployment[] {afterReview, redeployed}) {
        if (deployment != null) {
          repository.deleteDeployment(deployment.getId(), true);
        }
      }
    }
    // deleting the test deployments gives the application's version its timer back
    assertThat(latest().getId()).isEqualTo(previousDefinition);
    assertThat(yearlyTimer()).isNotNull();
  }

  /** The same model each time (the fluent builder would generate new ids). */
  static final String PROBE = Bpmn.convertToString(Bpmn.createExecutableProcess("PlanReviewProbeProcess")
      .name("Plan review probe").camundaHistoryTimeToLive(400).startEvent().endEvent().done());

  private Deployment deployProbe() {
    return repository.createDeployment().name("plan-review-probe")
        .addString("PlanReviewProbeProcess.bpmn", PROBE).deploy();
  }

  private Deployment redeployPlanReview() throws IOException {
    var deployment = repository.createDeployment().name("plan-review-redeploy-test");
    for (String resource : List.of("bpmn/ResponsePlanReviewProcess.bpmn", "forms/review-response-plan.form",
        "forms/record-plan-changes.form")) {
      try (InputStream in = getClass().getClassLoader().getResourceAsStream(resource)) {
        deployment.addString(resource.substring(resource.indexOf('/') + 1), new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
      }
    }
    return deployment.deploy();
  }
}
