package org.irflow.containment.pause;

import static org.irflow.process.ContainmentVariables.PAUSE_CALL;
import static org.irflow.process.ContainmentVariables.SAFE_TX_HASH;
import static org.irflow.process.ContainmentVariables.SAFE_WALLET_LINK;
import static org.irflow.process.Variables.INCIDENT_ID;
import static org.irflow.process.Variables.INCIDENT_SUPERVISOR;

import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.irflow.comms.OutboundMessage;
import org.irflow.comms.OutboundMessage.Channel;
import org.irflow.comms.OutboundMessages;
import org.irflow.process.DrillVariables;
import org.springframework.stereotype.Component;

/** Pages each on-call signer as their "Sign the pause transaction" task is created. */
@Component("signerPaging")
public class SignerPaging {

  private final OutboundMessages messages;

  public SignerPaging(OutboundMessages messages) {
    this.messages = messages;
  }

  public void pageSigner(DelegateTask task) {
    String signer = task.getAssignee();
    if (signer == null) {
      return;
    }
    String incidentId = (String) task.getVariable(INCIDENT_ID);
    messages.send(new OutboundMessage(incidentId, Channel.PAGE, List.of(signer),
        "Sign the pause transaction of " + incidentId,
        "SafeTx hash " + task.getVariable(SAFE_TX_HASH) + "\n" + task.getVariable(PAUSE_CALL)
            + "\nSafe{Wallet}: " + task.getVariable(SAFE_WALLET_LINK) + "\nThe task is in Tasklist.",
        "SEV1", Boolean.TRUE.equals(task.getVariable(DrillVariables.DRILL))),
        (String) task.getVariable(INCIDENT_SUPERVISOR));
  }
}
