package org.irflow.response;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.variable.Variables;
import org.irflow.incident.Incident;
import org.irflow.incident.IncidentService;
import org.irflow.incident.Severity;
import org.irflow.process.ProcessKeys;
import org.irflow.support.ProcessTest;
import org.irflow.support.TestIncidents;
import org.irflow.support.VendorStubs;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The response's war room in a Slack stub (WireMock on loopback): the channels irflow creates, the
 * people it invites (by the contact directory's Slack ids), the objective it posts and pins.
 */
class WarRoomChatTest extends ProcessTest {

  @DynamicPropertySource
  static void vendorsOnLoopback(DynamicPropertyRegistry properties) {
    VendorStubs.register(properties);
  }

  @Autowired TestIncidents testIncidents;
  @Autowired IncidentService incidentService;

  @Test
  void theWarRoomIsCreatedInSlackWithItsPeopleAndTheObjectivePinned() {
    VendorStubs.HTTP.resetAll();
    Incident incident = testIncidents.declare("Bridge replay", Severity.SEV1, "alice");
    String primary = incident.id().toLowerCase();
    VendorStubs.HTTP.stubFor(post("/api/conversations.create").withFormParam("name", equalTo(primary))
        .willReturn(okJson("{\"ok\": true, \"channel\": {\"id\": \"C0WARROOM\", \"name\": \"" + primary + "\"}}")));
    VendorStubs.HTTP.stubFor(post("/api/conversations.create").withFormParam("name", equalTo(primary + "-backup"))
        .willReturn(okJson("{\"ok\": true, \"channel\": {\"id\": \"C0BACKUP\", \"name\": \"" + primary + "-backup\"}}")));
    VendorStubs.HTTP.stubFor(post("/api/conversations.invite").willReturn(okJson("{\"ok\": true}")));
    VendorStubs.HTTP.stubFor(post("/api/chat.postMessage")
        .willReturn(okJson("{\"ok\": true, \"channel\": \"C0WARROOM\", \"ts\": \"1733130000.000200\"}")));
    VendorStubs.HTTP.stubFor(post("/api/pins.add").willReturn(okJson("{\"ok\": true}")));

    ProcessInstance response = runtime.startProcessInstanceByKey(ProcessKeys.INCIDENT_RESPONSE, incident.id(),
        Variables.createVariables().putValue("incidentId", incident.id()).putValue("incidentTitle", incident.title())
            .putValue("severity", "SEV1").putValue("incidentSupervisor", "alice"));
    incidentService.responseStarted(incident.id(), response.getId());

    // "Create incident channels" ran before "Take command", which shows them
    submit(openTask(response, "Task_TakeCommand"), Map.of("warRoomChannel", primary, "backupChannel", primary + "-backup",
        "responders", "dave", "communicationsOfficer", "carol", "objective", "Stop replayed withdrawals"));
    assertThat(runtime.getVariable(response.getId(), "warRoomChannelId")).isEqualTo("C0WARROOM");
    List<LoggedRequest> created = VendorStubs.HTTP.findAll(postRequestedFor(urlPathEqualTo("/api/conversations.create")));
    assertThat(created).extracting(request -> request.formParameters().get("name").firstValue())
        .containsExactly(primary, primary + "-backup");
    assertThat(created).allSatisfy(request -> assertThat(request.formParameters().get("is_private").firstValue())
        .isEqualTo("true"));

    // "Invite responders to the war room" runs before "Develop action plan" is offered
    openTask(response, "Task_DevelopActionPlan");
    List<LoggedRequest> invited = VendorStubs.HTTP.findAll(postRequestedFor(urlPathEqualTo("/api/conversations.invite")));
    assertThat(invited).extracting(request -> request.formParameters().get("channel").firstValue())
        .containsExactly("C0WARROOM", "C0BACKUP");
    assertThat(invited).allSatisfy(request -> assertThat(request.formParameters().get("users").firstValue())
        .isEqualTo("U0DEMOALICE,U0DEMODAVE,U0DEMOCAROL"));

    // the objective goes out through its own delivery process: run its job as the job executor would
    String delivery = jdbc.queryForObject("select process_instance_id from outbound_message where incident_id = ?"
        + " and body like 'Incident Objective:%'", String.class, incident.id());
    management.executeJob(management.createJobQuery().processInstanceId(delivery).singleResult().getId());
    LoggedRequest posted = VendorStubs.HTTP.findAll(postRequestedFor(urlPathEqualTo("/api/chat.postMessage"))).get(0);
    assertThat(posted.formParameters().get("channel").firstValue()).isEqualTo("C0WARROOM");
    assertThat(posted.formParameters().get("text").firstValue()).isEqualTo("Incident Objective: Stop replayed withdrawals");
    assertThat(VendorStubs.HTTP.findAll(postRequestedFor(urlPathEqualTo("/api/pins.add"))).get(0)
        .formParameters().get("timestamp").firstValue()).isEqualTo("1733130000.000200");
    assertThat(jdbc.queryForList("select kind from timeline_entry where incident_id = ? order by id", String.class,
        incident.id())).containsSubsequence("CHAT_CHANNELS_CREATED", "WAR_ROOM_OPENED", "OBJECTIVE_STATED",
        "MESSAGE_QUEUED", "CHAT_MEMBERS_INVITED", "MESSAGE_SENT");
  }
}
