package org.irflow.response.spill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.irflow.comms.OutboundMessage;
import org.irflow.comms.OutboundMessages;
import org.irflow.incident.Incident;
import org.irflow.incident.IncidentService;
import org.irflow.incident.SecurityEvents.NewEvent;
import org.irflow.incident.Severity;
import org.irflow.incident.TimelineEntry;
import org.irflow.incident.TimelineKind;
import org.irflow.process.SpillVariables;
import org.irflow.response.spill.InformationSpills.Spill;
import org.irflow.support.ProcessTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * InformationSpillProcess (IR-9): the happy path, then each detour. The owner e-mail's delivery job is not
 * run here: the outbound_message row is the request the process makes.
 */
class InformationSpillProcessTest extends ProcessTest {

  @Autowired IncidentService incidentService;
  @Autowired InformationSpills spills;
  @Autowired OutboundMessages outbound;

  Incident declare(String title, String affectedSystems, boolean drill) {
    long eventId = incidentService.recordReportedEvent(new NewEvent(MONDAY_10_UTC, "dave", "COMMUNITY", title,
        "Found where it should not be", affectedSystems, "SEV2", null));
    return incidentService.declare(eventId, Severity.SEV2, "alice", "alice", drill);
  }

  ProcessInstance start(Incident incident) {
    String id = spills.startFor(incident.id(), "alice");
    return runtime.createProcessInstanceQuery().processInstanceId(id).singleResult();
  }

  void locate(ProcessInstance spill, String systems) {
    submit(openTask(spill, "Task_LocateSpill"), Map.of(
        SpillVariables.SPILLED_INFORMATION, "customer e-mail list, about 2,000 addresses",
        SpillVariables.SPILL_LOCATION, "a public folder of the support drive, shared by link",
        SpillVariables.SPILL_SYSTEMS, systems));
  }

  void notifyOwner(ProcessInstance spill) {
    Job job = management.createJobQuery().processInstanceId(spill.getId()).activityId("Task_NotifySystemOwner")
        .singleResult();
    assertThat(job).as("job of Notify the system owner").isNotNull();
    management.executeJob(job.getId());
  }

  void remove(ProcessInstance spill, String how) {
    Task remove = openTask(spill, "Task_RemoveSpill");
    tasks.claim(remove.getId(), "dave");
    submit(remove, Map.of(SpillVariables.REMOVAL_METHOD, how));
  }

  void restrict(ProcessInstance spill) {
    Task restrict = openTask(spill, "Task_RestrictAccess");
    tasks.claim(restrict.getId(), "dave");
    submit(restrict, Map.of(SpillVariables.ACCESS_RESTRICTION, "link sharing revoked, folder limited to the support leads"));
  }

  void confirm(ProcessInstance spill, String answer, String verification) {
    submit(openTask(spill, "Task_ConfirmRemoval"), Map.of(SpillVariables.REMOVAL_CONFIRMED, answer,
        SpillVariables.REMOVAL_VERIFICATION, verification));
  }

  List<OutboundMessages.Recorded> messagesOf(Incident incident) {
    return outbound.idsOfIncident(incident.id()).stream().map(id -> outbound.find(id).orElseThrow()).toList();
  }

