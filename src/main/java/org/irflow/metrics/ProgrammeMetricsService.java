package org.irflow.metrics;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.irflow.containment.ContractRegistry;
import org.irflow.containment.signers.SignerAddresses;
import org.irflow.containment.signers.SignerDrills;
import org.irflow.incident.Severity;
import org.irflow.metrics.ProgrammeMetrics.DrillCadence;
import org.irflow.metrics.ProgrammeMetrics.Durations;
import org.irflow.metrics.ProgrammeMetrics.OpenBySeverity;
import org.irflow.metrics.ProgrammeMetrics.OpenIncidents;
import org.irflow.metrics.ProgrammeMetrics.OverdueActionItems;
import org.irflow.metrics.ProgrammeMetrics.OverdueItem;
import org.irflow.metrics.ProgrammeMetrics.Readiness;
import org.irflow.metrics.ProgrammeMetrics.SystemCount;
import org.irflow.metrics.ProgrammeMetrics.TrainingCompliance;
import org.irflow.process.CadenceProperties;
import org.irflow.process.Cadences;
import org.irflow.readiness.training.TrainingStatus;
import org.irflow.readiness.training.TrainingStatusService;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Computes the programme metrics from irflow's own tables (no engine history is needed: every
 * instant is on the incident, event, pause and action item rows). Drill incidents, their events
 * and their pauses never count. Nor does an incident merged into another: it was the same incident
 * all along, and the one kept stands for both, with the merged one's events (and their systems).
 */
@Service
@Transactional(readOnly = true)
public class ProgrammeMetricsService {

  /** The incidents that count, as a condition on {@code incident i}: real ones, not merged into another. */
  private static final String COUNTED_INCIDENT = "i.drill = false and i.status <> 'MERGED'";

  /** How a list of affected systems is split into systems. */
  private static final Pattern SYSTEM_SEPARATORS = Pattern.compile("[,;\\n]+");

  /** Filters of a computation; null fields filter nothing. */
  public record Filter(Severity severity, String system) {
    public static final Filter NONE = new Filter(null, null);
  }

  private final JdbcTemplate jdbc;
  private final ContractRegistry registry;
  private final TrainingStatusService training;
  private final CadenceProperties cadences;
  private final SignerDrills signerDrills;
  private final Clock clock;

  public ProgrammeMetricsService(JdbcTemplate jdbc, ContractRegistry registry, TrainingStatusService training,
      CadenceProperties cadences, SignerDrills signerDrills, Clock clock) {
    this.signerDrills = signerDrills;
    this.jdbc = jdbc;
    this.registry = registry;
    this.training = training;
    this.cadences = cadences;
    this.clock = clock;
  }

  /** The figures for [from, to) as of now (engine clock). */
  public ProgrammeMetrics compute(Instant from, Instant to, Filter filter) {
    return compute(from, to, filter, clock.instant());
  }

