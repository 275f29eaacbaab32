package org.irflow.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.irflow.support.RestClient.variables;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.irflow.support.RestClient;
import org.irflow.support.RestClient.Response;
import org.irflow.support.RunningApplicationTest;
import org.irflow.support.WebhookClient;
import org.irflow.support.WebhookClient.Answer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The security rules of docs/architecture.md ("Security") and README ("Demo users") as one matrix,
 * over real HTTP against the whole application: who may do what (one row per role and action), what
 * anonymous callers get, that the Camunda webapps still demand their CSRF token, and that no
 * configured secret ends up in the engine's tables, irflow's tables or the log.
 */
@ExtendWith(OutputCaptureExtension.class)
class SecurityMatrixTest extends RunningApplicationTest {

  /** What the API answers, as a status family. */
  enum Outcome {
    ALLOWED, UNAUTHENTICATED, FORBIDDEN, NOT_FOUND;

    static Outcome of(int status) {
      if (status >= 200 && status < 300) {
        return ALLOWED;
      }
      return switch (status) {
        case 401 -> UNAUTHENTICATED;
        case 403 -> FORBIDDEN;
        case 404 -> NOT_FOUND;
        default -> throw new AssertionError("unexpected status " + status);
      };
    }
  }

  /** The demo user of each role; anonymous sends no credentials. */
  private static final Map<String, String> USER_OF_ROLE = Map.of(
      "incident-commanders", "alice", "communications", "carol", "responders", "dave", "signers", "erin",
      "managers", "maria", "camunda-admin", "admin", "anonymous", "");

  private static final String[] DEMO_USERS = {"alice", "bob", "kai", "carol", "dave", "erin", "maria", "admin"};

  @Autowired JdbcTemplate jdbc;
  @Autowired TaskService tasks;
  @Autowired IdentityService identity;
  RestClient rest;

  /** A declared incident whose "Take command" task waits, shared by the rows that leave it open. */
  private static Declared shared;

  record Declared(String incidentId, String responseId, String supervisor, String warRoomTaskId) {}

  @BeforeEach
  void client() {
    rest = new RestClient(baseUrl());
  }

  // ---------------------------------------------------------------- 1. the matrix

