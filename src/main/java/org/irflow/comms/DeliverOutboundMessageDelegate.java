package org.irflow.comms;

import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Delivers one outbound message through its channel's adapter. A failed attempt is recorded (in its own
 * transaction, as the job's rolls back) and left to the job's retries; the last attempt's failure is the
 * business error "Delivery failed", which the model turns into a Cockpit incident and a task to send
 * by hand. A message already sent (a job re-run after a crash) is not sent again.
 */
@Component("deliverOutboundMessageDelegate")
public class DeliverOutboundMessageDelegate implements JavaDelegate {

  private static final Logger LOG = LoggerFactory.getLogger(DeliverOutboundMessageDelegate.class);

  private final OutboundMessages messages;
  private final OutboundGateway gateway;
  private final TransactionTemplate ownTransaction;

  public DeliverOutboundMessageDelegate(OutboundMessages messages, OutboundGateway gateway,
      PlatformTransactionManager transactions) {
    this.messages = messages;
    this.gateway = gateway;
    this.ownTransaction = new TransactionTemplate(transactions);
    this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  @Override
  public void execute(DelegateExecution execution) {
    long id = ((Number) execution.getVariable(OutboundMessages.OUTBOUND_MESSAGE_ID)).longValue();
    OutboundMessages.Recorded message = messages.find(id).orElseThrow();
    if (!"QUEUED".equals(message.status())) {
      execution.setVariable("deliveryOutcome", "SKIPPED".equals(message.status()) ? "SKIPPED" : "SENT");
      return;
    }
    if (!gateway.isConfigured(message.channel())) {
      messages.skipped(id, "no " + message.channel() + " adapter is configured");
      execution.setVariable("deliveryOutcome", "SKIPPED");
      return;
    }
    try {
      messages.sent(id, gateway.deliver(message.message()));
      execution.setVariable("deliveryOutcome", "SENT");
    } catch (DeliveryFailed failure) {
      ownTransaction.executeWithoutResult(status -> messages.attemptFailed(id, failure.getMessage()));
      if (lastAttempt()) {
        execution.setVariable("outboundError", failure.getMessage());
        throw new BpmnError("DELIVERY_FAILED", failure.getMessage());
      }
      LOG.warn("outbound message {} ({}) not delivered, the job retries: {}", id, message.channel(),
          failure.getMessage());
      throw failure;
    }
  }

  /** The job has no retry left after this one (R3: the fourth execution). */
  private static boolean lastAttempt() {
    if (Context.getJobExecutorContext() == null) {
      return false;
    }
    JobEntity job = Context.getJobExecutorContext().getCurrentJob();
    return job != null && job.getRetries() <= 1;
  }
}
