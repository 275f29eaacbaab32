package org.irflow.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.irflow.support.ChildApplication;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * irflow started as an operator starts it in production, in a JVM of its own with the {@code postgres}
 * profile and its settings in the environment, but without the demo profile: it must refuse to run on
 * what anyone who has read the repository knows. The JVM exits before it touches the database, with
 * Spring Boot's "APPLICATION FAILED TO START" report naming every variable to set. The children's
 * output is in {@code target/fail-closed/}.
 */
class FailClosedStartupTest {

  private static final Path OUTPUT = Path.of("target", "fail-closed");
  /**
   * The application's own configuration only: the test class path's config/application.yaml, which
   * puts the demo profile under every test, is left out.
   */
  static final String PRODUCTION_CONFIGURATION = "--spring.config.location=classpath:/";

  @BeforeAll
  static void output() throws Exception {
    Files.createDirectories(OUTPUT);
  }

  @Test
  void withoutDemoAndWithoutSecretsTheApplicationRefusesToStartNamingEachVariable() throws Exception {
    String log = refusedStart("no-secrets", ChildApplication.launch().profiles("postgres")
        .argument(PRODUCTION_CONFIGURATION));

    assertThat(log).contains("APPLICATION FAILED TO START",
        "IRFLOW_INTAKE_OPENZEPPELIN_MONITOR_SECRET is not set (the openzeppelin-monitor webhook is enabled",
        "neither IRFLOW_INTAKE_FORTA_SCANNERS nor IRFLOW_INTAKE_FORTA_TOKEN is set (the forta webhook is enabled",
        "IRFLOW_INTAKE_ALERTMANAGER_TOKEN is not set (the alertmanager webhook is enabled",
        "IRFLOW_INTAKE_GENERIC_SECRET is not set (the generic webhook is enabled",
        "CAMUNDA_BPM_ADMINUSER_ID is not set",
        "CAMUNDA_BPM_ADMINUSER_PASSWORD is not set",
        "-Dspring-boot.run.profiles=demo");
  }

  @Test
  void aPublishedDemoTokenIsRefusedAtStartUp() throws Exception {
    String log = refusedStart("demo-token", ChildApplication.launch().profiles("postgres")
        .argument(PRODUCTION_CONFIGURATION)
        .environment("IRFLOW_INTAKE_FORTA_TOKEN", "demo-only-forta-token")
        // the Forta poller on without its key, and a pause key that everyone has (hardhat's account #0)
        .environment("IRFLOW_INTAKE_FORTAPOLLER_ENABLED", "true")
        .environment("IRFLOW_CONTAINMENT_KEYS_PROPOSER", PublicDevelopmentKeys.HARDHAT.get(0))
        .environment("IRFLOW_INTAKE_OPENZEPPELIN_MONITOR_ENABLED", "false")
        .environment("IRFLOW_INTAKE_ALERTMANAGER_ENABLED", "false")
        .environment("IRFLOW_INTAKE_GENERIC_ENABLED", "false")
        .environment("CAMUNDA_BPM_ADMINUSER_ID", "operator")
        .environment("CAMUNDA_BPM_ADMINUSER_PASSWORD", "a-password-of-our-own"));

    assertThat(log).contains("APPLICATION FAILED TO START",
        "IRFLOW_INTAKE_FORTA_TOKEN is a demo value published in application-demo.yaml",
        "IRFLOW_INTAKE_FORTA_POLLER_APIKEY is not set (the Forta poller is turned on",
        "IRFLOW_CONTAINMENT_KEYS_PROPOSER is the private key of one of Hardhat's public development accounts");
    assertThat(log).as("the sources turned off and the administrator set are not named")
        .doesNotContain("IRFLOW_INTAKE_GENERIC_SECRET", "IRFLOW_INTAKE_ALERTMANAGER_TOKEN",
            "IRFLOW_INTAKE_OPENZEPPELIN_MONITOR_SECRET", "CAMUNDA_BPM_ADMINUSER");
  }

  /** Starts the child, waits for it to exit and returns its output; fails if it kept running. */
  private static String refusedStart(String name, ChildApplication.Launch launch) throws Exception {
    Path log = OUTPUT.resolve(name + ".log");
    Files.deleteIfExists(log);
    try (ChildApplication child = launch.start(log)) {
      assertThat(child.process().waitFor(120, TimeUnit.SECONDS)).as("the application exits; see " + log).isTrue();
      assertThat(child.process().exitValue()).as("exit code").isNotZero();
    }
    String output = Files.readString(log, StandardCharsets.UTF_8);
    assertThat(output).doesNotContain("Started IrflowApplication");
    return output;
  }
}
