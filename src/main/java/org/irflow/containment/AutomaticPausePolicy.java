package org.irflow.containment;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.irflow.triage.intake.AlertEmitter;
import org.irflow.triage.intake.SourceSeverity;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What monitoring must show before irflow pauses a contract without asking a person. An alert may
 * pause when its source severity is at least {@code minimumSeverity} and its finding type is one of
 * {@code findingTypes}, and either its monitor is one of {@code trustedSources} or another, independent
 * monitor (see {@link AlertEmitter}) alerted on the same contract within {@code corroborationWindow}.
 *
 * @param minimumSeverity CRITICAL (the default), HIGH or MEDIUM: LOW and INFO never pause without a person
 * @param findingTypes EXPLOIT (the default), SUSPICIOUS or DEGRADED
 * @param corroborationWindow how far apart in time the two independent alerts may be
 * @param trustedSources monitors whose alert alone may pause: {@code forta:<bot id>},
 *     {@code openzeppelin-monitor:<monitor name>}, {@code alertmanager:<alertname>}, {@code generic:<source>}
 */
public record AutomaticPausePolicy(@DefaultValue("CRITICAL") SourceSeverity minimumSeverity,
    @DefaultValue("EXPLOIT") List<String> findingTypes, @DefaultValue("PT10M") Duration corroborationWindow,
    @DefaultValue List<String> trustedSources) {

  /** The lowest minimum an operator may state: below it a person always decides. */
  static final SourceSeverity LOWEST_MINIMUM = SourceSeverity.MEDIUM;
  /** Finding types that may stand for an attack on the contract (INFO, SCAM and UNKNOWN never pause). */
  static final List<String> PAUSING_FINDING_TYPES = List.of("EXPLOIT", "SUSPICIOUS", "DEGRADED");

  public static AutomaticPausePolicy defaults() {
    return new AutomaticPausePolicy(SourceSeverity.CRITICAL, List.of("EXPLOIT"), Duration.ofMinutes(10), List.of());
  }

  public AutomaticPausePolicy {
    findingTypes = findingTypes == null ? List.of()
        : findingTypes.stream().map(type -> type == null ? "" : type.trim().toUpperCase(Locale.ROOT)).toList();
    trustedSources = trustedSources == null ? List.of() : trustedSources.stream()
        .map(source -> AlertEmitter.parseConfigured(source).map(AlertEmitter::key).orElse(source)).toList();
  }

  /** Whether a source severity is at or above the minimum; UNKNOWN never is. */
  public boolean severityMet(SourceSeverity severity) {
    return severity != null && severity != SourceSeverity.UNKNOWN && severity.ordinal() <= minimumSeverity.ordinal();
  }

  public boolean trusts(AlertEmitter emitter) {
    return emitter.name() != null && trustedSources.contains(emitter.key());
  }

  /** What is wrong with the policy stated at {@code at} (a property path); empty when nothing is. */
  List<String> problems(String at) {
    List<String> problems = new ArrayList<>();
    if (minimumSeverity == null || minimumSeverity == SourceSeverity.UNKNOWN
        || minimumSeverity.ordinal() > LOWEST_MINIMUM.ordinal()) {
      problems.add(at + ".minimum-severity " + minimumSeverity + " is refused: LOW and INFO alerts never pause"
          + " without a person (CRITICAL, HIGH or MEDIUM)");
    }
    if (findingTypes.isEmpty()) {
      problems.add(at + ".finding-types is empty (EXPLOIT, SUSPICIOUS or DEGRADED)");
    }
    for (String type : findingTypes) {
      if (!PAUSING_FINDING_TYPES.contains(type)) {
        problems.add(at + ".finding-types: '" + type + "' cannot pause (EXPLOIT, SUSPICIOUS or DEGRADED)");
      }
    }
    if (corroborationWindow == null || corroborationWindow.isNegative() || corroborationWindow.isZero()) {
      problems.add(at + ".corroboration-window must be a positive duration, e.g. PT10M");
    }
    for (String source : trustedSources) {
      if (AlertEmitter.parseConfigured(source).isEmpty() || source.contains("\n")) {
        problems.add(at + ".trusted-sources: '" + source + "' is not <source>:<monitor>, with source one of "
            + AlertEmitter.SOURCES + " (e.g. forta:0x<bot id>, openzeppelin-monitor:<monitor name>)");
      }
    }
    return problems;
  }
}
