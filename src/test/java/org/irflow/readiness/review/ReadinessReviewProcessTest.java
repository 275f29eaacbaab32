package org.irflow.readiness.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.irflow.process.Cadences;
import org.irflow.process.ReadinessVariables;
import org.irflow.readiness.training.MembershipCheck;
import org.irflow.readiness.training.TestMembers;
import org.irflow.support.ProcessTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * ReadinessReviewProcess: the monthly timer, then each check's gap turned into a task, and the
 * monthly assessment. Other tests share the database, so each test asserts on its own findings.
 */
class ReadinessReviewProcessTest extends ProcessTest {

  static final String PROCESS = ReadinessVariables.READINESS_REVIEW_PROCESS;

  @Autowired RepositoryService repository;
  @Autowired IdentityService identity;
  @Autowired ReadinessReviews reviews;
  @Autowired ContactRosters rosters;
  @Autowired MembershipCheck membershipCheck;

  @AfterEach
  void removeTestOverrides() {
    jdbc.update("delete from roster_override where reason = 'readiness test'");
    identity.clearAuthentication();
  }

  ProcessInstance startReview() {
    return runtime.startProcessInstanceByKey(PROCESS);
  }

  long reviewIdOf(ProcessInstance review) {
    return ((Number) runtime.getVariable(review.getId(), ReadinessVariables.REVIEW_ID)).longValue();
  }

  List<Task> gapTasks(ProcessInstance review) {
    return tasks.createTaskQuery().processInstanceId(review.getId())
        .taskDefinitionKey("Task_CloseReadinessGap").list();
  }

  Task gapTask(ProcessInstance review, String summary) {
    return gapTasks(review).stream()
        .filter(task -> summary.equals(tasks.getVariable(task.getId(), ReadinessVariables.GAP_SUMMARY)))
        .findFirst().orElseThrow(() -> new AssertionError("no gap task for '" + summary + "'; tasks: "
            + gapTasks(review).stream().map(t -> tasks.getVariable(t.getId(), ReadinessVariables.GAP_SUMMARY)).toList()));
  }

  /** Accepts every gap task of the review but the ones already done. */
  void acceptRemainingGaps(ProcessInstance review) {
    for (Task task : gapTasks(review)) {
      submit(task, Map.of("gapOutcome", "ACCEPTED", "gapResolution", "known; handled outside this test"));
    }
  }

  void rostersReviewedAt(Instant at) {
    jdbc.update("update contact_roster set last_reviewed_at = ?, last_reviewed_by = 'maria'", at.atOffset(ZoneOffset.UTC));
  }

  @Test
  void monthlyTimerStartsTheReviewAndComesDueAgainAMonthLater() {
    ProcessDefinition definition = repository.createProcessDefinitionQuery().processDefinitionKey(PROCESS)
        .latestVersion().singleResult();
    Instant deployedAt = repository.createDeploymentQuery().deploymentId(definition.getDeploymentId())
        .singleResult().getDeploymentTime().toInstant();
    Job timer = startTimer();
    Instant due = timer.getDuedate().toInstant();
    // ${cadences.readinessReviewCycle} = R/P1M, counted from the deployment
    assertThat(due.toEpochMilli()).isCloseTo(Cadences.plus(deployedAt, Period.ofMonths(1)).toEpochMilli(),
        within(60_000L));
    Set<String> before = runningReviews();

    setClock(due);
    management.executeJob(timer.getId());

    Set<String> started = runningReviews();
    started.removeAll(before);
    assertThat(started).hasSize(1);
    ProcessInstance review = runtime.createProcessInstanceQuery().processInstanceId(started.iterator().next())
        .singleResult();
    assertThat(review).hasPassed("StartEvent_ReadinessReviewDue", "Task_OpenReadinessReview",
        "Task_CheckOnCallCoverage", "Task_CheckTraining", "Task_CheckContactRosters");
    assertThat(reviews.get(reviewIdOf(review)).startedAt()).isEqualTo(due);
    // the cycle goes on: the next review is due a month later
    assertThat(startTimer().getDuedate().toInstant().truncatedTo(ChronoUnit.SECONDS))
        .isEqualTo(Cadences.plus(due, Period.ofMonths(1)).truncatedTo(ChronoUnit.SECONDS));
  }

  Job startTimer() {
    return management.createJobQuery().processDefinitionKey(PROCESS).timers().activityId("StartEvent_ReadinessReviewDue")
        .singleResult();
  }

  Set<String> runningReviews() {
    return runtime.createProcessInstanceQuery().processDefinitionKey(PROCESS).list().stream()
        .map(ProcessInstance::getId).collect(Collectors.toSet());
  }

