package org.irflow.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.irflow.triage.intake.IntakeProperties;
import org.irflow.triage.intake.IntakeProperties.SourceCredentials;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.Profiles;
import org.springframework.core.io.ClassPathResource;

/**
 * Refuses to start irflow outside the {@value #DEMO_PROFILE} profile while anyone who has read the
 * repository could use it: an enabled webhook source without a credential (a secret, a token, or for
 * Forta trusted scanner addresses), or with a published demo value; no administrator configured
 * (Camunda's first-user page would make whoever reaches the port first the administrator); demo users
 * (password "demo") turned on; the Forta poller turned on without its API key; a secret irflow sends to
 * a vendor, or a pause key, that is not the operator's own (a published demo value, a documentation
 * placeholder, a public development key). Every problem is named in one
 * {@link UnsafeConfigurationException}, before the database or the engine is touched.
 *
 * <p>The published demo values are read from application-demo.yaml itself (the webhook secrets' defaults
 * there) and the demo users' password: what the demo profile publishes is what is refused.
 */
public class FailClosedStartupCheck implements EnvironmentPostProcessor, Ordered {

  public static final String DEMO_PROFILE = "demo";
  static final String DEMO_CONFIGURATION = "application-" + DEMO_PROFILE + ".yaml";
  static final String ADMIN_ID_VARIABLE = "CAMUNDA_BPM_ADMINUSER_ID";
  static final String ADMIN_PASSWORD_VARIABLE = "CAMUNDA_BPM_ADMINUSER_PASSWORD";

  private static final String SOURCES = "irflow.intake.sources";
  static final String FORTA_POLLER_API_KEY_VARIABLE = "IRFLOW_INTAKE_FORTA_POLLER_APIKEY";
  /** The placeholders the documentation writes for a secret: {@code xoxb-...}, {@code <id>/<token>}. */
  private static final Pattern PLACEHOLDER = Pattern.compile("\\.\\.\\.|…|<[^<>]*>");

  /** A secret irflow sends out: none is required (its vendor is then off), but one that is set must be the operator's own. */
  record OutboundSecret(String property, String variable) {}

  static final List<OutboundSecret> OUTBOUND_SECRETS = List.of(
      new OutboundSecret("irflow.intake.forta-poller.api-key", FORTA_POLLER_API_KEY_VARIABLE),
      new OutboundSecret("irflow.comms.slack.bot-token", "IRFLOW_COMMS_SLACK_BOTTOKEN"),
      new OutboundSecret("irflow.comms.paging.pagerduty.routing-key", "IRFLOW_COMMS_PAGING_PAGERDUTY_ROUTINGKEY"),
      new OutboundSecret("irflow.comms.paging.opsgenie.api-key", "IRFLOW_COMMS_PAGING_OPSGENIE_APIKEY"),
      new OutboundSecret("irflow.comms.discord.webhook-url", "IRFLOW_COMMS_DISCORD_WEBHOOKURL"),
      new OutboundSecret("irflow.comms.statuspage.api-key", "IRFLOW_COMMS_STATUSPAGE_APIKEY"),
      new OutboundSecret("irflow.comms.website.secret", "IRFLOW_COMMS_WEBSITE_SECRET"),
      new OutboundSecret("spring.mail.password", "SPRING_MAIL_PASSWORD"),
      new OutboundSecret("irflow.containment.relayer.api-key", "IRFLOW_CONTAINMENT_RELAYER_APIKEY"),
      new OutboundSecret("irflow.containment.safe-transaction-service.api-key",
          "IRFLOW_CONTAINMENT_SAFETRANSACTIONSERVICE_APIKEY"),
      new OutboundSecret("irflow.containment.keys.proposer", "IRFLOW_CONTAINMENT_KEYS_PROPOSER"),
      new OutboundSecret("irflow.containment.keys.executor", "IRFLOW_CONTAINMENT_KEYS_EXECUTOR"));
  /** The default of a placeholder: {@code ${IRFLOW_INTAKE_FORTA_TOKEN:demo-only-forta-token}}. */
  private static final Pattern PLACEHOLDER_DEFAULT = Pattern.compile("^\\$\\{[^:}]+:(.*)}$");

  /** After Spring Boot has read application.yaml, its profiles and the environment. */
  @Override
  public int getOrder() {
    return Ordered.LOWEST_PRECEDENCE;
  }

