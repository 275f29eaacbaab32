package org.irflow.containment.pause;

import static org.irflow.process.ContainmentVariables.PAUSE_CALL;
import static org.irflow.process.ContainmentVariables.PAUSE_CONTRACTS;
import static org.irflow.process.ContainmentVariables.RAW_CALL;
import static org.irflow.process.ContainmentVariables.SAFE_ADDRESS;
import static org.irflow.process.ContainmentVariables.SAFE_TX_HASH;
import static org.irflow.process.ContainmentVariables.SAFE_WALLET_LINK;
import static org.irflow.process.ContainmentVariables.TRANSACTION_BUILDER_URL;
import static org.irflow.process.Variables.INCIDENT_ID;
import static org.irflow.process.Variables.INCIDENT_SUPERVISOR;

import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.irflow.comms.OutboundMessage;
import org.irflow.comms.OutboundMessage.Channel;
import org.irflow.comms.OutboundMessages;
import org.irflow.incident.Timeline;
import org.irflow.process.DrillVariables;
import org.springframework.stereotype.Component;

/**
 * Pages each signer as their task is created: "Sign the pause transaction" on the Safe path, "Execute
 * the pause in Safe{Wallet}" on the manual path (the supervisor's own task there pages nobody). Where
 * no pager is configured or paging fails, the page goes by e-mail and chat instead
 * ({@link org.irflow.comms.PageFallbacks}). A pause is urgent whatever the incident: the page is SEV1.
 */
@Component("signerPaging")
public class SignerPaging {

  static final String MANUAL_TASK = "Task_ExecutePauseManually";

  private final OutboundMessages messages;
  private final PauseSigners signers;

  public SignerPaging(OutboundMessages messages, PauseSigners signers) {
    this.messages = messages;
    this.signers = signers;
  }

  public void pageSigner(DelegateTask task) {
    String signer = task.getAssignee();
    if (signer == null || !signers.isSigner(signer)) {
      return;
    }
    String incidentId = (String) task.getVariable(INCIDENT_ID);
    boolean manual = MANUAL_TASK.equals(task.getTaskDefinitionKey());
    String due = task.getDueDate() == null ? "" : "\nDue by " + Timeline.utc(task.getDueDate().toInstant()) + " UTC.";
    String body = manual
        ? "Contracts: " + task.getVariable(PAUSE_CONTRACTS) + "\nSafe: " + task.getVariable(SAFE_ADDRESS)
            + "\nLoad the Transaction Builder file " + task.getVariable(TRANSACTION_BUILDER_URL)
            + " (on irflow) in Safe{Wallet}, sign it, and whoever executes it enters the transaction hash in"
            + " the task \"Execute the pause in Safe{Wallet}\" in Tasklist.\nCall: " + task.getVariable(RAW_CALL)
        : "SafeTx hash " + task.getVariable(SAFE_TX_HASH) + "\n" + task.getVariable(PAUSE_CALL)
            + "\nSafe{Wallet}: " + task.getVariable(SAFE_WALLET_LINK) + "\nThe task is in Tasklist.";
    messages.send(new OutboundMessage(incidentId, Channel.PAGE, List.of(signer),
        (manual ? "Sign and execute the pause in Safe{Wallet} for " : "Sign the pause transaction of ") + incidentId,
        body + due, "SEV1", Boolean.TRUE.equals(task.getVariable(DrillVariables.DRILL))),
        (String) task.getVariable(INCIDENT_SUPERVISOR));
  }
}
