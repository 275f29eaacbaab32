package org.irflow.comms.publicupdates;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import org.irflow.comms.DeliveryFailed;
import org.irflow.comms.OutboundAdapter;
import org.irflow.comms.OutboundMessage;
import org.irflow.comms.Texts;
import org.irflow.triage.intake.WebhookAuthenticator;
import org.irflow.http.OutboundHttp;
import org.irflow.http.ServiceClient;
import org.springframework.http.MediaType;
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
  private final ServiceClient<DeliveryFailed> http;
  private final ObjectMapper json;

  public WebsiteWebhook(WebsiteProperties properties, Clock clock, OutboundHttp http) {
    this.properties = properties;
    this.clock = clock;
    this.http = http.client("Website webhook", OutboundHttp.Timeouts.of(properties.timeout()), DeliveryFailed::of,
        properties.secret(), properties.url() == null ? null : properties.url().toString());
    this.json = http.json();
  }

  @Override
  public OutboundMessage.Channel channel() {
    return OutboundMessage.Channel.WEBSITE;
  }

  @Override
  public boolean isConfigured() {
    return properties.configured();
  }

  /** The host only: the URL's path or query may carry a token. */
  @Override
  public String destination(OutboundMessage message) {
    return "posted to the signed webhook on " + properties.url().getHost();
  }

  @Override
  public String deliver(OutboundMessage message) {
    if (!properties.configured()) {
      throw new DeliveryFailed("the website webhook is not configured (irflow.comms.website.url, .secret)");
    }
    Instant now = clock.instant();
    ObjectNode update = json.createObjectNode()
        .put("incidentId", message.incidentId())
        .put("title", Texts.title(message))
        .put("body", message.body())
        .put("publishedAt", now.toString());
    byte[] body;
    try {
      body = json.writeValueAsBytes(update);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the website update", e);
    }
    String timestamp = String.valueOf(now.toEpochMilli());
    // the signature covers these exact bytes: they go out as they are
    ServiceClient.Response response = http.post(properties.url())
        .header("X-Timestamp", timestamp)
        .header("X-Signature", WebhookAuthenticator.sign(properties.secret(), body, timestamp))
        .body(body, MediaType.APPLICATION_JSON_VALUE)
        .send("post");
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
