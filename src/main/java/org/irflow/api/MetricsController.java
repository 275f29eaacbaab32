package org.irflow.api;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;
import org.irflow.api.ApiExceptionHandler.BadRequest;
import org.irflow.incident.Severity;
import org.irflow.metrics.MetricsProperties;
import org.irflow.metrics.ProgrammeMetrics;
import org.irflow.metrics.ProgrammeMetricsService;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The programme metrics for a period [from, to) (drills excluded): from and to are ISO 8601 instants
 * (2026-01-01T00:00:00Z) or days (2026-01-01, midnight UTC); by default the trailing
 * irflow.metrics.window up to now. Optional filters: severity (SEV1..SEV4), system (a contract's name
 * or address, or a system as written in the reports).
 */
@RestController
@RequestMapping("/api/metrics")
public class MetricsController {

  private final ProgrammeMetricsService metrics;
  private final MetricsProperties properties;
  private final CurrentUser currentUser;
  private final Clock clock;

  public MetricsController(ProgrammeMetricsService metrics, MetricsProperties properties, CurrentUser currentUser,
      Clock clock) {
    this.metrics = metrics;
    this.properties = properties;
    this.currentUser = currentUser;
    this.clock = clock;
  }

  @GetMapping
  public ProgrammeMetrics get(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
      @RequestParam(required = false) String severity, @RequestParam(required = false) String system) {
    currentUser.requireProgrammeMember();
    Instant now = clock.instant();
    Instant end = isBlank(to) ? now : instant("to", to);
    Instant start = isBlank(from) ? end.minus(properties.window()) : instant("from", from);
    if (!start.isBefore(end)) {
      throw new BadRequest(isBlank(from) ? "to" : "from", "'from' (" + start + ") must be before 'to' (" + end + ")");
    }
    Severity wanted = null;
    if (!isBlank(severity)) {
      try {
        wanted = Severity.valueOf(severity.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new BadRequest("severity", "'" + severity + "' is not a valid severity; expected one of "
            + Arrays.toString(Severity.values()));
      }
    }
    if (system != null && system.length() > 300) {
      throw new BadRequest("system", "'system' is longer than 300 characters");
    }
    return metrics.compute(start, end,
        new ProgrammeMetricsService.Filter(wanted, isBlank(system) ? null : system.trim()), now);
  }

  private static Instant instant(String name, String value) {
    String text = value.trim();
    try {
      if (text.length() == 10) {
        return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
      }
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      throw new BadRequest(name, "'" + value + "' is not a valid '" + name
          + "': expected an ISO 8601 instant such as 2026-01-01T00:00:00Z, or a day such as 2026-01-01");
    }
  }

  private static boolean isBlank(String value) {
    return value == null || value.isBlank();
  }
}
