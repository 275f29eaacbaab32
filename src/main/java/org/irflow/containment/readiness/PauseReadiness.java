package org.irflow.containment.readiness;

import static org.irflow.process.PauseReadinessVariables.MESSAGE_PAUSE_PATH_WORKS_AGAIN;
import static org.irflow.process.PauseReadinessVariables.PAUSE_GAP_CONTRACT;
import static org.irflow.process.PauseReadinessVariables.PAUSE_GAP_FINDINGS;
import static org.irflow.process.PauseReadinessVariables.PAUSE_GAP_ID;
import static org.irflow.process.PauseReadinessVariables.PAUSE_GAP_OWNER;
import static org.irflow.process.PauseReadinessVariables.PAUSE_GAP_PATH;
import static org.irflow.process.PauseReadinessVariables.PAUSE_READINESS_GAP_PROCESS;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.camunda.bpm.engine.RuntimeService;
import org.irflow.comms.OutboundMessage;
import org.irflow.comms.OutboundMessage.Channel;
import org.irflow.comms.OutboundMessages;
import org.irflow.containment.ContractRegistry;
import org.irflow.containment.ContractRegistry.RegisteredContract;
import org.irflow.containment.readiness.PausePathResult.Item;
import org.irflow.containment.readiness.PausePathResult.ItemStatus;
import org.irflow.containment.readiness.PausePathResult.Status;
import org.irflow.readiness.OnCallService;
import org.irflow.security.Groups;
import org.springframework.context.annotation.Lazy;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The pause readiness of every registered contract: checks each path ({@link PausePathChecks}), stores
 * the results, and keeps one gap per broken contract and path. A gap opens a "Fix the pause path" task
 * (PauseReadinessGapProcess) for the contract's owner, or the on-call incident command supervisor, and
 * pages them; a contract left with no working path also pages the on-call supervisor. A later check that
 * finds the path working closes the gap and ends its task.
 */
@Service
public class PauseReadiness {

  /** Who closes a gap when a check passes again. */
  static final String CLOSED_BY_CHECK = "a passing pause readiness check";
  private static final int MAX_ITEMS_TEXT = 8000;
  /**
   * The path of a gap the signer drill keeps for a Safe too slow to reach its threshold; the pause
   * path check neither opens nor closes it.
   */
  public static final String SIGNER_DRILL_PATH = "signer-drill";

  /** A broken path, open until a check finds it working. */
  public record Gap(long id, String contract, String path, String summary, String owner, Instant openedAt,
      String processInstanceId, Instant closedAt, String closedBy) {}

  private final ContractRegistry registry;
  private final PausePathChecks checks;
  private final JdbcTemplate jdbc;
  private final RuntimeService runtime;
  private final OutboundMessages messages;
  private final OnCallService onCall;
  private final Clock clock;

  public PauseReadiness(ContractRegistry registry, PausePathChecks checks, JdbcTemplate jdbc,
      @Lazy RuntimeService runtime, OutboundMessages messages, OnCallService onCall, Clock clock) {
    this.registry = registry;
    this.checks = checks;
    this.jdbc = jdbc;
    this.runtime = runtime;
    this.messages = messages;
    this.onCall = onCall;
    this.clock = clock;
  }

  /** Checks every path of every registered contract, stores the results and opens or closes gaps. */
  @Transactional
  public List<PausePathResult> checkAll() {
    Instant now = clock.instant();
    List<PausePathResult> all = new ArrayList<>();
    Set<String> checked = new HashSet<>();
    for (RegisteredContract contract : registry.contracts()) {
      List<PausePathResult> results = checks.check(contract, now);
      boolean newGap = false;
      for (PausePathResult result : results) {
        store(result);
        checked.add(key(result.contract(), result.path()));
        if (result.status() == Status.FAILED) {
          newGap |= openGap(contract, result);
        } else {
          closeGap(result.contract(), result.path(), CLOSED_BY_CHECK);
        }
      }
      boolean noWorkingPath = results.stream().allMatch(result -> result.status() == Status.FAILED);
      if (noWorkingPath && newGap) {
        pageSupervisorAboutNoWorkingPath(contract, results);
      }
      all.addAll(results);
    }
    for (Gap gap : openGaps()) {
      if (!gap.path().equals(SIGNER_DRILL_PATH) && !checked.contains(key(gap.contract(), gap.path()))) {
        close(gap, "the path is no longer registered", now);
      }
    }
    return all;
  }

