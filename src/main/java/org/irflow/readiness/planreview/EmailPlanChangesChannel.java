package org.irflow.readiness.planreview;

import java.util.ArrayList;
import java.util.List;
import org.irflow.comms.ContactDirectory;
import org.irflow.comms.OutboundMessage;
import org.irflow.comms.OutboundMessages;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Distributes a plan review's changes (IR-8) by e-mail to every recipient with an address in the
 * contact directory, through {@link OutboundMessages} (retried, then handed to the reviewer). Recipients
 * without an address are named in the log; the distribution stays recorded on the review either way.
 */
@Component
public class EmailPlanChangesChannel implements PlanChangesChannel {

  private static final Logger LOG = LoggerFactory.getLogger(EmailPlanChangesChannel.class);

  private final OutboundMessages messages;
  private final ContactDirectory contacts;

  public EmailPlanChangesChannel(OutboundMessages messages, ContactDirectory contacts) {
    this.messages = messages;
    this.contacts = contacts;
  }

  @Override
  public void distribute(PlanReview review, List<String> recipients) {
    List<String> addresses = new ArrayList<>();
    List<String> unreachable = new ArrayList<>();
    for (String recipient : recipients) {
      contacts.email(recipient).ifPresentOrElse(addresses::add, () -> unreachable.add(recipient));
    }
    if (!unreachable.isEmpty()) {
      LOG.warn("Plan review {}: no e-mail address for {} (irflow.comms.contacts)", review.id(), unreachable);
    }
    if (addresses.isEmpty()) {
      return;
    }
    String responsible = review.changesRecordedBy() != null ? review.changesRecordedBy() : review.reviewedBy();
    messages.send(new OutboundMessage(review.drillIncidentId(), OutboundMessage.Channel.EMAIL, addresses,
        "Incident response plan: changes of review " + review.id(),
        "The incident response plan was reviewed (" + review.reason() + ").\n\nChanges:\n" + review.planChanges()
            + "\n\nVersions reviewed: " + review.versionsReviewed(), null, false), responsible);
  }
}