  @Test
  void gapsBecomeTasksForTheManagersAndTheAssessmentIsRecorded() {
    // bob stands in as night primary, but he is also the secondary that week: no secondary then
    jdbc.update("""
        insert into roster_override (role, on_call_as, user_id, starts_at, ends_at, reason)
        values ('incident-commanders', 'PRIMARY', 'bob', ?, ?, 'readiness test')""",
        Instant.parse("2026-11-25T20:00:00Z").atOffset(ZoneOffset.UTC),
        Instant.parse("2026-11-26T08:00:00Z").atOffset(ZoneOffset.UTC));
    rostersReviewedAt(MONDAY_10_UTC.minus(Duration.ofDays(10)));

    ProcessInstance review = startReview();

    assertThat(review).isWaitingAt("Task_CloseReadinessGap").hasPassed("Task_CheckOnCallCoverage");
    long reviewId = reviewIdOf(review);
    String coverageGap = "incident-commanders: no secondary 2026-11-25 20:00Z–2026-11-26 08:00Z";
    assertThat(reviews.findings(reviewId)).anySatisfy(gap -> {
      assertThat(gap.check()).isEqualTo("on-call-coverage");
      assertThat(gap.kind()).isEqualTo("GAP");
      assertThat(gap.summary()).isEqualTo(coverageGap);
    });
    // the rest of the four weeks is covered, primary and secondary
    assertThat(reviews.findings(reviewId)).filteredOn(gap -> gap.check().equals("on-call-coverage")).hasSize(1);
    assertThat(gapTasks(review)).hasSize(reviews.openGapCount(reviewId));
    Task task = gapTask(review, coverageGap);
    assertThat(tasks.getIdentityLinksForTask(task.getId())).anyMatch(link -> "managers".equals(link.getGroupId()));

    identity.setAuthentication("maria", List.of("managers"));
    submit(task, Map.of("gapOutcome", "CLOSED", "gapResolution", "kai covers the night as secondary"));
    identity.clearAuthentication();
    assertThat(reviews.findings(reviewId)).filteredOn(gap -> gap.summary().equals(coverageGap))
        .singleElement().satisfies(gap -> {
          assertThat(gap.status()).isEqualTo("CLOSED");
          assertThat(gap.closedBy()).isEqualTo("maria");
          assertThat(gap.resolution()).isEqualTo("kai covers the night as secondary");
        });
    acceptRemainingGaps(review);

    Task confirm = openTask(review, "Task_ConfirmReadiness");
    assertThat((String) tasks.getVariable(confirm.getId(), ReadinessVariables.READINESS_FINDINGS))
        .contains("[closed] " + coverageGap + " — kai covers the night as secondary");
    // READY is refused while a gap was only accepted; notes are required unless READY
    if (reviews.acceptedGapCount(reviewId) > 0) {
      assertThatThrownBy(() -> submit(confirm, Map.of("readinessAssessment", "READY")))
          .hasMessageContaining("Assessment");
    }
    assertThatThrownBy(() -> submit(confirm, Map.of("readinessAssessment", "READY_WITH_GAPS")))
        .hasMessageContaining("Notes");
    identity.setAuthentication("maria", List.of("managers"));
    submit(confirm, Map.of("readinessAssessment", "READY_WITH_GAPS", "readinessNotes", "night cover fixed"));
    identity.clearAuthentication();

    assertThat(review).isEnded().hasPassed("EndEvent_ReadinessConfirmed");
    ReadinessReviews.Review recorded = reviews.get(reviewId);
    assertThat(recorded.assessment()).isEqualTo("READY_WITH_GAPS");
    assertThat(recorded.notes()).isEqualTo("night cover fixed");
    assertThat(recorded.confirmedBy()).isEqualTo("maria");
    assertThat(recorded.confirmedAt()).isEqualTo(MONDAY_10_UTC);
    assertThat(recorded.gaps()).extracting(ReadinessReviews.Gap::summary).contains(coverageGap);
    assertThat(recorded.gaps()).allSatisfy(gap -> assertThat(gap.status()).isIn("CLOSED", "ACCEPTED"));
  }

