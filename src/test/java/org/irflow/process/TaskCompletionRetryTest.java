package org.irflow.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.irflow.support.ProcessTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A person's task completion that collides with another transaction on the same process instance (as
 * a signer's "done" with the pause's confirmation poll) is done again, not answered with an error
 * ({@link RetryTaskCompletionPlugin}). The collision is made, not waited for: while the completion
 * runs, another thread suspends and re-activates the process instance, which changes the revisions of
 * its execution and task rows before the completion writes them.
 */
class TaskCompletionRetryTest extends ProcessTest {

  static final String PROCESS = "TaskCompletionCollision";

  @Autowired PlatformTransactionManager transactionManager;
  private String deploymentId;

  /** The task's completion listener: the first completion of each test collides, later ones do not. */
  public static class CollidingCompletion implements TaskListener {
    static final AtomicInteger COMPLETIONS = new AtomicInteger();
    static volatile RuntimeService runtime;

    @Override
    public void notify(DelegateTask task) {
      if (COMPLETIONS.incrementAndGet() > 1) {
        return;
      }
      String instance = task.getProcessInstanceId();
      Thread other = new Thread(() -> {
        runtime.updateProcessInstanceSuspensionState().byProcessInstanceId(instance).suspend();
        runtime.updateProcessInstanceSuspensionState().byProcessInstanceId(instance).activate();
      });
      other.start();
      try {
        other.join(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @BeforeEach
  void deployTheProcess() {
    BpmnModelInstance model = Bpmn.createExecutableProcess(PROCESS)
        .camundaHistoryTimeToLive(1)
        .startEvent("StartEvent_Asked")
        .userTask("Task_Confirm").name("Confirm")
        .camundaTaskListenerClass(TaskListener.EVENTNAME_COMPLETE, CollidingCompletion.class.getName())
        .endEvent("EndEvent_Confirmed")
        .done();
    deploymentId = engine.getRepositoryService().createDeployment().addModelInstance(PROCESS + ".bpmn", model)
        .deploy().getId();
    CollidingCompletion.COMPLETIONS.set(0);
    CollidingCompletion.runtime = runtime;
  }

  /** other tests share the engine: they must not see this process */
  @AfterEach
  void removeTheProcess() {
    engine.getRepositoryService().deleteDeployment(deploymentId, true);
  }

  @Test
  void aCompletionThatCollidesIsDoneAgainAndTheProcessGoesOn() {
    ProcessInstance instance = runtime.startProcessInstanceByKey(PROCESS);
    Task confirm = tasks.createTaskQuery().processInstanceId(instance.getId()).singleResult();

    forms.submitTaskForm(confirm.getId(), Map.of("confirmed", true));

    assertThat(CollidingCompletion.COMPLETIONS).as("attempts: the collision, then the completion").hasValue(2);
    HistoricProcessInstance history = engine.getHistoryService().createHistoricProcessInstanceQuery()
        .processInstanceId(instance.getId()).singleResult();
    assertThat(history.getEndActivityId()).isEqualTo("EndEvent_Confirmed");
    assertThat(engine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(instance.getId())
        .variableName("confirmed").singleResult().getValue()).isEqualTo(true);
  }

  @Test
  void aCompletionInsideACallersTransactionIsNotDoneAgain() {
    ProcessInstance instance = runtime.startProcessInstanceByKey(PROCESS);
    Task confirm = tasks.createTaskQuery().processInstanceId(instance.getId()).singleResult();

    assertThatThrownBy(() -> new TransactionTemplate(transactionManager).executeWithoutResult(
        status -> forms.submitTaskForm(confirm.getId(), Map.of("confirmed", true))))
        .isInstanceOf(OptimisticLockingException.class);

    assertThat(CollidingCompletion.COMPLETIONS).hasValue(1);
    assertThat(tasks.createTaskQuery().processInstanceId(instance.getId()).taskDefinitionKey("Task_Confirm").count())
        .as("the task is still open: the caller may try again").isEqualTo(1);
  }
}
