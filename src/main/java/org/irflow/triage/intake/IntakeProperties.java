package org.irflow.triage.intake;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.irflow.security.Secrets;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Event intake from monitoring (irflow.intake.*): body size limit, the signatures' replay window, the
 * de-duplication window, the back-pressure limits, the dispatcher that starts triages, and the secret
 * (HMAC) or token (bearer) of each source: openzeppelin-monitor, forta, alertmanager, generic; Forta also
 * takes the JWTs forta-node signs with its scanner key, from the scanners listed. A source turned off, or
 * without any credential, refuses every request (outside the demo profile the start-up stops before that:
 * an enabled source must have one).
 *
 * @param maxBacklog events stored but not yet dispatched (plus those queued for writing) above which
 *     the webhooks answer 429
 * @param retryAfter what a 429 (or a 503 when the database is slow) asks the sender to wait
 * @param writeBatchSize at most this many alerts are written in one transaction (group commit)
 * @param acknowledgeTimeout how long a request waits for its alerts' commit before answering 503
 * @param clockSkew how far a sender's clock may be from irflow's when the validity times of a token it
 *     signed (a scanner JWT's nbf, iat and exp) are checked
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
    @DefaultValue("PT30S") Duration clockSkew,
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
   * The webhook sources, each with the credentials that can prove a request comes from it (any one of
   * them configured is enough): "secret" (an HMAC signature), "token" (a bearer token), "scanners" (the
   * addresses of the Forta scanners whose JWTs are taken).
   */
  public static final Map<String, List<String>> WEBHOOK_SOURCES = Map.of(
      OpenZeppelinMonitorAdapter.SOURCE, List.of("secret"),
      FortaAdapter.SOURCE, List.of("scanners", "token"),
      AlertmanagerAdapter.SOURCE, List.of("token"),
      GenericAdapter.SOURCE, List.of("secret"));

  /**
   * The environment variable application.yaml reads a source's setting from, e.g. forta's token from
   * IRFLOW_INTAKE_FORTA_TOKEN and whether it is on from IRFLOW_INTAKE_FORTA_ENABLED.
   */
  public static String environmentVariable(String source, String setting) {
    return ("IRFLOW_INTAKE_" + source + "_" + setting).replace('-', '_').toUpperCase(Locale.ROOT);
  }

  /**
   * How a source proves itself: an HMAC secret, a bearer token, or (Forta) the scanners whose signed
   * JWTs are taken. The secret and the token are never logged; the scanners are public addresses.
   *
   * @param scanners Ethereum addresses (0x and 40 hex digits, any case), kept in lower case
   * @param enabled on unless turned off: an operator who does not use a source turns it off rather than
   *     invent a secret for it
   */
  public record SourceCredentials(String secret, String token, List<String> scanners,
      @DefaultValue("true") boolean enabled) {

    private static final Pattern ADDRESS = Pattern.compile("0x[0-9a-fA-F]{40}");

    public SourceCredentials {
      scanners = scanners == null ? List.of() : scanners.stream()
          .map(String::strip)
          .filter(address -> !address.isEmpty())
          .map(SourceCredentials::address)
          .distinct()
          .toList();
    }

    private static String address(String address) {
      if (!ADDRESS.matcher(address).matches()) {
        throw new IllegalArgumentException("scanners: '" + address + "' is not an Ethereum address"
            + " (0x and 40 hex digits; quote it in YAML, where an unquoted 0x... is read as a number)");
      }
      return address.toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
      return "SourceCredentials[enabled=" + enabled + ", secret=" + Secrets.masked(secret) + ", token="
          + Secrets.masked(token) + ", scanners=" + scanners + "]";
    }

    /** The values of the credential named {@code credential} ("secret", "token", "scanners"); blanks left out. */
    public List<String> credential(String credential) {
      return switch (credential) {
        case "scanners" -> scanners;
        case "token" -> present(token);
        case "secret" -> present(secret);
        default -> throw new IllegalArgumentException("no credential '" + credential + "'");
      };
    }

    private static List<String> present(String value) {
      return value == null || value.isBlank() ? List.of() : List.of(value);
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

  /** The trusted scanner addresses (lower case) of an enabled source; empty when it is turned off or has none. */
  public List<String> scanners(String source) {
    SourceCredentials credentials = sources.get(source);
    return credentials == null || !credentials.enabled() ? List.of() : credentials.scanners();
  }

  private String credential(String source, String credential) {
    SourceCredentials credentials = sources.get(source);
    return credentials == null || !credentials.enabled() ? null
        : credentials.credential(credential).stream().findFirst().orElse(null);
  }
}
