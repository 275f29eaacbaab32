package org.irflow.containment.pause;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.irflow.containment.AutomaticPausePolicy;
import org.irflow.containment.ContractRegistry;
import org.irflow.containment.ContractRegistry.RegisteredContract;
import org.irflow.triage.intake.AlertEmitter;
import org.irflow.triage.intake.SourceSeverity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Service;

/**
 * Decides whether monitoring's alerts on a registered contract meet its automatic-pause policy
 * ({@link AutomaticPausePolicy}): an alert at or above the minimum severity, of a pausing finding
 * type, from a trusted monitor or corroborated by an independent monitor within the window. The
 * alerts, and the monitor that raised each, are read as the intake stored them, never from process
 * variables, which a person's start could have set. A corroborating alert names the same contract and does not itself fall below the
 * policy: a severity it states is at least the minimum, a finding type it states is one of the
 * policy's (OpenZeppelin Monitor states neither: a monitor matching on the contract is its whole
 * statement).
 */
@Service
public class AutomaticPauseCheck {

  /** The most alerts on one contract read for one decision (the newest), so a storm keeps it cheap. */
  static final int ALERTS_READ = 1000;
  private static final int ALERTS_SHOWN = 10;

  /**
   * The decision for one contract: pause now, or propose the pause to the supervisor.
   *
   * @param summary the decision, its rule and its inputs in a sentence, for the timeline
   * @param alerts the alerts considered, one line each, for the supervisor's task
   * @param details the rule and the inputs as JSON, for the timeline's details
   */
  public record Verdict(boolean pause, String summary, String alerts, String details) {}

  /** A stored alert as the policy reads it; emitter null for a person's report. */
  record Alert(long eventId, Instant receivedAt, AlertEmitter emitter, SourceSeverity severity, String findingType,
      String title) {

    String line() {
      return receivedAt.atOffset(ZoneOffset.UTC).toLocalTime().withNano(0) + " UTC " + (emitter == null
          ? "a person's report" : emitter.describe()) + " (" + severity + (findingType == null ? "" : " " + findingType)
          + "): " + title + " [event " + eventId + "]";
    }
  }

  private final JdbcTemplate jdbc;
  private final ObjectMapper json;
  private final Clock clock;

  public AutomaticPauseCheck(JdbcTemplate jdbc, ObjectMapper json, Clock clock) {
    this.jdbc = jdbc;
    this.json = json;
    this.clock = clock;
  }

  /**
   * Whether the contract may be paused now without a person, for the event that proposed its pause:
   * that event, or any alert on the contract since the window before it, may meet the policy (a
   * corroborating alert that came after the proposal lets the pause go automatically).
   */
  public Verdict check(RegisteredContract contract, long triggerEventId) {
    AutomaticPausePolicy policy = contract.automaticPause();
    Alert trigger = alert(triggerEventId);
    if (!contract.automaticPauseAllowed()) {
      return propose(contract, policy, List.of(trigger), "the registry does not allow it"
          + " (automatic-pause-allowed: false)");
    }
    List<Alert> around = alertsOn(contract, trigger.receivedAt().minus(policy.corroborationWindow()));
    if (around.stream().noneMatch(alert -> alert.eventId() == trigger.eventId())) {
      around.add(0, trigger);
    }
    // the proposing event is tried first, then the others from the oldest
    List<Alert> candidates = new ArrayList<>(around);
    candidates.sort(Comparator.comparing((Alert alert) -> alert.eventId() != trigger.eventId())
        .thenComparing(Alert::receivedAt));
    for (Alert candidate : candidates) {
      if (!qualifies(candidate, policy)) {
        continue;
      }
      if (policy.trusts(candidate.emitter())) {
        return pause(contract, policy, around, describe(candidate) + " (trusted for automatic pause)");
      }
      Optional<Alert> corroboration = around.stream()
          .filter(other -> corroborates(other, candidate, policy))
          .min(Comparator.comparing(other -> Duration.between(other.receivedAt(), candidate.receivedAt()).abs()));
      if (corroboration.isPresent()) {
        Duration apart = Duration.between(corroboration.get().receivedAt(), candidate.receivedAt()).abs();
        return pause(contract, policy, around, describe(candidate) + " corroborated by "
            + corroboration.get().emitter().describe() + " within " + inWords(apart));
      }
    }
    return propose(contract, policy, around, whyNot(trigger, policy));
  }

  private static boolean qualifies(Alert alert, AutomaticPausePolicy policy) {
    return alert.emitter() != null && policy.severityMet(alert.severity())
        && policy.findingTypes().contains(alert.findingType());
  }

  /** Another monitor's alert, within the window, that does not state anything below the policy. */
  private static boolean corroborates(Alert other, Alert candidate, AutomaticPausePolicy policy) {
    return other.emitter() != null && !other.emitter().key().equals(candidate.emitter().key())
        && Duration.between(other.receivedAt(), candidate.receivedAt()).abs().compareTo(policy.corroborationWindow()) <= 0
        && (other.severity() == SourceSeverity.UNKNOWN || policy.severityMet(other.severity()))
        && (other.findingType() == null || policy.findingTypes().contains(other.findingType()));
  }

