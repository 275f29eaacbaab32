package org.irflow.incidentpage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import org.irflow.incident.TimelineEntry;
import org.irflow.incident.TimelineKind;
import org.irflow.process.forms.FormSchemas;
import org.junit.jupiter.api.Test;

/** Timeline entries stored for machines, told in words with the forms' labels. */
class TimelineSentencesTest {

  private final TimelineSentences sentences = new TimelineSentences(new FormSchemas(new ObjectMapper()), new ObjectMapper());

  @Test
  void aTaskCompletionNamesTheEnteredFieldsByTheirLabels() {
    assertThat(sentences.sentence(entry(TimelineKind.TASK_COMPLETED, "alice", "Task_TakeCommand",
        "\"Take command\" completed by alice", "{\"warRoomChannel\":\"#inc-bridge\",\"backupChannel\":\"signal:inc-bridge\",\"unknownKey\":null}")))
        .isEqualTo("alice completed “Take command”: Incident channel: #inc-bridge; Backup channel: signal:inc-bridge.");
    assertThat(sentences.sentence(entry(TimelineKind.TASK_COMPLETED, "dave", "Task_ExecuteActionPlan",
        "\"Execute action plan\" completed by dave", "{}"))).isEqualTo("dave completed “Execute action plan”.");
    // the same key is labelled by the form of the task that was completed
    assertThat(sentences.sentence(entry(TimelineKind.TASK_COMPLETED, "dave", "Task_ExecuteActionPlan",
        "\"Execute action plan\" completed by dave", "{\"executionNotes\":\"bridge paused\"}")))
        .isEqualTo("dave completed “Execute action plan”: What was done and what was learned: bridge paused.");
    assertThat(sentences.sentence(entry(TimelineKind.TASK_COMPLETED, "alice", "Task_ReviewProgress",
        "\"Review progress\" completed by alice", "{\"progressNotes\":\"Quiet since the patch.\",\"objectivesAchieved\":\"YES\"}")))
        .isEqualTo("alice completed “Review progress”: Progress review: Quiet since the patch.; Objectives achieved? Yes: move to resolution.");
  }

  @Test
  void aDecisionSaysWhatItDecidedWithDurationsInHoursAndDays() {
    assertThat(sentences.sentence(entry(TimelineKind.DECISION, "system", "Task_ApplyResponsePolicy",
        "Response policy: teamLeadSyncEvery PT2H, commsSyncEvery P1D, postMortemMandatory true",
        "{\"decision\":\"ResponsePolicy\",\"inputs\":{\"severity\":\"SEV1\"},\"outputs\":{\"teamLeadSyncEvery\":\"PT2H\","
            + "\"commsSyncEvery\":\"P1D\",\"handOffTimeOfDay\":\"17:00\",\"postMortemMandatory\":true}}")))
        .isEqualTo("Response policy decided team lead sync every: 2 h; comms sync every: 1 day; hand off time of day: 17:00;"
            + " post mortem mandatory: yes.");
  }

  @Test
  void aMessageIsNamedByItsChannelAndOtherEntriesStayAsWritten() {
    assertThat(sentences.sentence(entry(TimelineKind.MESSAGE_QUEUED, "system", null, "PAGE message to alice queued: INC raised",
        "outbound message 7"))).isEqualTo("Page to alice queued: INC raised");
    assertThat(sentences.sentence(entry(TimelineKind.HAND_OFF, "bob", null, "Incident command handed off from alice to bob.",
        null))).isEqualTo("Incident command handed off from alice to bob.");
    assertThat(TimelineSentences.duration("R/PT1H30M")).isEqualTo("every 1 h 30 min");
    assertThat(TimelineSentences.duration("PT")).isEqualTo("PT");
  }

  private static TimelineEntry entry(TimelineKind kind, String actor, String activityId, String summary,
      String details) {
    return new TimelineEntry(1, Instant.parse("2026-12-07T10:00:00Z"), "INC-2026-0001", null, kind, actor, summary,
        details, null, activityId);
  }
}
