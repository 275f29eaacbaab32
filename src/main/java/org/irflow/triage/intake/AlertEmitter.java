package org.irflow.triage.intake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Which monitor raised a stored alert, read from the alert as the source sent it: the Forta bot
 * ({@code forta:<bot id>}), the OpenZeppelin Monitor monitor ({@code openzeppelin-monitor:<monitor name>}),
 * the Alertmanager alert rule ({@code alertmanager:<alertname>}) or the generic sender's own name
 * ({@code generic:<source>}). Two alerts with different emitters come from independent monitors; the
 * same names are what an operator lists as trusted. An alert that does not say which monitor raised it
 * (OpenZeppelin Monitor's template mode, a Forta alert without a bot) is the source's anonymous emitter,
 * which no operator can list as trusted.
 *
 * @param key the emitter as compared and configured, e.g. {@code forta:0xabc...}
 * @param source the monitoring source (forta, openzeppelin-monitor, alertmanager, generic)
 * @param name the bot id, monitor name, alert rule or sender; null when the alert does not say
 */
public record AlertEmitter(String key, String source, String name) {

  public static final List<String> SOURCES = List.of(FortaAdapter.SOURCE, OpenZeppelinMonitorAdapter.SOURCE,
      AlertmanagerAdapter.SOURCE, GenericAdapter.SOURCE);

  /** The emitter of a stored monitoring alert: its source, the reporter the intake stored, its payload. */
  public static AlertEmitter of(String source, String reporter, String payload, ObjectMapper json) {
    JsonNode alert = parse(payload, json);
    String name = switch (source) {
      // a Forta bot id is a hash: written in any case, the same bot
      case FortaAdapter.SOURCE -> lower(text(alert.path("source").has("bot")
          ? alert.path("source").path("bot") : alert.path("source").path("agent"), "id"));
      // raw mode stores the EVM object (or the whole body, which holds it)
      case OpenZeppelinMonitorAdapter.SOURCE -> text((alert.has("EVM") ? alert.path("EVM") : alert).path("monitor"), "name");
      case AlertmanagerAdapter.SOURCE -> text(alert.path("labels"), "alertname");
      case GenericAdapter.SOURCE -> reporter;
      default -> null;
    };
    return new AlertEmitter(name == null ? source : source + ":" + name, source, name);
  }

  /**
   * A configured emitter in the form {@code <source>:<name>}, as {@link #of} spells it; empty when the
   * text is not one (an unknown source, no name).
   */
  public static Optional<AlertEmitter> parseConfigured(String configured) {
    if (configured == null) {
      return Optional.empty();
    }
    int colon = configured.indexOf(':');
    if (colon <= 0 || colon == configured.length() - 1) {
      return Optional.empty();
    }
    String source = configured.substring(0, colon).trim();
    String name = configured.substring(colon + 1).trim();
    if (!SOURCES.contains(source) || name.isEmpty()) {
      return Optional.empty();
    }
    if (FortaAdapter.SOURCE.equals(source)) {
      name = lower(name);
    }
    return Optional.of(new AlertEmitter(source + ":" + name, source, name));
  }

  /** For people to read: "forta bot 0xabc…", "openzeppelin-monitor 'Vault drain'". */
  public String describe() {
    if (name == null) {
      return source + " (monitor not named in the alert)";
    }
    return switch (source) {
      case FortaAdapter.SOURCE -> "forta bot " + name;
      case AlertmanagerAdapter.SOURCE -> "alertmanager rule '" + name + "'";
      default -> source + " '" + name + "'";
    };
  }

  private static JsonNode parse(String payload, ObjectMapper json) {
    if (payload == null || payload.isBlank()) {
      return json.createObjectNode();
    }
    try {
      return json.readTree(payload);
    } catch (java.io.IOException e) {
      return json.createObjectNode();
    }
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.path(field);
    return value.isTextual() && !value.asText().isBlank() ? value.asText().trim() : null;
  }

  private static String lower(String text) {
    return text == null ? null : text.toLowerCase(Locale.ROOT);
  }
}