  /** The latest result of each path of each registered contract, in registry order. */
  public List<PausePathResult> latest() {
    List<PausePathResult> latest = new ArrayList<>();
    for (RegisteredContract contract : registry.contracts()) {
      List<PausePathResult> results = jdbc.query("""
          select * from pause_readiness_result r
          where r.contract_name = ? and r.id = (select max(id) from pause_readiness_result
                                                where contract_name = r.contract_name and path = r.path)
          order by r.id""", (rs, row) -> result(rs), contract.name());
      // a path no longer registered (or a chain that has since got RPC endpoints) is history, not the latest
      Set<String> paths = new HashSet<>(contract.pausers());
      paths.add(PausePathResult.MANUAL);
      results.stream().filter(result -> paths.contains(result.path())).forEach(latest::add);
    }
    return latest;
  }

  public List<Gap> openGaps() {
    return jdbc.query("select * from pause_readiness_gap where closed_at is null order by id", (rs, row) -> gap(rs));
  }

  public Gap gap(long id) {
    return jdbc.queryForObject("select * from pause_readiness_gap where id = ?", (rs, row) -> gap(rs), id);
  }

  public List<Gap> gaps(String contract, String path) {
    return jdbc.query("select * from pause_readiness_gap where contract_name = ? and path = ? order by id",
        (rs, row) -> gap(rs), contract, path);
  }

  /** Opens the gap of a failed path unless it is open with its task; answers whether a page went out. */
  private boolean openGap(RegisteredContract contract, PausePathResult result) {
    return openGap(result.contract(), result.path(), result.pathInWords(), result.failures(), contract.owner(),
        "Pause path broken: " + result.contract() + " through " + result.pathInWords(),
        "The daily pause readiness check found that a pause of " + result.contract() + " through "
            + result.pathInWords() + " would not work now:\n" + result.failures()
            + "\nThe task \"Fix the pause path\" is in Tasklist; it closes itself once a check passes.");
  }

  /**
   * Opens the gap of a subject (a contract, or a Safe for the signer drill) and path unless it is open
   * with its task: a "Fix the pause path" task for the owner (null: the on-call incident command
   * supervisor) and a page to them. An open gap whose task its owner has ended gets a new task.
   *
   * @return whether a page went out
   */
  @Transactional
  public boolean openGap(String subject, String path, String pathInWords, String findings, String owner,
      String pageSubject, String pageBody) {
    Instant now = clock.instant();
    String assignee = owner != null ? owner : onCall.onCall(Groups.INCIDENT_COMMANDERS, now).primary();
    Optional<Gap> open = openGap(subject, path);
    if (open.isPresent() && taskStillOpen(open.get())) {
      jdbc.update("update pause_readiness_gap set summary = ? where id = ?", shorten(findings, 4000),
          open.get().id());
      return false;
    }
    long id;
    if (open.isPresent()) {
      id = open.get().id();
      jdbc.update("update pause_readiness_gap set summary = ?, owner = ? where id = ?",
          shorten(findings, 4000), assignee, id);
    } else {
      jdbc.update("""
          insert into pause_readiness_gap (contract_name, path, summary, owner, opened_at)
          values (?, ?, ?, ?, ?)""", subject, path, shorten(findings, 4000), assignee, Timestamp.from(now));
      id = jdbc.queryForObject("select max(id) from pause_readiness_gap where contract_name = ? and path = ?",
          Long.class, subject, path);
    }
    Map<String, Object> variables = new HashMap<>();
    variables.put(PAUSE_GAP_ID, id);
    variables.put(PAUSE_GAP_OWNER, assignee);
    variables.put(PAUSE_GAP_CONTRACT, subject);
    variables.put(PAUSE_GAP_PATH, pathInWords);
    variables.put(PAUSE_GAP_FINDINGS, findings);
    String processInstanceId = runtime.startProcessInstanceByKey(PAUSE_READINESS_GAP_PROCESS,
        "pause-readiness-gap-" + id, variables).getId();
    jdbc.update("update pause_readiness_gap set process_instance_id = ? where id = ?", processInstanceId, id);
    messages.send(new OutboundMessage(null, Channel.PAGE,
        List.of(assignee == null ? Groups.INCIDENT_COMMANDERS : assignee), pageSubject, pageBody, "SEV2", false),
        assignee);
    return true;
  }

