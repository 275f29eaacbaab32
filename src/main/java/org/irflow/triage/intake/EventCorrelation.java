package org.irflow.triage.intake;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.irflow.incident.Incident;
import org.irflow.incident.Incidents;
import org.irflow.incident.SecurityEvent;
import org.irflow.incident.SecurityEvents;
import org.irflow.incident.SecurityEvents.KeyHolder;
import org.irflow.incident.SecurityEvents.PendingEvent;
import org.irflow.incident.SecurityEvents.TriageOrigin;
import org.irflow.triage.intake.CorrelationKeys.Keys;
import org.springframework.stereotype.Component;

/**
 * Decides where a received event goes, on its structured keys only ({@link CorrelationKeys}): into an
 * open incident as evidence or into an open triage as one more of its events ("join"), or into a
 * triage of its own. It joins an open incident or triage that holds its fingerprint, or the same
 * monitor rule on the same subject within the rule window, or every registered contract it names; and
 * only when that incident or triage covers every registered contract it names and the event is no more
 * severe (and no more exploited) than what is open. Otherwise it starts its own triage, linked to each
 * open incident or triage it shares a key with, so that an attacker cannot hide an alert on one
 * contract inside an incident about another, nor an exploit inside a quieter triage.
 */
@Component
public class EventCorrelation {

  /** An open incident or an open triage (its process instance and the event it was started for). */
  public record Target(String incidentId, String triageProcessInstanceId, long originEventId) {

    public boolean incident() {
      return incidentId != null;
    }

    /** How people know it: the incident id, or the triage of its event. */
    public String label() {
      return incident() ? incidentId : "the open triage of event " + originEventId;
    }
  }

  /** Where the event goes. */
  public sealed interface Outcome permits Join, OwnTriage {}

  /** The event becomes evidence on the incident, or one more event of the triage. */
  public record Join(Target target, String matchedOn) implements Outcome {}

  /** The event starts its own triage, linked to the open incidents and triages it relates to. */
  public record OwnTriage(List<Related> related) implements Outcome {}

  /** An open incident or triage that shares a key with the event, and why the event did not join it. */
  public record Related(Target target, String why) {}

  private final SecurityEvents events;
  private final Incidents incidents;
  private final IntakeProperties properties;
  private final Clock clock;

  public EventCorrelation(SecurityEvents events, Incidents incidents, IntakeProperties properties, Clock clock) {
    this.events = events;
    this.incidents = incidents;
    this.properties = properties;
    this.clock = clock;
  }

  public Outcome correlate(PendingEvent event, Keys keys) {
    Instant ruleWindowStart = clock.instant().minus(properties.correlation().ruleWindow());
    Map<Target, Set<String>> shared = new LinkedHashMap<>();
    for (KeyHolder holder : events.openHoldersOf(keys.all())) {
      if (holder.key().startsWith(CorrelationKeys.RULE) && holder.latest().isBefore(ruleWindowStart)) {
        continue;
      }
      Target target = target(holder);
      if (target != null) {
        shared.computeIfAbsent(target, t -> new TreeSet<>()).add(holder.key());
      }
    }
    List<Related> related = new ArrayList<>();
    for (Map.Entry<Target, Set<String>> candidate : shared.entrySet()) {
      Target target = candidate.getKey();
      Set<String> sharedKeys = candidate.getValue();
      Set<String> uncovered = keys.contractKeys();
      uncovered.removeAll(target.incident()
          ? events.keysOfIncident(target.incidentId(), CorrelationKeys.CONTRACT)
          : events.keysOfTriage(target.triageProcessInstanceId(), CorrelationKeys.CONTRACT));
      if (!uncovered.isEmpty()) {
        related.add(new Related(target, "it names " + names(keys, uncovered) + ", which " + target.label()
            + " does not cover"));
        continue;
      }
      String moreSevere = moreSevereThan(event, target);
      if (moreSevere != null) {
        related.add(new Related(target, moreSevere));
        continue;
      }
      return new Join(target, matchedOn(keys, sharedKeys));
    }
    return new OwnTriage(related);
  }

  private Target target(KeyHolder holder) {
    if (holder.incidentId() != null) {
      return incidents.find(holder.incidentId()).filter(incident -> incident.eventId() != null)
          .map(incident -> new Target(incident.id(), null, incident.eventId())).orElse(null);
    }
    return events.originOfTriage(holder.triageProcessInstanceId())
        .map(origin -> new Target(null, holder.triageProcessInstanceId(), origin.eventId())).orElse(null);
  }

  /** Why the event is more urgent than the open incident or triage, or null when it is not. */
  private String moreSevereThan(PendingEvent event, Target target) {
    String openSeverity;
    boolean openExploited;
    if (target.incident()) {
      // the more severe of what was decided and what the incident's own event claimed: an alert that
      // repeats what opened the incident does not escalate it
      Incident incident = incidents.find(target.incidentId()).orElseThrow();
      String claimed = incident.eventId() == null ? null : events.find(incident.eventId())
          .map(SecurityEvent::suspectedSeverity).orElse(null);
      openSeverity = rank(claimed) < rank(incident.severity().name()) ? claimed : incident.severity().name();
      openExploited = incident.eventId() != null && events.activelyExploited(incident.eventId());
    } else {
      TriageOrigin origin = events.originOfTriage(target.triageProcessInstanceId()).orElseThrow();
      openSeverity = origin.suspectedSeverity();
      openExploited = origin.activelyExploited();
    }
    if (rank(event.suspectedSeverity()) < rank(openSeverity)) {
      return "it is more severe (" + event.suspectedSeverity() + ") than " + target.label() + " (" + openSeverity + ")";
    }
    if (event.activelyExploited() && !openExploited) {
      return "it reports an exploit, which " + target.label() + " does not";
    }
    return null;
  }

  /** SEV1 first; UNKNOWN, or no severity, last. */
  static int rank(String severity) {
    if (severity == null || !severity.matches("SEV[1-4]")) {
      return 5;
    }
    return severity.charAt(3) - '0';
  }

  private static String matchedOn(Keys keys, Set<String> sharedKeys) {
    if (keys.fingerprint() != null && sharedKeys.contains(CorrelationKeys.FINGERPRINT + keys.fingerprint())) {
      return "the same fingerprint " + keys.fingerprint();
    }
    if (keys.ruleKey() != null && sharedKeys.contains(keys.ruleKey())) {
      return "the same " + keys.rule();
    }
    return "the same registered contract" + (keys.contracts().size() == 1 ? " " : "s ") + keys.contractNames();
  }

  private static String names(Keys keys, Set<String> contractKeys) {
    return String.join(", ", keys.contracts().stream()
        .filter(contract -> contractKeys.contains(CorrelationKeys.contractKey(contract)))
        .map(contract -> contract.name()).toList());
  }
}
