package org.irflow.comms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.util.Map;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.irflow.support.ProcessTest;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * What every Discord post that never got through must come to, whichever way it failed: after its
 * retries, a Cockpit incident of irflow's own (not a failed job) and the task to send it by hand,
 * whose form says why in words; the person's "sent by hand" goes on the incident's timeline.
 */
abstract class DiscordDeliveryFailureTest extends ProcessTest {

  @Autowired OutboundMessages messages;

  /** The post is waiting at "Send the message by hand"; carol sends it and says where. */
  void assertHandedToCarolWhoSendsItByHand(String processInstanceId, long messageId, String whyItFailed) {
    ProcessInstance delivery = runtime.createProcessInstanceQuery().processInstanceId(processInstanceId).singleResult();
    assertThat(delivery).hasPassed("Task_PostToDiscord", "Task_CheckDiscordAnswer", "BoundaryEvent_DiscordFailed",
        "Task_RaiseDeliveryIncident").isWaitingAt("Task_SendByHand");
    assertThat(runtime.createIncidentQuery().processInstanceId(processInstanceId).list())
        .extracting(incident -> incident.getIncidentType()).containsExactly("outboundMessageFailed");
    assertThat(management.createJobQuery().processInstanceId(processInstanceId).count()).isZero();

    Task byHand = openTask(processInstanceId, "Task_SendByHand");
    assertThat(byHand.getAssignee()).isEqualTo("carol");
    assertThat(forms.getTaskFormVariables(byHand.getId()).getValue("outboundError", String.class))
        .startsWith(whyItFailed).doesNotContain("secret-part");
    assertThat(messages.find(messageId).orElseThrow().status()).isEqualTo("FAILED");

    engine.getIdentityService().setAuthenticatedUserId("carol");
    try {
      submit(byHand, Map.of("sentByHand", true, "sentByHandNote", "posted in #announcements from the team account"));
    } finally {
      engine.getIdentityService().clearAuthentication();
    }
    assertThat(delivery).isEnded().hasPassed("Task_RecordSentByHand", "EndEvent_MessageSentByHand");
    assertThat(runtime.createIncidentQuery().processInstanceId(processInstanceId).count()).isZero();
    assertThat(messages.find(messageId).orElseThrow().status()).isEqualTo("SENT_BY_HAND");
    String incidentId = messages.find(messageId).orElseThrow().incidentId();
    assertThat(jdbc.queryForList("select actor || ': ' || summary from timeline_entry where incident_id = ?"
        + " and kind = 'MESSAGE_SENT_BY_HAND'", String.class, incidentId))
        .containsExactly("carol: DISCORD message sent by hand: Vault paused");
  }
}
