package org.irflow.containment.signers;

import static org.irflow.process.SignerDrillVariables.SIGNER_DRILL_ID;
import static org.irflow.process.SignerDrillVariables.SIGNER_DRILL_SIGNATURE;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.irflow.comms.OutboundMessage;
import org.irflow.comms.OutboundMessage.Channel;
import org.irflow.comms.OutboundMessages;
import org.irflow.containment.signers.SignerDrills.SignerDrill;
import org.irflow.process.DrillVariables;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * The steps of SignerDrillProcess ({@code signerDrillSteps}): each signer paged as their task
 * "Sign the drill message" opens, their signature checked by the form rule and recorded as the task
 * completes, the drill finished when its window ends or everybody has signed; and the step of the
 * six-month drill that starts a signer drill of every pausing Safe.
 */
@Component("signerDrillSteps")
public class SignerDrillSteps {

  /** The six-month drill's record of the signer drills it started, in words. */
  static final String SIGNER_DRILLS_STARTED = "signerDrillsStarted";

  private static final Logger LOG = LoggerFactory.getLogger(SignerDrillSteps.class);

  private final SignerDrills drills;
  private final OutboundMessages messages;

  public SignerDrillSteps(@Lazy SignerDrills drills, OutboundMessages messages) {
    this.drills = drills;
    this.messages = messages;
  }

  /** The signer's own typed data, for their task. */
  public String typedData(Number drillId, String userId) {
    return drills.typedData(drillId.longValue(), userId);
  }

  /**
   * Pages the signer whose task just opened; without a pager, or when paging fails, the page goes by
   * e-mail and chat instead.
   */
  public void pageSigner(DelegateTask task) {
    SignerDrill drill = drills.get(((Number) task.getVariable(SIGNER_DRILL_ID)).longValue());
    String safe = SignerAddresses.checksummed(drill.safe());
    messages.send(new OutboundMessage(null, Channel.PAGE, List.of(task.getAssignee()),
        "Signer drill: sign the drill message for Safe " + safe,
        "Signer drill " + drill.id() + " of Safe " + safe + " (chain " + drill.chainId() + "): open the task \"Sign"
            + " the drill message\" in Tasklist, sign the typed data it shows with your Safe owner key"
            + " (\"Sign typed data\", eth_signTypedData_v4) and paste the signature. It moves no funds. The drill"
            + " measures how quickly " + drill.threshold() + " owners can sign; it ends at " + drill.windowEndsAt()
            + " UTC.", "SEV3", true), drill.startedBy());
  }

  /** Records the signature the form rule accepted. */
  public void recordSignature(DelegateTask task) {
    drills.recordSignature(((Number) task.getVariable(SIGNER_DRILL_ID)).longValue(), task.getAssignee(),
        (String) task.getVariable(SIGNER_DRILL_SIGNATURE));
  }

  /** Ends the drill: time to threshold, who did not answer, the Safe's gap opened or closed. */
  public JavaDelegate finish() {
    return execution -> drills.finish(((Number) execution.getVariable(SIGNER_DRILL_ID)).longValue());
  }

  /**
   * The six-month drill's step: a signer drill of every Safe that pauses a registered contract. A Safe
   * that cannot be drilled (no signer, the chain unreadable) is noted and skipped; the drill goes on.
   */
  public JavaDelegate startForIncidentDrill() {
    return execution -> {
      Number incidentDrillId = (Number) execution.getVariable(DrillVariables.DRILL_ID);
      List<String> started = new ArrayList<>();
      drills.drillableSafes().keySet().forEach(safe -> {
        String shown = "Safe " + SignerAddresses.checksummed(safe.address()) + " (chain " + safe.chainId() + ")";
        try {
          SignerDrill drill = drills.start(safe.chainId(), safe.address(), "the six-month drill",
              incidentDrillId == null ? null : incidentDrillId.longValue());
          started.add(shown + ": signer drill " + drill.id() + " started");
        } catch (IllegalArgumentException | IllegalStateException notStarted) {
          LOG.warn("No signer drill of {}: {}", shown, notStarted.getMessage());
          started.add(shown + ": no signer drill, " + notStarted.getMessage());
        }
      });
      execution.setVariable(SIGNER_DRILLS_STARTED,
          started.isEmpty() ? "no Safe pauses a registered contract: no signer drill" : String.join("\n", started));
    };
  }
}
