package org.irflow.metrics;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * irflow.metrics.*: the programme metrics.
 *
 * @param window the trailing window of the Prometheus gauges and the default period of /api/metrics
 * @param cacheFor how long the gauges reuse one computation (a scrape reads every gauge at once)
 */
@ConfigurationProperties("irflow.metrics")
public record MetricsProperties(
    @DefaultValue("P90D") Duration window,
    @DefaultValue("PT15S") Duration cacheFor) {}
