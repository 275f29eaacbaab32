package org.irflow.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;
import org.irflow.support.ChildApplication;
import org.irflow.support.FortaScannerJwt;
import org.irflow.support.WebhookClient;
import org.irflow.support.WebhookClient.Answer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * irflow running as in production: its own configuration without the demo profile, the webhook secrets
 * and the administrator from the environment, and an SMTP server that does not answer (spring.mail.host
 * on a closed loopback port). It runs in a JVM of its own on an H2 file database; its output is in
 * {@code target/production-configuration/}. What an attacker who has read the repository tries, and what
 * a load balancer sees.
 */
class ProductionConfigurationTest {

  private static final Path OUTPUT = Path.of("target", "production-configuration");
  private static final String FORTA_TOKEN = "forta-" + UUID.randomUUID();
  private static final String GENERIC_SECRET = "generic-" + UUID.randomUUID();
  private static final String ADMIN = "operator";
  private static final String ADMIN_PASSWORD = "operator-" + UUID.randomUUID();
  private static final ObjectMapper JSON = new ObjectMapper();

  private static ChildApplication application;
  private static WebhookClient webhooks;
  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();

  @BeforeAll
  static void start() throws Exception {
    Path run = OUTPUT.resolve(UUID.randomUUID().toString().substring(0, 8));
    Files.createDirectories(run);
    int closedSmtpPort = ChildApplication.freePort();
    application = ChildApplication.launch().profiles("default")
        .argument(FailClosedStartupTest.PRODUCTION_CONFIGURATION)
        .argument("--spring.datasource.url=jdbc:h2:file:" + run.toAbsolutePath().resolve("irflow"))
        .argument("--spring.mail.host=127.0.0.1")
        .argument("--spring.mail.port=" + closedSmtpPort)
        .environment("IRFLOW_COMMS_MAIL_FROM", "security@irflow.test")
        .environment("IRFLOW_INTAKE_FORTA_TOKEN", FORTA_TOKEN)
        // as an operator writes a list in the environment: comma-separated, any case
        .environment("IRFLOW_INTAKE_FORTA_SCANNERS", "0x1111111111111111111111111111111111111111, "
            + FortaScannerJwt.address(FortaScannerJwt.TRUSTED_SCANNER_KEY))
        .environment("IRFLOW_INTAKE_GENERIC_SECRET", GENERIC_SECRET)
        .environment("IRFLOW_INTAKE_OPENZEPPELIN_MONITOR_ENABLED", "false")
        .environment("IRFLOW_INTAKE_ALERTMANAGER_ENABLED", "false")
        .environment("CAMUNDA_BPM_ADMINUSER_ID", ADMIN)
        .environment("CAMUNDA_BPM_ADMINUSER_PASSWORD", ADMIN_PASSWORD)
        .start(run.resolve("application.log"));
    webhooks = new WebhookClient(application.awaitHttp(Duration.ofSeconds(240)), Duration.ofSeconds(30));
  }

  @AfterAll
  static void stop() throws Exception {
    if (application != null) {
      application.close();
    }
  }

  @Test
  void webhooksSignedWithThePublishedDemoSecretsAreRefused() {
    String forta = "{\"alerts\":[" + fortaAlert("EXPLOIT-" + UUID.randomUUID()) + "]}";
    String generic = WebhookClient.genericEvent("demo-signed-" + UUID.randomUUID(), "CRITICAL", "EXPLOIT",
        "Vault drained", "Vault");

    Answer demoToken = webhooks.bearer(WebhookClient.FORTA, forta, "demo-only-forta-token");
    Answer demoSignature = webhooks.signed(WebhookClient.GENERIC, generic, "demo-only-generic-secret");
    Answer turnedOff = webhooks.signed(WebhookClient.MONITOR, "{\"title\":\"t\",\"body\":\"b\"}",
        "demo-only-monitor-secret");

    assertThat(demoToken.status()).as(demoToken.text()).isEqualTo(401);
    assertThat(demoSignature.status()).as(demoSignature.text()).isEqualTo(401);
    assertThat(turnedOff.status()).as("a source turned off: " + turnedOff.text()).isEqualTo(401);
    assertThat(turnedOff.body().path("message").asText())
        .isEqualTo("the openzeppelin-monitor webhook is turned off (IRFLOW_INTAKE_OPENZEPPELIN_MONITOR_ENABLED=false)");
    // the operator's own secrets are what the webhooks take
    Answer ownToken = webhooks.bearer(WebhookClient.FORTA, forta, FORTA_TOKEN);
    Answer ownSignature = webhooks.signed(WebhookClient.GENERIC, generic, GENERIC_SECRET);
    assertThat(ownToken.status()).as("forta-node counts only 200 as delivered: " + ownToken.text()).isEqualTo(200);
    assertThat(ownSignature.status()).as(ownSignature.text()).isEqualTo(202);
  }