  private static String whyNot(Alert trigger, AutomaticPausePolicy policy) {
    if (trigger.emitter() == null) {
      return "reported by a person, not by monitoring";
    }
    if (!policy.severityMet(trigger.severity())) {
      return "severity " + trigger.severity() + " below " + policy.minimumSeverity();
    }
    if (!policy.findingTypes().contains(trigger.findingType())) {
      return "finding type " + trigger.findingType() + " not " + String.join(" or ", policy.findingTypes());
    }
    return describe(trigger) + " not corroborated by another monitor within " + inWords(policy.corroborationWindow())
        + ", and " + trigger.emitter().describe() + " is not trusted for automatic pause";
  }

  private static String describe(Alert alert) {
    return alert.severity() + " " + alert.findingType() + " from " + alert.emitter().describe();
  }

  private Verdict pause(RegisteredContract contract, AutomaticPausePolicy policy, List<Alert> alerts, String why) {
    return new Verdict(true, contract.name() + " paused automatically: " + why, lines(alerts),
        details(contract, policy, alerts, true));
  }

  private Verdict propose(RegisteredContract contract, AutomaticPausePolicy policy, List<Alert> alerts, String why) {
    return new Verdict(false, contract.name() + ": automatic pause not allowed: " + why
        + "; proposed to the supervisor", lines(alerts), details(contract, policy, alerts, false));
  }

  static String inWords(Duration duration) {
    long seconds = duration.toSeconds();
    return seconds < 60 ? seconds + " s" : (seconds + 59) / 60 + " min";
  }

  private static String lines(List<Alert> alerts) {
    List<String> lines = alerts.stream().sorted(Comparator.comparing(Alert::receivedAt)).map(Alert::line).toList();
    return String.join("\n", lines.size() <= ALERTS_SHOWN ? lines
        : lines.subList(lines.size() - ALERTS_SHOWN, lines.size()));
  }

  private String details(RegisteredContract contract, AutomaticPausePolicy policy, List<Alert> alerts, boolean pause) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("contract", contract.name());
    details.put("decision", pause ? "PAUSED_AUTOMATICALLY" : "PROPOSED_TO_SUPERVISOR");
    Map<String, Object> rule = new LinkedHashMap<>();
    rule.put("automaticPauseAllowed", contract.automaticPauseAllowed());
    rule.put("minimumSeverity", policy.minimumSeverity().name());
    rule.put("findingTypes", policy.findingTypes());
    rule.put("corroborationWindow", policy.corroborationWindow().toString());
    rule.put("trustedSources", policy.trustedSources());
    details.put("rule", rule);
    details.put("alerts", alerts.stream().limit(ALERTS_SHOWN).map(alert -> {
      Map<String, Object> input = new LinkedHashMap<>();
      input.put("eventId", alert.eventId());
      input.put("receivedAt", alert.receivedAt().toString());
      input.put("emitter", alert.emitter() == null ? null : alert.emitter().key());
      input.put("sourceSeverity", alert.severity().name());
      input.put("findingType", alert.findingType());
      return input;
    }).toList());
    try {
      return json.writeValueAsString(details);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  // ------------------------------------------------------------------------------ the stored alerts

  private static final String COLUMNS = """
      select id, channel, source, monitor, source_severity, finding_type, title, affected_systems,
             coalesce(received_at, reported_at) as received_at
      from security_event
      """;

  private Alert alert(long eventId) {
    return jdbc.query(COLUMNS + "where id = ?", (rs, row) -> toAlert(rs), eventId).stream().findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no event " + eventId));
  }

  /**
   * The monitoring alerts naming the contract (address or name) since the instant, the newest first;
   * an alert that names another chain is about another contract.
   */
  private List<Alert> alertsOn(RegisteredContract contract, Instant since) {
    List<Alert> alerts = new ArrayList<>();
    jdbc.query(COLUMNS + """
         where channel = 'MONITORING_ALERT' and received_at >= ? and received_at <= ?
           and (chain_id is null or chain_id = ?)
           and (lower(affected_systems) like ? or lower(affected_systems) like ?)
         order by received_at desc, id desc limit ?""", (RowCallbackHandler) rs -> {
          // the name as a whole word, as the registry matches it
          if (!ContractRegistry.mentionedIn(rs.getString("affected_systems"), List.of(contract)).isEmpty()) {
            alerts.add(toAlert(rs));
          }
        }, since.atOffset(ZoneOffset.UTC), clock.instant().atOffset(ZoneOffset.UTC), contract.chainId(),
        "%" + contract.address().toLowerCase(Locale.ROOT) + "%", "%" + contract.name().toLowerCase(Locale.ROOT) + "%",
        ALERTS_READ);
    return alerts;
  }

  /** A severity the intake stored; anything else (none, a value of another scale) counts as UNKNOWN. */
  private static SourceSeverity severity(String stored) {
    try {
      return stored == null ? SourceSeverity.UNKNOWN : SourceSeverity.valueOf(stored);
    } catch (IllegalArgumentException notOurs) {
      return SourceSeverity.UNKNOWN;
    }
  }

  private Alert toAlert(java.sql.ResultSet rs) throws java.sql.SQLException {
    String source = rs.getString("source");
    boolean monitoring = "MONITORING_ALERT".equals(rs.getString("channel")) && source != null;
    String severity = rs.getString("source_severity");
    return new Alert(rs.getLong("id"), rs.getObject("received_at", OffsetDateTime.class).toInstant(),
        monitoring ? new AlertEmitter(source, rs.getString("monitor")) : null,
        severity(severity), rs.getString("finding_type"),
        rs.getString("title"));
  }
}
