package org.irflow.support;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
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

  protected String baseUrl() {
    return "http://localhost:" + port;
  }
}
