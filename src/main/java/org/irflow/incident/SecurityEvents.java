package org.irflow.incident;

import static org.irflow.incident.Timeline.instant;
import static org.irflow.incident.Timeline.utc;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.irflow.process.DatabaseProduct;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** The security_event table. */
@Repository
public class SecurityEvents {

  private final JdbcTemplate jdbc;
  private final DatabaseProduct database;

  public SecurityEvents(JdbcTemplate jdbc, DatabaseProduct database) {
    this.jdbc = jdbc;
    this.database = database;
  }

  /** A new event as reported, before any decision. */
  public record NewEvent(Instant reportedAt, String reporter, String channel, String title,
      String description, String affectedSystems, String suspectedSeverity,
      String triageProcessInstanceId) {}

  public long insert(NewEvent event) {
    GeneratedKeyHolder key = new GeneratedKeyHolder();
    jdbc.update(connection -> {
      PreparedStatement statement = connection.prepareStatement("""
          insert into security_event (reported_at, reporter, channel, title, description,
                                      affected_systems, suspected_severity, triage_process_instance_id)
          values (?, ?, ?, ?, ?, ?, ?, ?)""", new String[] {"id"});
      statement.setObject(1, utc(event.reportedAt()));
      statement.setString(2, event.reporter());
      statement.setString(3, event.channel());
      statement.setString(4, event.title());
      statement.setString(5, event.description());
      statement.setString(6, event.affectedSystems());
      statement.setString(7, event.suspectedSeverity());
      statement.setString(8, event.triageProcessInstanceId());
      return statement;
    }, key);
    return key.getKey().longValue();
  }

  public void decide(long eventId, String disposition, String severity, Instant decidedAt, String decidedBy) {
    jdbc.update("""
        update security_event set disposition = ?, severity = ?, decided_at = ?, decided_by = ?
        where id = ?""", disposition, severity, utc(decidedAt), decidedBy, eventId);
  }

  void linkIncident(long eventId, String incidentId) {
    jdbc.update("update security_event set incident_id = ? where id = ?", incidentId, eventId);
  }

  /**
   * An alert as received from a monitoring source, normalised; {@code monitor} names the monitor within
   * the source that raised it (Forta bot id, OpenZeppelin Monitor name, Alertmanager alertname, generic
   * sender), null when the alert does not say.
   */
  public record ReceivedEvent(Instant receivedAt, String source, String reporter, String title,
      String description, String affectedSystems, String suspectedSeverity, String sourceSeverity,
      String findingType, String fingerprint, String payload, boolean fundsAtRisk,
      boolean activelyExploited, boolean informationSpill, Long chainId, String monitor, String monitorRule) {}

  private static final String INSERT_RECEIVED = """
      insert into security_event (reported_at, reporter, channel, title, description, affected_systems,
                                  suspected_severity, source, source_severity, finding_type, fingerprint,
                                  payload, received_at, funds_at_risk, actively_exploited,
                                  information_spill, chain_id, monitor, monitor_rule, intake_state)
      values (?, ?, 'MONITORING_ALERT', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'PENDING')""";

  private static final int IN_LIST_CHUNK = 500;

  /**
   * Stores received alerts (channel MONITORING_ALERT) in one JDBC batch, each waiting for the dispatcher
   * (intake state PENDING); answers their ids in order.
   */
  public List<Long> insertReceived(List<ReceivedEvent> received) {
    if (received.isEmpty()) {
      return List.of();
    }
    return jdbc.execute((ConnectionCallback<List<Long>>) connection -> {
      try (PreparedStatement statement = connection.prepareStatement(INSERT_RECEIVED, new String[] {"id"})) {
        for (ReceivedEvent event : received) {
          statement.setObject(1, utc(event.receivedAt()));
          statement.setString(2, event.reporter());
          statement.setString(3, event.title());
          statement.setString(4, event.description());
          statement.setString(5, event.affectedSystems());
          statement.setString(6, event.suspectedSeverity());
          statement.setString(7, event.source());
          statement.setString(8, event.sourceSeverity());
          statement.setString(9, event.findingType());
          statement.setString(10, event.fingerprint());
          statement.setString(11, event.payload());
          statement.setObject(12, utc(event.receivedAt()));
          statement.setBoolean(13, event.fundsAtRisk());
          statement.setBoolean(14, event.activelyExploited());
          statement.setBoolean(15, event.informationSpill());
          statement.setObject(16, event.chainId(), java.sql.Types.BIGINT);
          statement.setString(17, event.monitor());
          statement.setString(18, event.monitorRule());
          statement.addBatch();
        }
        statement.executeBatch();
        List<Long> ids = new ArrayList<>(received.size());
        try (ResultSet keys = statement.getGeneratedKeys()) {
          while (keys.next()) {
            ids.add(keys.getLong(1));
          }
        }
        if (ids.size() != received.size()) {
          throw new IllegalStateException("the database returned " + ids.size() + " ids for "
              + received.size() + " inserted events");
        }
        return ids;
      }
    });
  }