  @ParameterizedTest(name = "{0} {1} -> {2}")
  @CsvSource(delimiter = '|', textBlock = """
      # role                | action                     | expected
      incident-commanders   | COMPLETE_SUPERVISOR_TASK   | ALLOWED
      communications        | COMPLETE_SUPERVISOR_TASK   | FORBIDDEN
      responders            | COMPLETE_SUPERVISOR_TASK   | FORBIDDEN
      signers               | COMPLETE_SUPERVISOR_TASK   | FORBIDDEN
      managers              | COMPLETE_SUPERVISOR_TASK   | FORBIDDEN
      camunda-admin         | COMPLETE_SUPERVISOR_TASK   | ALLOWED
      anonymous             | COMPLETE_SUPERVISOR_TASK   | UNAUTHENTICATED
      incident-commanders   | CLAIM_SUPERVISOR_TASK      | ALLOWED
      communications        | CLAIM_SUPERVISOR_TASK      | FORBIDDEN
      responders            | CLAIM_SUPERVISOR_TASK      | FORBIDDEN
      signers               | CLAIM_SUPERVISOR_TASK      | FORBIDDEN
      managers              | CLAIM_SUPERVISOR_TASK      | FORBIDDEN
      camunda-admin         | CLAIM_SUPERVISOR_TASK      | ALLOWED
      anonymous             | CLAIM_SUPERVISOR_TASK      | UNAUTHENTICATED
      incident-commanders   | READ_TASK_VARIABLES        | ALLOWED
      communications        | READ_TASK_VARIABLES        | FORBIDDEN
      responders            | READ_TASK_VARIABLES        | FORBIDDEN
      signers               | READ_TASK_VARIABLES        | FORBIDDEN
      managers              | READ_TASK_VARIABLES        | ALLOWED
      camunda-admin         | READ_TASK_VARIABLES        | ALLOWED
      anonymous             | READ_TASK_VARIABLES        | UNAUTHENTICATED
      incident-commanders   | READ_PROCESS_VARIABLES     | ALLOWED
      communications        | READ_PROCESS_VARIABLES     | FORBIDDEN
      responders            | READ_PROCESS_VARIABLES     | FORBIDDEN
      signers               | READ_PROCESS_VARIABLES     | FORBIDDEN
      managers              | READ_PROCESS_VARIABLES     | ALLOWED
      camunda-admin         | READ_PROCESS_VARIABLES     | ALLOWED
      anonymous             | READ_PROCESS_VARIABLES     | UNAUTHENTICATED
      incident-commanders   | REPORT_SECURITY_EVENT      | ALLOWED
      communications        | REPORT_SECURITY_EVENT      | ALLOWED
      responders            | REPORT_SECURITY_EVENT      | ALLOWED
      signers               | REPORT_SECURITY_EVENT      | ALLOWED
      managers              | REPORT_SECURITY_EVENT      | ALLOWED
      camunda-admin         | REPORT_SECURITY_EVENT      | ALLOWED
      anonymous             | REPORT_SECURITY_EVENT      | UNAUTHENTICATED
      incident-commanders   | START_RADICAL_SYSTEM_CHANGE | FORBIDDEN
      communications        | START_RADICAL_SYSTEM_CHANGE | NOT_FOUND
      responders            | START_RADICAL_SYSTEM_CHANGE | NOT_FOUND
      signers               | START_RADICAL_SYSTEM_CHANGE | NOT_FOUND
      managers              | START_RADICAL_SYSTEM_CHANGE | ALLOWED
      camunda-admin         | START_RADICAL_SYSTEM_CHANGE | ALLOWED
      anonymous             | START_RADICAL_SYSTEM_CHANGE | UNAUTHENTICATED
      incident-commanders   | READ_INCIDENTS             | ALLOWED
      communications        | READ_INCIDENTS             | ALLOWED
      responders            | READ_INCIDENTS             | ALLOWED
      signers               | READ_INCIDENTS             | ALLOWED
      managers              | READ_INCIDENTS             | ALLOWED
      camunda-admin         | READ_INCIDENTS             | ALLOWED
      anonymous             | READ_INCIDENTS             | UNAUTHENTICATED
      incident-commanders   | READ_TIMELINE              | ALLOWED
      communications        | READ_TIMELINE              | FORBIDDEN
      responders            | READ_TIMELINE              | FORBIDDEN
      signers               | READ_TIMELINE              | FORBIDDEN
      managers              | READ_TIMELINE              | ALLOWED
      camunda-admin         | READ_TIMELINE              | ALLOWED
      anonymous             | READ_TIMELINE              | UNAUTHENTICATED
      incident-commanders   | CREATE_USER                | FORBIDDEN
      communications        | CREATE_USER                | FORBIDDEN
      responders            | CREATE_USER                | FORBIDDEN
      signers               | CREATE_USER                | FORBIDDEN
      managers              | CREATE_USER                | FORBIDDEN
      camunda-admin         | CREATE_USER                | ALLOWED
      anonymous             | CREATE_USER                | UNAUTHENTICATED
      incident-commanders   | CREATE_AUTHORIZATION       | FORBIDDEN
      communications        | CREATE_AUTHORIZATION       | FORBIDDEN
      responders            | CREATE_AUTHORIZATION       | FORBIDDEN
      signers               | CREATE_AUTHORIZATION       | FORBIDDEN
      managers              | CREATE_AUTHORIZATION       | FORBIDDEN
      camunda-admin         | CREATE_AUTHORIZATION       | ALLOWED
      anonymous             | CREATE_AUTHORIZATION       | UNAUTHENTICATED
      incident-commanders   | OPEN_COCKPIT               | ALLOWED
      communications        | OPEN_COCKPIT               | FORBIDDEN
      responders            | OPEN_COCKPIT               | FORBIDDEN
      signers               | OPEN_COCKPIT               | FORBIDDEN
      managers              | OPEN_COCKPIT               | ALLOWED
      camunda-admin         | OPEN_COCKPIT               | ALLOWED
      anonymous             | OPEN_COCKPIT               | UNAUTHENTICATED
      incident-commanders   | OPEN_ADMIN                 | FORBIDDEN
      communications        | OPEN_ADMIN                 | FORBIDDEN
      responders            | OPEN_ADMIN                 | FORBIDDEN
      signers               | OPEN_ADMIN                 | FORBIDDEN
      managers              | OPEN_ADMIN                 | FORBIDDEN
      camunda-admin         | OPEN_ADMIN                 | ALLOWED
      anonymous             | OPEN_ADMIN                 | UNAUTHENTICATED
      """)
  void matrix(String role, String action, Outcome expected) throws Exception {
    String user = USER_OF_ROLE.get(role);
    assertThat(user).as("role " + role).isNotNull();
    String who = user.isEmpty() ? null : user;
    int status = perform(who, action, expected);
    assertThat(Outcome.of(status)).as("%s %s answered %d", role, action, status).isEqualTo(expected);
  }

