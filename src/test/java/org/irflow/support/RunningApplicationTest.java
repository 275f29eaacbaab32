package org.irflow.support;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngines;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/**
 * Base of the tests that use the whole application as people do: HTTP on a random port, the real
 * web apps and REST API, PostgreSQL, the job executor on. Subclasses share one application context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(EmbeddedPostgresConfig.class)
@ActiveProfiles("e2e")
public abstract class RunningApplicationTest {

  @LocalServerPort
  protected int port;

  @Autowired
  private ProcessEngine applicationEngine;

  /**
   * Tasklist, the engine REST API and the REST authentication find their engine by name in Camunda's
   * static registry, where the engine built last wins. Other application contexts of the test JVM
   * stay cached beside this one, so every test makes this application's engine the registered one.
   */
  @BeforeEach
  void useThisApplicationsEngine() {
    ProcessEngines.registerProcessEngine(applicationEngine);
  }

  /** Where "Report security event" is submitted through the engine REST API. */
  protected static final String SUBMIT_REPORT =
      "/engine-rest/process-definition/key/IncidentTriageProcess/submit-form";

  /**
   * Waits until the dispatcher has taken every stored monitoring event (triage started or attached as
   * evidence), so that counts of processes are not moved by earlier tests' events.
   */
  protected static void awaitEveryEventDispatched(JdbcTemplate jdbc) {
    await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.queryForObject(
        "select count(*) from security_event where intake_state in ('PENDING', 'DISPATCHING')", Integer.class) == 0);
  }

  protected String baseUrl() {
    return "http://localhost:" + port;
  }

  /** What a responder reports after a researcher's e-mail about the bridge. */
  protected static Map<String, Object> bridgeReplayReport(String title) {
    Map<String, Object> report = new HashMap<>();
    report.put("eventTitle", title);
    report.put("reporter", "dave");
    report.put("channel", "SECURITY_EMAIL");
    report.put("description", "A researcher reports a signature replay in the bridge");
    report.put("affectedSystems", "0xBridge");
    report.put("suspectedSeverity", "SEV1");
    return report;
  }
}