  /**
   * Locks these fingerprints' rows of intake_fingerprint until the end of the caller's transaction, in
   * ascending order in one pass, so that two writers with overlapping batches never deadlock; answers
   * the fingerprints that have no row yet (the caller creates them with {@link #createFingerprints} and
   * locks again). A writer on another node that locks one of them waits for this transaction's commit,
   * and then sees the events it stored. Rows are only locked, never rewritten: one statement serves a
   * batch, and a storm repeating a few fingerprints thousands of times a second leaves no dead rows.
   */
  public Set<String> lockFingerprints(Collection<String> fingerprints) {
    List<String> sorted = fingerprints.stream().sorted().distinct().toList();
    Set<String> unknown = new LinkedHashSet<>(sorted);
    inChunks(sorted, chunk -> unknown.removeAll(jdbc.queryForList("select fingerprint from intake_fingerprint"
        + " where fingerprint in (" + placeholders(chunk.size()) + ") order by fingerprint for update",
        String.class, chunk.toArray())));
    return unknown;
  }

  /**
   * Creates the rows of fingerprints seen for the first time (last_claimed_at: when the row was made); a
   * row that another node made meanwhile is left as it is. Meant for a short transaction of its own
   * before {@link #lockFingerprints}, which then takes every lock of a batch in one ascending pass.
   */
  public void createFingerprints(Collection<String> fingerprints, Instant at) {
    if (fingerprints.isEmpty()) {
      return;
    }
    List<String> sorted = fingerprints.stream().sorted().distinct().toList();
    if (database.postgres()) {
      jdbc.update(connection -> {
        PreparedStatement statement = connection.prepareStatement("insert into intake_fingerprint"
            + " (fingerprint, last_claimed_at) select f, ? from unnest(?::varchar[]) as n(f) order by f"
            + " on conflict (fingerprint) do nothing");
        statement.setObject(1, utc(at));
        statement.setArray(2, connection.createArrayOf("varchar", sorted.toArray()));
        return statement;
      });
    } else {
      // H2 is the single-node default (one writer thread): no second writer can race this insert
      jdbc.batchUpdate("insert into intake_fingerprint (fingerprint, last_claimed_at) select ?, ?"
          + " where not exists (select 1 from intake_fingerprint where fingerprint = ?)",
          sorted.stream().map(fingerprint -> new Object[] {fingerprint, utc(at), fingerprint}).toList());
    }
  }

  /**
   * For each fingerprint, the newest received event with it received at or after {@code since}
   * (fingerprints with none are absent).
   */
  public Map<String, Long> findByFingerprintsSince(Collection<String> fingerprints, Instant since) {
    Map<String, Long> found = new HashMap<>();
    inChunks(new ArrayList<>(fingerprints), chunk -> {
      List<Object> arguments = new ArrayList<>(chunk);
      arguments.add(utc(since));
      jdbc.query("select fingerprint, max(id) as id from security_event where fingerprint in ("
              + placeholders(chunk.size()) + ") and received_at >= ? group by fingerprint",
          (RowCallbackHandler) rs -> found.put(rs.getString("fingerprint"), rs.getLong("id")),
          arguments.toArray());
    });
    return found;
  }

  /** Runs {@code each} on consecutive parts of {@code values} short enough for one {@code in (...)} list. */
  private static void inChunks(List<String> values, Consumer<List<String>> each) {
    for (int from = 0; from < values.size(); from += IN_LIST_CHUNK) {
      each.accept(values.subList(from, Math.min(values.size(), from + IN_LIST_CHUNK)));
    }
  }

  private static String placeholders(int count) {
    return String.join(",", Collections.nCopies(count, "?"));
  }

