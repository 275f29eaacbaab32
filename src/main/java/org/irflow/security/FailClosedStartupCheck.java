package org.irflow.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
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
 * (password "demo") turned on. Every problem is named in one
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
    return problems;
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
