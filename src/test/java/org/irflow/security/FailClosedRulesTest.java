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

  @Test
  void theFortaPollerTurnedOnWithoutItsApiKeyIsNamed() {
    Map<String, String> settings = safe();
    settings.put("irflow.intake.forta-poller.enabled", "true");
    assertThat(problems(settings)).singleElement().satisfies(problem -> assertThat(problem)
        .startsWith("IRFLOW_INTAKE_FORTA_POLLER_APIKEY is not set (the Forta poller is turned on")
        .contains("IRFLOW_INTAKE_FORTAPOLLER_ENABLED=false"));

    settings.put("irflow.intake.forta-poller.api-key", "forta-api-key-of-our-own");
    assertThat(problems(settings)).isEmpty();
    // off (the default), the poller needs no key
    assertThat(problems(safe())).isEmpty();
  }

  @Test
  void outboundSecretsThatOthersKnowAreRefusedEachNamedWithWhy() {
    Map<String, String> settings = safe();
    settings.put("irflow.comms.slack.bot-token", "xoxb-...");
    settings.put("irflow.comms.discord.webhook-url", "https://discord.com/api/webhooks/<id>/<token>");
    settings.put("irflow.comms.paging.opsgenie.api-key", "demo-only-alertmanager-token");
    settings.put("irflow.comms.statuspage.api-key", "demo-statuspage-key");
    settings.put("spring.mail.password", "demo");
    settings.put("irflow.intake.forta-poller.api-key", "<your Forta API key>");
    // hardhat's account #0, in capitals and without 0x: still the key everyone has
    settings.put("irflow.containment.keys.executor",
        "AC0974BEC39A17E36BA4A6B4D238FF944BACB478CBED5EFCAE784D7BF4F2FF80");

    String placeholder = "is the documentation's placeholder ('...' or '<…>'), not a value";
    String published = "is a demo value published in application-demo.yaml";
    assertThat(problems(settings)).containsExactly(
        refused("IRFLOW_INTAKE_FORTA_POLLER_APIKEY", placeholder),
        refused("IRFLOW_COMMS_SLACK_BOTTOKEN", placeholder),
        refused("IRFLOW_COMMS_PAGING_OPSGENIE_APIKEY", published),
        refused("IRFLOW_COMMS_DISCORD_WEBHOOKURL", placeholder),
        refused("IRFLOW_COMMS_STATUSPAGE_APIKEY", "is a demo value ('demo…')"),
        refused("SPRING_MAIL_PASSWORD", published),
        refused("IRFLOW_CONTAINMENT_KEYS_EXECUTOR", "is the private key of one of Hardhat's public development"
            + " accounts (mnemonic \"test test … junk\"): anyone can sign with it"));
  }

  private static String refused(String variable, String why) {
    return variable + " " + why + "; set one of your own, or leave it unset";
  }

  @Test
  void outboundSecretsOfTheOperatorsOwnPass() {
    Map<String, String> settings = safe();
    settings.put("irflow.comms.slack.bot-token", "xoxb-2741-9130-5ZqPcVwYbN1kHrT");
    settings.put("irflow.comms.discord.webhook-url", "https://discord.com/api/webhooks/1234567890/Zk3-qP0_x");
    settings.put("irflow.comms.website.secret", "b1946ac92492d2347c6235b4d2611184");
    settings.put("irflow.containment.keys.proposer",
        "0xc6fd949f9f8894677a03cc0ca4438c84824235ef2a3f1fe346f5a8019ce32330");
    settings.put("irflow.containment.relayer.api-key", "relayer-key-of-our-own");
    assertThat(problems(settings)).isEmpty();
  }
}