  /**
   * More copies of events' alerts arrived: event id → how many. Counted in security_event_copies, not
   * on the event's row, which the dispatcher may hold locked for the length of a triage start. In
   * ascending event order, so that two nodes counting copies of the same events never deadlock.
   */
  public void countDuplicates(Map<Long, Integer> copies, Instant at) {
    if (copies.isEmpty()) {
      return;
    }
    TreeMap<Long, Integer> ordered = new TreeMap<>(copies);
    if (database.postgres()) {
      // one statement for the batch: a JDBC batch would be one upsert per event
      jdbc.update(connection -> {
        PreparedStatement statement = connection.prepareStatement("""
            insert into security_event_copies (event_id, copies, last_copy_at)
            select e, n, ? from unnest(?::bigint[], ?::integer[]) as c(e, n) order by e
            on conflict (event_id) do update
            set copies = security_event_copies.copies + excluded.copies, last_copy_at = excluded.last_copy_at""");
        statement.setObject(1, utc(at));
        statement.setArray(2, connection.createArrayOf("bigint", ordered.keySet().toArray()));
        statement.setArray(3, connection.createArrayOf("integer", ordered.values().toArray()));
        return statement;
      });
      return;
    }
    List<Object[]> rows = new ArrayList<>();
    ordered.forEach((eventId, count) -> rows.add(new Object[] {eventId, count, utc(at)}));
    jdbc.batchUpdate("""
        merge into security_event_copies c using (values (cast(? as bigint), cast(? as integer),
            cast(? as timestamp with time zone))) n (event_id, copies, at) on c.event_id = n.event_id
        when matched then update set copies = c.copies + n.copies, last_copy_at = n.at
        when not matched then insert (event_id, copies, last_copy_at) values (n.event_id, n.copies, n.at)""", rows);
  }

  /** How many copies of the event's alert were counted on it (0 for none). */
  public int copiesOf(long eventId) {
    return jdbc.queryForList("select copies from security_event_copies where event_id = ?", Integer.class, eventId)
        .stream().findFirst().orElse(0);
  }

  /** A received event as the dispatcher needs it to start its triage or attach it as evidence. */
  public record PendingEvent(long id, Instant receivedAt, String source, String reporter, String title,
      String description, String affectedSystems, String suspectedSeverity, String sourceSeverity,
      String findingType, String fingerprint, boolean fundsAtRisk, boolean activelyExploited,
      boolean informationSpill, int dispatchAttempts, Long chainId, String monitorRule) {}

  /** Ids of the events waiting for the dispatcher whose next attempt is due, oldest first. */
  public List<Long> dueForDispatch(Instant now, int limit) {
    return jdbc.queryForList("""
        select id from security_event
        where intake_state = 'PENDING' and (next_dispatch_at is null or next_dispatch_at <= ?)
        order by id limit ?""", Long.class, utc(now), limit);
  }

  /** How many events wait for the dispatcher. */
  public long countPending() {
    Long count = jdbc.queryForObject("select count(*) from security_event where intake_state = 'PENDING'",
        Long.class);
    return count == null ? 0 : count;
  }

  /**
   * Takes a waiting event for this transaction's dispatch; empty when it is no longer waiting (another
   * node dispatched it: on PostgreSQL the row lock makes the second claim wait for the first's commit).
   */
  public Optional<PendingEvent> claimForDispatch(long eventId) {
    int claimed = jdbc.update(
        "update security_event set intake_state = 'DISPATCHING' where id = ? and intake_state = 'PENDING'", eventId);
    if (claimed != 1) {
      return Optional.empty();
    }
    return pending(eventId);
  }

  /** The monitoring source of a received event. */
  /** The chain the event's source says it is about; empty when it names none (a person's report). */
  public Optional<Long> chainOf(long eventId) {
    return jdbc.query("select chain_id from security_event where id = ?",
        (rs, row) -> (Long) rs.getObject("chain_id", Long.class), eventId).stream().filter(java.util.Objects::nonNull)
        .findFirst();
  }

  public String sourceOf(long eventId) {
    return jdbc.queryForList("select source from security_event where id = ?", String.class, eventId).stream()
        .findFirst().orElse(null);
  }

  /** How often the event's dispatch has failed so far. */
  public int dispatchAttempts(long eventId) {
    Integer attempts = jdbc.queryForObject("select dispatch_attempts from security_event where id = ?", Integer.class,
        eventId);
    return attempts == null ? 0 : attempts;
  }

