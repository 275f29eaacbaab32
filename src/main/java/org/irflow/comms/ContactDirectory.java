package org.irflow.comms;

import java.util.Optional;
import org.irflow.comms.ContactProperties.Contact;
import org.springframework.stereotype.Component;

/** Maps irflow users to their vendor identities (irflow.comms.contacts). */
@Component
public class ContactDirectory {

  private final ContactProperties properties;

  public ContactDirectory(ContactProperties properties) {
    this.properties = properties;
  }

  public Optional<String> email(String userId) {
    return contact(userId).map(Contact::email);
  }

  /** The Slack member id. */
  public Optional<String> slackId(String userId) {
    return contact(userId).map(Contact::slack);
  }

  /** The Opsgenie username: the one configured, else the e-mail address. */
  public Optional<String> opsgenieUsername(String userId) {
    return contact(userId).map(contact -> contact.opsgenie() != null ? contact.opsgenie() : contact.email());
  }

  private Optional<Contact> contact(String userId) {
    return userId == null ? Optional.empty() : Optional.ofNullable(properties.contacts().get(userId.strip()));
  }
}
