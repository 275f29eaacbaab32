package org.irflow.response;

import static org.irflow.process.ContainmentVariables.PAUSE_SUMMARY;
import static org.irflow.process.ContainmentVariables.PAUSE_SUMMARY_COMPLETE_ON;
import static org.irflow.process.Variables.INCIDENT_ID;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.irflow.containment.pause.PauseBatch;
import org.irflow.containment.pause.PauseBatches;
import org.irflow.process.VariableTexts;
import org.springframework.stereotype.Component;

/**
 * The pauses of an incident as a response task shows them when it is created: what the triage decided
 * (the response's own {@code pauseSummary}) and then each pause with its status, read from the pause
 * records. The pause processes never write into the response: a pause finishing while the supervisor
 * submits "Pause contracts" would otherwise collide with the submission on the same variable.
 */
@Component("pauseSummaries")
public class PauseSummaries {

  private final PauseBatches batches;

  public PauseSummaries(PauseBatches batches) {
    this.batches = batches;
  }

  /** Create listener: the task's own {@code pauseSummary}, which its form shows. */
  public void showOn(DelegateTask task) {
    String summary = (String) task.getExecution().getVariable(PAUSE_SUMMARY);
    for (PauseBatch batch : batches.ofIncident((String) task.getExecution().getVariable(INCIDENT_ID))) {
      summary = VariableTexts.appendLine(summary, line(batch), PAUSE_SUMMARY_COMPLETE_ON);
    }
    task.setVariableLocal(PAUSE_SUMMARY, summary);
  }

  /** "Pause 12 of Vault (0xabc...): PAUSED, paused by transaction 0x... in block 81" */
  static String line(PauseBatch batch) {
    return "Pause " + batch.id() + " of " + batch.describeContracts() + ": " + batch.status()
        + (batch.statusDetail() == null || batch.statusDetail().isBlank() ? "" : ", " + batch.statusDetail());
  }
}