  public void markTriageStarted(long eventId, Instant at) {
    jdbc.update("""
        update security_event set intake_state = 'TRIAGE_STARTED', dispatched_at = ?, dispatch_error = null
        where id = ?""", utc(at), eventId);
  }

  /** The event concerns an open incident: it becomes that incident's evidence, not a triage of its own. */
  void markAttached(long eventId, String incidentId, Instant at) {
    jdbc.update("""
        update security_event set intake_state = 'ATTACHED', incident_id = ?, disposition = 'EVIDENCE',
                                  decided_at = ?, decided_by = 'irflow', dispatched_at = ?, dispatch_error = null
        where id = ?""", incidentId, utc(at), utc(at), eventId);
  }

  /** A dispatch failed (its transaction rolled back): try again at {@code nextAttemptAt}. */
  public void recordDispatchFailure(long eventId, Instant nextAttemptAt, String error) {
    jdbc.update("""
        update security_event set dispatch_attempts = dispatch_attempts + 1, next_dispatch_at = ?, dispatch_error = ?
        where id = ? and intake_state = 'PENDING'""",
        utc(nextAttemptAt), error == null ? null : error.substring(0, Math.min(error.length(), 2000)), eventId);
  }

  /** Stores an event's correlation keys (see security_event_key), stamped with when it was received. */
  public void storeKeys(long eventId, Instant receivedAt, Collection<String> keys) {
    List<String> distinct = keys.stream().distinct().toList();
    if (distinct.isEmpty()) {
      return;
    }
    jdbc.batchUpdate("insert into security_event_key (key_value, event_id, received_at) values (?, ?, ?)",
        distinct.stream().map(key -> new Object[] {key, eventId, utc(receivedAt)}).toList());
  }

  /**
   * Where an open incident or an open triage holds one of the keys: the incident (declared, not a
   * drill) or, for an event not yet decided, the triage the dispatcher started for it; with the newest
   * time an event of it was received with that key.
   */
  public record KeyHolder(String incidentId, String triageProcessInstanceId, String key, Instant latest) {}

  /**
   * The open incidents and open triages that hold any of these keys: incidents first, the newest
   * declared first, then triages, the oldest first. One row per holder and key, however many of its
   * events share the key (a storm gathered into one triage is one row).
   */
  public List<KeyHolder> openHoldersOf(Collection<String> keys) {
    List<String> distinct = keys.stream().distinct().toList();
    if (distinct.isEmpty()) {
      return List.of();
    }
    return jdbc.query("""
        select e.incident_id, case when e.incident_id is null then e.triage_process_instance_id end as triage,
               k.key_value, max(k.received_at) as latest, max(i.declared_at) as declared_at, min(e.id) as first_event
        from security_event_key k
        join security_event e on e.id = k.event_id
        left join incident i on i.id = e.incident_id
        where k.key_value in (%s)
          and ((i.status = 'DECLARED' and i.drill = false)
               or (e.incident_id is null and e.disposition is null and e.triage_process_instance_id is not null
                   and e.intake_state in ('TRIAGE_STARTED', 'GATHERED')))
        group by e.incident_id, case when e.incident_id is null then e.triage_process_instance_id end, k.key_value
        order by case when e.incident_id is null then 1 else 0 end, max(i.declared_at) desc, min(e.id)"""
            .formatted(placeholders(distinct.size())),
        (rs, row) -> new KeyHolder(rs.getString(1), rs.getString(2), rs.getString(3), instant(rs, "latest")),
        distinct.toArray());
  }

  /** The keys with this prefix that an incident's events hold (all its contracts, say). */
  public Set<String> keysOfIncident(String incidentId, String prefix) {
    return new LinkedHashSet<>(jdbc.queryForList("""
        select distinct k.key_value from security_event_key k join security_event e on e.id = k.event_id
        where e.incident_id = ? and k.key_value like ?""", String.class, incidentId, prefix + "%"));
  }

  /** The keys with this prefix that the events of a triage hold, its own and those gathered into it. */
  public Set<String> keysOfTriage(String triageProcessInstanceId, String prefix) {
    return new LinkedHashSet<>(jdbc.queryForList("""
        select distinct k.key_value from security_event_key k join security_event e on e.id = k.event_id
        where e.triage_process_instance_id = ? and e.incident_id is null and k.key_value like ?""",
        String.class, triageProcessInstanceId, prefix + "%"));
  }

  /** The event whose triage a process instance is, with what correlation compares. */
  public record TriageOrigin(long eventId, String suspectedSeverity, boolean activelyExploited) {}