  @Test
  void overdueContactRosterBecomesATaskAndClosingItRecordsTheReview() {
    rostersReviewedAt(MONDAY_10_UTC.minus(Duration.ofDays(10)));
    jdbc.update("update contact_roster set last_reviewed_at = ? where name = 'abuse roster'",
        Instant.parse("2026-08-01T09:00:00Z").atOffset(ZoneOffset.UTC));

    ProcessInstance review = startReview();
    String rosterGap = "abuse roster (owner maria): last reviewed 2026-08-01, review was due 2026-11-01";
    assertThat(reviews.findings(reviewIdOf(review))).filteredOn(gap -> gap.check().equals("contact-rosters"))
        .extracting(ReadinessReviews.Gap::summary).containsExactly(rosterGap);
    Task task = gapTask(review, rosterGap);
    assertThat(tasks.getVariable(task.getId(), ReadinessVariables.GAP_CHECK)).isEqualTo("contact-rosters");

    identity.setAuthentication("maria", List.of("managers"));
    submit(task, Map.of("gapOutcome", "CLOSED", "gapResolution", "two contacts replaced, list confirmed"));
    identity.clearAuthentication();

    ContactRosters.Roster abuse = rosters.all().stream().filter(r -> r.name().equals("abuse roster")).findFirst()
        .orElseThrow();
    assertThat(abuse.lastReviewedAt()).isEqualTo(MONDAY_10_UTC);
    assertThat(abuse.lastReviewedBy()).isEqualTo("maria");
    acceptRemainingGaps(review);
    submit(openTask(review, "Task_ConfirmReadiness"), Map.of("readinessAssessment", "READY_WITH_GAPS",
        "readinessNotes", "abuse roster reviewed"));

    // next month the roster is no longer a gap
    setClock(Cadences.plus(MONDAY_10_UTC, Period.ofMonths(1)));
    ProcessInstance next = startReview();
    assertThat(reviews.findings(reviewIdOf(next))).noneMatch(gap -> gap.check().equals("contact-rosters"));
  }

  @Test
  void untrainedMemberIsPendingAtFirstAndAGapOnceTheDeadlinePassed() {
    rostersReviewedAt(MONDAY_10_UTC.minus(Duration.ofDays(10)));
    String member = TestMembers.join(identity, "newcomer", "communications");
    membershipCheck.run();

    ProcessInstance first = startReview();
    assertThat(reviews.findings(reviewIdOf(first))).filteredOn(gap -> member.equals(gap.subject()))
        .singleElement().satisfies(finding -> {
          assertThat(finding.kind()).isEqualTo("PENDING");
          assertThat(finding.summary()).isEqualTo(member + " (communications): new member, initial training due by 2027-01-22");
        });
    assertThat(gapTasks(first)).noneMatch(task -> tasks.getVariable(task.getId(), ReadinessVariables.GAP_SUMMARY)
        .toString().startsWith(member));

    setClock(MONDAY_10_UTC.plus(Duration.ofDays(61)));
    ProcessInstance later = startReview();
    String trainingGap = member + " (communications): initial training overdue since 2027-01-22";
    assertThat(reviews.findings(reviewIdOf(later))).filteredOn(gap -> member.equals(gap.subject()))
        .extracting(ReadinessReviews.Gap::kind, ReadinessReviews.Gap::summary)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("GAP", trainingGap));
    assertThat(tasks.getVariable(gapTask(later, trainingGap).getId(), ReadinessVariables.GAP_CHECK))
        .isEqualTo("training");
  }

  @Test
  void withoutGapsTheManagersConfirmReadinessDirectly() {
    long reviewId = reviews.open(null, MONDAY_10_UTC);
    ProcessInstance review = runtime.createProcessInstanceByKey(PROCESS).startBeforeActivity("Gateway_AnyGaps")
        .setVariable(ReadinessVariables.REVIEW_ID, reviewId).setVariable(ReadinessVariables.GAP_COUNT, 0)
        .execute();

    assertThat(review).isWaitingAt("Task_ConfirmReadiness").hasNotPassed("Task_CloseReadinessGap");
    Task confirm = openTask(review, "Task_ConfirmReadiness");
    assertThat(tasks.getVariable(confirm.getId(), ReadinessVariables.READINESS_FINDINGS)).isEqualTo("No gaps found.");
    submit(confirm, Map.of("readinessAssessment", "READY"));

    assertThat(review).isEnded();
    assertThat(reviews.get(reviewId).assessment()).isEqualTo("READY");
  }

  @Test
  void coverageIsCheckedForFourWeeksAndAGapIsCutAtTheHorizon() {
    // from Monday 2026-12-21 00:00Z bob stands in as primary where he is the secondary (night, then
    // day shift): no secondary until 2026-12-23, but the review looks four weeks ahead only
    jdbc.update("""
        insert into roster_override (role, on_call_as, user_id, starts_at, ends_at, reason)
        values ('incident-commanders', 'PRIMARY', 'bob', ?, ?, 'readiness test')""",
        Instant.parse("2026-12-21T00:00:00Z").atOffset(ZoneOffset.UTC),
        Instant.parse("2026-12-23T00:00:00Z").atOffset(ZoneOffset.UTC));

    ProcessInstance review = startReview();

    assertThat(reviews.findings(reviewIdOf(review))).filteredOn(gap -> gap.check().equals("on-call-coverage"))
        .extracting(ReadinessReviews.Gap::summary)
        .containsExactly("incident-commanders: no secondary 2026-12-21 00:00Z–2026-12-21 10:00Z");
  }
}
