package org.irflow.triage.intake;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import org.irflow.security.Secrets;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Event intake from monitoring (irflow.intake.*): body size limit, the signatures' replay window, the
 * de-duplication window, the back-pressure limits, the dispatcher that starts triages, and the secret
 * (HMAC) or token (bearer) of each source: openzeppelin-monitor, forta, alertmanager, generic. A source
 * turned off, or without its secret or token, refuses every request (outside the demo profile the start-up
 * stops before that: an enabled source must have its secret).
 *
 * @param maxBacklog events stored but not yet dispatched (plus those queued for writing) above which
 *     the webhooks answer 429
 * @param retryAfter what a 429 (or a 503 when the database is slow) asks the sender to wait
 * @param writeBatchSize at most this many alerts are written in one transaction (group commit)
 * @param acknowledgeTimeout how long a request waits for its alerts' commit before answering 503
 */
@ConfigurationProperties("irflow.intake")
public record IntakeProperties(
    @DefaultValue("1MB") DataSize maxBodySize,
    @DefaultValue("PT5M") Duration replayWindow,
    @DefaultValue("PT1H") Duration deduplicationWindow,
    @DefaultValue("10000") int maxBacklog,
    @DefaultValue("PT5S") Duration retryAfter,
    @DefaultValue("1000") int writeBatchSize,
    @DefaultValue("PT10S") Duration acknowledgeTimeout,
    @DefaultValue Dispatcher dispatcher,
    @DefaultValue Correlation correlation,
    Map<String, SourceCredentials> sources) {

  public IntakeProperties {
    sources = sources == null ? Map.of() : Map.copyOf(sources);
  }

  /**
   * The dispatcher: starts the triage of each stored event, or attaches it to the open incident it
   * concerns.
   *
   * @param enabled off only in tests that dispatch by hand
   * @param interval how often it looks for due events when nothing wakes it
   * @param threads how many events are dispatched at once
   * @param retryBackoff the wait after a failed dispatch, doubled with each failure up to 5 minutes
   */
  public record Dispatcher(
      @DefaultValue("true") boolean enabled,
      @DefaultValue("PT1S") Duration interval,
      @DefaultValue("2") int threads,
      @DefaultValue("PT10S") Duration retryBackoff) {}

  /**
   * Correlation on structured keys.
   *
   * @param ruleWindow an alert from the same monitor rule on the same subject joins the open incident or
   *     triage whose events of that rule were received within this window; older ones do not gather it
   */
  public record Correlation(@DefaultValue("PT1H") Duration ruleWindow) {}

  /**
   * The webhook sources, each with the credential that proves a request comes from it: "secret" (an
   * HMAC signature) or "token" (a bearer token).
   */
  public static final Map<String, String> WEBHOOK_SOURCES = Map.of(
      OpenZeppelinMonitorAdapter.SOURCE, "secret",
      FortaAdapter.SOURCE, "token",
      AlertmanagerAdapter.SOURCE, "token",
      GenericAdapter.SOURCE, "secret");

  /**
   * The environment variable application.yaml reads a source's setting from, e.g. forta's token from
   * IRFLOW_INTAKE_FORTA_TOKEN and whether it is on from IRFLOW_INTAKE_FORTA_ENABLED.
   */
  public static String environmentVariable(String source, String setting) {
    return ("IRFLOW_INTAKE_" + source + "_" + setting).replace('-', '_').toUpperCase(Locale.ROOT);
  }

  /**
   * How a source proves itself: an HMAC secret or a bearer token. Never logged.
   *
   * @param enabled on unless turned off: an operator who does not use a source turns it off rather than
   *     invent a secret for it
   */
  public record SourceCredentials(String secret, String token, @DefaultValue("true") boolean enabled) {
    @Override
    public String toString() {
      return "SourceCredentials[enabled=" + enabled + ", secret=" + Secrets.masked(secret) + ", token="
          + Secrets.masked(token) + "]";
    }

    /** The secret or token named by {@code credential} ("secret" or "token"); null when blank. */
    public String credential(String credential) {
      String value = "token".equals(credential) ? token : secret;
      return value == null || value.isBlank() ? null : value;
    }
  }

  /** Whether a source takes requests at all (on unless its operator turned it off). */
  public boolean enabled(String source) {
    SourceCredentials credentials = sources.get(source);
    return credentials == null || credentials.enabled();
  }

  /** The HMAC secret of an enabled source; null when it is turned off or has none. */
  public String secret(String source) {
    return credential(source, "secret");
  }

  /** The bearer token of an enabled source; null when it is turned off or has none. */
  public String token(String source) {
    return credential(source, "token");
  }

  private String credential(String source, String credential) {
    SourceCredentials credentials = sources.get(source);
    return credentials == null || !credentials.enabled() ? null : credentials.credential(credential);
  }
}