  /** The event a triage the dispatcher started was started for; empty for any other process. */
  public Optional<TriageOrigin> originOfTriage(String triageProcessInstanceId) {
    return jdbc.query("""
        select id, suspected_severity, actively_exploited from security_event
        where triage_process_instance_id = ? and intake_state = 'TRIAGE_STARTED'""",
        (rs, row) -> new TriageOrigin(rs.getLong(1), rs.getString(2), rs.getBoolean(3)), triageProcessInstanceId)
        .stream().findFirst();
  }

  /** Whether an incident's own event (the one it was declared for) said it is actively exploited. */
  public boolean activelyExploited(long eventId) {
    return Boolean.TRUE.equals(jdbc.queryForList("select actively_exploited from security_event where id = ?",
        Boolean.class, eventId).stream().findFirst().orElse(false));
  }

  /**
   * Locks the event of an open triage until the end of this transaction, so that its decision, which
   * updates that row first, waits for an event being gathered into it or is seen by it; false when the
   * triage has been decided meanwhile (on PostgreSQL the lock re-reads the row after the decision's commit).
   */
  public boolean lockUndecidedTriage(long originEventId) {
    return !jdbc.queryForList("select id from security_event where id = ? and disposition is null for update",
        Long.class, originEventId).isEmpty();
  }

  /** The event joins another event's open triage instead of a triage of its own. */
  public void markGathered(long eventId, String triageProcessInstanceId, Instant at) {
    jdbc.update("""
        update security_event set intake_state = 'GATHERED', triage_process_instance_id = ?, dispatched_at = ?,
                                  dispatch_error = null
        where id = ?""", triageProcessInstanceId, utc(at), eventId);
  }

  /** How many events a triage holds: its own and those gathered into it. */
  public int countOfTriage(String triageProcessInstanceId) {
    Integer count = jdbc.queryForObject("select count(*) from security_event where triage_process_instance_id = ?",
        Integer.class, triageProcessInstanceId);
    return count == null ? 0 : count;
  }

  /** The events gathered into the triage of this event (not the event itself). */
  List<Long> gatheredInto(long originEventId) {
    return jdbc.queryForList("""
        select g.id from security_event g join security_event o on o.triage_process_instance_id = g.triage_process_instance_id
        where o.id = ? and g.intake_state = 'GATHERED' order by g.id""", Long.class, originEventId);
  }

  /** The triage's decision is also the decision of the events gathered into it. */
  void decideGathered(List<Long> gathered, String disposition, String severity, Instant decidedAt, String decidedBy,
      String incidentId) {
    jdbc.batchUpdate("""
        update security_event set disposition = ?, severity = ?, decided_at = ?, decided_by = ?, incident_id = ?
        where id = ?""", gathered.stream().map(id -> new Object[] {disposition, severity, utc(decidedAt), decidedBy,
        incidentId, id}).toList());
  }

  /** The events of an incident, its own first. */
  public List<Long> eventsOfIncident(String incidentId) {
    return jdbc.queryForList("select id from security_event where incident_id = ? order by id", Long.class, incidentId);
  }

  /**
   * Takes an event off its incident so that it can have a triage of its own (intake state DISPATCHING, as
   * the dispatcher leaves an event it starts a triage for); false when the event is not the incident's.
   */
  boolean detach(long eventId, String incidentId) {
    return jdbc.update("""
        update security_event set incident_id = null, disposition = null, severity = null, decided_at = null,
                                  decided_by = null, triage_process_instance_id = null, intake_state = 'DISPATCHING'
        where id = ? and incident_id = ?""", eventId, incidentId) == 1;
  }

  /**
   * Takes an event gathered into an open triage out of it so that it can have a triage of its own
   * (intake state DISPATCHING); false when the event is not gathered into that triage, or is decided.
   */
  boolean detachFromTriage(long eventId, String triageProcessInstanceId) {
    return jdbc.update("""
        update security_event set triage_process_instance_id = null, intake_state = 'DISPATCHING'
        where id = ? and triage_process_instance_id = ? and intake_state = 'GATHERED' and disposition is null""",
        eventId, triageProcessInstanceId) == 1;
  }

  /** An event as a person deciding what to move or merge sees it. */
  public record EventOverview(long id, Instant reportedAt, String source, String reporter, String title,
      String sourceSeverity, String findingType, String channel) {}