  /** The figures for [from, to), point-in-time figures as of the earlier of {@code to} and {@code now}. */
  public ProgrammeMetrics compute(Instant from, Instant to, Filter filter, Instant now) {
    if (!from.isBefore(to)) {
      throw new IllegalArgumentException("from must be before to");
    }
    Instant asOf = to.isBefore(now) ? to : now;
    Systems systems = new Systems(registry.contracts());
    Set<String> wanted = filter.system() == null ? null : systems.of(filter.system());

    // events decided in the period (time to acknowledge), not those of drills
    List<Long> acknowledge = new ArrayList<>();
    jdbc.query("""
        select e.reported_at, e.decided_at, e.severity, e.affected_systems
          from security_event e left join incident i on i.id = e.incident_id
         where e.decided_at >= ? and e.decided_at < ?
           and (i.id is null or i.drill = false)
           and not exists (select 1 from drill d where d.event_id = e.id)""", rs -> {
          if (filter.severity() != null && !filter.severity().name().equals(rs.getString("severity"))) {
            return;
          }
          if (wanted != null && !intersects(systems.of(rs.getString("affected_systems")), wanted)) {
            return;
          }
          acknowledge.add(seconds(instant(rs, "reported_at"), instant(rs, "decided_at")));
        }, utc(from), utc(to));

    // the affected systems of every real incident, from all its events
    Map<String, Set<String>> incidentSystems = new HashMap<>();
    jdbc.query("""
        select i.id, e.affected_systems
          from incident i join security_event e on e.incident_id = i.id or e.id = i.event_id
         where %s and i.declared_at < ?""".formatted(COUNTED_INCIDENT), rs -> {
          incidentSystems.computeIfAbsent(rs.getString("id"), id -> systems.newSet())
              .addAll(systems.of(rs.getString("affected_systems")));
        }, utc(to));

    List<Row> incidents = jdbc.query("""
        select i.id, i.severity, i.reported_at, i.declared_at, i.resolved_at, i.closed_at,
               (select min(p.verified_at) from pause_batch p
                 where p.incident_id = i.id and p.status = 'PAUSED' and p.drill = false) first_paused_at
          from incident i
         where %s and i.declared_at < ? and (i.closed_at is null or i.closed_at >= ?)
         order by i.declared_at, i.id""".formatted(COUNTED_INCIDENT), (rs, n) -> new Row(rs.getString("id"), rs.getString("severity"),
            instant(rs, "reported_at"), instant(rs, "declared_at"), instant(rs, "resolved_at"),
            instant(rs, "closed_at"), instant(rs, "first_paused_at")), utc(to), utc(from));

    List<Long> declare = new ArrayList<>();
    List<Long> contain = new ArrayList<>();
    List<Long> recover = new ArrayList<>();
    Map<String, Integer> perSystem = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    for (ContractRegistry.RegisteredContract contract : registry.contracts()) {
      perSystem.put(contract.name(), 0);
    }
    Map<Severity, int[]> open = new TreeMap<>();
    for (Severity severity : Severity.values()) {
      if (filter.severity() == null || filter.severity() == severity) {
        open.put(severity, new int[2]);
      }
    }
    int declared = 0;
    for (Row incident : incidents) {
      Set<String> itsSystems = incidentSystems.getOrDefault(incident.id(), Set.of());
      if (filter.severity() != null && !filter.severity().name().equals(incident.severity())) {
        continue;
      }
      if (wanted != null && !intersects(itsSystems, wanted)) {
        continue;
      }
      if (within(incident.declaredAt(), from, to)) {
        declared++;
        declare.add(seconds(incident.reportedAt(), incident.declaredAt()));
        for (String system : itsSystems) {
          perSystem.merge(system, 1, Integer::sum);
        }
      }
      if (within(incident.firstPausedAt(), from, to)) {
        contain.add(seconds(incident.declaredAt(), incident.firstPausedAt()));
      }
      if (within(incident.resolvedAt(), from, to)) {
        recover.add(seconds(incident.declaredAt(), incident.resolvedAt()));
      }
      int[] counts = open.get(Severity.valueOf(incident.severity()));
      if (counts != null && incident.declaredAt().isBefore(asOf)) {
        if (incident.resolvedAt() == null || !incident.resolvedAt().isBefore(asOf)) {
          counts[0]++;
        } else if (incident.closedAt() == null || !incident.closedAt().isBefore(asOf)) {
          counts[1]++;
        }
      }
    }

    List<SystemCount> systemCounts = new ArrayList<>();
    perSystem.forEach((system, count) -> {
      if (wanted == null || wanted.contains(system)) {
        systemCounts.add(new SystemCount(system, systems.isContract(system), count));
      }
    });
    List<OpenBySeverity> openBySeverity = new ArrayList<>();
    int openTotal = 0;
    for (Map.Entry<Severity, int[]> entry : open.entrySet()) {
      openBySeverity.add(new OpenBySeverity(entry.getKey().name(), entry.getValue()[0], entry.getValue()[1]));
      openTotal += entry.getValue()[0] + entry.getValue()[1];
    }

    return new ProgrammeMetrics(from, to, asOf, filter.severity() == null ? null : filter.severity().name(),
        filter.system(), durations(acknowledge), durations(declare), durations(contain), durations(recover),
        declared, systemCounts, new OpenIncidents(openTotal, openBySeverity),
        overdueActionItems(asOf, filter, wanted, incidentSystems), drillCadence(asOf), trainingCompliance(),
        readiness(from, to), signerDrills(asOf));
  }

  /** The latest signer drill of each Safe ended before asOf. */
  public List<ProgrammeMetrics.SignerDrillFigure> signerDrills(Instant asOf) {
    return signerDrills.latestEndedPerSafe(asOf).stream().map(drill -> new ProgrammeMetrics.SignerDrillFigure(
        drill.chainId(), SignerAddresses.checksummed(drill.safe()), drill.id(), drill.startedAt(),
        drill.timeToThresholdSeconds(), drill.threshold(), drill.limitSeconds(),
        drill.outcome() == SignerDrills.Outcome.WITHIN_LIMIT, drill.didNotAnswer())).toList();
  }

