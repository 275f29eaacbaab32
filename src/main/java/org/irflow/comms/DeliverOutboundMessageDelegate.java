package org.irflow.comms;

import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.irflow.process.JobAttempts;
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
  private final ChatService chat;
  private final TransactionTemplate ownTransaction;

  public DeliverOutboundMessageDelegate(OutboundMessages messages, OutboundGateway gateway, ChatService chat,
      PlatformTransactionManager transactions) {
    this.messages = messages;
    this.gateway = gateway;
    this.chat = chat;
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
      String reference = gateway.deliver(message.message());
      messages.sent(id, reference);
      if (message.pin() && reference != null && chat.isConfigured()) {
        pinQuietly(message, reference);
      }
      execution.setVariable("deliveryOutcome", "SENT");
    } catch (DeliveryFailed failure) {
      ownTransaction.executeWithoutResult(status -> messages.attemptFailed(id, failure.getMessage()));
      if (JobAttempts.isLast(execution)) {
        execution.setVariable("outboundError", failure.getMessage());
        throw new BpmnError("DELIVERY_FAILED", failure.getMessage());
      }
      LOG.warn("outbound message {} ({}) not delivered, the job retries: {}", id, message.channel(),
          failure.getMessage());
      throw failure;
    }
  }

  /** The post is out: a failed pin must not send it again. */
  private void pinQuietly(OutboundMessages.Recorded message, String reference) {
    try {
      chat.pin(message.recipients().get(0), reference);
    } catch (RuntimeException failure) {
      LOG.warn("outbound message {} posted but not pinned: {}", message.id(), failure.getMessage());
    }
  }
}
