package org.irflow.process;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.irflow.support.RunningApplicationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * On PostgreSQL the planner knows how many authorizations a task query's check keeps (the statistics
 * of AuthorizationStatistics): its estimate for "READ on a task" is near the real number of rows, where
 * without them it is a fixed 0.5 % guess that made it join every task with every authorization.
 */
class AuthorizationStatisticsTest extends RunningApplicationTest {

  @Autowired JdbcTemplate jdbc;
  @Autowired AuthorizationService authorizations;

  @Test
  void thePlannerEstimatesTheTaskReadGrantsNearTheirRealNumber() throws Exception {
    assertThat(jdbc.queryForList("select stxname from pg_statistic_ext where stxname like 'irflow_auth%'", String.class))
        .containsExactlyInAnyOrder("irflow_auth_perms_read", "irflow_auth_perms_read_task");

    // as the engine grants a candidate group each of its tasks: one READ row per task
    String group = "statistics-" + UUID.randomUUID().toString().substring(0, 8);
    List<String> created = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      Authorization grant = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
      grant.setGroupId(group);
      grant.setResource(Resources.TASK);
      grant.setResourceId(UUID.randomUUID().toString());
      grant.addPermission(Permissions.READ);
      created.add(authorizations.saveAuthorization(grant).getId());
    }
    try {
      jdbc.execute("analyze act_ru_authorization");
      long real = jdbc.queryForObject("select count(*) from act_ru_authorization where (perms_ & 2) = 2", Long.class);
      JsonNode plan = new ObjectMapper().readTree(jdbc.queryForObject(
          "explain (format json) select * from act_ru_authorization where (perms_ & 2) = 2", String.class));
      double estimated = plan.get(0).path("Plan").path("Plan Rows").asDouble();
      assertThat(real).isGreaterThanOrEqualTo(400);
      assertThat(estimated).isBetween(real * 0.8, real * 1.2);
    } finally {
      created.forEach(authorizations::deleteAuthorization);
    }
  }
}