  private static final String OVERVIEW =
      "select id, reported_at, source, reporter, title, source_severity, finding_type, channel from security_event ";

  /** The first {@code limit} events of an incident, its own first. */
  public List<EventOverview> overviewOfIncident(String incidentId, int limit) {
    return jdbc.query(OVERVIEW + "where incident_id = ? order by id limit ?", SecurityEvents::overview, incidentId,
        limit);
  }

  /** The first {@code limit} events of a triage: the one it was started for first, then those gathered into it. */
  public List<EventOverview> overviewOfTriage(String triageProcessInstanceId, int limit) {
    return jdbc.query(OVERVIEW + "where triage_process_instance_id = ? and incident_id is null order by id limit ?",
        SecurityEvents::overview, triageProcessInstanceId, limit);
  }

  /** An open triage of the intake that other events were gathered into. */
  public record GatheringTriage(String processInstanceId, long eventId, String title, String suspectedSeverity) {}

  /** The undecided triages of the intake holding gathered events, the newest first. */
  public List<GatheringTriage> openTriagesWithGatheredEvents(int limit) {
    return jdbc.query("""
        select o.triage_process_instance_id, o.id, o.title, o.suspected_severity from security_event o
        where o.intake_state = 'TRIAGE_STARTED' and o.disposition is null and o.incident_id is null
          and o.triage_process_instance_id is not null
          and exists (select 1 from security_event g where g.triage_process_instance_id = o.triage_process_instance_id
                      and g.intake_state = 'GATHERED')
        order by o.id desc limit ?""",
        (rs, row) -> new GatheringTriage(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4)), limit);
  }

  private static EventOverview overview(ResultSet rs, int row) throws SQLException {
    return new EventOverview(rs.getLong("id"), instant(rs, "reported_at"), rs.getString("source"),
        rs.getString("reporter"), rs.getString("title"), rs.getString("source_severity"),
        rs.getString("finding_type"), rs.getString("channel"));
  }

  /** Every event of one incident becomes an event of another. */
  void moveEvents(String fromIncidentId, String toIncidentId) {
    jdbc.update("update security_event set incident_id = ? where incident_id = ?", toIncidentId, fromIncidentId);
  }

  /** A received event as the dispatcher reads it, without claiming it. */
  public Optional<PendingEvent> pending(long eventId) {
    return jdbc.query("select * from security_event where id = ?", SecurityEvents::pendingEvent, eventId)
        .stream().findFirst();
  }

  private static PendingEvent pendingEvent(ResultSet rs, int row) throws SQLException {
    return new PendingEvent(rs.getLong("id"), instant(rs, "received_at"), rs.getString("source"),
        rs.getString("reporter"), rs.getString("title"), rs.getString("description"), rs.getString("affected_systems"),
        rs.getString("suspected_severity"), rs.getString("source_severity"), rs.getString("finding_type"),
        rs.getString("fingerprint"), rs.getBoolean("funds_at_risk"), rs.getBoolean("actively_exploited"),
        rs.getBoolean("information_spill"), rs.getInt("dispatch_attempts"), rs.getObject("chain_id", Long.class),
        rs.getString("monitor_rule"));
  }

  /**
   * Links a received event (taken by the dispatcher, not yet triaged) to the triage that starts for it;
   * false when there is no such event, so that no triage can take over another's event.
   */
  public boolean claimForTriage(long eventId, String triageProcessInstanceId) {
    return jdbc.update("""
        update security_event set triage_process_instance_id = ?
        where id = ? and intake_state = 'DISPATCHING' and triage_process_instance_id is null""",
        triageProcessInstanceId, eventId) == 1;
  }

  public Optional<SecurityEvent> find(long eventId) {
    return jdbc.query("select * from security_event where id = ?", SecurityEvents::map, eventId)
        .stream().findFirst();
  }


  private static SecurityEvent map(ResultSet rs, int row) throws SQLException {
    return new SecurityEvent(
        rs.getLong("id"),
        instant(rs, "reported_at"),
        rs.getString("reporter"),
        rs.getString("channel"),
        rs.getString("title"),
        rs.getString("description"),
        rs.getString("affected_systems"),
        rs.getString("suspected_severity"),
        rs.getString("disposition"),
        rs.getString("severity"),
        rs.getString("triage_process_instance_id"),
        rs.getString("incident_id"),
        instant(rs, "decided_at"),
        rs.getString("decided_by"));
  }
}
