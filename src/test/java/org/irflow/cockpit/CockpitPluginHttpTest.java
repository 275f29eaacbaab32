package org.irflow.cockpit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.irflow.incident.Severity;
import org.irflow.support.RunningApplicationTest;
import org.irflow.support.TestIncidents;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The Cockpit plugin over HTTP, as Cockpit's page loads it: its plugin.js is served to a logged-in
 * user; irflow's API reads with the webapp session, and changes with it only when the request carries
 * the session's CSRF token, as Camunda's webapps send it (anonymous stays 401).
 */
class CockpitPluginHttpTest extends RunningApplicationTest {

  @Autowired
  private ObjectMapper json;
  @Autowired
  private TestIncidents incidents;
  @Autowired
  private JdbcTemplate jdbc;

  static final String PLUGIN_JS = "/camunda/api/cockpit/plugin/irflow-incidents/static/app/plugin.js";

  /** A browser-like client with its own cookies, logged into a Camunda webapp, and its session's CSRF token. */
  private record Session(HttpClient client, String csrfToken) {}

  private Session loggedIn(String user) throws Exception {
    return loggedIn(user, "cockpit");
  }

  private Session loggedIn(String user, String webapp) throws Exception {
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .cookieHandler(new CookieManager()).connectTimeout(Duration.ofSeconds(10)).build();
    String page = "/camunda/app/" + webapp + "/default/";
    String csrf = csrfTokenOf(get(client, page));
    String form = "username=" + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&password=demo";
    HttpResponse<String> login = client.send(HttpRequest.newBuilder(
            URI.create(baseUrl() + "/camunda/api/admin/auth/user/default/login/" + webapp))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("X-XSRF-TOKEN", csrf)
        .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
    // the token as the webapp's page reads it after the login
    return new Session(client, csrfTokenOf(get(client, page)));
  }

  private static String csrfTokenOf(HttpResponse<String> page) {
    assertThat(page.statusCode()).isEqualTo(200);
    return page.headers().firstValue("X-XSRF-TOKEN").orElseThrow();
  }

  /** POSTs JSON with the session's cookie, and with the CSRF header when {@code csrfToken} is not null. */
  private HttpResponse<String> post(HttpClient client, String path, String json, String csrfToken) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + path))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
    if (csrfToken != null) {
      request.header("X-XSRF-TOKEN", csrfToken);
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> get(HttpClient client, String path) throws Exception {
    return client.send(HttpRequest.newBuilder(URI.create(baseUrl() + path)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void pluginScriptIsServedToALoggedInUser() throws Exception {
    HttpResponse<String> script = get(loggedIn("maria").client(), PLUGIN_JS);

    assertThat(script.statusCode()).isEqualTo(200);
    assertThat(script.headers().firstValue("Content-Type").orElse("")).contains("javascript");
    assertThat(script.body()).contains("export default").contains("cockpit.route")
        .contains("cockpit.navigation").contains("/incidents?status=DECLARED");
  }

  @Test
  void apiReadsWithTheWebappSessionAndWritesOnlyWithTheSessionsCsrfToken() throws Exception {
    HttpClient maria = loggedIn("maria").client();
    assertThat(get(maria, "/api/incidents?status=DECLARED&limit=100").statusCode()).isEqualTo(200);

    HttpClient anonymous = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .cookieHandler(new CookieManager()).build();
    assertThat(get(anonymous, "/api/incidents?status=DECLARED").statusCode()).isEqualTo(401);
    assertThat(post(anonymous, "/api/incidents/INC-0000-0000/merge", "{}", null).statusCode()).isEqualTo(401);

    // Basic still works, and unknown credentials are still refused (not a demo user's: a wrong
    // password would make Camunda's login throttling delay that user's next logins)
    assertThat(basic("maria", "demo").statusCode()).isEqualTo(200);
    assertThat(basic("nobody", "wrong").statusCode()).isEqualTo(401);
  }

  /**
   * What a page of another site can make a logged-in supervisor's browser send: the session cookie,
   * without the token only Camunda's own pages can read. It changes nothing; the same request with the
   * token merges.
   */
  @Test
  void aChangeWithTheSessionCookieButWithoutItsCsrfTokenIsRefusedAndChangesNothing() throws Exception {
    String kept = incidents.declare("Vault drained " + UUID.randomUUID(), Severity.SEV1, "alice").id();
    String merged = incidents.declare("Bridge drained " + UUID.randomUUID(), Severity.SEV1, "alice").id();
    Session alice = loggedIn("alice");
    String path = "/api/incidents/" + kept + "/merge";
    String body = "{\"incidentId\":\"" + merged + "\"}";

    HttpResponse<String> forged = post(alice.client(), path, body, null);
    HttpResponse<String> guessed = post(alice.client(), path, body, "not-the-token");

    for (HttpResponse<String> refused : List.of(forged, guessed)) {
      assertThat(refused.statusCode()).as(refused.body()).isEqualTo(403);
      assertThat(refused.headers().firstValue("WWW-Authenticate")).as("no password prompt in the browser").isEmpty();
      assertThat(json.readTree(refused.body()).path("field").asText()).isEqualTo("X-XSRF-TOKEN");
    }
    assertThat(statusOf(merged)).isEqualTo("DECLARED");

    HttpResponse<String> withToken = post(alice.client(), path, body, alice.csrfToken());

    assertThat(withToken.statusCode()).as(withToken.body()).isEqualTo(200);
    assertThat(statusOf(merged)).isEqualTo("MERGED");
    assertThat(jdbc.queryForObject("select actor from timeline_entry where incident_id = ? and kind = 'INCIDENTS_MERGED'",
        String.class, merged)).isEqualTo("alice");
  }

  /** With the session and its token, the API still asks who the user is: a responder or a manager may not regroup. */
  @Test
  void aResponderOrManagerWithTheSessionAndItsTokenMayNotRegroup() throws Exception {
    String kept = incidents.declare("Vault drained " + UUID.randomUUID(), Severity.SEV1, "alice").id();
    String merged = incidents.declare("Bridge drained " + UUID.randomUUID(), Severity.SEV1, "alice").id();
    String body = "{\"incidentId\":\"" + merged + "\"}";

    for (Session session : List.of(loggedIn("dave", "tasklist"), loggedIn("maria"))) {
      assertThat(json.readTree(get(session.client(), "/api/me").body()).path("mayRegroup").asBoolean()).isFalse();
      HttpResponse<String> refused = post(session.client(), "/api/incidents/" + kept + "/merge", body,
          session.csrfToken());
      assertThat(refused.statusCode()).as(refused.body()).isEqualTo(403);
      assertThat(json.readTree(refused.body()).path("detail").asText()).endsWith("is not in incident-commanders");
    }
    assertThat(statusOf(merged)).isEqualTo("DECLARED");
  }

  private String statusOf(String incidentId) {
    return jdbc.queryForObject("select status from incident where id = ?", String.class, incidentId);
  }

  private HttpResponse<String> basic(String user, String password) throws Exception {
    String credentials = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create(baseUrl() + "/api/incidents?status=DECLARED"))
        .header("Authorization", "Basic " + credentials).GET().build(), HttpResponse.BodyHandlers.ofString());
  }
}
