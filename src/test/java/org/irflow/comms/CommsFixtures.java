package org.irflow.comms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.common.ConsoleNotifier;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.irflow.comms.ContactProperties.Contact;
import org.irflow.http.OutboundHttp;

/** What the comms tests share: a WireMock server on loopback, a contact directory, a recording sleeper. */
public final class CommsFixtures {

  public static final ObjectMapper JSON = new ObjectMapper();

  private CommsFixtures() {}

  /** The shared outbound HTTP client as the application builds it, waiting through the sleeper. */
  public static OutboundHttp http(OutboundHttp.Sleeper sleeper) {
    return new OutboundHttp(JSON, sleeper);
  }

  /** A WireMock server on a free loopback port, quiet. */
  public static WireMockExtension wireMock() {
    return WireMockExtension.newInstance()
        .options(WireMockConfiguration.wireMockConfig().dynamicPort().bindAddress("127.0.0.1")
            .notifier(new ConsoleNotifier(false)))
        .build();
  }

  /** alice and bob have every identity, carol only an e-mail, dave an explicit Opsgenie username. */
  public static ContactDirectory contacts() {
    return new ContactDirectory(new ContactProperties(Map.of(
        "alice", new Contact("alice@example.org", "U0ALICE", null),
        "bob", new Contact("bob@example.org", "U0BOB", null),
        "carol", new Contact("carol@example.org", null, null),
        "dave", new Contact("dave@example.org", "U0DAVE", "dave.ops"))));
  }

  /** Records the waits instead of sleeping. */
  public static final class RecordingSleeper implements OutboundHttp.Sleeper {
    public final List<Duration> waits = new ArrayList<>();

    @Override
    public void sleep(Duration duration) {
      waits.add(duration);
    }
  }

  public static JsonNode json(LoggedRequest request) {
    try {
      return JSON.readTree(request.getBodyAsString());
    } catch (IOException e) {
      throw new AssertionError("not JSON: " + request.getBodyAsString(), e);
    }
  }

  public static final Duration TIMEOUT = Duration.ofSeconds(5);
}
