package org.irflow.triage.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.irflow.support.RunningApplicationTest;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** The webhooks' OpenAPI description is served to anyone and describes the endpoints that exist. */
class WebhookOpenApiTest extends RunningApplicationTest {

  final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @Test
  @SuppressWarnings("unchecked")
  void descriptionIsServedAndEveryPathItNamesIsAWebhook() throws Exception {
    HttpResponse<String> served = http.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/openapi/webhooks.yaml"))
        .GET().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(served.statusCode()).isEqualTo(200);

    Map<String, Object> description = new Yaml().load(served.body());
    assertThat((String) description.get("openapi")).startsWith("3.");
    Map<String, Object> paths = (Map<String, Object>) description.get("paths");
    assertThat(paths).containsOnlyKeys("/webhooks/openzeppelin-monitor", "/webhooks/forta",
        "/webhooks/alertmanager", "/webhooks/generic");
    for (String path : paths.keySet()) {
      // a text body reaches the endpoint and is refused as not JSON: the path exists and is a webhook
      HttpResponse<String> refused = http.send(HttpRequest.newBuilder(URI.create(baseUrl() + path))
          .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString("hello")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(refused.statusCode()).as(path).isEqualTo(415);
    }
  }
}
