package org.irflow.comms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Message.RecipientType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.List;
import org.irflow.comms.OutboundMessage.Channel;
import org.irflow.comms.mail.CommsMailProperties;
import org.irflow.comms.mail.SmtpMail;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/** EMAIL delivery to a real SMTP server (GreenMail on loopback): the mail that arrives. */
class SmtpMailTest {

  @RegisterExtension
  static GreenMailExtension smtp = new GreenMailExtension(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP)
      .dynamicPort());

  SmtpMail mail(int port) {
    JavaMailSenderImpl sender = new JavaMailSenderImpl();
    sender.setHost("127.0.0.1");
    sender.setPort(port);
    sender.getJavaMailProperties().put("mail.smtp.connectiontimeout", "5000");
    sender.getJavaMailProperties().put("mail.smtp.timeout", "5000");
    return new SmtpMail(sender, new CommsMailProperties("irflow security <security@example.org>"));
  }

  @Test
  void sendsAPlainTextMailToEveryRecipient() throws Exception {
    String body = "We are investigating an incident that may affect your account.\nNext update within 2 hours.";
    String reference = mail(smtp.getSmtp().getPort()).deliver(new OutboundMessage("INC-2026-0001", Channel.EMAIL,
        List.of("customer-a@example.com", "customer-b@example.com"), "Security incident notice: Vault", body, "SEV1",
        false));

    assertThat(smtp.waitForIncomingEmail(5000, 2)).isTrue();
    MimeMessage[] received = smtp.getReceivedMessages();
    assertThat(received).hasSize(2);
    MimeMessage first = received[0];
    assertThat(first.getSubject()).isEqualTo("Security incident notice: Vault");
    assertThat(first.getFrom()).containsExactly(new InternetAddress("irflow security <security@example.org>"));
    assertThat(first.getRecipients(RecipientType.TO)).extracting(Object::toString)
        .containsExactly("customer-a@example.com", "customer-b@example.com");
    assertThat(first.getContentType()).startsWith("text/plain").containsIgnoringCase("charset=UTF-8");
    assertThat(GreenMailUtil.getBody(first).replace("\r\n", "\n").strip()).isEqualTo(body);
    assertThat(first.getMessageID()).isEqualTo(reference).startsWith("<irflow.").endsWith("@example.org>");
  }

  @Test
  void aMailWithoutSubjectIsTitledByTheIncidentAndItsFirstLine() throws Exception {
    mail(smtp.getSmtp().getPort()).deliver(new OutboundMessage("INC-2026-0001", Channel.EMAIL,
        List.of("customer-a@example.com"), null, "Your data was not affected.\nDetails follow.", null, false));

    assertThat(smtp.waitForIncomingEmail(5000, 1)).isTrue();
    assertThat(smtp.getReceivedMessages()[0].getSubject()).isEqualTo("[INC-2026-0001] Your data was not affected.");
  }

  @Test
  void anUnreachableServerFailsTheDelivery() {
    assertThatThrownBy(() -> mail(1).deliver(new OutboundMessage("INC-2026-0001", Channel.EMAIL,
        List.of("customer-a@example.com"), "s", "b", null, false)))
        .isInstanceOf(DeliveryFailed.class).hasMessageStartingWith("SMTP: sending failed");
  }

  @Test
  void aMailNeedsRecipients() {
    assertThatThrownBy(() -> mail(smtp.getSmtp().getPort()).deliver(new OutboundMessage("INC-2026-0001", Channel.EMAIL,
        List.of(), "s", "b", null, false))).isInstanceOf(DeliveryFailed.class).hasMessageContaining("no recipients");
  }

  @Test
  void withoutAMailServerEmailIsNotConfiguredAndWithOneTheSenderIsRequired() {
    assertThat(new SmtpMail(null, new CommsMailProperties(null)).isConfigured()).isFalse();
    assertThat(mail(smtp.getSmtp().getPort()).isConfigured()).isTrue();
    assertThatThrownBy(() -> new SmtpMail(new JavaMailSenderImpl(), new CommsMailProperties(" ")))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("irflow.comms.mail.from");
  }
}