  /** Closes the open gap of a subject and path, if there is one, and ends its task. */
  @Transactional
  public void closeGap(String subject, String path, String by) {
    openGap(subject, path).ifPresent(gap -> close(gap, by, clock.instant()));
  }

  private void pageSupervisorAboutNoWorkingPath(RegisteredContract contract, List<PausePathResult> results) {
    String supervisor = onCall.onCall(Groups.INCIDENT_COMMANDERS, clock.instant()).primary();
    StringBuilder body = new StringBuilder("No pause path of " + contract.name() + " (" + contract.address()
        + " on chain " + contract.chainId() + ") works now; an incident could not pause it from irflow.");
    for (PausePathResult result : results) {
      body.append("\n").append(result.pathInWords()).append(": ").append(result.failures());
    }
    messages.send(new OutboundMessage(null, Channel.PAGE,
        List.of(supervisor == null ? Groups.INCIDENT_COMMANDERS : supervisor),
        "No working pause path: " + contract.name(), body.toString(), "SEV2", false), supervisor);
  }

  private void close(Gap gap, String by, Instant now) {
    jdbc.update("update pause_readiness_gap set closed_at = ?, closed_by = ? where id = ? and closed_at is null",
        Timestamp.from(now), by, gap.id());
    if (gap.processInstanceId() != null) {
      runtime.createMessageCorrelation(MESSAGE_PAUSE_PATH_WORKS_AGAIN)
          .processInstanceId(gap.processInstanceId()).correlateAll();
    }
  }

  private boolean taskStillOpen(Gap gap) {
    return gap.processInstanceId() != null && runtime.createProcessInstanceQuery()
        .processInstanceId(gap.processInstanceId()).count() > 0;
  }


  private Optional<Gap> openGap(String contract, String path) {
    return jdbc.query("select * from pause_readiness_gap where contract_name = ? and path = ? and closed_at is null",
        (rs, row) -> gap(rs), contract, path).stream().findFirst();
  }

  private void store(PausePathResult result) {
    jdbc.update("""
        insert into pause_readiness_result (contract_name, chain_id, path, status, items, checked_at)
        values (?, ?, ?, ?, ?, ?)""", result.contract(), result.chainId(), result.path(), result.status().name(),
        shorten(itemsText(result.items()), MAX_ITEMS_TEXT), Timestamp.from(result.checkedAt()));
  }

  static String itemsText(List<Item> items) {
    List<String> lines = new ArrayList<>();
    for (Item item : items) {
      lines.add(item.status() + "\t" + oneLine(item.check()) + "\t" + oneLine(item.found()));
    }
    return String.join("\n", lines);
  }

  static List<Item> items(String text) {
    List<Item> items = new ArrayList<>();
    for (String line : text.split("\n")) {
      String[] parts = line.split("\t", 3);
      if (parts.length == 3) {
        items.add(new Item(parts[1], ItemStatus.valueOf(parts[0]), parts[2]));
      }
    }
    return items;
  }

  private static String oneLine(String text) {
    return text == null ? "" : text.replaceAll("[\\t\\r\\n]+", " ");
  }

  private static String shorten(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max - 3) + "...";
  }

  private static String key(String contract, String path) {
    return contract + "\n" + path;
  }

  private static PausePathResult result(ResultSet rs) throws SQLException {
    return new PausePathResult(rs.getString("contract_name"), rs.getLong("chain_id"), rs.getString("path"),
        Status.valueOf(rs.getString("status")), items(rs.getString("items")),
        rs.getTimestamp("checked_at").toInstant());
  }

  private static Gap gap(ResultSet rs) throws SQLException {
    Timestamp closed = rs.getTimestamp("closed_at");
    return new Gap(rs.getLong("id"), rs.getString("contract_name"), rs.getString("path"), rs.getString("summary"),
        rs.getString("owner"), rs.getTimestamp("opened_at").toInstant(), rs.getString("process_instance_id"),
        closed == null ? null : closed.toInstant(), rs.getString("closed_by"));
  }
}
