package org.irflow.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.impl.MessageCorrelationBuilderImpl;
import org.camunda.bpm.engine.impl.ProcessInstanceModificationBuilderImpl;
import org.camunda.bpm.engine.impl.ProcessInstantiationBuilderImpl;
import org.camunda.bpm.engine.impl.SignalEventReceivedBuilderImpl;
import org.camunda.bpm.engine.impl.cmd.CompleteTaskCmd;
import org.camunda.bpm.engine.impl.cmd.CorrelateMessageCmd;
import org.camunda.bpm.engine.impl.cmd.GetExecutionVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.ModifyProcessInstanceCmd;
import org.camunda.bpm.engine.impl.cmd.PatchExecutionVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.RemoveTaskVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.ResolveTaskCmd;
import org.camunda.bpm.engine.impl.cmd.SetExecutionVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.SetTaskVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.SignalEventReceivedCmd;
import org.camunda.bpm.engine.impl.cmd.StartProcessInstanceCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitStartFormCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitTaskFormCmd;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandExecutor;
import org.irflow.security.CommandVariables.RunningWrite;
import org.irflow.security.CommandVariables.Start;
import org.irflow.security.CommandVariables.StartAtActivity;
import org.irflow.security.CommandVariables.TaskWrite;
import org.junit.jupiter.api.Test;

/**
 * Camunda's commands read as the guard reads them: the variables each carries and where they go. A
 * Camunda upgrade that moves a field makes these fail (and the guard refuse the command).
 */
class CommandVariablesTest {

  /** The commands are read, never run. */
  private static final CommandExecutor NO_ENGINE = new CommandExecutor() {
    @Override
    public <T> T execute(Command<T> command) {
      throw new UnsupportedOperationException("read only");
    }
  };

  @Test
  void startsNameTheProcessAndTheVariables() {
    ProcessInstantiationBuilderImpl byKey = (ProcessInstantiationBuilderImpl) ProcessInstantiationBuilderImpl
        .createProcessInstanceByKey(null, "IncidentTriageProcess").setVariables(Map.of("drill", true, "eventTitle", "x"));
    assertThat(CommandVariables.of(new StartProcessInstanceCmd(byKey)))
        .contains(new Start(null, "IncidentTriageProcess", false, Set.of("drill", "eventTitle")));

    assertThat(CommandVariables.of(new SubmitStartFormCmd("def:1", null, Map.of("source", "forta"))))
        .contains(new Start("def:1", null, true, Set.of("source")));

    ProcessInstantiationBuilderImpl atActivity = (ProcessInstantiationBuilderImpl) ProcessInstantiationBuilderImpl
        .createProcessInstanceByKey(null, "IncidentTriageProcess").startBeforeActivity("Task_DeclareIncident")
        .setVariable("severity", "SEV1");
    assertThat(CommandVariables.of(new StartProcessInstanceCmd(atActivity)).orElseThrow())
        .isEqualTo(new StartAtActivity(Set.of("severity")));
  }

  @Test
  void taskCommandsNameTheTask() {
    assertThat(CommandVariables.of(new CompleteTaskCmd("t1", Map.of("drill", true))))
        .contains(new TaskWrite("t1", false, Set.of("drill")));
    assertThat(CommandVariables.of(new ResolveTaskCmd("t1", Map.of("findingType", "EXPLOIT"))))
        .contains(new TaskWrite("t1", false, Set.of("findingType")));
    assertThat(CommandVariables.of(new SubmitTaskFormCmd("t1", Map.of("objective", "o"), false, false)))
        .contains(new TaskWrite("t1", true, Set.of("objective")));
    assertThat(CommandVariables.of(new SetTaskVariablesCmd("t1", Map.of("drill", true), true)))
        .contains(new TaskWrite("t1", false, Set.of("drill")));
    assertThat(CommandVariables.of(new RemoveTaskVariablesCmd("t1", List.of("incidentId"), false)))
        .contains(new TaskWrite("t1", false, Set.of("incidentId")));
  }

  @Test
  void runningInstanceCommandsNameTheirVariables() {
    assertThat(CommandVariables.of(new SetExecutionVariablesCmd("e1", Map.of("drill", true), false)))
        .contains(new RunningWrite("e1", Set.of("drill")));
    assertThat(CommandVariables.of(new PatchExecutionVariablesCmd("e1", Map.of("a", 1), List.of("b"), false)))
        .contains(new RunningWrite("e1", Set.of("a", "b")));

    MessageCorrelationBuilderImpl message = new MessageCorrelationBuilderImpl(NO_ENGINE, "EvidenceAdded");
    message.processInstanceId("p1").processInstanceVariableEquals("incidentId", "INC-1").setVariable("drill", true)
        .setVariableLocal("source", "forta");
    assertThat(CommandVariables.of(new CorrelateMessageCmd(message, false, false, false)))
        .as("the correlation key incidentId is read, not written")
        .contains(new RunningWrite("p1", Set.of("drill", "source")));

    SignalEventReceivedBuilderImpl signal = new SignalEventReceivedBuilderImpl(NO_ENGINE, "s");
    signal.setVariables(Map.of("sourceSeverity", "CRITICAL"));
    assertThat(CommandVariables.of(new SignalEventReceivedCmd(signal)))
        .contains(new RunningWrite(null, Set.of("sourceSeverity")));

    ProcessInstanceModificationBuilderImpl modification = new ProcessInstanceModificationBuilderImpl(
        NO_ENGINE, "p1");
    modification.startBeforeActivity("Task_TriageEvent").setVariable("drill", true);
    assertThat(CommandVariables.of(new ModifyProcessInstanceCmd(modification)))
        .contains(new RunningWrite("p1", Set.of("drill")));
  }

  @Test
  void readsAreNotWrites() {
    assertThat(CommandVariables.of(new GetExecutionVariablesCmd("e1", List.of("drill"), false, true))).isEmpty();
  }
}
