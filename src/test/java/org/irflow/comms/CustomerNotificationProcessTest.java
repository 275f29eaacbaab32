package org.irflow.comms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.Variables;
import org.irflow.incident.Incident;
import org.irflow.incident.IncidentService;
import org.irflow.incident.SecurityEvents.NewEvent;
import org.irflow.incident.Severity;
import org.irflow.incident.TimelineEntry;
import org.irflow.incident.TimelineKind;
import org.irflow.process.CustomerNotificationVariables;
import org.irflow.process.ProcessKeys;
import org.irflow.response.customers.CustomerNotifications;
import org.irflow.response.customers.CustomerNotifications.Notification;
import org.irflow.support.ProcessTest;
import org.irflow.support.TestIncidents;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * CustomerNotificationProcess (IR-7): the happy path, then each detour. The delivery job of the e-mail is
 * not run here: the outbound_message row is the request the process makes.
 */
class CustomerNotificationProcessTest extends ProcessTest {

  static final List<String> CUSTOMER_CONTACTS = List.of("security@customer-one.example", "ops@customer-two.example");

  @Autowired TestIncidents testIncidents;
  @Autowired IncidentService incidentService;
  @Autowired CustomerNotifications notifications;
  @Autowired OutboundMessages outbound;

  ProcessInstance instance(String processInstanceId) {
    return runtime.createProcessInstanceQuery().processInstanceId(processInstanceId).singleResult();
  }

  /** A response for the incident, up to its objective, with carol as its communications officer. */
  ProcessInstance responseWithOfficer(Incident incident) {
    ProcessInstance response = runtime.startProcessInstanceByKey(ProcessKeys.INCIDENT_RESPONSE, incident.id(),
        Variables.createVariables().putValue("incidentId", incident.id())
            .putValue("incidentTitle", incident.title()).putValue("severity", incident.severity().name())
            .putValue("incidentSupervisor", "alice"));
    incidentService.responseStarted(incident.id(), response.getId());
    submit(openTask(response, "Task_TakeCommand"), Map.of("warRoomChannel", "#inc", "backupChannel", "signal:inc",
        "responders", "dave", "communicationsOfficer", "carol", "objective", "Contain the exposure of customer data"));
    return response;
  }

  Incident drillIncident(String title) {
    long eventId = incidentService.recordReportedEvent(new NewEvent(MONDAY_10_UTC, "maria", "COMMUNITY", title,
        "drill scenario", "support drive", "SEV2", null));
    return incidentService.declare(eventId, Severity.SEV2, "alice", "alice", true);
  }

  void draft(ProcessInstance notification, String subject, String body) {
    submit(openTask(notification, "Task_DraftCustomerNotification"), Map.of(
        CustomerNotificationVariables.SUBJECT, subject, CustomerNotificationVariables.BODY, body));
  }

  void approve(ProcessInstance notification) {
    submit(openTask(notification, "Task_ApproveCustomerNotification"),
        Map.of(CustomerNotificationVariables.DECISION, "APPROVE"));
  }

  /** Runs the asynchronous "Send customer notification", as the job executor would. */
  void runSend(ProcessInstance notification) {
    Job send = management.createJobQuery().processInstanceId(notification.getId())
        .activityId("Task_SendCustomerNotification").singleResult();
    assertThat(send).as("job of Send customer notification").isNotNull();
    management.executeJob(send.getId());
  }

  /** The incident's messages to customers (a drill's re-routed ones included), not the war room's posts. */
  List<OutboundMessages.Recorded> messagesOf(Incident incident) {
    return outbound.idsOfIncident(incident.id()).stream().map(id -> outbound.find(id).orElseThrow())
        .filter(message -> message.channel() != OutboundMessage.Channel.CHAT || message.reroutedFrom() != null)
        .toList();
  }

