package org.irflow.comms.publicupdates;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import org.irflow.comms.DeliveryFailed;
import org.irflow.comms.OutboundAdapter;
import org.irflow.comms.OutboundMessage;
import org.irflow.comms.Texts;
import org.irflow.comms.VendorHttp;
import org.irflow.triage.intake.WebhookAuthenticator;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * WEBSITE public updates through a signed generic webhook: {@code POST <url>} with
 * {@code {incidentId, title, body, publishedAt}}, {@code X-Timestamp} (epoch milliseconds) and
 * {@code X-Signature} = hex(HMAC-SHA256(secret, body + timestamp)), the scheme irflow itself verifies on
 * {@code /webhooks/generic}. Any 2xx is delivered; the answer's {@code id} (or {@code url}), when it has
 * one, is the reference.
 */
@Component
public class WebsiteWebhook implements OutboundAdapter {

  private final WebsiteProperties properties;
  private final Clock clock;
  private final VendorHttp http;

  @Autowired
  public WebsiteWebhook(WebsiteProperties properties, Clock clock) {
    this(properties, clock, VendorHttp.THREAD_SLEEP);
  }

  public WebsiteWebhook(WebsiteProperties properties, Clock clock, VendorHttp.Sleeper sleeper) {
    this.properties = properties;
    this.clock = clock;
    this.http = new VendorHttp("Website webhook", properties.timeout(), sleeper, properties.secret(),
        properties.url() == null ? null : properties.url().toString());
  }

  @Override
  public OutboundMessage.Channel channel() {
    return OutboundMessage.Channel.WEBSITE;
  }

  @Override
  public boolean isConfigured() {
    return properties.configured();
  }

  @Override
  public String deliver(OutboundMessage message) {
    if (!properties.configured()) {
      throw new DeliveryFailed("the website webhook is not configured (irflow.comms.website.url, .secret)");
    }
    Instant now = clock.instant();
    ObjectNode update = VendorHttp.JSON.createObjectNode()
        .put("incidentId", message.incidentId())
        .put("title", Texts.title(message))
        .put("body", message.body())
        .put("publishedAt", now.toString());
    byte[] body = VendorHttp.write(update).getBytes(StandardCharsets.UTF_8);
    String timestamp = String.valueOf(now.toEpochMilli());
    VendorHttp.Response response = http.send("post", http.request(properties.url())
        .header("Content-Type", "application/json")
        .header("X-Timestamp", timestamp)
        .header("X-Signature", WebhookAuthenticator.sign(properties.secret(), body, timestamp))
        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
        .build());
    if (!response.ok()) {
      throw http.failure("post", response);
    }
    if (response.json() == null) {
      return null;
    }
    String id = response.json().path("id").asText(null);
    return id != null ? id : response.json().path("url").asText(null);
  }
}
