package org.irflow.api;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.irflow.incident.AuditChain;
import org.irflow.incident.AuditVerifier;
import org.irflow.incident.AuditVerifier.EntryCheck;
import org.irflow.incident.AuditVerifier.EntryState;
import org.irflow.incident.Incident;
import org.irflow.incident.IncidentService;
import org.irflow.process.ProcessVersions;
import org.irflow.process.ProcessVersions.ProcessRun;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** An incident's audit record: the incident, its sealed timeline, its chain check, its process versions. */
@Component
public class AuditExports {

  /** One timeline entry with its place in the chain and the result of checking it. */
  public record Entry(long id, Instant occurredAt, Long eventId, String kind, String actor, String summary,
      String details, String processInstanceId, String activityId, Long sealSeq, String previousHash,
      String entryHash, EntryState state) {}

  /** The chain check of the incident's entries: valid when every one is sealed, intact and linked. */
  public record ChainCheck(boolean valid, int entries, int sealed, int unsealed, Long firstBrokenEntryId,
      EntryState firstBrokenState) {}

  public record Export(Instant exportedAt, Incident incident, ChainCheck chain, List<ProcessRun> processes,
      List<Entry> timeline) {}

  private final IncidentService incidents;
  private final AuditVerifier verifier;
  private final ProcessVersions processVersions;
  private final JdbcTemplate jdbc;
  private final Clock clock;

  public AuditExports(IncidentService incidents, AuditVerifier verifier, ProcessVersions processVersions,
      JdbcTemplate jdbc, Clock clock) {
    this.incidents = incidents;
    this.verifier = verifier;
    this.processVersions = processVersions;
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /** @throws java.util.NoSuchElementException for an unknown incident */
  public Export of(String incidentId) {
    Incident incident = incidents.get(incidentId);
    List<AuditChain.Row> rows = verifier.rowsOfIncident(incidentId);
    List<EntryCheck> checks = verifier.check(rows);
    List<Entry> entries = new ArrayList<>(rows.size());
    Set<String> processInstanceIds = new LinkedHashSet<>();
    int sealed = 0;
    EntryCheck firstBroken = null;
    for (int i = 0; i < rows.size(); i++) {
      AuditChain.Row row = rows.get(i);
      EntryCheck check = checks.get(i);
      entries.add(new Entry(row.id(), row.occurredAt(), row.eventId(), row.kind(), row.actor(), row.summary(),
          row.details(), row.processInstanceId(), row.activityId(), row.sealSeq(), row.previousHash(),
          row.entryHash(), check.state()));
      if (row.sealed()) {
        sealed++;
      }
      if (firstBroken == null && check.state() != EntryState.VALID && check.state() != EntryState.UNSEALED) {
        firstBroken = check;
      }
      processInstanceIds.add(row.processInstanceId());
    }
    if (incident.eventId() != null) {
      processInstanceIds.addAll(jdbc.queryForList(
          "select triage_process_instance_id from security_event where id = ?", String.class, incident.eventId()));
    }
    processInstanceIds.add(incident.responseProcessInstanceId());
    processInstanceIds.remove(null);
    ChainCheck chain = new ChainCheck(firstBroken == null && sealed == rows.size(), rows.size(), sealed,
        rows.size() - sealed, firstBroken == null ? null : firstBroken.timelineEntryId(),
        firstBroken == null ? null : firstBroken.state());
    return new Export(clock.instant(), incident, chain, processVersions.of(incidentId, processInstanceIds), entries);
  }

  /** The same record as a Markdown document. */
  public static String markdown(Export export) {
    Incident incident = export.incident();
    StringBuilder md = new StringBuilder();
    md.append("# Audit record of ").append(incident.id()).append(": ").append(cell(incident.title())).append("\n\n");
    md.append("Exported ").append(export.exportedAt()).append(".\n\n");
    md.append("## Incident\n\n| field | value |\n| --- | --- |\n");
    row(md, "severity", incident.severity());
    row(md, "status", incident.status());
    row(md, "drill", incident.drill());
    row(md, "primary supervisor", incident.primarySupervisor());
    row(md, "objective", incident.objective());
    row(md, "war room", incident.warRoomChannel());
    row(md, "backup channel", incident.backupChannel());
    row(md, "event", incident.eventId());
    row(md, "response process instance", incident.responseProcessInstanceId());
    row(md, "reported at", incident.reportedAt());
    row(md, "declared at", incident.declaredAt());
    row(md, "resolved at", incident.resolvedAt());
    row(md, "closed at", incident.closedAt());
    ChainCheck chain = export.chain();
    md.append("\n## Audit chain\n\n");
    if (chain.valid()) {
      md.append("**Valid**: all ").append(chain.entries())
          .append(" entries are sealed, hash to their entry_hash and link to their predecessor.\n");
    } else if (chain.firstBrokenEntryId() != null) {
      md.append("**BROKEN**: entry ").append(chain.firstBrokenEntryId()).append(" is ")
          .append(chain.firstBrokenState()).append(" (").append(chain.sealed()).append(" of ")
          .append(chain.entries()).append(" entries sealed).\n");
    } else {
      md.append("**Not yet complete**: ").append(chain.unsealed()).append(" of ").append(chain.entries())
          .append(" entries are not sealed yet; the sealed ones are intact.\n");
    }
    md.append("\n## Process versions\n\n")
        .append("| process | version | definition | deployment | deployed at | instance | started | ended | state |\n")
        .append("| --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
    for (ProcessRun run : export.processes()) {
      md.append("| ").append(cell(run.processDefinitionKey())).append(" | ").append(run.version()).append(" | ")
          .append(cell(run.processDefinitionId())).append(" | ").append(cell(run.deploymentId())).append(" | ")
          .append(cell(run.deploymentTime())).append(" | ").append(cell(run.processInstanceId())).append(" | ")
          .append(cell(run.startTime())).append(" | ").append(cell(run.endTime())).append(" | ")
          .append(cell(run.state())).append(" |\n");
    }
    md.append("\n## Timeline\n\n| seal_seq | id | occurred at | kind | actor | summary | entry_hash | check |\n")
        .append("| --- | --- | --- | --- | --- | --- | --- | --- |\n");
    for (Entry entry : export.timeline()) {
      md.append("| ").append(cell(entry.sealSeq())).append(" | ").append(entry.id()).append(" | ")
          .append(cell(entry.occurredAt())).append(" | ").append(cell(entry.kind())).append(" | ")
          .append(cell(entry.actor())).append(" | ").append(cell(entry.summary())).append(" | `")
          .append(cell(entry.entryHash())).append("` | ").append(entry.state()).append(" |\n");
    }
    return md.toString();
  }

  private static void row(StringBuilder md, String field, Object value) {
    md.append("| ").append(field).append(" | ").append(cell(value)).append(" |\n");
  }

  private static String cell(Object value) {
    return value == null ? "" : value.toString().replace("|", "\\|").replace("\r", "").replace("\n", "<br>");
  }
}
