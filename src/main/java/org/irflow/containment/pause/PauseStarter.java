package org.irflow.containment.pause;

import static org.irflow.process.ContainmentVariables.CONTRACT_PAUSE_PROCESS;
import static org.irflow.process.ContainmentVariables.PAUSE_BATCH_ID;
import static org.irflow.process.Variables.INCIDENT_ID;
import static org.irflow.process.Variables.INCIDENT_SUPERVISOR;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.variable.Variables;
import org.irflow.process.EngineAccess;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/** Starts one ContractPauseProcess per batch of a request, with the incident id as business key. */
@Component
public class PauseStarter {

  private final PauseService pauses;
  private final RuntimeService runtime;

  public PauseStarter(PauseService pauses, @Lazy RuntimeService runtime) {
    this.pauses = pauses;
    this.runtime = runtime;
  }

  /** @return the ids of the batches started */
  public List<Long> start(String incidentId, List<String> contractNames, String supervisor, String requestedBy,
      boolean automatic) {
    List<Long> ids = pauses.request(incidentId, contractNames, requestedBy, automatic);
    List<Long> started = new ArrayList<>();
    for (long id : ids) {
      startBatch(id, supervisor);
      started.add(id);
    }
    return started;
  }

  /** Starts the pause process of a recorded batch (e.g. one split off another batch). */
  public void startBatch(long batchId, String supervisor) {
    String incidentId = pauses.batch(batchId).incidentId();
    ProcessInstance instance = EngineAccess.asProcess(() -> runtime.startProcessInstanceByKey(
        CONTRACT_PAUSE_PROCESS, incidentId, Variables.createVariables()
            .putValue(INCIDENT_ID, incidentId)
            .putValue(PAUSE_BATCH_ID, batchId)
            .putValue(INCIDENT_SUPERVISOR, supervisor)));
    pauses.processStarted(batchId, instance.getId());
  }
}
