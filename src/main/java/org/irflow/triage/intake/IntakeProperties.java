package org.irflow.triage.intake;

import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Event intake from monitoring (irflow.intake.*): body size limit, the signatures' replay window, the
 * de-duplication window, and the secret (HMAC) or token (bearer) of each source: openzeppelin-monitor,
 * forta, alertmanager, generic. A source without its secret or token refuses every request.
 */
@ConfigurationProperties("irflow.intake")
public record IntakeProperties(
    @DefaultValue("1MB") DataSize maxBodySize,
    @DefaultValue("PT5M") Duration replayWindow,
    @DefaultValue("PT1H") Duration deduplicationWindow,
    Map<String, SourceCredentials> sources) {

  public IntakeProperties {
    sources = sources == null ? Map.of() : Map.copyOf(sources);
  }

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