  private int perform(String user, String action, Outcome expected) throws Exception {
    String run = UUID.randomUUID().toString().substring(0, 8);
    switch (action) {
      case "COMPLETE_SUPERVISOR_TASK": {
        // an allowed completion ends the task: it gets an incident of its own
        Declared incident = expected == Outcome.ALLOWED ? declare() : shared();
        tasks.setAssignee(incident.warRoomTaskId(), null);
        int status = rest.post(user, "/engine-rest/task/" + incident.warRoomTaskId() + "/submit-form",
            variables(Map.of("warRoomChannel", "#inc-" + run, "backupChannel", "signal:inc-" + run,
                "responders", "dave", "communicationsOfficer", "carol", "objective", "Stop the scan"))).status();
        boolean open = tasks.createTaskQuery().taskId(incident.warRoomTaskId()).count() == 1;
        assertThat(open).as("the task is still open").isEqualTo(status >= 300);
        return status;
      }
      case "CLAIM_SUPERVISOR_TASK": {
        Declared incident = shared();
        tasks.setAssignee(incident.warRoomTaskId(), null);
        int status = rest.post(user, "/engine-rest/task/" + incident.warRoomTaskId() + "/claim",
            Map.of("userId", user == null ? "anonymous" : user)).status();
        String assignee = tasks.createTaskQuery().taskId(incident.warRoomTaskId()).singleResult().getAssignee();
        assertThat(assignee).isEqualTo(status < 300 ? user : null);
        tasks.setAssignee(incident.warRoomTaskId(), null);
        return status;
      }
      case "READ_TASK_VARIABLES": {
        Response read = rest.get(user, "/engine-rest/task/" + shared().warRoomTaskId() + "/variables");
        if (read.status() == 200) {
          assertThat(read.body().path("incidentId").path("value").asText()).isEqualTo(shared().incidentId());
        }
        return read.status();
      }
      case "READ_PROCESS_VARIABLES": {
        Response read = rest.get(user, "/engine-rest/process-instance/" + shared().responseId() + "/variables");
        if (read.status() == 200) {
          assertThat(read.body().path("incidentId").path("value").asText()).isEqualTo(shared().incidentId());
        }
        return read.status();
      }
      case "REPORT_SECURITY_EVENT": {
        String title = "Matrix report " + run;
        int status = rest.post(user, SUBMIT_REPORT, variables(bridgeReplayReport(title))).status();
        assertThat(eventsTitled(title)).isEqualTo(status < 300 ? 1 : 0);
        return status;
      }
      case "START_RADICAL_SYSTEM_CHANGE": {
        String description = "Matrix change " + run;
        int status = rest.post(user, "/engine-rest/process-definition/key/RadicalSystemChangeProcess/submit-form",
            variables(Map.of("changeDescription", description))).status();
        assertThat(jdbc.queryForObject("select count(*) from radical_system_change where description = ?",
            Integer.class, description)).isEqualTo(status < 300 ? 1 : 0);
        return status;
      }
      case "READ_INCIDENTS":
        return rest.get(user, "/api/incidents").status();
      case "READ_TIMELINE":
        return rest.get(user, "/api/incidents/" + shared().incidentId() + "/timeline").status();
      case "CREATE_USER": {
        String id = "matrix" + run.replace("-", "");
        Map<String, Object> profile = Map.of("id", id, "firstName", "Matrix", "lastName", "User",
            "email", id + "@example.org");
        int status = rest.post(user, "/engine-rest/user/create",
            Map.of("profile", profile, "credentials", Map.of("password", "P-" + UUID.randomUUID()))).status();
        boolean exists = identity.createUserQuery().userId(id).count() == 1;
        assertThat(exists).isEqualTo(status < 300);
        if (exists) {
          identity.deleteUser(id);
        }
        return status;
      }
      case "CREATE_AUTHORIZATION": {
        String resourceId = "no-such-app-" + run;
        Map<String, Object> authorization = new LinkedHashMap<>();
        authorization.put("type", 1);
        authorization.put("permissions", List.of("ACCESS"));
        authorization.put("userId", "nobody-" + run);
        authorization.put("resourceType", 0);
        authorization.put("resourceId", resourceId);
        Response created = rest.post(user, "/engine-rest/authorization/create", authorization);
        if (created.status() < 300) {
          jdbc.update("delete from act_ru_authorization where resource_id_ = ?", resourceId);
        }
        return created.status();
      }
      case "OPEN_COCKPIT":
        return openWebapp(user, "cockpit", "/camunda/api/engine/engine/default/process-definition");
      case "OPEN_ADMIN":
        return openWebapp(user, "admin", "/camunda/api/engine/engine/default/user");
      default:
        throw new IllegalArgumentException(action);
    }
  }