  /** Action items open at asOf (not done or waived by then) whose committed date is before asOf's day. */
  OverdueActionItems overdueActionItems(Instant asOf, Filter filter, Set<String> wanted,
      Map<String, Set<String>> incidentSystems) {
    LocalDate today = asOf.atZone(ZoneOffset.UTC).toLocalDate();
    List<OverdueItem> items = new ArrayList<>();
    jdbc.query("""
        select a.incident_id, a.item_number, a.title, a.owner_id, a.due_date, i.severity
          from action_item a join incident i on i.id = a.incident_id
         where i.drill = false and a.due_date < ? and a.created_at < ?
           and (a.completed_at is null or a.completed_at >= ?)
           and (a.waived_at is null or a.waived_at >= ?)
         order by a.due_date, a.incident_id, a.item_number""", rs -> {
          if (filter.severity() != null && !filter.severity().name().equals(rs.getString("severity"))) {
            return;
          }
          String incidentId = rs.getString("incident_id");
          if (wanted != null && !intersects(incidentSystems.getOrDefault(incidentId, Set.of()), wanted)) {
            return;
          }
          items.add(new OverdueItem(incidentId, rs.getInt("item_number"), rs.getString("title"),
              rs.getString("owner_id"), rs.getObject("due_date", LocalDate.class)));
        }, today, utc(asOf), utc(asOf), utc(asOf));
    return new OverdueActionItems(items.size(), items);
  }

  /** Kept when the last drill started before asOf lies within irflow.cadences.drill-interval of it. */
  DrillCadence drillCadence(Instant asOf) {
    List<Instant> last = jdbc.query(
        "select max(started_at) last_started from drill where started_at is not null and started_at < ?",
        (rs, n) -> instant(rs, "last_started"), utc(asOf));
    Instant lastDrill = last.isEmpty() ? null : last.get(0);
    Instant nextDueBy = lastDrill == null ? null : Cadences.plus(lastDrill, cadences.drillInterval());
    return new DrillCadence(nextDueBy != null && nextDueBy.isAfter(asOf), lastDrill,
        cadences.drillInterval().toString(), nextDueBy);
  }

  /** Members of the response groups with current training, now (IR-2). */
  public TrainingCompliance trainingCompliance() {
    List<TrainingStatus> members = training.all();
    int current = (int) members.stream().filter(m -> m.status() == TrainingStatus.Status.CURRENT).count();
    return new TrainingCompliance(current, members.size(),
        members.isEmpty() ? null : (double) current / members.size());
  }

  /** The last readiness review confirmed within [from, to). */
  public Readiness readiness(Instant from, Instant to) {
    List<Readiness> confirmed = jdbc.query("""
        select confirmed_at, assessment from readiness_review
         where confirmed_at >= ? and confirmed_at < ? order by confirmed_at desc""",
        (rs, n) -> new Readiness(true, instant(rs, "confirmed_at"), rs.getString("assessment")),
        utc(from), utc(to));
    return confirmed.isEmpty() ? new Readiness(false, null, null) : confirmed.get(0);
  }

  /** Count, mean and 90th percentile (nearest rank: the ceil(0.9 n)-th smallest) of durations in seconds. */
  static Durations durations(Collection<Long> seconds) {
    if (seconds.isEmpty()) {
      return new Durations(0, null, null);
    }
    List<Long> sorted = new ArrayList<>(seconds);
    sorted.sort(null);
    double mean = sorted.stream().mapToLong(Long::longValue).average().orElseThrow();
    int rank = (int) Math.ceil(0.9 * sorted.size());
    return new Durations(sorted.size(), mean, sorted.get(rank - 1));
  }

  private record Row(String id, String severity, Instant reportedAt, Instant declaredAt, Instant resolvedAt,
      Instant closedAt, Instant firstPausedAt) {}

  /**
   * Systems named in a free-text list of affected systems: each comma-, semicolon- or line-separated
   * part becomes the registered contracts it names (by name or address, see
   * {@link ContractRegistry#mentionedIn}), or the part as written when it names none.
   */
  static final class Systems {
    private final List<ContractRegistry.RegisteredContract> contracts;
    private final Set<String> contractNames = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);

    Systems(List<ContractRegistry.RegisteredContract> contracts) {
      this.contracts = contracts;
      contracts.forEach(contract -> contractNames.add(contract.name()));
    }

    Set<String> newSet() {
      return new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    }

    Set<String> of(String affectedSystems) {
      Set<String> found = newSet();
      if (affectedSystems == null) {
        return found;
      }
      for (String part : SYSTEM_SEPARATORS.split(affectedSystems)) {
        String system = part.trim();
        if (system.isEmpty()) {
          continue;
        }
        List<String> named = mentioned(system);
        if (named.isEmpty()) {
          found.add(system);
        } else {
          found.addAll(named);
        }
      }
      return found;
    }

    boolean isContract(String system) {
      return contractNames.contains(system);
    }

    private List<String> mentioned(String text) {
      return ContractRegistry.mentionedIn(text, contracts).stream()
          .map(ContractRegistry.RegisteredContract::name).toList();
    }
  }

  private static boolean intersects(Set<String> systems, Set<String> wanted) {
    return systems.stream().anyMatch(wanted::contains);
  }

  private static boolean within(Instant instant, Instant from, Instant to) {
    return instant != null && !instant.isBefore(from) && instant.isBefore(to);
  }

  private static long seconds(Instant start, Instant end) {
    return Duration.between(start, end).getSeconds();
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }
}
