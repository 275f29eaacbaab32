package org.irflow.support;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The communication vendors on loopback for the tests that run irflow's processes against them:
 * one WireMock server for the HTTP vendors (Slack under /api, Discord under /discord) and a real SMTP
 * server (GreenMail). Started once per test JVM; every test class that registers them shares one
 * application context.
 */
public final class VendorStubs {

  public static final WireMockServer HTTP = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
  public static final GreenMail SMTP = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP)
      .dynamicPort());
  public static final String DISCORD_PATH = "/discord/hook/secret-part";

  static {
    HTTP.start();
    SMTP.start();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      HTTP.stop();
      SMTP.stop();
    }));
  }

  private VendorStubs() {}

  /** irflow's settings for the vendors: Slack, Discord and SMTP configured, the rest not. */
  public static void register(DynamicPropertyRegistry properties) {
    properties.add("irflow.comms.slack.bot-token", () -> "xoxb-test-token");
    properties.add("irflow.comms.slack.base-url", () -> HTTP.baseUrl() + "/api");
    properties.add("irflow.comms.discord.webhook-url", () -> HTTP.baseUrl() + DISCORD_PATH);
    properties.add("spring.mail.host", () -> "127.0.0.1");
    properties.add("spring.mail.port", () -> SMTP.getSmtp().getPort());
    properties.add("irflow.comms.mail.from", () -> "security@example.org");
  }
}