  /** Logs into the webapp (as its login page does); anonymous asks its engine API without a session. */
  private int openWebapp(String user, String app, String anonymousPath) throws Exception {
    Webapp browser = new Webapp();
    if (user == null) {
      return browser.get(anonymousPath).statusCode();
    }
    return browser.login(user, app).statusCode();
  }

  // ---------------------------------------------------------------- 2. anonymous

  @Test
  void anonymousIsRefusedEverywhereButTheHealthStatus() throws Exception {
    for (String path : List.of("/engine-rest/task", "/engine-rest/process-definition", "/engine-rest/user",
        "/engine-rest/authorization", "/engine-rest/history/variable-instance", "/api/incidents", "/api/on-call",
        "/actuator/prometheus")) {
      assertThat(rest.get(null, path).status()).as(path).isEqualTo(401);
    }
    assertThat(rest.post(null, "/engine-rest/user/create", Map.of()).status()).isEqualTo(401);

    Response health = rest.get(null, "/actuator/health");
    assertThat(health.status()).isEqualTo(200);
    assertThat(health.body().path("status").asText()).isEqualTo("UP");
    assertThat(health.body().has("components")).as("status only, no details").isFalse();
    assertThat(health.body().has("details")).isFalse();

    // the webhooks without signature or token: 401, nothing stored
    WebhookClient webhooks = new WebhookClient(baseUrl());
    for (String path : List.of(WebhookClient.GENERIC, WebhookClient.MONITOR, WebhookClient.FORTA,
        WebhookClient.ALERTMANAGER)) {
      String title = "Unsigned " + UUID.randomUUID();
      String body = WebhookClient.genericEvent("unsigned-" + UUID.randomUUID(), "CRITICAL", "EXPLOIT", title, "vault");
      Answer unsigned = webhooks.send(path, body, "application/json", Map.of());
      assertThat(unsigned.status()).as(path).isEqualTo(401);
      Answer badSignature = webhooks.send(path, body, "application/json",
          Map.of("X-Timestamp", WebhookClient.now(), "X-Signature", "sha256=00", "Authorization", "Bearer nope"));
      assertThat(badSignature.status()).as(path).isEqualTo(401);
      assertThat(eventsTitled(title)).as(path).isZero();
    }

    // the webapps' own API without a login
    Webapp anonymous = new Webapp();
    for (String path : List.of("/camunda/api/engine/engine/default/task", "/camunda/api/engine/engine/default/user",
        "/camunda/api/engine/engine/default/process-instance")) {
      assertThat(anonymous.get(path).statusCode()).as(path).isIn(401, 403);
    }
  }

  // ---------------------------------------------------------------- 3. CSRF

  @Test
  void theWebappsRefuseAChangeWithoutTheirCsrfToken() throws Exception {
    Declared incident = shared();
    tasks.setAssignee(incident.warRoomTaskId(), null);
    String claim = "/camunda/api/engine/engine/default/task/" + incident.warRoomTaskId() + "/claim";
    String body = "{\"userId\":\"alice\"}";

    // logged in, the session cookie alone is not enough: no header, or a header not the session's
    Webapp withoutToken = loggedIn("alice");
    HttpResponse<String> refused = withoutToken.post(claim, body, null);
    assertThat(refused.statusCode()).as(refused.body()).isEqualTo(403);
    assertThat(refused.headers().firstValue("X-XSRF-TOKEN")).contains("Required");
    assertThat(assigneeOf(incident)).isNull();
    Webapp wrongToken = loggedIn("alice");
    HttpResponse<String> forged = wrongToken.post(claim, body, "0123456789ABCDEF0123456789ABCDEF");
    assertThat(forged.statusCode()).as(forged.body()).isEqualTo(403);
    assertThat(assigneeOf(incident)).isNull();

    // with the session's token (the XSRF-TOKEN cookie sent back as X-XSRF-TOKEN) it passes
    Webapp alice = loggedIn("alice");
    HttpResponse<String> accepted = alice.post(claim, body, alice.csrfToken());
    assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(204);
    assertThat(assigneeOf(incident)).isEqualTo("alice");
    tasks.setAssignee(incident.warRoomTaskId(), null);
  }

