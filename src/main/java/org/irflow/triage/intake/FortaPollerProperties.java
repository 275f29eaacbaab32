package org.irflow.triage.intake;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.irflow.security.Secrets;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * irflow.intake.forta-poller.*: the optional pull of Forta alerts from Forta's GraphQL API (off by
 * default; the webhook {@code /webhooks/forta} is the push alternative).
 *
 * @param enabled poll at all (false by default: no poller bean, no request)
 * @param url the GraphQL endpoint
 * @param apiKey Forta API key, sent as {@code Authorization: Bearer}; from the environment
 *     (IRFLOW_INTAKE_FORTA_POLLER_APIKEY), never logged, never in a process variable
 * @param bots the bot ids to pull alerts of (Forta requires at least one)
 * @param chainId only alerts of this chain; all chains when absent
 * @param interval pause between the end of one poll and the start of the next
 * @param pageSize alerts asked for per request ({@code first})
 * @param lookBack how far back the very first poll reaches (no cursor stored yet)
 * @param overlap how far before the cursor each poll starts again, for alerts that Forta indexes late
 * @param timeout connect and request timeout of one HTTP request
 */
@ConfigurationProperties("irflow.intake.forta-poller")
public record FortaPollerProperties(
    @DefaultValue("false") boolean enabled,
    @DefaultValue("https://api.forta.network/graphql") URI url,
    String apiKey,
    @DefaultValue List<String> bots,
    Long chainId,
    @DefaultValue("PT30S") Duration interval,
    @DefaultValue("100") int pageSize,
    @DefaultValue("PT1H") Duration lookBack,
    @DefaultValue("PT2M") Duration overlap,
    @DefaultValue("PT10S") Duration timeout) {

  private static final String PREFIX = "irflow.intake.forta-poller.";

  public FortaPollerProperties {
    bots = bots == null ? List.of()
        : bots.stream().filter(bot -> bot != null && !bot.isBlank()).map(String::strip).distinct().toList();
    apiKey = apiKey == null || apiKey.isBlank() ? null : apiKey.strip();
    require(url != null, "url is required");
    require(pageSize >= 1, "page-size must be at least 1");
    require(interval != null && !interval.isNegative() && !interval.isZero(), "interval must be positive");
    require(lookBack != null && !lookBack.isNegative(), "look-back must not be negative");
    require(overlap != null && !overlap.isNegative(), "overlap must not be negative");
    require(timeout != null && !timeout.isNegative() && !timeout.isZero(), "timeout must be positive");
    require(chainId == null || chainId >= 0, "chain-id must not be negative");
    if (enabled) {
      require(!bots.isEmpty(), "bots: at least one bot id when the poller is enabled");
      require(apiKey != null, "api-key (IRFLOW_INTAKE_FORTA_POLLER_APIKEY) is required when the poller is enabled");
    }
  }

  private static void require(boolean condition, String message) {
    if (!condition) {
      throw new IllegalArgumentException(PREFIX + message);
    }
  }

  @Override
  public String toString() {
    return "FortaPollerProperties[enabled=" + enabled + ", url=" + url + ", apiKey="
        + Secrets.masked(apiKey) + ", bots=" + bots + ", chainId=" + chainId + ", interval="
        + interval + ", pageSize=" + pageSize + ", lookBack=" + lookBack + ", overlap=" + overlap
        + ", timeout=" + timeout + "]";
  }
}
