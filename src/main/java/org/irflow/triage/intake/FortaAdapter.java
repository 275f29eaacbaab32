package org.irflow.triage.intake;

import static org.irflow.triage.intake.JsonFields.array;
import static org.irflow.triage.intake.JsonFields.optionalEnum;
import static org.irflow.triage.intake.JsonFields.optionalText;
import static org.irflow.triage.intake.JsonFields.text;
import static org.irflow.triage.intake.JsonFields.textOrList;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Forta's webhook: {@code {alerts: [{hash, createdAt, alertId, name, protocol, description, findingType,
 * severity, metadata, addresses, source: {transactionHash, bot {id}, block {...}}}]}}. The GraphQL API's
 * alerts have the same shape: {@link FortaGraphqlPoller} maps them one by one with {@link #alert}.
 */
final class FortaAdapter {

  static final String SOURCE = "forta";
  static final String[] FINDING_TYPES = {"UNKNOWN", "EXPLOIT", "SUSPICIOUS", "DEGRADED", "INFO", "SCAM"};

  private FortaAdapter() {}

  static List<NormalisedAlert> alerts(JsonNode root) {
    JsonNode alerts = array(root, "alerts", "alerts");
    List<NormalisedAlert> normalised = new ArrayList<>();
    for (int i = 0; i < alerts.size(); i++) {
      normalised.add(alert(alerts.get(i), "alerts[" + i + "]"));
    }
    return normalised;
  }

  /**
   * One alert node, the same in the webhook batch and in the GraphQL API's answer; {@code path} names
   * it in a rejection ({@code alerts[2]}).
   */
  static NormalisedAlert alert(JsonNode alert, String path) {
    if (alert == null || !alert.isObject()) {
      throw IntakeRejected.invalid(path, "'" + path + "' must be an object");
    }
    String alertId = text(alert, "alertId", path + ".alertId");
    String name = text(alert, "name", path + ".name");
    SourceSeverity severity = SourceSeverity.parse(text(alert, "severity", path + ".severity"), path + ".severity");
    String findingType = optionalEnum(alert, "findingType", path + ".findingType", FINDING_TYPES);
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
            + (bot == null ? "" : "\nBot: " + bot),
        addresses, severity, findingType, false,
        NormalisedAlert.derivedFingerprint(SOURCE, alertId, bot, addresses, transaction),
        alert.toString(), false)
        // the rule is the bot's alert id: one bot raises several kinds of alert
        .raisedBy(chainId, (bot == null ? "" : bot + "/") + alertId);
  }
}
