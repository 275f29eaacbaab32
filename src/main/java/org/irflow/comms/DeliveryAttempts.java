package org.irflow.comms;

import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.irflow.process.JobAttempts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What a failed delivery attempt leads to, whichever way the message went out (an adapter or the
 * model's http-connector): the attempt is recorded in its own transaction (the job's rolls back), the
 * job retries, and the last attempt's failure is the business error "Delivery failed".
 */
@Component
public class DeliveryAttempts {

  private static final Logger LOG = LoggerFactory.getLogger(DeliveryAttempts.class);

  private final OutboundMessages messages;
  private final TransactionTemplate ownTransaction;

  public DeliveryAttempts(OutboundMessages messages, PlatformTransactionManager transactions) {
    this.messages = messages;
    this.ownTransaction = new TransactionTemplate(transactions);
    this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  /** Always throws: the failure for the job to retry, or {@code DELIVERY_FAILED} on the last attempt. */
  public RuntimeException failed(DelegateExecution execution, long messageId, DeliveryFailed failure) {
    ownTransaction.executeWithoutResult(status -> messages.attemptFailed(messageId, failure.getMessage()));
    if (JobAttempts.isLast(execution)) {
      execution.setVariable("outboundError", failure.getMessage());
      throw new BpmnError("DELIVERY_FAILED", failure.getMessage());
    }
    LOG.warn("outbound message {} not delivered, the job retries: {}", messageId, failure.getMessage());
    throw failure;
  }
}