  @Test
  void fortaNodesJwtIsTakenFromTheScannersListedInTheEnvironmentOnly() {
    String forta = "{\"alerts\":[" + fortaAlert("SCANNER-" + UUID.randomUUID()) + "]}";
    Answer listed = webhooks.bearer(WebhookClient.FORTA, forta,
        FortaScannerJwt.localModeToken(FortaScannerJwt.TRUSTED_SCANNER_KEY));
    assertThat(listed.status()).as(listed.text()).isEqualTo(200);

    // hardhat's account #0 signs as well as any scanner, but nobody listed it
    Answer unlisted = webhooks.bearer(WebhookClient.FORTA, forta, FortaScannerJwt.localModeToken(
        "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80"));
    assertThat(unlisted.status()).as(unlisted.text()).isEqualTo(401);
  }

  @Test
  void demoUsersDoNotExistAndTheConfiguredAdministratorDoes() throws Exception {
    for (String demoUser : IdentitySetup.DEMO_USERS.keySet()) {
      assertThat(get("/api/on-call", demoUser, IdentitySetup.DEMO_PASSWORD).statusCode())
          .as("%s with the demo password", demoUser).isEqualTo(401);
    }
    HttpResponse<String> users = get("/engine-rest/user?idIn=" + String.join(",", IdentitySetup.DEMO_USERS.keySet()),
        ADMIN, ADMIN_PASSWORD);
    assertThat(users.statusCode()).as(users.body()).isEqualTo(200);
    assertThat(JSON.readTree(users.body())).as("demo users in the identity service").isEmpty();
    HttpResponse<String> admins = get("/engine-rest/user?memberOfGroup=camunda-admin", ADMIN, ADMIN_PASSWORD);
    assertThat(JSON.readTree(admins.body()).findValuesAsText("id")).containsExactly(ADMIN);
  }

  @Test
  void healthAndReadinessStayUpWhileTheSmtpServerIsUnreachable() throws Exception {
    for (String path : new String[] {"/actuator/health", "/actuator/health/readiness", "/actuator/health/liveness"}) {
      HttpResponse<String> anonymous = get(path, null, null);
      assertThat(anonymous.statusCode()).as(path + ": " + anonymous.body()).isEqualTo(200);
      JsonNode body = JSON.readTree(anonymous.body());
      assertThat(body.path("status").asText()).as(path).isEqualTo("UP");
      assertThat(body.has("components")).as(path + " anonymous: status only").isFalse();
    }

    // the operator sees why: the SMTP server does not answer, the database and the engine do
    JsonNode health = JSON.readTree(get("/actuator/health", ADMIN, ADMIN_PASSWORD).body());
    assertThat(health.path("status").asText()).isEqualTo("UP");
    assertThat(health.at("/components/vendors/status").asText()).isEqualTo("DEGRADED");
    assertThat(health.at("/components/vendors/details/mail/status").asText()).isEqualTo("DOWN");
    assertThat(health.at("/components/engine/status").asText()).isEqualTo("UP");
    assertThat(health.at("/components/engine/details/jobExecutor").asText()).isEqualTo("active");
    assertThat(health.at("/components/db/status").asText()).isEqualTo("UP");

    JsonNode readiness = JSON.readTree(get("/actuator/health/readiness", ADMIN, ADMIN_PASSWORD).body());
    assertThat(readiness.path("components").fieldNames()).toIterable()
        .containsExactlyInAnyOrder("db", "engine", "readinessState");
  }

  private static HttpResponse<String> get(String path, String user, String password) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(application.baseUrl() + path))
        .timeout(Duration.ofSeconds(30)).GET();
    if (user != null) {
      request.header("Authorization", "Basic " + Base64.getEncoder()
          .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  private static String fortaAlert(String alertId) {
    return """
        {"hash": "0x%s", "createdAt": "2026-11-22T09:00:00.000Z", "alertId": "%s",
         "name": "Drain of the Vault", "protocol": "ethereum", "description": "Detected by the bot",
         "findingType": "EXPLOIT", "severity": "CRITICAL", "metadata": {},
         "addresses": ["0x000000000000000000000000000000000000a11c"], "labels": [],
         "source": {"transactionHash": "0xabc", "bot": {"id": "0xbot"},
                    "block": {"number": 21000000, "hash": "0xblock", "timestamp": "2026-11-22T08:59:59Z", "chainId": 1}}}"""
        .formatted(UUID.randomUUID().toString().replace("-", ""), alertId);
  }
}
