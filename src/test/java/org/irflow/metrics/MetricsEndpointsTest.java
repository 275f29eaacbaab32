package org.irflow.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.irflow.support.RestClient;
import org.irflow.support.RestClient.Response;
import org.irflow.support.RunningApplicationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** /api/metrics and /actuator/prometheus on the running application (PostgreSQL), as people and Prometheus use them. */
class MetricsEndpointsTest extends RunningApplicationTest {

  RestClient rest;

  @BeforeEach
  void client() {
    rest = new RestClient(baseUrl());
  }

  @Test
  void aManagerReadsTheMetricsOfAPeriod() {
    Response answer = rest.get("maria", "/api/metrics?from=2026-01-01T00:00:00Z&to=2027-01-01&severity=sev1");

    assertThat(answer.status()).as(answer.text()).isEqualTo(200);
    assertThat(answer.body().path("from").asText()).isEqualTo("2026-01-01T00:00:00Z");
    assertThat(answer.body().path("to").asText()).isEqualTo("2027-01-01T00:00:00Z");
    assertThat(answer.body().path("severity").asText()).isEqualTo("SEV1");
    for (String figure : new String[] {"timeToAcknowledge", "timeToDeclare", "timeToContain", "timeToRecover"}) {
      assertThat(answer.body().path(figure).has("count")).as(figure).isTrue();
      assertThat(answer.body().path(figure).has("meanSeconds")).as(figure).isTrue();
      assertThat(answer.body().path(figure).has("p90Seconds")).as(figure).isTrue();
    }
    assertThat(answer.body().path("openIncidents").path("bySeverity")).hasSize(1);
    assertThat(answer.body().path("overdueActionItems").path("count").isInt()).isTrue();
    assertThat(answer.body().path("drillCadence").has("kept")).isTrue();
    assertThat(answer.body().path("trainingCompliance").path("members").asInt()).isPositive();
    assertThat(answer.body().path("readiness").has("confirmed")).isTrue();

    // no period: the trailing window up to now
    assertThat(rest.get("dave", "/api/metrics").status()).isEqualTo(200);
  }

  @Test
  void badParametersAreRefusedNamingThem() {
    assertBadRequest("/api/metrics?from=yesterday", "from");
    assertBadRequest("/api/metrics?from=2026-01-01T00:00:00Z&to=2026-13-01", "to");
    assertBadRequest("/api/metrics?from=2026-02-01&to=2026-01-01", "from");
    assertBadRequest("/api/metrics?severity=SEV9", "severity");
  }

  @Test
  void anonymousAndWrongPasswordsAreRefused() {
    assertThat(rest.get(null, "/api/metrics").status()).isEqualTo(401);
    assertThat(rest.get("wrong-password", "/api/metrics").status()).isEqualTo(401);
    assertThat(rest.get(null, "/actuator/prometheus").status()).isEqualTo(401);
    assertThat(rest.get("wrong-password", "/actuator/prometheus").status()).isEqualTo(401);
    assertThat(rest.get(null, "/actuator").status()).isEqualTo(401);
  }

  @Test
  void prometheusScrapesTheIrflowGauges() {
    Response scrape = rest.get("maria", "/actuator/prometheus");

    assertThat(scrape.status()).as(scrape.text()).isEqualTo(200);
    assertThat(scrape.text())
        .contains("irflow_incidents_open{severity=\"SEV1\",stage=\"responding\"}")
        .contains("irflow_incidents_open{severity=\"SEV4\",stage=\"awaiting-post-mortem\"}")
        .contains("irflow_time_to_recover_seconds{stat=\"mean\"}")
        .contains("irflow_time_to_recover_seconds{stat=\"p90\"}")
        .contains("irflow_time_to_acknowledge_seconds{stat=\"p90\"}")
        .contains("irflow_action_items_overdue ")
        .contains("irflow_training_compliance_ratio ")
        .contains("irflow_drill_cadence_kept ")
        .contains("irflow_signer_drill_time_to_threshold_seconds ")
        .contains("irflow_signer_drill_within_limit ");
  }

  @Test
  void onlyHealthAndPrometheusAreExposedAndHealthIsOpen() {
    Response health = rest.get(null, "/actuator/health");
    assertThat(health.status()).isIn(200, 503);
    assertThat(health.body().path("status").asText()).isNotBlank();
    assertThat(health.body().has("components")).isFalse();
    for (String endpoint : new String[] {"/actuator/env", "/actuator/beans", "/actuator/metrics", "/actuator/info"}) {
      assertThat(rest.get("admin", endpoint).status()).as(endpoint).isEqualTo(404);
    }
  }

  private void assertBadRequest(String path, String field) {
    Response refused = rest.get("maria", path);
    assertThat(refused.status()).as(path + ": " + refused.text()).isEqualTo(400);
    assertThat(refused.body().path("field").asText()).as(path).isEqualTo(field);
  }
}
