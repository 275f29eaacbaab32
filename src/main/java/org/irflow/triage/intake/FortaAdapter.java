package org.irflow.triage.intake;

import static org.irflow.triage.intake.JsonFields.array;
import static org.irflow.triage.intake.JsonFields.optionalStringMap;
import static org.irflow.triage.intake.JsonFields.optionalText;
import static org.irflow.triage.intake.JsonFields.text;
import static org.irflow.triage.intake.JsonFields.textOrList;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Forta's webhook, as forta-node's webhook client sends it (the AlertBatch of forta-core-go's
 * protocol/webhook/swagger.yml): {@code {alerts: [{hash, createdAt, alertId, name, protocol,
 * description, findingType, severity, metadata, addresses, labels, source: {transactionHash, bot {id},
 * block {...}}}], metrics}}. The GraphQL API's alerts have the same shape: {@link FortaGraphqlPoller}
 * maps them one by one with {@link #alert}.
 *
 * <p>Forta sends the protobuf names of its enums: finding types UNKNOWN_TYPE, EXPLOIT, SUSPICIOUS,
 * DEGRADED, INFORMATION, SCAM and severities UNKNOWN, INFO, LOW, MEDIUM, HIGH, CRITICAL; the SDKs'
 * names (Unknown, Info) are read too. A value Forta does not document (a newer Forta, a bot's own) does
 * not refuse the batch: that alert is kept as UNKNOWN, with the value sent in its description and its
 * payload, and the other alerts are kept as they are.
 */
final class FortaAdapter {

  static final String SOURCE = "forta";

  /** Forta's finding types by the names it sends (and the SDKs' names), with irflow's name of each. */
  private static final Map<String, String> FINDING_TYPES = Map.of(
      "UNKNOWN_TYPE", "UNKNOWN", "UNKNOWN", "UNKNOWN", "EXPLOIT", "EXPLOIT", "SUSPICIOUS", "SUSPICIOUS",
      "DEGRADED", "DEGRADED", "INFORMATION", "INFO", "INFO", "INFO", "SCAM", "SCAM");

  static final String UNKNOWN_FINDING_TYPE = "UNKNOWN";

  private FortaAdapter() {}

  /** The batch of the webhook: each alert's payload is its text as received. */
  static List<NormalisedAlert> alerts(ReceivedJson body) {
    JsonNode alerts = array(body.root(), "alerts", "alerts");
    List<NormalisedAlert> normalised = new ArrayList<>();
    for (int i = 0; i < alerts.size(); i++) {
      String path = "alerts[" + i + "]";
      JsonNode alert = alerts.get(i);
      requireObject(alert, path);
      normalised.add(alert(alert, path, body.elementText("alerts", i)));
    }
    return normalised;
  }

  /** irflow's name of a finding type Forta sends (any case), or null when Forta has no such type. */
  static String findingType(String sent) {
    return FINDING_TYPES.get(sent.trim().toUpperCase(Locale.ROOT));
  }

  /** The finding types irflow knows, for a message. */
  static String findingTypeNames() {
    return new java.util.TreeSet<>(FINDING_TYPES.keySet()).toString();
  }

  /**
   * One alert node, the same in the webhook batch and in the GraphQL API's answer; {@code path} names
   * it in a rejection ({@code alerts[2]}); {@code payload} is what is stored as the alert received.
   */
  static NormalisedAlert alert(JsonNode alert, String path, String payload) {
    requireObject(alert, path);
    String alertId = text(alert, "alertId", path + ".alertId");
    String name = text(alert, "name", path + ".name");
    List<String> notDocumented = new ArrayList<>();
    String sentSeverity = text(alert, "severity", path + ".severity");
    SourceSeverity severity = SourceSeverity.named(sentSeverity);
    if (severity == null) {
      severity = SourceSeverity.UNKNOWN;
      notDocumented.add("severity '" + sentSeverity + "'");
    }
    String sentType = optionalText(alert, "findingType", path + ".findingType");
    String findingType = sentType == null ? null : findingType(sentType);
    if (sentType != null && findingType == null) {
      findingType = UNKNOWN_FINDING_TYPE;
      notDocumented.add("finding type '" + sentType + "'");
    }
    optionalStringMap(alert, "metadata", path + ".metadata");
    String description = optionalText(alert, "description", path + ".description");
    String protocol = optionalText(alert, "protocol", path + ".protocol");
    String addresses = textOrList(alert, "addresses", path + ".addresses");
    JsonNode source = alert.get("source");
    String transaction = null;
    String bot = null;
    Long chainId = JsonFields.optionalChainId(alert, "chainId");
    if (source != null && source.isObject()) {
      transaction = optionalText(source, "transactionHash", path + ".source.transactionHash");
      JsonNode botNode = source.has("bot") ? source.get("bot") : source.get("agent");
      bot = botNode != null && botNode.isObject() ? optionalText(botNode, "id", path + ".source.bot.id") : null;
      Long blockChain = JsonFields.optionalChainId(source.get("block"), "chainId");
      chainId = blockChain != null ? blockChain : chainId;
    }
    return new NormalisedAlert(SOURCE, SOURCE,
        "Forta: " + name + (protocol == null ? "" : " (" + protocol + ")"),
        (description == null || description.isBlank() ? name : description)
            + (transaction == null ? "" : "\nTransaction: " + transaction)
            + (bot == null ? "" : "\nBot: " + bot)
            + (notDocumented.isEmpty() ? "" : "\nNot a value Forta documents, kept as UNKNOWN: "
                + String.join(", ", notDocumented)),
        addresses, severity, findingType, false,
        NormalisedAlert.derivedFingerprint(SOURCE, alertId, bot, addresses, transaction),
        payload, false)
        // one bot raises several kinds of alert: its alert id names the one that fired
        .raisedBy(chainId, new AlertEmitter(SOURCE, bot), alertId);
  }

  private static void requireObject(JsonNode alert, String path) {
    if (alert == null || !alert.isObject()) {
      throw IntakeRejected.invalid(path, "'" + path + "' must be an object");
    }
  }
}
