package org.irflow.comms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import java.time.Clock;
import org.irflow.comms.OutboundMessage.Channel;
import org.irflow.comms.mail.CommsMailProperties;
import org.irflow.comms.mail.SmtpMail;
import org.irflow.comms.paging.OpsgenieProperties;
import org.irflow.comms.paging.PagerDutyProperties;
import org.irflow.comms.paging.Pagers;
import org.irflow.comms.publicupdates.DiscordProperties;
import org.irflow.comms.publicupdates.DiscordWebhook;
import org.irflow.comms.publicupdates.StatuspageProperties;
import org.irflow.comms.publicupdates.StatuspageUpdates;
import org.irflow.comms.publicupdates.WebsiteProperties;
import org.irflow.comms.publicupdates.WebsiteWebhook;
import org.irflow.comms.slack.SlackChatService;
import org.irflow.comms.slack.SlackProperties;
import org.irflow.http.OutboundHttp;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.autoconfigure.mail.MailSenderAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * How the settings switch the adapters on: the keys as documented (kebab case, or the environment's
 * IRFLOW_COMMS_... names), each vendor independently, e-mail only with spring.mail.host.
 */
class CommsConfigurationTest {

  @Configuration
  @EnableConfigurationProperties({ContactProperties.class, SlackProperties.class, PagerDutyProperties.class,
      OpsgenieProperties.class, DiscordProperties.class, StatuspageProperties.class, WebsiteProperties.class,
      CommsMailProperties.class})
  @Import({ContactDirectory.class, SlackChatService.class, Pagers.class, DiscordWebhook.class, StatuspageUpdates.class,
      WebsiteWebhook.class, SmtpMail.class, OutboundRouter.class, OutboundHttp.class})
  static class Comms {
    @Bean
    JdbcTemplate jdbcTemplate() {
      return mock(JdbcTemplate.class);
    }

    @Bean
    Clock clock() {
      return Clock.systemUTC();
    }
  }

  final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(MailSenderAutoConfiguration.class, JacksonAutoConfiguration.class))
      .withUserConfiguration(Comms.class);

  @Test
  void nothingConfiguredStartsWithEveryChannelOff() {
    runner.run(context -> {
      assertThat(context).hasNotFailed();
      OutboundGateway gateway = context.getBean(OutboundGateway.class);
      for (Channel channel : Channel.values()) {
        assertThat(gateway.isConfigured(channel)).as(channel.name()).isFalse();
      }
      assertThat(context.getBean(ChatService.class).isConfigured()).isFalse();
    });
  }

  @Test
  void eachVendorIsSwitchedOnByItsOwnKeys() {
    runner.withPropertyValues(
        "irflow.comms.slack.bot-token=xoxb-1",
        "irflow.comms.paging.opsgenie.api-key=genie",
        "irflow.comms.discord.webhook-url=https://discord.example/api/webhooks/1/t",
        "irflow.comms.statuspage.api-key=k", "irflow.comms.statuspage.page-id=p",
        "irflow.comms.website.url=https://www.example.org/hooks/irflow", "irflow.comms.website.secret=s",
        "spring.mail.host=127.0.0.1", "irflow.comms.mail.from=security@example.org",
        "irflow.comms.contacts.alice.email=alice@example.org", "irflow.comms.contacts.alice.slack=U0ALICE").run(context -> {
          OutboundGateway gateway = context.getBean(OutboundGateway.class);
          for (Channel channel : Channel.values()) {
            assertThat(gateway.isConfigured(channel)).as(channel.name()).isTrue();
          }
          ContactDirectory contacts = context.getBean(ContactDirectory.class);
          assertThat(contacts.slackId("alice")).contains("U0ALICE");
          assertThat(contacts.opsgenieUsername("alice")).contains("alice@example.org");
          assertThat(contacts.email("nobody")).isEmpty();
        });
  }

  @Test
  void theEnvironmentNamesBindToo() {
    // relaxed binding: IRFLOW_COMMS_SLACK_BOTTOKEN is irflow.comms.slack.bottoken, i.e. bot-token
    runner.withPropertyValues("irflow.comms.slack.bottoken=xoxb-env",
        "irflow.comms.paging.pagerduty.routingkey=rk").run(context -> {
          assertThat(context.getBean(SlackProperties.class).botToken()).isEqualTo("xoxb-env");
          assertThat(context.getBean(OutboundGateway.class).isConfigured(Channel.PAGE)).isTrue();
          assertThat(context.getBean(OutboundGateway.class).isConfigured(Channel.CHAT)).isTrue();
          assertThat(context.getBean(OutboundGateway.class).isConfigured(Channel.EMAIL)).isFalse();
        });
  }

  @Test
  void aMailServerWithoutSenderStopsTheStart() {
    runner.withPropertyValues("spring.mail.host=127.0.0.1").run(context ->
        assertThat(context).hasFailed().getFailure().hasStackTraceContaining("irflow.comms.mail.from"));
  }
}
