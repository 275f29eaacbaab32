package org.irflow.comms;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Delivers one outbound message through its channel's adapter; a page with no pager configured goes by
 * e-mail and chat instead ({@link PageFallbacks}); a failure goes to {@link DeliveryAttempts}
 * (retries, then the model's Cockpit incident and task to send by hand). A message already sent (a job
 * re-run after a crash) is not sent again.
 */
@Component("deliverOutboundMessageDelegate")
public class DeliverOutboundMessageDelegate implements JavaDelegate {

  private static final Logger LOG = LoggerFactory.getLogger(DeliverOutboundMessageDelegate.class);

  private final OutboundMessages messages;
  private final OutboundGateway gateway;
  private final ChatService chat;
  private final DeliveryAttempts attempts;
  private final PageFallbacks pageFallbacks;

  public DeliverOutboundMessageDelegate(OutboundMessages messages, OutboundGateway gateway, ChatService chat,
      DeliveryAttempts attempts, PageFallbacks pageFallbacks) {
    this.messages = messages;
    this.gateway = gateway;
    this.chat = chat;
    this.attempts = attempts;
    this.pageFallbacks = pageFallbacks;
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
      if (message.channel() == OutboundMessage.Channel.PAGE) {
        pageFallbacks.sendInstead(message, "no pager is configured");
      }
      execution.setVariable("deliveryOutcome", "SKIPPED");
      return;
    }
    String reference;
    try {
      reference = gateway.deliver(message.message());
    } catch (DeliveryFailed failure) {
      throw attempts.failed(execution, id, failure);
    } catch (RuntimeException fault) {
      // an adapter's own fault (a defect, a library's unexpected exception) is retried and handed to a
      // person like a vendor's refusal: the message must not end as a bare failed job
      throw attempts.failed(execution, id, new DeliveryFailed(message.channel() + " delivery failed unexpectedly: "
          + fault.getClass().getSimpleName() + (fault.getMessage() == null ? "" : " " + fault.getMessage()), fault));
    }
    messages.sent(id, reference);
    if (message.pin() && reference != null && chat.isConfigured()) {
      pinQuietly(message, reference);
    }
    execution.setVariable("deliveryOutcome", "SENT");
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
