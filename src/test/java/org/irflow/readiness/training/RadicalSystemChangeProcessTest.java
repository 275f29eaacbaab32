package org.irflow.readiness.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.irflow.process.Cadences;
import org.irflow.process.TrainingVariables;
import org.irflow.support.ProcessTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * RadicalSystemChangeProcess: the programme manager signals a radical system change and every
 * trained member waiting for the next round is retrained; nobody else may start it.
 */
class RadicalSystemChangeProcessTest extends ProcessTest {

  @Autowired IdentityService identity;
  @Autowired RepositoryService repository;
  @Autowired MembershipCheck membershipCheck;
  @Autowired TrainingRecords records;
  @Autowired TrainingStatusService statuses;

  @AfterEach
  void clearAuthentication() {
    identity.clearAuthentication();
  }

  ProcessInstance trainedMember(String group) {
    String member = TestMembers.join(identity, "trained", group);
    membershipCheck.run();
    ProcessInstance training = runtime.createProcessInstanceQuery()
        .processDefinitionKey(TrainingVariables.RESPONDER_TRAINING_PROCESS)
        .processInstanceBusinessKey(member).singleResult();
    submit(openTask(training, "Task_CompleteTraining"), Map.of("attendedOn", "2026-11-23",
        "notesLocation", "https://notes.example/ir-training", "attendanceConfirmed", true));
    assertThat(training).isWaitingAt("Gateway_AwaitNextTraining");
    return training;
  }

  String definitionId() {
    return repository.createProcessDefinitionQuery()
        .processDefinitionKey(TrainingVariables.RADICAL_SYSTEM_CHANGE_PROCESS).latestVersion()
        .singleResult().getId();
  }

  @Test
  void managerSignalsARadicalChangeAndEveryWaitingMemberIsRetrained() {
    ProcessInstance first = trainedMember("responders");
    ProcessInstance second = trainedMember("incident-commanders");
    Instant signalledAt = MONDAY_10_UTC.plus(Duration.ofDays(30));
    setClock(signalledAt);

    identity.setAuthentication("maria", List.of("managers"));
    ProcessInstance change = forms.submitStartForm(definitionId(),
        Map.of("changeDescription", "Vault contracts migrated to the v2 proxy architecture"));
    identity.clearAuthentication();

    assertThat(change).isEnded().hasPassed("Task_RecordRadicalSystemChange", "EndEvent_RetrainingSignalled");
    assertThat(jdbc.queryForMap("select description, signalled_by from radical_system_change where process_instance_id = ?",
        change.getId())).containsEntry("DESCRIPTION", "Vault contracts migrated to the v2 proxy architecture")
        .containsEntry("SIGNALLED_BY", "maria");
    for (ProcessInstance training : List.of(first, second)) {
      assertThat(training).hasPassed("Task_ScheduleRetraining").isWaitingAt("Task_CompleteTraining");
      assertThat(runtime.getVariable(training.getId(), "trainingKind")).isEqualTo("RETRAINING");
      String member = training.getBusinessKey();
      TrainingRound retraining = records.roundsOf(member).get(1);
      assertThat(retraining.kind()).isEqualTo(TrainingKind.RETRAINING);
      assertThat(retraining.dueAt()).isEqualTo(Cadences.plus(signalledAt, java.time.Period.ofDays(60)));
      assertThat(openTask(training, "Task_CompleteTraining").getAssignee()).isEqualTo(member);
      assertThat(statuses.all()).filteredOn(s -> s.userId().equals(member))
          .extracting(TrainingStatus::status).containsExactly(TrainingStatus.Status.DUE);
    }
  }

  @Test
  void onlyManagersMayStartIt() {
    String definitionId = definitionId();
    identity.setAuthentication("dave", List.of("responders"));
    List<ProcessDefinition> startable = repository.createProcessDefinitionQuery().startableInTasklist()
        .startablePermissionCheck().latestVersion().list();
    assertThat(startable).extracting(ProcessDefinition::getKey)
        .doesNotContain(TrainingVariables.RADICAL_SYSTEM_CHANGE_PROCESS);
    assertThatThrownBy(() -> forms.submitStartForm(definitionId, Map.of("changeDescription", "not mine to say")))
        .isInstanceOf(AuthorizationException.class);

    identity.setAuthentication("alice", List.of("incident-commanders"));
    assertThatThrownBy(() -> forms.submitStartForm(definitionId, Map.of("changeDescription", "not mine either")))
        .isInstanceOf(AuthorizationException.class);

    identity.setAuthentication("maria", List.of("managers"));
    assertThat(repository.createProcessDefinitionQuery().startableInTasklist().startablePermissionCheck()
        .latestVersion().list()).extracting(ProcessDefinition::getKey)
        .contains(TrainingVariables.RADICAL_SYSTEM_CHANGE_PROCESS);
    identity.clearAuthentication();
    assertThat(jdbc.queryForObject("select count(*) from radical_system_change where description like 'not mine%'",
        Integer.class)).isZero();
  }

  @Test
  void aChangeWithoutDescriptionIsRefused() {
    String definitionId = definitionId();
    identity.setAuthentication("maria", List.of("managers"));
    assertThatThrownBy(() -> forms.submitStartForm(definitionId, Map.of("changeDescription", " ")))
        .hasMessageContaining("What changed");
  }
}
