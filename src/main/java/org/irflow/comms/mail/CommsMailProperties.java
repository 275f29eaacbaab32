package org.irflow.comms.mail;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * irflow.comms.mail.*: e-mail beside Spring Boot's spring.mail.* (host, port, username, password,
 * properties), which says which SMTP server to use; without {@code spring.mail.host} EMAIL is not configured.
 *
 * @param from the sender address (IRFLOW_COMMS_MAIL_FROM), required when spring.mail.host is set
 */
@ConfigurationProperties("irflow.comms.mail")
public record CommsMailProperties(String from) {

  public CommsMailProperties {
    from = from == null || from.isBlank() ? null : from.strip();
  }
}