  @Test
  void officerDraftsSupervisorApprovesAndEveryCustomerContactIsEmailed() {
    Incident incident = testIncidents.declare("Customer records exposed", Severity.SEV2, "alice");
    responseWithOfficer(incident);

    ProcessInstance notification = instance(notifications.startFor(incident.id(), "alice"));

    assertThat(notification).isWaitingAt("Task_DraftCustomerNotification");
    assertThat(notification.getBusinessKey()).isEqualTo(incident.id());
    Task draft = openTask(notification, "Task_DraftCustomerNotification");
    assertThat(draft.getAssignee()).isEqualTo("carol");
    assertThat(tasks.getIdentityLinksForTask(draft.getId())).anyMatch(link -> "communications".equals(link.getGroupId()));
    // the form shows the incident, its objective and where the notice goes
    Map<String, Object> shown = forms.getTaskFormVariables(draft.getId());
    assertThat(shown).containsEntry("incidentId", incident.id()).containsEntry("incidentTitle", "Customer records exposed")
        .containsEntry("severity", "SEV2").containsEntry("objective", "Contain the exposure of customer data")
        .containsEntry("customerNotificationRecipients", String.join(", ", CUSTOMER_CONTACTS))
        .containsEntry("customerNotificationSubject", "Security incident " + incident.id() + ": Customer records exposed");

    draft(notification, "Security notice: customer records exposed",
        "On 23 November we found customer records on a shared drive. We removed them; no action is needed.");
    assertThat(notification).isWaitingAt("Task_ApproveCustomerNotification");
    Task approval = openTask(notification, "Task_ApproveCustomerNotification");
    assertThat(approval.getAssignee()).isEqualTo("alice");
    // no SMTP server in this test: the approver reads that the notice would only be recorded
    assertThat(forms.getTaskFormVariables(approval.getId()).getValue("deliveryChannels", String.class))
        .isEqualTo("E-mail: not configured — only recorded on the timeline");
    approve(notification);
    runSend(notification);

    assertThat(notification).isEnded().hasPassedInOrder("StartEvent_CustomerNotificationRequested",
        "Task_DraftCustomerNotification", "Task_ApproveCustomerNotification", "Task_SendCustomerNotification",
        "EndEvent_CustomersNotified");
    List<OutboundMessages.Recorded> messages = messagesOf(incident);
    assertThat(messages).hasSize(1);
    OutboundMessages.Recorded email = messages.get(0);
    assertThat(email.channel()).isEqualTo(OutboundMessage.Channel.EMAIL);
    assertThat(email.recipients()).containsExactlyElementsOf(CUSTOMER_CONTACTS);
    assertThat(email.subject()).isEqualTo("Security notice: customer records exposed");
    assertThat(email.body()).isEqualTo(
        "On 23 November we found customer records on a shared drive. We removed them; no action is needed.");
    assertThat(email.severity()).isEqualTo("SEV2");
    assertThat(email.drill()).isFalse();
    assertThat(email.reroutedFrom()).isNull();
    assertThat(email.status()).isEqualTo("QUEUED");
    assertThat(email.responsible()).isEqualTo("carol");
    assertThat(email.processInstanceId()).isNotNull();

    Notification row = notifications.ofIncident(incident.id()).get(0);
    assertThat(row.status()).isEqualTo("QUEUED");
    assertThat(row.requestedBy()).isEqualTo("alice");
    assertThat(row.draftedBy()).isEqualTo("carol");
    assertThat(row.approvedBy()).isEqualTo("alice");
    assertThat(row.redrafts()).isZero();
    assertThat(row.outboundMessageId()).isEqualTo(email.id());
    assertThat(row.processInstanceId()).isEqualTo(notification.getId());

    List<TimelineEntry> timeline = incidentService.timelineOf(incident.id());
    assertThat(timeline).extracting(TimelineEntry::kind).containsSubsequence(
        TimelineKind.CUSTOMER_NOTIFICATION_REQUESTED, TimelineKind.TASK_COMPLETED, TimelineKind.TASK_COMPLETED,
        TimelineKind.MESSAGE_QUEUED, TimelineKind.CUSTOMERS_NOTIFIED);
    TimelineEntry notified = timeline.stream().filter(e -> e.kind() == TimelineKind.CUSTOMERS_NOTIFIED).findFirst()
        .orElseThrow();
    assertThat(notified.actor()).isEqualTo("alice");
    assertThat(notified.summary()).contains("2 customer contacts").contains("Security notice: customer records exposed");
    assertThat(notified.details()).contains("outbound message " + email.id()).contains("drafted by carol");
  }