  @Test
  void spillIsLocatedItsOwnerToldRemovedAccessRestrictedAndTheRemovalConfirmed() {
    Incident incident = declare("Customer list on the support drive", "Support drive", false);
    ProcessInstance spill = start(incident);

    assertThat(spill).isWaitingAt("Task_LocateSpill");
    assertThat(spill.getBusinessKey()).isEqualTo(incident.id());
    Task locate = openTask(spill, "Task_LocateSpill");
    assertThat(locate.getAssignee()).isEqualTo("alice");
    assertThat(runtime.getVariable(spill.getId(), SpillVariables.SPILL_SYSTEMS)).isEqualTo("Support drive");
    locate(spill, "Support drive");

    assertThat(spill).isWaitingAt("Task_NotifySystemOwner", "Task_RemoveSpill", "Task_RestrictAccess");
    notifyOwner(spill);
    remove(spill, "deleted the folder and its copies in the drive's trash");
    assertThat(openTask(spill, "Task_ConfirmRemoval").getAssignee()).isEqualTo("alice");
    confirm(spill, "YES", "searched the drive for the file name and three addresses: nothing found");
    assertThat(spill).isWaitingAt("Task_RestrictAccess");
    restrict(spill);

    assertThat(spill).isEnded().hasPassedInOrder("Task_LocateSpill", "Task_RemoveSpill", "Task_ConfirmRemoval",
        "Task_RecordSpillContained", "EndEvent_SpillContained");
    assertThat(spill).hasPassed("Task_NotifySystemOwner", "Task_RestrictAccess");

    OutboundMessages.Recorded email = messagesOf(incident).get(0);
    assertThat(email.channel()).isEqualTo(OutboundMessage.Channel.EMAIL);
    assertThat(email.recipients()).containsExactly("support-lead@irflow.example");
    assertThat(email.subject()).isEqualTo("Information spill on Support drive (" + incident.id() + ")");
    assertThat(email.body()).contains(incident.id()).contains("customer e-mail list, about 2,000 addresses")
        .contains("a public folder of the support drive").contains("Incident command supervisor: alice");
    assertThat(email.drill()).isFalse();
    assertThat(email.status()).isEqualTo("QUEUED");
    assertThat(email.responsible()).isEqualTo("alice");

    Spill row = spills.ofIncident(incident.id()).get(0);
    assertThat(row.status()).isEqualTo("CONTAINED");
    assertThat(row.startedBy()).isEqualTo("alice");
    assertThat(row.spilledInformation()).isEqualTo("customer e-mail list, about 2,000 addresses");
    assertThat(row.locatedWhere()).isEqualTo("a public folder of the support drive, shared by link");
    assertThat(row.systems()).isEqualTo("Support drive");
    assertThat(row.locatedBy()).isEqualTo("alice");
    assertThat(row.systemOwners()).isEqualTo("support-lead@irflow.example");
    assertThat(row.ownerMessageId()).isEqualTo(email.id());
    assertThat(row.ownerNotifiedAt()).isEqualTo(MONDAY_10_UTC);
    assertThat(row.removedHow()).isEqualTo("deleted the folder and its copies in the drive's trash");
    assertThat(row.removedBy()).isEqualTo("dave");
    assertThat(row.accessRestricted()).isEqualTo("link sharing revoked, folder limited to the support leads");
    assertThat(row.accessRestrictedBy()).isEqualTo("dave");
    assertThat(row.verifiedHow()).isEqualTo("searched the drive for the file name and three addresses: nothing found");
    assertThat(row.confirmedBy()).isEqualTo("alice");
    assertThat(row.confirmedAt()).isEqualTo(MONDAY_10_UTC);
    assertThat(row.containedAt()).isEqualTo(MONDAY_10_UTC);

    List<TimelineEntry> timeline = incidentService.timelineOf(incident.id());
    assertThat(timeline).extracting(TimelineEntry::kind).containsSubsequence(TimelineKind.SPILL_RESPONSE_STARTED,
        TimelineKind.SPILL_LOCATED, TimelineKind.MESSAGE_QUEUED, TimelineKind.SYSTEM_OWNER_NOTIFIED,
        TimelineKind.SPILL_CONTAINED);
    assertThat(timeline).filteredOn(e -> e.kind() == TimelineKind.SPILL_CONTAINED).singleElement()
        .satisfies(contained -> {
          assertThat(contained.actor()).isEqualTo("alice");
          assertThat(contained.summary()).contains("deleted the folder").contains("link sharing revoked")
              .contains("nothing found");
        });
  }

  @Test
  void stepsComeInOrder() {
    Incident incident = declare("Payroll export in a chat channel", "team chat", false);
    ProcessInstance spill = start(incident);

    // nothing is removed, restricted or mailed before it is located
    assertThat(tasks.createTaskQuery().processInstanceId(spill.getId()).list()).extracting(Task::getTaskDefinitionKey)
        .containsExactly("Task_LocateSpill");
    assertThat(management.createJobQuery().processInstanceId(spill.getId()).count()).isZero();
    locate(spill, "team chat");

    // removal comes before its confirmation; the owner's e-mail and access restriction run beside them
    assertThat(tasks.createTaskQuery().processInstanceId(spill.getId()).list()).extracting(Task::getTaskDefinitionKey)
        .containsExactlyInAnyOrder("Task_RemoveSpill", "Task_RestrictAccess");
    remove(spill, "messages deleted by the chat admin");
    assertThat(spill).isWaitingAt("Task_ConfirmRemoval", "Task_RestrictAccess", "Task_NotifySystemOwner");
    confirm(spill, "YES", "chat export searched");
    restrict(spill);
    // contained only when the owner has been told too
    assertThat(spill).isWaitingAt("Gateway_SpillContained").hasNotPassed("Task_RecordSpillContained");
    assertThat(spills.ofIncident(incident.id()).get(0).status()).isEqualTo("CONTAINING");
    notifyOwner(spill);
    assertThat(spill).isEnded().hasPassed("Task_RecordSpillContained");
  }

