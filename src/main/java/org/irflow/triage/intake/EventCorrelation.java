package org.irflow.triage.intake;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.irflow.containment.ContractRegistry;
import org.irflow.containment.ContractRegistry.RegisteredContract;
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

  private static final String CONTRACT = "contract ";
  private static final Pattern SEPARATORS = Pattern.compile("[\\s,;]+");
  private static final Pattern EDGE_PUNCTUATION = Pattern.compile("^[^\\p{Alnum}]+|[^\\p{Alnum}]+$");

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
    // the event's own contracts are looked for in the whole registry once; each open event's text is
    // then searched for those contracts only, so that the cost does not grow with the registry
    List<RegisteredContract> registered = registry.contracts();
    Set<String> mine = subjects(event.affectedSystems(), registered);
    if (mine.isEmpty()) {
      return Optional.empty();
    }
    List<RegisteredContract> myContracts = registered.stream()
        .filter(contract -> mine.contains(CONTRACT + contract.name())).toList();
    for (IncidentEvidence evidence : open) {
      Set<String> common = subjects(evidence.affectedSystems(), myContracts);
      common.retainAll(mine);
      if (!common.isEmpty()) {
        return Optional.of(new Match(evidence.incidentId(), "the same contract or system: " + String.join(", ", common)));
      }
    }
    return Optional.empty();
  }

  /** The contracts (by registry name, among the given ones) and the other systems an "affected systems" text names. */
  static Set<String> subjects(String affectedSystems, List<RegisteredContract> contracts) {
    Set<String> subjects = new LinkedHashSet<>();
    if (affectedSystems == null || affectedSystems.isBlank() || affectedSystems.startsWith(EventIntake.NOT_STATED_BY)) {
      return subjects;
    }
    ContractRegistry.mentionedIn(affectedSystems, contracts).forEach(contract -> subjects.add(CONTRACT + contract.name()));
    for (String word : SEPARATORS.split(affectedSystems.toLowerCase(Locale.ROOT))) {
      String system = EDGE_PUNCTUATION.matcher(word).replaceAll("");
      if (system.length() >= 3 && !NOT_A_SYSTEM.contains(system)) {
        subjects.add(system);
      }
    }
    return subjects;
  }
}
