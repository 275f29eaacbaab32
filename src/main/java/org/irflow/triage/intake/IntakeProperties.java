package org.irflow.triage.intake;

import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Event intake from monitoring (irflow.intake.*): body size limit, the signatures' replay window, the
 * de-duplication window, the back-pressure limits, the dispatcher that starts triages, and the secret
 * (HMAC) or token (bearer) of each source: openzeppelin-monitor, forta, alertmanager, generic. A source
 * without its secret or token refuses every request.
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

  /** How a source proves itself: an HMAC secret or a bearer token. Never logged. */
  public record SourceCredentials(String secret, String token) {
    @Override
    public String toString() {
      return "SourceCredentials[secret=" + (secret == null ? "unset" : "***") + ", token="
          + (token == null ? "unset" : "***") + "]";
    }
  }

  public String secret(String source) {
    SourceCredentials credentials = sources.get(source);
    return credentials == null || credentials.secret() == null || credentials.secret().isBlank()
        ? null : credentials.secret();
  }

  public String token(String source) {
    SourceCredentials credentials = sources.get(source);
    return credentials == null || credentials.token() == null || credentials.token().isBlank()
        ? null : credentials.token();
  }
}
