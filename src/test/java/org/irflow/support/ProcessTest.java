package org.irflow.support;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/**
 * Base of the process tests: the real models, forms and delegates on an in-memory database, the
 * engine clock fixed at {@link #MONDAY_10_UTC} (alice primary, bob secondary in the test roster),
 * timers fired by moving the clock and executing their jobs.
 */
@SpringBootTest
@ActiveProfiles("test")
public abstract class ProcessTest {

  /** A Monday in a rotation period where alice is the day shift's primary and bob its secondary. */
  public static final Instant MONDAY_10_UTC = Instant.parse("2026-11-23T10:00:00Z");

  @Autowired protected ProcessEngine engine;
  @Autowired protected RuntimeService runtime;
  @Autowired protected TaskService tasks;
  @Autowired protected FormService forms;
  @Autowired protected ManagementService management;
  @Autowired protected JdbcTemplate jdbc;

  @BeforeEach
  void initEngineAndClock() {
    init(engine);
    setClock(MONDAY_10_UTC);
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  protected static void setClock(Instant instant) {
    ClockUtil.setCurrentTime(Date.from(instant));
  }

  /** Completes a task the way Tasklist does: through its form, so the form's rules apply. */
  protected void submit(Task task, Map<String, Object> values) {
    forms.submitTaskForm(task.getId(), values);
  }

  protected Task openTask(ProcessInstance instance, String taskDefinitionKey) {
    return openTask(instance.getId(), taskDefinitionKey);
  }

  /**
   * The response's asynchronous steps before and after the war room's tasks (create the channels,
   * invite the responders): run as the job executor would, so that tests reach the next task.
   */
  private static final List<String> WAR_ROOM_STEPS = List.of("Task_CreateIncidentChannels", "Task_InviteToWarRoom");

  protected void runWarRoomSteps(ProcessInstance instance) {
    runWarRoomSteps(instance.getId());
  }

  protected void runWarRoomSteps(String processInstanceId) {
    for (String step : WAR_ROOM_STEPS) {
      for (Job job : management.createJobQuery().processInstanceId(processInstanceId).activityId(step).list()) {
        management.executeJob(job.getId());
      }
    }
  }

  protected Task openTask(String processInstanceId, String taskDefinitionKey) {
    runWarRoomSteps(processInstanceId);
    List<Task> open = tasks.createTaskQuery().processInstanceId(processInstanceId)
        .taskDefinitionKey(taskDefinitionKey).list();
    if (open.size() != 1) {
      throw new AssertionError("expected one open task " + taskDefinitionKey + ", found " + open.size());
    }
    return open.get(0);
  }

  /**
   * Runs the instance's one job as the job executor would, again after each failure as long as it has
   * retries left; answers each failed attempt's message. The last attempt may fail into the model's
   * error path instead (no exception then): the instance has moved on.
   */
  protected List<String> runEveryAttempt(String processInstanceId) {
    List<String> failures = new ArrayList<>();
    for (Job job = management.createJobQuery().processInstanceId(processInstanceId).singleResult();
        job != null && job.getRetries() > 0;
        job = management.createJobQuery().processInstanceId(processInstanceId).singleResult()) {
      try {
        management.executeJob(job.getId());
        return failures;
      } catch (RuntimeException failed) {
        failures.add(failed.getMessage());
      }
    }
    return failures;
  }

  /** Moves the engine clock and runs the timer job of the given activity, as the job executor would. */
  protected void fireTimer(String processInstanceId, String activityId, Instant when) {
    setClock(when);
    Job timer = management.createJobQuery().processInstanceId(processInstanceId)
        .activityId(activityId).timers().singleResult();
    if (timer == null) {
      throw new AssertionError("no timer at " + activityId);
    }
    if (timer.getDuedate().toInstant().isAfter(when)) {
      throw new AssertionError("timer at " + activityId + " is due only at " + timer.getDuedate());
    }
    management.executeJob(timer.getId());
  }

  protected Instant timerDue(String processInstanceId, String activityId) {
    return management.createJobQuery().processInstanceId(processInstanceId).activityId(activityId)
        .timers().singleResult().getDuedate().toInstant();
  }
}