  @Test
  void supervisorSendsTheDraftBackWithAReasonAndTheRedraftIsSent() {
    Incident incident = testIncidents.declare("Support mailbox forwarded", Severity.SEV3, "bob");
    ProcessInstance notification = instance(notifications.startFor(incident.id(), "bob"));
    // no response, so no communications officer yet: the group's task
    Task first = openTask(notification, "Task_DraftCustomerNotification");
    assertThat(first.getAssignee()).isNull();
    assertThat(tasks.getIdentityLinksForTask(first.getId())).anyMatch(link -> "communications".equals(link.getGroupId()));
    tasks.claim(first.getId(), "carol");
    draft(notification, "Notice", "Something happened.");

    Task approval = openTask(notification, "Task_ApproveCustomerNotification");
    assertThat(approval.getAssignee()).isEqualTo("bob");
    assertThatThrownBy(() -> submit(approval, Map.of(CustomerNotificationVariables.DECISION, "REDRAFT")))
        .isInstanceOf(FormFieldValidationException.class).hasMessageContaining("What to change");
    submit(approval, Map.of(CustomerNotificationVariables.DECISION, "REDRAFT",
        CustomerNotificationVariables.REDRAFT_REASON, "Say which data and what customers should do"));

    assertThat(notification).isWaitingAt("Task_DraftCustomerNotification");
    Task second = openTask(notification, "Task_DraftCustomerNotification");
    assertThat(forms.getTaskFormVariables(second.getId()).getValueTyped("redraftReason").getValue())
        .isEqualTo("Say which data and what customers should do");
    assertThat(forms.getTaskFormVariables(second.getId()).getValueTyped("customerNotificationBody").getValue())
        .isEqualTo("Something happened.");
    tasks.claim(second.getId(), "carol");
    draft(notification, "Notice: support e-mails forwarded",
        "Support e-mails of 20-22 November were forwarded outside irflow. Change the passwords you sent us.");
    // the answered reason is gone, not null: Tasklist would submit the approver's next reason with the
    // type it reads, and the type Null takes no text
    assertThat(runtime.getVariables(notification.getId())).doesNotContainKey("redraftReason");
    approve(notification);
    runSend(notification);

    assertThat(notification).isEnded().hasPassed("Gateway_DraftCustomerNotification", "EndEvent_CustomersNotified");
    assertThat(engine.getHistoryService().createHistoricActivityInstanceQuery().processInstanceId(notification.getId())
        .activityId("Task_DraftCustomerNotification").count()).isEqualTo(2);
    assertThat(engine.getHistoryService().createHistoricActivityInstanceQuery().processInstanceId(notification.getId())
        .activityId("Task_ApproveCustomerNotification").count()).isEqualTo(2);
    List<OutboundMessages.Recorded> messages = messagesOf(incident);
    assertThat(messages).singleElement().satisfies(email -> {
      assertThat(email.subject()).isEqualTo("Notice: support e-mails forwarded");
      assertThat(email.body()).startsWith("Support e-mails of 20-22 November");
      // no officer activated: the one who drafted sends it by hand if delivery fails
      assertThat(email.responsible()).isEqualTo("carol");
    });
    Notification row = notifications.ofIncident(incident.id()).get(0);
    assertThat(row.redrafts()).isEqualTo(1);
    assertThat(row.approvedBy()).isEqualTo("bob");
    assertThat(incidentService.timelineOf(incident.id()))
        .anyMatch(e -> e.kind() == TimelineKind.TASK_COMPLETED && e.details() != null
            && e.details().contains("Say which data and what customers should do"));
  }

  @Test
  void nothingIsQueuedBeforeTheSupervisorApproves() {
    Incident incident = testIncidents.declare("Partner API keys in a ticket", Severity.SEV2, "alice");
    ProcessInstance notification = instance(notifications.startFor(incident.id(), "alice"));
    tasks.claim(openTask(notification, "Task_DraftCustomerNotification").getId(), "carol");
    draft(notification, "Notice", "Draft one");

    assertThat(notification).isWaitingAt("Task_ApproveCustomerNotification").hasNotPassed("Task_SendCustomerNotification");
    assertThat(messagesOf(incident)).isEmpty();
    assertThat(management.createJobQuery().processInstanceId(notification.getId()).count()).isZero();

    submit(openTask(notification, "Task_ApproveCustomerNotification"), Map.of(
        CustomerNotificationVariables.DECISION, "REDRAFT", CustomerNotificationVariables.REDRAFT_REASON, "Not yet"));
    assertThat(messagesOf(incident)).isEmpty();
    assertThat(notifications.ofIncident(incident.id()).get(0).status()).isEqualTo("DRAFTING");
    assertThat(incidentService.timelineOf(incident.id())).noneMatch(e -> e.kind() == TimelineKind.CUSTOMERS_NOTIFIED
        || e.kind() == TimelineKind.MESSAGE_QUEUED);
  }

