package org.irflow.postmortem;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
import org.irflow.incident.Incident;
import org.irflow.incident.IncidentStatus;
import org.irflow.incident.Severity;
import org.irflow.incident.TimelineEntry;
import org.irflow.incident.TimelineKind;
import org.irflow.incidentpage.TimelineSentences;
import org.irflow.process.forms.FormSchemas;
import org.junit.jupiter.api.Test;

/** The post-mortem's gathered timeline reads as the incident page tells it: sentences, not stored lines. */
class TimelineDraftTest {

  private static final Instant DECLARED = Instant.parse("2026-12-07T10:00:00Z");
  private final TimelineSentences sentences =
      new TimelineSentences(new FormSchemas(new ObjectMapper()), new ObjectMapper());

  @Test
  void aDecisionIsASentenceOnceAndATaskCompletionIsLeftOut() {
    Incident incident = new Incident("INC-2026-0001", "Bridge replay", Severity.SEV1, IncidentStatus.RESOLVED, false,
        "alice", null, null, null, null, null, DECLARED, DECLARED, null, null);
    List<TimelineEntry> entries = List.of(
        entry(1, DECLARED, TimelineKind.INCIDENT_DECLARED, "alice", null,
            "Incident INC-2026-0001 declared, SEV1, incident command supervisor alice", null),
        entry(2, DECLARED.plusSeconds(60), TimelineKind.DECISION, "irflow", "Task_ApplyResponsePolicy",
            "Response policy: teamLeadSyncEvery PT4H, postMortemMandatory true",
            "{\"decision\":\"ResponsePolicy\",\"outputs\":{\"teamLeadSyncEvery\":\"PT4H\",\"postMortemMandatory\":true}}"),
        entry(3, DECLARED.plusSeconds(120), TimelineKind.TASK_COMPLETED, "alice", "Task_TakeCommand",
            "\"Take command\" completed by alice", "{\"warRoomChannel\":\"#inc-bridge\"}"),
        entry(4, DECLARED.plusSeconds(180), TimelineKind.OBJECTIVE_STATED, "alice", null,
            "Incident Objective: Stop the replay", null),
        entry(5, DECLARED.plusSeconds(240), TimelineKind.DECISION, "irflow", "Task_ApplyResponsePolicy",
            "Response policy: teamLeadSyncEvery PT4H, postMortemMandatory true",
            "{\"decision\":\"ResponsePolicy\",\"outputs\":{\"teamLeadSyncEvery\":\"PT4H\",\"postMortemMandatory\":true}}"));

    String draft = TimelineDraft.build(incident, entries,
        List.of(new TimelineDraft.Line(DECLARED.plusSeconds(30), "Response process started")), sentences::sentence);

    assertThat(draft).isEqualTo("""
        - 2026-12-07 10:00 UTC: Incident INC-2026-0001 declared, SEV1, incident command supervisor alice
        - 2026-12-07 10:00 UTC: Response process started
        - 2026-12-07 10:01 UTC: Response policy decided team lead sync every: 4 h; post mortem mandatory: yes.
        - 2026-12-07 10:03 UTC: Incident Objective: Stop the replay (alice)
        """);
  }

  private static TimelineEntry entry(long id, Instant at, TimelineKind kind, String actor, String activityId,
      String summary, String details) {
    return new TimelineEntry(id, at, "INC-2026-0001", null, kind, actor, summary, details, null, activityId);
  }
}
