package org.irflow.readiness.review;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.irflow.process.Cadences;
import org.irflow.readiness.OnCall;
import org.irflow.readiness.OnCallService;
import org.springframework.stereotype.Component;

/**
 * Every hour of the next irflow.readiness.coverage-horizon (four weeks) has a primary and a
 * secondary on call for each of irflow.readiness.on-call-roles. Hours without one are reported as
 * contiguous ranges, e.g. "incident-commanders: no secondary 2026-11-25 20:00Z–2026-11-26 08:00Z".
 */
@Component
public class OnCallCoverageCheck implements ReadinessCheck {

  static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm'Z'").withZone(ZoneOffset.UTC);

  private final OnCallService onCall;
  private final ReadinessProperties properties;

  public OnCallCoverageCheck(OnCallService onCall, ReadinessProperties properties) {
    this.onCall = onCall;
    this.properties = properties;
  }

  @Override
  public String id() {
    return "on-call-coverage";
  }

  @Override
  public List<Finding> run(Instant now) {
    List<Finding> findings = new ArrayList<>();
    Instant from = now.truncatedTo(ChronoUnit.HOURS);
    Instant to = Cadences.plus(from, properties.coverageHorizon());
    for (String role : properties.onCallRoles()) {
      List<OnCall> hours = new ArrayList<>();
      for (Instant hour = from; hour.isBefore(to); hour = hour.plus(Duration.ofHours(1))) {
        hours.add(onCall.onCall(role, hour));
      }
      findings.addAll(ranges(role, "primary", hours, answer -> answer.primary() == null));
      findings.addAll(ranges(role, "secondary", hours, answer -> answer.secondary() == null));
    }
    return findings;
  }

  private static List<Finding> ranges(String role, String position, List<OnCall> hours, Predicate<OnCall> missing) {
    List<Finding> findings = new ArrayList<>();
    Instant start = null;
    for (int i = 0; i <= hours.size(); i++) {
      boolean gap = i < hours.size() && missing.test(hours.get(i));
      if (gap && start == null) {
        start = hours.get(i).at();
      } else if (!gap && start != null) {
        Instant end = hours.get(i - 1).at().plus(Duration.ofHours(1));
        findings.add(Finding.gap(role, role + ": no " + position + " " + HOUR.format(start) + "–" + HOUR.format(end)));
        start = null;
      }
    }
    return findings;
  }
}
