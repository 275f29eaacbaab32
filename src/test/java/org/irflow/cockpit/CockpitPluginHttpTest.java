package org.irflow.cockpit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.irflow.support.RunningApplicationTest;
import org.junit.jupiter.api.Test;

/**
 * The Cockpit plugin over HTTP, as Cockpit's page loads it: its plugin.js is served to a logged-in
 * user, and irflow's API reads with the webapp session (GET only; anonymous stays 401).
 */
class CockpitPluginHttpTest extends RunningApplicationTest {

  static final String PLUGIN_JS = "/camunda/api/cockpit/plugin/irflow-incidents/static/app/plugin.js";

  /** A browser-like client with its own cookies, logged into Cockpit as the user. */
  private HttpClient loggedIn(String user) throws Exception {
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .cookieHandler(new CookieManager()).connectTimeout(Duration.ofSeconds(10)).build();
    HttpResponse<String> page = client.send(HttpRequest.newBuilder(
        URI.create(baseUrl() + "/camunda/app/cockpit/default/")).GET().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(page.statusCode()).isEqualTo(200);
    String csrf = page.headers().firstValue("X-XSRF-TOKEN").orElseThrow();
    String form = "username=" + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&password=demo";
    HttpResponse<String> login = client.send(HttpRequest.newBuilder(
            URI.create(baseUrl() + "/camunda/api/admin/auth/user/default/login/cockpit"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("X-XSRF-TOKEN", csrf)
        .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
    return client;
  }

  private HttpResponse<String> get(HttpClient client, String path) throws Exception {
    return client.send(HttpRequest.newBuilder(URI.create(baseUrl() + path)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void pluginScriptIsServedToALoggedInUser() throws Exception {
    HttpResponse<String> script = get(loggedIn("maria"), PLUGIN_JS);

    assertThat(script.statusCode()).isEqualTo(200);
    assertThat(script.headers().firstValue("Content-Type").orElse("")).contains("javascript");
    assertThat(script.body()).contains("export default").contains("cockpit.route")
        .contains("cockpit.navigation").contains("/incidents?status=DECLARED");
  }

  @Test
  void apiReadsWithTheWebappSessionButNeverWritesWithIt() throws Exception {
    HttpClient maria = loggedIn("maria");
    assertThat(get(maria, "/api/incidents?status=DECLARED&limit=100").statusCode()).isEqualTo(200);

    HttpResponse<String> post = maria.send(HttpRequest.newBuilder(
            URI.create(baseUrl() + "/api/incidents"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(post.statusCode()).as("a change through /api needs Basic credentials, not the session")
        .isEqualTo(401);

    HttpClient anonymous = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .cookieHandler(new CookieManager()).build();
    assertThat(get(anonymous, "/api/incidents?status=DECLARED").statusCode()).isEqualTo(401);

    // Basic still works, and unknown credentials are still refused (not a demo user's: a wrong
    // password would make Camunda's login throttling delay that user's next logins)
    assertThat(basic("maria", "demo").statusCode()).isEqualTo(200);
    assertThat(basic("nobody", "wrong").statusCode()).isEqualTo(401);
  }

  private HttpResponse<String> basic(String user, String password) throws Exception {
    String credentials = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create(baseUrl() + "/api/incidents?status=DECLARED"))
        .header("Authorization", "Basic " + credentials).GET().build(), HttpResponse.BodyHandlers.ofString());
  }
}
