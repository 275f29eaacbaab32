package org.irflow.comms;

import static org.assertj.core.api.Assertions.assertThat;

import org.irflow.comms.OutboundMessage.Channel;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/** The whole application with the default settings: starts without any vendor, with the demo contacts. */
@SpringBootTest
@ActiveProfiles("test")
class CommsApplicationContextTest {

  @Autowired OutboundGateway gateway;
  @Autowired ChatService chat;
  @Autowired ContactDirectory contacts;

  @Test
  void startsWithNoVendorConfigured() {
    assertThat(gateway).isInstanceOf(OutboundRouter.class);
    for (Channel channel : Channel.values()) {
      assertThat(gateway.isConfigured(channel)).as(channel.name()).isFalse();
    }
    assertThat(chat.isConfigured()).isFalse();
  }

  @Test
  void theDemoUsersHaveDemoContacts() {
    for (String user : new String[] {"alice", "bob", "kai", "carol", "dave", "erin", "maria"}) {
      assertThat(contacts.email(user)).as(user).contains(user + "@example.org");
      assertThat(contacts.slackId(user)).as(user).isPresent();
    }
  }
}
