package org.irflow.comms.slack;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;
import org.irflow.comms.DeliveryFailed;
import org.irflow.http.OutboundHttp;
import org.irflow.http.ServiceClient;

/**
 * Calls of Slack Web API methods: {@code POST <base>/<method>} with form-encoded arguments (accepted by
 * every method) and {@code Authorization: Bearer <bot token>}. Slack answers HTTP 200 with
 * {@code {"ok": false, "error": "..."}} when a method fails: that becomes {@link Error}, naming the
 * method and the error code.
 */
final class SlackWebApi {

  /** A method answered {@code ok: false}. */
  static final class Error extends DeliveryFailed {
    private final String method;
    private final String error;

    Error(String method, String error) {
      super("Slack " + method + " failed: " + error);
      this.method = method;
      this.error = error;
    }

    String method() {
      return method;
    }

    String error() {
      return error;
    }
  }

  private final SlackProperties properties;
  private final ServiceClient<DeliveryFailed> http;

  SlackWebApi(SlackProperties properties, OutboundHttp http) {
    this.properties = properties;
    this.http = http.client("Slack", OutboundHttp.Timeouts.of(properties.timeout()), DeliveryFailed::of,
        properties.botToken());
  }

  /** Calls the method with the arguments (nulls left out); answers the whole {@code ok: true} answer. */
  JsonNode call(String method, Map<String, String> arguments) {
    if (!properties.configured()) {
      throw new DeliveryFailed("Slack is not configured (irflow.comms.slack.bot-token)");
    }
    String form = arguments.entrySet().stream()
        .filter(argument -> argument.getValue() != null)
        .map(argument -> encode(argument.getKey()) + "=" + encode(argument.getValue()))
        .collect(Collectors.joining("&"));
    ServiceClient.Response response = http.post(uri(method))
        .header("Authorization", "Bearer " + properties.botToken())
        .body(form.getBytes(StandardCharsets.UTF_8), "application/x-www-form-urlencoded")
        .send(method);
    if (response.status() != 200) {
      throw http.failure(method, response);
    }
    JsonNode answer = response.json();
    if (answer == null || !answer.isObject()) {
      throw new DeliveryFailed("Slack " + method + " answered something other than a JSON object");
    }
    if (!answer.path("ok").asBoolean(false)) {
      throw new Error(method, http.mask(answer.path("error").asText("unknown_error")));
    }
    return answer;
  }

  private URI uri(String method) {
    String base = properties.baseUrl().toString();
    return URI.create((base.endsWith("/") ? base : base + "/") + method);
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
