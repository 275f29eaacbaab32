package org.irflow.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * The rules of the fail-closed start-up on configurations as Spring Boot binds them: which settings an
 * operator must give outside the demo profile, and which values are refused. The start-up itself (a JVM
 * that exits naming the variables) is FailClosedStartupTest.
 */
class FailClosedRulesTest {

  private static final Set<String> DEMO_VALUES = FailClosedStartupCheck.publishedDemoValues();

  private static List<String> problems(Map<String, String> settings) {
    return FailClosedStartupCheck.problems(new Binder(new MapConfigurationPropertySource(settings)), DEMO_VALUES);
  }

  private static Map<String, String> safe() {
    Map<String, String> settings = new HashMap<>();
    settings.put("irflow.intake.sources.openzeppelin-monitor.secret", "monitor-secret-of-our-own");
    settings.put("irflow.intake.sources.forta.token", "forta-token-of-our-own");
    settings.put("irflow.intake.sources.alertmanager.token", "alertmanager-token-of-our-own");
    settings.put("irflow.intake.sources.generic.secret", "generic-secret-of-our-own");
    settings.put("camunda.bpm.admin-user.id", "operator");
    settings.put("camunda.bpm.admin-user.password", "a-long-password-of-our-own");
    return settings;
  }

  @Test
  void theDemoProfilesPublishedSecretsAndPasswordAreKnownToTheCheck() {
    assertThat(DEMO_VALUES).contains("demo-only-monitor-secret", "demo-only-forta-token",
        "demo-only-alertmanager-token", "demo-only-generic-secret", "demo");
    assertThat(DEMO_VALUES).noneMatch(value -> value.startsWith("${"));
  }

  @Test
  void aConfigurationWithSecretsAndAnAdministratorOfItsOwnPasses() {
    assertThat(problems(safe())).isEmpty();
  }

  @Test
  void nothingConfiguredNamesEveryMissingVariable() {
    assertThat(problems(Map.of())).satisfiesExactly(
        problem -> assertThat(problem).startsWith("IRFLOW_INTAKE_ALERTMANAGER_TOKEN is not set")
            .contains("IRFLOW_INTAKE_ALERTMANAGER_ENABLED=false"),
        problem -> assertThat(problem).startsWith(
            "neither IRFLOW_INTAKE_FORTA_SCANNERS nor IRFLOW_INTAKE_FORTA_TOKEN is set (the forta webhook is enabled"),
        problem -> assertThat(problem).startsWith("IRFLOW_INTAKE_GENERIC_SECRET is not set"),
        problem -> assertThat(problem).startsWith("IRFLOW_INTAKE_OPENZEPPELIN_MONITOR_SECRET is not set"),
        problem -> assertThat(problem).startsWith("CAMUNDA_BPM_ADMINUSER_ID is not set")
            .contains("first-user page"),
        problem -> assertThat(problem).startsWith("CAMUNDA_BPM_ADMINUSER_PASSWORD is not set"));
  }

  @Test
  void anOperatorWhoUsesOnlyFortaTurnsTheOtherSourcesOffInsteadOfInventingSecrets() {
    Map<String, String> fortaOnly = safe();
    fortaOnly.remove("irflow.intake.sources.openzeppelin-monitor.secret");
    fortaOnly.remove("irflow.intake.sources.alertmanager.token");
    fortaOnly.remove("irflow.intake.sources.generic.secret");
    assertThat(problems(fortaOnly)).hasSize(3);

    fortaOnly.put("irflow.intake.sources.openzeppelin-monitor.enabled", "false");
    fortaOnly.put("irflow.intake.sources.alertmanager.enabled", "false");
    fortaOnly.put("irflow.intake.sources.generic.enabled", "false");
    assertThat(problems(fortaOnly)).isEmpty();
  }

  /** forta-node authenticates with its scanner's JWT: its address is enough, without a shared token. */
  @Test
  void fortaIsConfiguredByTrustedScannersAloneOrByItsToken() {
    Map<String, String> scannersOnly = safe();
    scannersOnly.remove("irflow.intake.sources.forta.token");
    scannersOnly.put("irflow.intake.sources.forta.scanners", "0xa0Ee7A142d267C1f36714E4a8F75612F20a79720");
    assertThat(problems(scannersOnly)).isEmpty();

    // what IRFLOW_INTAKE_FORTA_SCANNERS="" binds to: no scanner
    scannersOnly.put("irflow.intake.sources.forta.scanners", "");
    assertThat(problems(scannersOnly)).singleElement().asString()
        .startsWith("neither IRFLOW_INTAKE_FORTA_SCANNERS nor IRFLOW_INTAKE_FORTA_TOKEN is set");
  }

  @Test
  void aScannerThatIsNotAnAddressIsNamedWithTheOtherProblems() {
    Map<String, String> settings = safe();
    // an unquoted 0x... in YAML is read as a number
    settings.put("irflow.intake.sources.forta.scanners", "918581597120371541186549187217735713419393189664");
    settings.remove("irflow.intake.sources.generic.secret");
    assertThat(problems(settings)).satisfiesExactly(
        problem -> assertThat(problem).startsWith("irflow.intake.sources.forta cannot be read: scanners:"
            + " '918581597120371541186549187217735713419393189664' is not an Ethereum address"),
        problem -> assertThat(problem).startsWith("IRFLOW_INTAKE_GENERIC_SECRET is not set"));
  }

  @Test
  void aPublishedDemoSecretIsRefusedEvenWhenSetOnPurpose() {
    Map<String, String> settings = safe();
    settings.put("irflow.intake.sources.forta.token", "demo-only-forta-token");
    settings.put("irflow.intake.sources.generic.secret", "demo-only-generic-secret");
    assertThat(problems(settings)).satisfiesExactly(
        problem -> assertThat(problem).startsWith("IRFLOW_INTAKE_FORTA_TOKEN is a demo value published in application-demo.yaml"),
        problem -> assertThat(problem).startsWith("IRFLOW_INTAKE_GENERIC_SECRET is a demo value"));
  }

  @Test
  void theDemoPasswordForTheAdministratorAndDemoUsersAreRefused() {
    Map<String, String> settings = safe();
    settings.put("camunda.bpm.admin-user.password", "demo");
    settings.put("irflow.security.demo-users", "true");
    assertThat(problems(settings)).satisfiesExactly(
        problem -> assertThat(problem).startsWith("CAMUNDA_BPM_ADMINUSER_PASSWORD is the demo users' published password"),
        problem -> assertThat(problem).startsWith("irflow.security.demo-users is on"));
  }
}
