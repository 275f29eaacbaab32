package org.irflow.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.irflow.support.RestClient;
import org.irflow.support.RestClient.Response;
import org.irflow.support.RunningApplicationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI document of /api with its Swagger UI, and who is on call now and next, on the running
 * application: readable by the programme's users, refused to anonymous callers as /api is.
 */
class ApiDocumentationAndOnCallTest extends RunningApplicationTest {

  RestClient rest;

  @BeforeEach
  void client() {
    rest = new RestClient(baseUrl());
  }

  @Test
  void theApiDocumentListsIrflowsOwnApiToAUser() {
    Response document = rest.get("dave", "/openapi/api");

    assertThat(document.status()).as(document.text()).isEqualTo(200);
    assertThat(document.body().path("openapi").asText()).startsWith("3.");
    List<String> paths = new ArrayList<>();
    document.body().path("paths").fieldNames().forEachRemaining(paths::add);
    assertThat(paths).contains("/api/incidents", "/api/incidents/{incidentId}/timeline", "/api/on-call",
        "/api/on-call/next", "/api/pauses", "/api/contracts");
    // only irflow's own API: the engine's REST API and the webhooks are documented elsewhere
    assertThat(paths).allMatch(path -> path.startsWith("/api/"));
    assertThat(document.body().path("paths").path("/api/incidents").has("get")).isTrue();

    Response yaml = rest.get("maria", "/openapi/api.yaml");
    assertThat(yaml.status()).isEqualTo(200);
    assertThat(yaml.text()).contains("/api/incidents:");
  }

  @Test
  void swaggerUiOffersTheApiAndTheWebhooksDocuments() {
    Response config = rest.get("maria", "/openapi/api/swagger-config");

    assertThat(config.status()).as(config.text()).isEqualTo(200);
    assertThat(config.body().path("urls").findValuesAsText("url"))
        .containsExactlyInAnyOrder("/openapi/api", "/openapi/webhooks.yaml");
    assertThat(rest.get("maria", "/openapi/swagger-ui/index.html").status()).isEqualTo(200);
    // the webhooks' own document stays public: senders of alerts read it without an irflow account
    assertThat(rest.get(null, "/openapi/webhooks.yaml").status()).isEqualTo(200);
  }

  @Test
  void theDocumentTheUiAndTheOnCallPageAreRefusedToAnonymousCallers() {
    for (String path : List.of("/openapi/api", "/openapi/api.yaml", "/openapi/api/swagger-config",
        "/openapi/ui.html", "/openapi/swagger-ui/index.html", "/on-call.html", "/api/on-call/next")) {
      assertThat(rest.get(null, path).status()).as("anonymous GET %s", path).isEqualTo(401);
      assertThat(rest.get("wrong-password", path).status()).as("GET %s with a wrong password", path).isEqualTo(401);
    }
    Response page = rest.get("carol", "/on-call.html");
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.text()).contains("Who is on call", "/api/on-call/next");
  }

  /** The e2e roster: alice and bob around the clock, taking turns daily from 2026-01-05 (period 0: alice). */
  @Test
  void whoIsOnCallNextIsTheFirstChangeAfterTheInstant() {
    Response now = rest.get("dave", "/api/on-call?at=2026-11-23T10:00:00Z");
    assertThat(now.status()).as(now.text()).isEqualTo(200);
    assertThat(now.body().path("primary").asText()).isEqualTo("alice");
    assertThat(now.body().path("secondary").asText()).isEqualTo("bob");

    Response next = rest.get("dave", "/api/on-call/next?at=2026-11-23T10:00:00Z");

    assertThat(next.status()).as(next.text()).isEqualTo(200);
    assertThat(next.body().path("at").asText()).isEqualTo("2026-11-24T00:00:00Z");
    assertThat(next.body().path("primary").asText()).isEqualTo("bob");
    assertThat(next.body().path("secondary").asText()).isEqualTo("alice");
    assertThat(next.body().path("rotation").asText()).isEqualTo("around-the-clock");
  }

  @Test
  void badParametersOfNextAreRefusedNamingThem() {
    Response role = rest.get("dave", "/api/on-call/next?role=janitors");
    assertThat(role.status()).isEqualTo(400);
    assertThat(role.body().path("field").asText()).isEqualTo("role");
    Response at = rest.get("dave", "/api/on-call/next?at=tomorrow");
    assertThat(at.status()).isEqualTo(400);
    assertThat(at.body().path("field").asText()).isEqualTo("at");
  }
}
