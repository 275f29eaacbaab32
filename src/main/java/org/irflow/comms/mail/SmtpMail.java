package org.irflow.comms.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.Locale;
import java.util.UUID;
import org.irflow.comms.DeliveryFailed;
import org.irflow.comms.OutboundAdapter;
import org.irflow.comms.OutboundMessage;
import org.irflow.comms.Texts;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/**
 * EMAIL over SMTP with Spring's {@link JavaMailSender} (built by Spring Boot when {@code spring.mail.host}
 * is set): from {@code irflow.comms.mail.from}, to the message's recipients (addresses), its subject and a
 * plain-text body. The reference is the Message-ID irflow gives the mail.
 */
@Component
public class SmtpMail implements OutboundAdapter {

  private final JavaMailSender sender;
  private final String from;

  @Autowired
  public SmtpMail(ObjectProvider<JavaMailSender> sender, CommsMailProperties properties, Environment environment) {
    this(environment.getProperty("spring.mail.host", "").isBlank() ? null : sender.getIfAvailable(), properties);
  }

  /** @param sender null: EMAIL is not configured */
  public SmtpMail(JavaMailSender sender, CommsMailProperties properties) {
    this.sender = sender;
    this.from = properties.from();
    if (sender != null) {
      if (from == null) {
        throw new IllegalStateException(
            "irflow.comms.mail.from (IRFLOW_COMMS_MAIL_FROM) is required when spring.mail.host is set");
      }
      try {
        new InternetAddress(from, true);
      } catch (AddressException e) {
        throw new IllegalStateException("irflow.comms.mail.from is not an e-mail address: " + from);
      }
    }
  }

  @Override
  public OutboundMessage.Channel channel() {
    return OutboundMessage.Channel.EMAIL;
  }

  @Override
  public boolean isConfigured() {
    return sender != null;
  }

  @Override
  public String destination(OutboundMessage message) {
    int count = message.recipients().size();
    String server = sender instanceof JavaMailSenderImpl impl && impl.getHost() != null ? " (" + impl.getHost() + ")" : "";
    return count == 0 ? "no recipient: it cannot be sent" : "e-mailed over SMTP" + server + " to " + count
        + " recipient" + (count == 1 ? "" : "s");
  }

  @Override
  public String deliver(OutboundMessage message) {
    if (sender == null) {
      throw new DeliveryFailed("e-mail is not configured (spring.mail.host)");
    }
    if (message.recipients().isEmpty()) {
      throw new DeliveryFailed("SMTP: the e-mail has no recipients");
    }
    String messageId = "<irflow." + UUID.randomUUID() + "@" + domain(from) + ">";
    try {
      MimeMessage mime = sender.createMimeMessage();
      MimeMessageHelper helper = new MimeMessageHelper(mime, false, "UTF-8");
      helper.setFrom(from);
      helper.setTo(message.recipients().toArray(String[]::new));
      helper.setSubject(subject(message));
      helper.setText(message.body(), false);
      // JavaMailSenderImpl keeps a Message-ID that is already set
      mime.setHeader("Message-ID", messageId);
      sender.send(mime);
      String sent = mime.getMessageID();
      return sent == null ? messageId : sent;
    } catch (MessagingException e) {
      throw new DeliveryFailed("SMTP: the e-mail could not be built: " + e.getMessage(), e);
    } catch (MailException e) {
      throw new DeliveryFailed("SMTP: sending failed: " + e.getMessage(), e);
    }
  }

  private static String subject(OutboundMessage message) {
    if (message.subject() != null && !message.subject().isBlank()) {
      return message.subject().strip();
    }
    String title = Texts.truncate(Texts.title(message), 120);
    return message.incidentId() == null ? title : "[" + message.incidentId() + "] " + title;
  }

  private static String domain(String address) {
    int at = address.lastIndexOf('@');
    String domain = at < 0 ? "irflow" : address.substring(at + 1).replaceAll("[>\\s]", "");
    return domain.isEmpty() ? "irflow" : domain.toLowerCase(Locale.ROOT);
  }
}
