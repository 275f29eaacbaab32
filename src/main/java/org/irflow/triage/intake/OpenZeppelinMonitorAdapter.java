package org.irflow.triage.intake;

import static org.irflow.triage.intake.JsonFields.object;
import static org.irflow.triage.intake.JsonFields.optionalText;
import static org.irflow.triage.intake.JsonFields.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * OpenZeppelin Monitor's webhook: template mode {@code {title, body}} or raw mode
 * {@code {"EVM": {monitor, transaction, receipt, logs, network_slug, matched_on, matched_on_args}}}.
 * The monitor states no severity: its events are UNKNOWN until triaged.
 */
final class OpenZeppelinMonitorAdapter {

  static final String SOURCE = "openzeppelin-monitor";

  private OpenZeppelinMonitorAdapter() {}

  static NormalisedAlert alert(JsonNode root) {
    if (root.has("EVM")) {
      return raw(object(root, "EVM", "EVM"));
    }
    if (!root.has("title") && !root.has("body")) {
      throw new IntakeRejected(400, "missing-field", "title",
          "expected template mode {title, body} or raw mode {\"EVM\": {...}}");
    }
    String title = text(root, "title", "title");
    String body = text(root, "body", "body");
    return new NormalisedAlert(SOURCE, SOURCE, "OpenZeppelin Monitor: " + title, body, null,
        SourceSeverity.UNKNOWN, null, false, NormalisedAlert.derivedFingerprint(SOURCE, title, body),
        root.toString(), false);
  }

  private static NormalisedAlert raw(JsonNode evm) {
    JsonNode monitor = object(evm, "monitor", "EVM.monitor");
    String monitorName = text(monitor, "name", "EVM.monitor.name");
    JsonNode transaction = object(evm, "transaction", "EVM.transaction");
    String hash = text(transaction, "hash", "EVM.transaction.hash");
    String to = optionalText(transaction, "to", "EVM.transaction.to");
    String network = optionalText(evm, "network_slug", "EVM.network_slug");
    List<String> contracts = new ArrayList<>();
    JsonNode addresses = monitor.get("addresses");
    if (addresses != null && addresses.isArray()) {
      addresses.forEach(address -> {
        String text = address.isObject() ? address.path("address").asText(null) : address.asText(null);
        if (text != null && !text.isBlank()) {
          contracts.add(text);
        }
      });
    }
    if (contracts.isEmpty() && to != null) {
      contracts.add(to);
    }
    List<String> matched = new ArrayList<>();
    JsonNode matchedOn = evm.get("matched_on");
    if (matchedOn != null && matchedOn.isObject()) {
      for (String kind : new String[] {"functions", "events", "transactions"}) {
        matchedOn.path(kind).forEach(condition -> {
          String signature = condition.path("signature").asText(null);
          String expression = condition.path("expression").asText(null);
          matched.add(kind + ": " + (signature != null ? signature : "")
              + (expression != null && !expression.isBlank() ? " where " + expression : ""));
        });
      }
    }
    String contract = contracts.isEmpty() ? null : String.join(", ", contracts);
    return new NormalisedAlert(SOURCE, SOURCE,
        "OpenZeppelin Monitor: " + monitorName + (network == null ? "" : " on " + network),
        "Transaction " + hash + (network == null ? "" : " on " + network)
            + (matched.isEmpty() ? "" : " matched " + String.join("; ", matched)),
        contract, SourceSeverity.UNKNOWN, null, false,
        NormalisedAlert.derivedFingerprint(SOURCE, monitorName, contract, hash),
        evm.toString(), false)
        // the monitor is the rule; its network slug names no chain id, so contracts match on any chain
        .raisedBy(null, monitorName);
  }
}
