package org.irflow.comms.publicupdates;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.irflow.comms.DeliveryFailed;
import org.irflow.comms.OutboundAdapter;
import org.irflow.comms.OutboundMessage;
import org.irflow.comms.Texts;
import org.irflow.http.OutboundHttp;
import org.irflow.http.ServiceClient;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;

/**
 * DISCORD public updates: {@code POST <webhook url>?wait=true} with {@code {content, allowed_mentions}}
 * (the title in bold, then the text; no {@code @everyone} or role pings, whatever the text says).
 * With {@code wait=true} Discord answers the created message, whose id is the reference.
 */
@Component
public class DiscordWebhook implements OutboundAdapter {

  /** Discord's limit for a message's content. */
  static final int MAX_CONTENT = 2000;

  private final DiscordProperties properties;
  private final ServiceClient<DeliveryFailed> http;
  private final ObjectMapper json;

  public DiscordWebhook(DiscordProperties properties, OutboundHttp http) {
    this.properties = properties;
    // the URL's last segment is the webhook token: masked wherever the URL or the token might be echoed
    String url = properties.webhookUrl();
    String token = url == null ? null : url.replaceAll("[?#].*$", "").replaceAll("^.*/", "");
    this.http = http.client("Discord", OutboundHttp.Timeouts.of(properties.timeout()), DeliveryFailed::of, url, token);
    this.json = http.json();
  }

  @Override
  public OutboundMessage.Channel channel() {
    return OutboundMessage.Channel.DISCORD;
  }

  @Override
  public boolean isConfigured() {
    return properties.configured();
  }

  /** The webhook's id and host (its token, the URL's last segment, is a secret), and the name it posts as. */
  @Override
  public String destination(OutboundMessage message) {
    URI webhook = URI.create(properties.webhookUrl().replaceAll("[?#].*$", ""));
    String[] segments = webhook.getPath().split("/");
    String id = segments.length >= 2 ? segments[segments.length - 2] : "";
    return "posted through Discord webhook " + id + " on " + webhook.getHost()
        + (properties.username() == null ? "" : " as " + properties.username());
  }

  @Override
  public String deliver(OutboundMessage message) {
    ServiceClient.Response response = http.post(uri())
        .body(body(message).getBytes(StandardCharsets.UTF_8), MediaType.APPLICATION_JSON_VALUE)
        .send("execute webhook");
    return reference(response);
  }

  /** The request body for a message (also what OutboundMessageProcess's http-connector posts). */
  public String body(OutboundMessage message) {
    if (!properties.configured()) {
      throw new DeliveryFailed("Discord is not configured (irflow.comms.discord.webhook-url)");
    }
    String title = Texts.title(message);
    String text = message.subject() == null || message.subject().isBlank() ? message.body()
        : "**" + title + "**\n" + message.body();
    ObjectNode body = json.createObjectNode().put("content", Texts.truncate(text, MAX_CONTENT));
    if (properties.username() != null) {
      body.put("username", properties.username());
    }
    body.putObject("allowed_mentions").putArray("parse");
    return body.toString();
  }

  /** The connect and request timeout of Discord calls, camunda-connect's included. */
  public Duration timeout() {
    return OutboundHttp.Timeouts.of(properties.timeout()).exchange();
  }

  /** Where the http-connector posts: the webhook URL with {@code wait=true} (it holds the secret). */
  public String url() {
    return uri().toString();
  }

  /**
   * Discord's answer to a post: the created message's id, or DeliveryFailed naming the status (the
   * answer quoted with the token masked).
   */
  public String reference(int status, String answer) {
    return reference(http.response(status, answer));
  }

  /** The failure of a post that got no answer at all; {@code detail} is what the http-connector said. */
  public DeliveryFailed unreached(String detail) {
    return http.unreached("execute webhook", detail);
  }

  /** Discord's answer as a process may keep it: the webhook token masked, at most 3,000 characters. */
  public String answerToKeep(String answer) {
    if (answer == null) {
      return null;
    }
    String masked = http.mask(answer);
    return masked.length() <= 3000 ? masked : masked.substring(0, 3000);
  }

  private String reference(ServiceClient.Response response) {
    if (!response.ok()) {
      throw http.failure("execute webhook", response);
    }
    return response.json() == null ? null : response.json().path("id").asText(null);
  }

  private URI uri() {
    String url = properties.webhookUrl();
    try {
      return URI.create(url + (url.contains("?") ? "&" : "?") + "wait=true");
    } catch (IllegalArgumentException e) {
      throw new DeliveryFailed("irflow.comms.discord.webhook-url is not a URL");
    }
  }
}