  @Test
  void confirmationSaysHowItWasVerifiedAndTracesLeftGoBackForRemoval() {
    Incident incident = declare("Keys in a public repository", "website", false);
    ProcessInstance spill = start(incident);
    locate(spill, "website");
    remove(spill, "file deleted from the main branch");

    Task confirmation = openTask(spill, "Task_ConfirmRemoval");
    assertThatThrownBy(() -> submit(confirmation, Map.of(SpillVariables.REMOVAL_CONFIRMED, "YES")))
        .isInstanceOf(FormFieldValidationException.class).hasMessageContaining("How the removal was verified");
    Map<String, Object> noAnswer = new HashMap<>(Map.of(SpillVariables.REMOVAL_VERIFICATION, "checked"));
    assertThatThrownBy(() -> submit(confirmation, noAnswer))
        .isInstanceOf(FormFieldValidationException.class).hasMessageContaining("Is the information removed?");
    assertThat(spills.ofIncident(incident.id()).get(0).confirmedBy()).isNull();

    confirm(spill, "NO", "the file is still in the history of the main branch");
    assertThat(spill).isWaitingAt("Task_RemoveSpill");
    Task again = openTask(spill, "Task_RemoveSpill");
    assertThat(forms.getTaskFormVariables(again.getId()).getValueTyped("removalVerification").getValue())
        .isEqualTo("the file is still in the history of the main branch");
    assertThat(spills.ofIncident(incident.id()).get(0).confirmedBy()).isNull();
    remove(spill, "history rewritten, forks asked to delete, keys rotated");
    confirm(spill, "YES", "history and forks searched for the key prefix: nothing found");
    restrict(spill);
    notifyOwner(spill);

    assertThat(spill).isEnded();
    assertThat(engine.getHistoryService().createHistoricActivityInstanceQuery().processInstanceId(spill.getId())
        .activityId("Task_RemoveSpill").count()).isEqualTo(2);
    Spill row = spills.ofIncident(incident.id()).get(0);
    assertThat(row.removedHow()).isEqualTo("history rewritten, forks asked to delete, keys rotated");
    assertThat(row.verifiedHow()).isEqualTo("history and forks searched for the key prefix: nothing found");
    assertThat(row.confirmedBy()).isEqualTo("alice");
  }

  @Test
  void ownersOfEveryNamedSystemAreEmailedAtTheirConfiguredAddress() {
    Incident incident = declare("Contracts exported to the CRM", "CRM", false);
    ProcessInstance spill = start(incident);
    // the supervisor finds it on a second system
    locate(spill, "CRM, support-drive");
    notifyOwner(spill);

    OutboundMessages.Recorded email = messagesOf(incident).get(0);
    assertThat(email.recipients()).containsExactly("support-lead@irflow.example", "crm-owner@irflow.example");
    assertThat(runtime.getVariable(spill.getId(), SpillVariables.SYSTEM_OWNERS))
        .isEqualTo("support-lead@irflow.example, crm-owner@irflow.example");
    assertThat(incidentService.timelineOf(incident.id())).anyMatch(e -> e.kind() == TimelineKind.SYSTEM_OWNER_NOTIFIED
        && e.summary().equals("System owner notified: e-mail to support-lead@irflow.example, crm-owner@irflow.example"));
  }

  @Test
  void defaultOwnerIsEmailedWhenNoConfiguredSystemMatches() {
    Incident incident = declare("Salary sheet in a shared mailbox", "finance mailbox", false);
    ProcessInstance spill = start(incident);
    locate(spill, "finance mailbox");
    notifyOwner(spill);

    assertThat(messagesOf(incident).get(0).recipients()).containsExactly("security-office@irflow.example");
    assertThat(spills.ofIncident(incident.id()).get(0).systemOwners()).isEqualTo("security-office@irflow.example");
  }

  @Test
  void drillTakesTheSamePathAndTheOwnerNoticeGoesToTheDrillChannel() {
    Incident drill = declare("Drill: customer list on the support drive", "support drive", true);
    ProcessInstance spill = start(drill);
    assertThat(runtime.getVariable(spill.getId(), "drill")).isEqualTo(true);
    locate(spill, "support drive");
    notifyOwner(spill);
    remove(spill, "deleted");
    confirm(spill, "YES", "searched");
    restrict(spill);

    assertThat(spill).isEnded().hasPassedInOrder("Task_LocateSpill", "Task_RemoveSpill", "Task_ConfirmRemoval",
        "Task_RecordSpillContained");
    OutboundMessages.Recorded message = messagesOf(drill).get(0);
    assertThat(message.drill()).isTrue();
    assertThat(message.reroutedFrom()).isEqualTo("EMAIL");
    assertThat(message.channel()).isEqualTo(OutboundMessage.Channel.CHAT);
    assertThat(message.recipients()).containsExactly("C0DRILL");
    assertThat(message.body()).contains("would have gone to EMAIL support-lead@irflow.example");
    assertThat(message.status()).isEqualTo("QUEUED");
    Spill row = spills.ofIncident(drill.id()).get(0);
    assertThat(row.drill()).isTrue();
    assertThat(row.status()).isEqualTo("CONTAINED");
  }

  @Test
  void onlyOneSpillResponseRunsPerIncident() {
    Incident incident = declare("Customer list in a ticket", "support drive", false);
    String first = spills.startFor(incident.id(), "alice");
    assertThat(spills.startFor(incident.id(), "bob")).isEqualTo(first);
    assertThat(spills.running(incident.id())).contains(first);
    assertThat(spills.ofIncident(incident.id())).hasSize(1);
    assertThat(incidentService.timelineOf(incident.id()))
        .filteredOn(e -> e.kind() == TimelineKind.SPILL_RESPONSE_STARTED).hasSize(1);
  }
}