  private Webapp loggedIn(String user) throws Exception {
    Webapp browser = new Webapp();
    assertThat(browser.login(user, "tasklist").statusCode()).isEqualTo(200);
    return browser;
  }

  private String assigneeOf(Declared incident) {
    return tasks.createTaskQuery().taskId(incident.warRoomTaskId()).singleResult().getAssignee();
  }

  // ---------------------------------------------------------------- 4. secrets

  @Test
  void noConfiguredSecretIsStoredOrLoggedAfterAFullRun(CapturedOutput output) {
    WebhookClient webhooks = new WebhookClient(baseUrl());
    String run = UUID.randomUUID().toString().substring(0, 8);
    // every source, authenticated as it is configured (the bodies need not all be valid alerts)
    Answer generic = webhooks.signed(WebhookClient.GENERIC, WebhookClient.genericEvent("scan-" + run, "CRITICAL",
        "EXPLOIT", "Secret scan drain " + run, "scan-vault-" + run), WebhookClient.GENERIC_SECRET);
    assertThat(generic.status()).as(generic.text()).isEqualTo(202);
    for (Answer answer : List.of(
        webhooks.signed(WebhookClient.MONITOR, "{\"monitor\":{\"name\":\"scan-" + run + "\"}}", WebhookClient.MONITOR_SECRET),
        webhooks.bearer(WebhookClient.FORTA, "{\"alerts\":[]}", WebhookClient.FORTA_TOKEN),
        webhooks.bearer(WebhookClient.ALERTMANAGER, "{\"alerts\":[]}", WebhookClient.ALERTMANAGER_TOKEN))) {
      assertThat(answer.status()).as(answer.text()).isNotEqualTo(401);
    }
    // wrong secrets are refused (and must not be echoed either)
    assertThat(webhooks.signed(WebhookClient.GENERIC, "{}", "not-the-secret").status()).isEqualTo(401);
    assertThat(webhooks.bearer(WebhookClient.FORTA, "{}", "not-the-token").status()).isEqualTo(401);

    // a reported incident through triage and the whole response, by the demo users over Basic
    String title = "Secret scan " + run;
    String supervisor = rest.get("maria", "/api/on-call").body().path("primary").asText();
    Response reported = rest.post("dave", SUBMIT_REPORT, variables(bridgeReplayReport(title)));
    assertThat(reported.status()).isEqualTo(200);
    rest.completeTask(supervisor, reported.body().path("id").asText(), "Triage event", Map.of("triageOutcome", "DECLARE",
        "severity", "SEV2", "incidentCommander", supervisor, "triageNotes", "scan run"));
    JsonNode incident = awaitIncident(title);
    String responseId = incident.path("responseProcessInstanceId").asText();
    rest.completeTask(supervisor, responseId, "Take command",
        Map.of("warRoomChannel", "#inc-scan", "backupChannel", "signal:inc-scan",
            "responders", "dave", "communicationsOfficer", "carol",
            "objective", "Stop the scan"));
    rest.completeTask(supervisor, responseId, "Develop action plan", Map.of("actionPlan", "pause; patch"));
    rest.completeTask("dave", responseId, "Execute action plan", Map.of("executionNotes", "paused"));
    rest.completeTask(supervisor, responseId, "Review progress", Map.of("actionPlan", "pause; patch",
        "progressNotes", "quiet", "objectivesAchieved", "YES"));
    rest.completeTask(supervisor, responseId, "Declare incident resolved", Map.of("resolutionSummary", "patched"));
    rest.get("erin", "/api/incidents/" + incident.path("id").asText() + "/timeline");
    awaitEveryEventDispatched(jdbc);
    await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
        "select count(*) from outbound_message where status = 'QUEUED'", Integer.class) == 0);

    List<String> secrets = new ArrayList<>(List.of(WebhookClient.MONITOR_SECRET, WebhookClient.GENERIC_SECRET,
        WebhookClient.FORTA_TOKEN, WebhookClient.ALERTMANAGER_TOKEN));
    for (String user : DEMO_USERS) {
      String encoded = Base64.getEncoder().encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8));
      secrets.add("Basic " + encoded);
      secrets.add(encoded);
    }
    List<String> found = new ArrayList<>();
    for (String secret : secrets) {
      for (String table : List.of("act_hi_varinst", "act_ru_variable", "act_hi_detail", "act_ge_bytearray",
          "act_hi_comment", "act_hi_op_log", "timeline_entry", "outbound_message", "security_event", "incident")) {
        Integer rows = jdbc.queryForObject("select count(*) from " + table + " t where t::text like ?",
            Integer.class, "%" + secret + "%");
        if (rows > 0) {
          found.add(secret + " in " + table + " (" + rows + " rows)");
        }
      }
      Integer blobs = jdbc.queryForObject("select count(*) from act_ge_bytearray"
          + " where position(convert_to(?, 'UTF8') in bytes_) > 0", Integer.class, secret);
      if (blobs > 0) {
        found.add(secret + " in act_ge_bytearray.bytes_ (" + blobs + " rows)");
      }
      if (output.getAll().contains(secret)) {
        found.add(secret + " in the log");
      }
    }
    assertThat(found).isEmpty();
    assertThat(output.getAll()).as("the application's log of this run was captured")
        .contains("webhook openzeppelin-monitor refused");
  }

  // ---------------------------------------------------------------- fixtures

  private synchronized Declared shared() {
    if (shared == null) {
      shared = declare();
    }
    return shared;
  }

  /** Dave reports, the on-call primary declares: a response waits at "Take command". */
  private Declared declare() {
    String title = "Matrix incident " + UUID.randomUUID();
    String supervisor = rest.get("maria", "/api/on-call").body().path("primary").asText();
    Response reported = rest.post("dave", SUBMIT_REPORT, variables(bridgeReplayReport(title)));
    assertThat(reported.status()).as(reported.text()).isEqualTo(200);
    rest.completeTask(supervisor, reported.body().path("id").asText(), "Triage event", Map.of("triageOutcome",
        "DECLARE", "severity", "SEV1", "incidentCommander", supervisor, "triageNotes", "matrix"));
    JsonNode incident = awaitIncident(title);
    String responseId = incident.path("responseProcessInstanceId").asText();
    String taskId = rest.awaitTask(supervisor, responseId, "Take command").path("id").asText();
    return new Declared(incident.path("id").asText(), responseId, supervisor, taskId);
  }

  private JsonNode awaitIncident(String title) {
    return await().atMost(Duration.ofSeconds(30)).until(() -> {
      for (JsonNode incident : rest.get("maria", "/api/incidents").body()) {
        if (title.equals(incident.path("title").asText())
            && !incident.path("responseProcessInstanceId").asText("").isEmpty()) {
          return incident;
        }
      }
      return null;
    }, incident -> incident != null);
  }

  private int eventsTitled(String title) {
    return jdbc.queryForObject("select count(*) from security_event where title = ?", Integer.class, title);
  }

  /** A browser on the Camunda webapps: its own cookies (session, XSRF-TOKEN). */
  private final class Webapp {
    private final CookieManager cookies = new CookieManager();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .cookieHandler(cookies).connectTimeout(Duration.ofSeconds(10)).build();

    HttpResponse<String> get(String path) throws Exception {
      return http.send(HttpRequest.newBuilder(URI.create(baseUrl() + path)).GET().build(),
          HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> login(String user, String app) throws Exception {
      HttpResponse<String> page = get("/camunda/app/" + app + "/default/");
      assertThat(page.statusCode()).isEqualTo(200);
      HttpRequest.Builder login = HttpRequest.newBuilder(
              URI.create(baseUrl() + "/camunda/api/admin/auth/user/default/login/" + app))
          .header("Content-Type", "application/x-www-form-urlencoded")
          .POST(HttpRequest.BodyPublishers.ofString("username=" + user + "&password=demo"));
      page.headers().firstValue("X-XSRF-TOKEN").ifPresent(token -> login.header("X-XSRF-TOKEN", token));
      return http.send(login.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The session's token, as the webapps' scripts read it from the XSRF-TOKEN cookie. */
    String csrfToken() throws Exception {
      get("/camunda/api/admin/auth/user/default");
      return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("XSRF-TOKEN"))
          .map(HttpCookie::getValue).reduce((first, last) -> last).orElseThrow();
    }

    HttpResponse<String> post(String path, String json, String token) throws Exception {
      HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + path))
          .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
      if (token != null) {
        request.header("X-XSRF-TOKEN", token);
      }
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
  }
}