  @Test
  void drillNotificationIsQueuedAsADrillToTheDrillChannel() {
    Incident drill = drillIncident("Drill: customer list leaked");
    ProcessInstance notification = instance(notifications.startFor(drill.id(), "alice"));
    assertThat(runtime.getVariable(notification.getId(), "drill")).isEqualTo(true);
    assertThat((String) runtime.getVariable(notification.getId(), "customerNotificationRecipients"))
        .startsWith("Drill: the drill channel instead of ");
    tasks.claim(openTask(notification, "Task_DraftCustomerNotification").getId(), "carol");
    draft(notification, "Drill notice", "This is what customers would read.");
    assertThat(forms.getTaskFormVariables(openTask(notification, "Task_ApproveCustomerNotification").getId())
        .getValue("deliveryChannels", String.class))
        .isEqualTo("E-mail: drill — to the drill channel instead; Chat: not configured — only recorded on the timeline");
    approve(notification);
    runSend(notification);

    // the same path as a real notification
    assertThat(notification).isEnded().hasPassedInOrder("Task_DraftCustomerNotification",
        "Task_ApproveCustomerNotification", "Task_SendCustomerNotification", "EndEvent_CustomersNotified");
    OutboundMessages.Recorded message = messagesOf(drill).get(0);
    assertThat(message.drill()).isTrue();
    assertThat(message.status()).isEqualTo("QUEUED");
    // asked for as an e-mail to the customers, re-routed by OutboundMessages
    assertThat(message.reroutedFrom()).isEqualTo("EMAIL");
    assertThat(message.channel()).isEqualTo(OutboundMessage.Channel.CHAT);
    assertThat(message.recipients()).containsExactly("C0DRILL");
    assertThat(message.body()).contains("would have gone to EMAIL " + String.join(", ", CUSTOMER_CONTACTS))
        .contains("This is what customers would read.");
    assertThat(notifications.ofIncident(drill.id()).get(0).drill()).isTrue();
    assertThat(incidentService.timelineOf(drill.id()))
        .anyMatch(e -> e.kind() == TimelineKind.CUSTOMERS_NOTIFIED && e.summary().startsWith("Drill:"));
  }

  @Test
  void onlyOneNotificationRunsPerIncident() {
    Incident incident = testIncidents.declare("Invoices sent to the wrong customer", Severity.SEV3, "alice");

    String first = notifications.startFor(incident.id(), "alice");
    String again = notifications.startFor(incident.id(), "bob");

    assertThat(again).isEqualTo(first);
    assertThat(runtime.createProcessInstanceQuery().processDefinitionKey(CustomerNotificationVariables.PROCESS_KEY)
        .processInstanceBusinessKey(incident.id()).count()).isEqualTo(1);
    assertThat(notifications.ofIncident(incident.id())).hasSize(1);
    assertThat(notifications.running(incident.id())).contains(first);
    assertThat(incidentService.timelineOf(incident.id()))
        .filteredOn(e -> e.kind() == TimelineKind.CUSTOMER_NOTIFICATION_REQUESTED).hasSize(1);

    // once it has been sent, a later notification (new facts) may follow
    ProcessInstance notification = instance(first);
    tasks.claim(openTask(notification, "Task_DraftCustomerNotification").getId(), "carol");
    draft(notification, "Notice", "First notice");
    approve(notification);
    runSend(notification);
    assertThat(notification).isEnded();
    String later = notifications.startFor(incident.id(), "alice");
    assertThat(later).isNotEqualTo(first);
    assertThat(notifications.ofIncident(incident.id())).hasSize(2);
  }

  @Test
  void twoStartsAtOnceStartOneNotification() throws Exception {
    Incident incident = testIncidents.declare("Shared calendar exposes customer names", Severity.SEV3, "alice");
    CountDownLatch go = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Future<String> first = pool.submit(() -> {
        go.await();
        return notifications.startFor(incident.id(), "alice");
      });
      Future<String> second = pool.submit(() -> {
        go.await();
        return notifications.startFor(incident.id(), "bob");
      });
      go.countDown();
      assertThat(first.get(30, TimeUnit.SECONDS)).isEqualTo(second.get(30, TimeUnit.SECONDS));
    } finally {
      pool.shutdownNow();
    }
    assertThat(runtime.createProcessInstanceQuery().processDefinitionKey(CustomerNotificationVariables.PROCESS_KEY)
        .processInstanceBusinessKey(incident.id()).count()).isEqualTo(1);
    assertThat(notifications.ofIncident(incident.id())).hasSize(1);
  }

  @Test
  void anUnknownIncidentIsRefused() {
    assertThatThrownBy(() -> notifications.startFor("INC-1999-0001", "alice"))
        .isInstanceOf(java.util.NoSuchElementException.class).hasMessageContaining("INC-1999-0001");
  }
}
