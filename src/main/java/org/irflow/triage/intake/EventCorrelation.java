package org.irflow.triage.intake;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.irflow.containment.ContractRegistry;
import org.irflow.incident.SecurityEvents;
import org.irflow.incident.SecurityEvents.IncidentEvidence;
import org.irflow.incident.SecurityEvents.PendingEvent;
import org.springframework.stereotype.Component;

/**
 * Finds the open incident a received event concerns: one of the incident's events has the same
 * fingerprint, or names the same contract or system. A registered contract matches by name or by
 * address alike, so an alert naming 0x… meets a report naming the contract.
 */
@Component
public class EventCorrelation {

  /** Words of an "affected systems" text that name nothing in particular. */
  private static final Set<String> NOT_A_SYSTEM = Set.of("and", "the", "all", "any", "none", "unknown", "n/a",
      "not", "stated", "contract", "contracts", "system", "systems", "our", "with", "from", "for");

  public record Match(String incidentId, String matchedOn) {}

  private final SecurityEvents events;
  private final ContractRegistry registry;

  public EventCorrelation(SecurityEvents events, ContractRegistry registry) {
    this.events = events;
    this.registry = registry;
  }

  public Optional<Match> openIncidentConcerning(PendingEvent event) {
    List<IncidentEvidence> open = events.eventsOfOpenIncidents();
    if (open.isEmpty()) {
      return Optional.empty();
    }
    if (event.fingerprint() != null) {
      for (IncidentEvidence evidence : open) {
        if (event.fingerprint().equals(evidence.fingerprint())) {
          return Optional.of(new Match(evidence.incidentId(), "the same fingerprint " + event.fingerprint()));
        }
      }
    }
    Set<String> mine = subjects(event.affectedSystems());
    if (mine.isEmpty()) {
      return Optional.empty();
    }
    for (IncidentEvidence evidence : open) {
      Set<String> common = subjects(evidence.affectedSystems());
      common.retainAll(mine);
      if (!common.isEmpty()) {
        return Optional.of(new Match(evidence.incidentId(), "the same contract or system: " + String.join(", ", common)));
      }
    }
    return Optional.empty();
  }

  /** The contracts (by registry name) and the other systems an "affected systems" text names. */
  Set<String> subjects(String affectedSystems) {
    Set<String> subjects = new LinkedHashSet<>();
    if (affectedSystems == null || affectedSystems.isBlank() || affectedSystems.startsWith(EventIntake.NOT_STATED_BY)) {
      return subjects;
    }
    registry.mentionedIn(affectedSystems).forEach(contract -> subjects.add("contract " + contract.name()));
    for (String word : affectedSystems.toLowerCase(Locale.ROOT).split("[\\s,;]+")) {
      String system = word.replaceAll("^[^\\p{Alnum}]+|[^\\p{Alnum}]+$", "");
      if (system.length() >= 3 && !NOT_A_SYSTEM.contains(system)) {
        subjects.add(system);
      }
    }
    return subjects;
  }
}
