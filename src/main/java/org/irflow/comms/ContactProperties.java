package org.irflow.comms;

import java.util.Map;
import java.util.TreeMap;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * irflow.comms.contacts.&lt;user id&gt;.*: how an irflow user is reached on each vendor. Shares the
 * irflow.comms prefix with {@link CommsProperties}; each binds its own keys.
 *
 * @param contacts by irflow user id (the Camunda user id, e.g. {@code alice})
 */
@ConfigurationProperties("irflow.comms")
public record ContactProperties(Map<String, Contact> contacts) {

  /**
   * One user's identities.
   *
   * @param email e-mail address
   * @param slack Slack member id (U0123ABCD), not the display name
   * @param opsgenie Opsgenie username; the e-mail address when absent (Opsgenie usernames are e-mails)
   */
  public record Contact(String email, String slack, String opsgenie) {

    public Contact {
      email = blankToNull(email);
      slack = blankToNull(slack);
      opsgenie = blankToNull(opsgenie);
    }
  }

  public ContactProperties {
    Map<String, Contact> known = new TreeMap<>();
    if (contacts != null) {
      contacts.forEach((user, contact) -> {
        if (user != null && contact != null) {
          known.put(user.strip(), contact);
        }
      });
    }
    contacts = Map.copyOf(known);
  }

  static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