  @Override
  public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
    if (environment.acceptsProfiles(Profiles.of(DEMO_PROFILE))) {
      return;
    }
    List<String> problems = problems(Binder.get(environment), publishedDemoValues());
    if (!problems.isEmpty()) {
      throw new UnsafeConfigurationException(problems);
    }
  }

  static List<String> problems(Binder configuration, Set<String> demoValues) {
    List<String> problems = new ArrayList<>();
    new TreeMap<>(IntakeProperties.WEBHOOK_SOURCES).forEach((source, credentials) -> {
      SourceCredentials configured;
      try {
        configured = configuration.bind(SOURCES + "." + source, SourceCredentials.class).orElse(null);
      } catch (BindException malformed) {
        Throwable cause = NestedExceptionUtils.getMostSpecificCause(malformed);
        problems.add(SOURCES + "." + source + " cannot be read: " + cause.getMessage());
        return;
      }
      if (configured != null && !configured.enabled()) {
        return;
      }
      List<String> values = configured == null ? List.of()
          : credentials.stream().flatMap(credential -> configured.credential(credential).stream()).toList();
      if (values.isEmpty()) {
        List<String> variables =
            credentials.stream().map(credential -> IntakeProperties.environmentVariable(source, credential)).toList();
        problems.add((variables.size() == 1 ? variables.get(0) + " is not set"
            : "neither " + String.join(" nor ", variables) + " is set") + " (the " + source
            + " webhook is enabled; if you do not use it, turn it off with "
            + IntakeProperties.environmentVariable(source, "enabled") + "=false)");
      }
      for (String credential : credentials) {
        if (configured != null && configured.credential(credential).stream().anyMatch(demoValues::contains)) {
          problems.add(IntakeProperties.environmentVariable(source, credential) + " is a demo value published in "
              + DEMO_CONFIGURATION + ": anyone who has read the repository could sign " + source
              + " alerts; set a secret of your own");
        }
      }
    });
    String adminId = configuration.bind("camunda.bpm.admin-user.id", String.class).orElse("");
    String adminPassword = configuration.bind("camunda.bpm.admin-user.password", String.class).orElse("");
    if (adminId.isBlank()) {
      problems.add(ADMIN_ID_VARIABLE + " is not set (no administrator is configured: Camunda's first-user page"
          + " would make whoever reaches the port first the administrator)");
    }
    if (adminPassword.isBlank()) {
      problems.add(ADMIN_PASSWORD_VARIABLE + " is not set (the administrator's password; Camunda would otherwise"
          + " take the user id as the password)");
    } else if (demoValues.contains(adminPassword)) {
      problems.add(ADMIN_PASSWORD_VARIABLE + " is the demo users' published password; set a password of your own");
    }
    if (configuration.bind("irflow.security.demo-users", Boolean.class).orElse(false)) {
      problems.add("irflow.security.demo-users is on (IRFLOW_SECURITY_DEMOUSERS): demo users, whose password is"
          + " published, exist only in the " + DEMO_PROFILE + " profile");
    }
    if (configuration.bind("irflow.intake.forta-poller.enabled", Boolean.class).orElse(false)
        && configuration.bind("irflow.intake.forta-poller.api-key", String.class).orElse("").isBlank()) {
      problems.add(FORTA_POLLER_API_KEY_VARIABLE + " is not set (the Forta poller is turned on; if you do not use it,"
          + " turn it off with IRFLOW_INTAKE_FORTAPOLLER_ENABLED=false)");
    }
    for (OutboundSecret secret : OUTBOUND_SECRETS) {
      String value = configuration.bind(secret.property(), String.class).orElse("");
      String notOwn = value.isBlank() ? null : whyNotOwn(value.strip(), demoValues);
      if (notOwn != null) {
        problems.add(secret.variable() + " " + notOwn + "; set one of your own, or leave it unset");
      }
    }
    return problems;
  }

  /** Why a secret's value is one that others know too; null when nothing says so. */
  static String whyNotOwn(String value, Set<String> demoValues) {
    if (demoValues.contains(value)) {
      return "is a demo value published in " + DEMO_CONFIGURATION;
    }
    if (value.toLowerCase(Locale.ROOT).startsWith(DEMO_PROFILE)) {
      return "is a demo value ('" + DEMO_PROFILE + "…')";
    }
    if (PublicDevelopmentKeys.contains(value)) {
      return "is the private key of one of Hardhat's public development accounts (mnemonic \"test test … junk\"):"
          + " anyone can sign with it";
    }
    if (PLACEHOLDER.matcher(value).find()) {
      return "is the documentation's placeholder ('...' or '<…>'), not a value";
    }
    return null;
  }

  /** The webhook secrets' defaults in application-demo.yaml, and the demo users' password. */
  static Set<String> publishedDemoValues() {
    Set<String> values = new TreeSet<>();
    values.add(IdentitySetup.DEMO_PASSWORD);
    try {
      new YamlPropertySourceLoader().load(DEMO_PROFILE, new ClassPathResource(DEMO_CONFIGURATION)).stream()
          .filter(EnumerablePropertySource.class::isInstance)
          .map(EnumerablePropertySource.class::cast)
          .forEach(source -> {
            for (String name : source.getPropertyNames()) {
              if (name.startsWith(SOURCES + ".")) {
                Matcher placeholder = PLACEHOLDER_DEFAULT.matcher(String.valueOf(source.getProperty(name)));
                values.add(placeholder.matches() ? placeholder.group(1) : String.valueOf(source.getProperty(name)));
              }
            }
          });
    } catch (IOException unreadable) {
      throw new UncheckedIOException("cannot read " + DEMO_CONFIGURATION + " from the class path", unreadable);
    }
    return values;
  }
}
