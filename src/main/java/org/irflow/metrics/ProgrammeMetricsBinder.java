package org.irflow.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import java.time.Instant;
import java.util.function.ToDoubleFunction;
import org.irflow.incident.Severity;
import org.irflow.metrics.ProgrammeMetrics.Durations;
import org.irflow.process.CadenceProperties;
import org.irflow.process.Cadences;
import org.springframework.stereotype.Component;

/**
 * The programme metrics as Micrometer gauges (irflow_* at /actuator/prometheus), over the trailing
 * irflow.metrics.window up to now. One computation serves every gauge of a scrape: it is reused for
 * irflow.metrics.cache-for.
 */
@Component
public class ProgrammeMetricsBinder implements MeterBinder {

  private record Snapshot(Instant at, ProgrammeMetrics metrics, ProgrammeMetrics.Readiness readiness) {}

  private final ProgrammeMetricsService service;
  private final MetricsProperties properties;
  private final CadenceProperties cadences;
  private final Clock clock;
  private volatile Snapshot snapshot;

  public ProgrammeMetricsBinder(ProgrammeMetricsService service, MetricsProperties properties,
      CadenceProperties cadences, Clock clock) {
    this.service = service;
    this.properties = properties;
    this.cadences = cadences;
    this.clock = clock;
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    for (Severity severity : Severity.values()) {
      gauge(registry, "irflow.incidents.open", "Open real incidents by severity and stage", null,
          m -> m.openIncidents().bySeverity().stream().filter(s -> s.severity().equals(severity.name()))
              .mapToInt(ProgrammeMetrics.OpenBySeverity::responding).sum(),
          "severity", severity.name(), "stage", "responding");
      gauge(registry, "irflow.incidents.open", "Open real incidents by severity and stage", null,
          m -> m.openIncidents().bySeverity().stream().filter(s -> s.severity().equals(severity.name()))
              .mapToInt(ProgrammeMetrics.OpenBySeverity::awaitingPostMortem).sum(),
          "severity", severity.name(), "stage", "awaiting-post-mortem");
    }
    durations(registry, "irflow.time.to.acknowledge", "Event reported to triage decision", ProgrammeMetrics::timeToAcknowledge);
    durations(registry, "irflow.time.to.declare", "Event reported to incident declared", ProgrammeMetrics::timeToDeclare);
    durations(registry, "irflow.time.to.contain", "Incident declared to first verified pause", ProgrammeMetrics::timeToContain);
    durations(registry, "irflow.time.to.recover", "Incident declared to resolved", ProgrammeMetrics::timeToRecover);
    gauge(registry, "irflow.incidents.declared", "Real incidents declared in the window", null,
        ProgrammeMetrics::incidentsDeclared);
    gauge(registry, "irflow.action.items.overdue", "Open action items past their committed date", null,
        m -> m.overdueActionItems().count());
    gauge(registry, "irflow.drill.cadence.kept", "1 when the last drill started within the drill interval", null,
        m -> m.drillCadence().kept() ? 1 : 0);
    gauge(registry, "irflow.training.compliance.ratio", "Members of the response groups with current training",
        null, m -> m.trainingCompliance().ratio() == null ? Double.NaN : m.trainingCompliance().ratio());
    gauge(registry, "irflow.signer.drill.time.to.threshold", "Start of the latest signer drill until the threshold's"
        + " worth of owners had signed, the slowest Safe; +Inf when a Safe's never reached it", "seconds",
        ProgrammeMetricsBinder::slowestTimeToThreshold);
    gauge(registry, "irflow.signer.drill.within.limit", "1 when the latest signer drill of every Safe reached the"
        + " threshold within the limit", null, m -> m.signerDrills().isEmpty() ? Double.NaN
            : m.signerDrills().stream().allMatch(ProgrammeMetrics.SignerDrillFigure::withinLimit) ? 1 : 0);
    Gauge.builder("irflow.readiness.review.confirmed", this,
            binder -> binder.current().readiness().confirmed() ? 1 : 0)
        .description("1 when a readiness review was confirmed within the readiness review period")
        .register(registry);
  }

  /** The slowest latest figure over the Safes; NaN before any drill ended. */
  static double slowestTimeToThreshold(ProgrammeMetrics metrics) {
    return metrics.signerDrills().stream()
        .mapToDouble(figure -> figure.timeToThresholdSeconds() == null ? Double.POSITIVE_INFINITY
            : figure.timeToThresholdSeconds())
        .max().orElse(Double.NaN);
  }

  private void durations(MeterRegistry registry, String name, String description,
      java.util.function.Function<ProgrammeMetrics, Durations> figure) {
    gauge(registry, name, description + " (mean over the window)", "seconds",
        m -> figure.apply(m).meanSeconds() == null ? Double.NaN : figure.apply(m).meanSeconds(), "stat", "mean");
    gauge(registry, name, description + " (90th percentile over the window)", "seconds",
        m -> figure.apply(m).p90Seconds() == null ? Double.NaN : figure.apply(m).p90Seconds(), "stat", "p90");
  }

  private void gauge(MeterRegistry registry, String name, String description, String unit,
      ToDoubleFunction<ProgrammeMetrics> value, String... tags) {
    Gauge.builder(name, this, binder -> value.applyAsDouble(binder.current().metrics()))
        .description(description).baseUnit(unit).tags(tags).register(registry);
  }

  private Snapshot current() {
    Instant now = clock.instant();
    Snapshot last = snapshot;
    if (last == null || !last.at().plus(properties.cacheFor()).isAfter(now) || last.at().isAfter(now)) {
      synchronized (this) {
        last = snapshot;
        if (last == null || !last.at().plus(properties.cacheFor()).isAfter(now) || last.at().isAfter(now)) {
          last = new Snapshot(now,
              service.compute(now.minus(properties.window()), now, ProgrammeMetricsService.Filter.NONE, now),
              service.readiness(Cadences.minus(now, cadences.readinessReview()), now));
          snapshot = last;
        }
      }
    }
    return last;
  }
}
