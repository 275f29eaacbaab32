package org.irflow.triage.intake;

import static org.irflow.triage.intake.JsonFields.object;
import static org.irflow.triage.intake.JsonFields.optionalText;
import static org.irflow.triage.intake.JsonFields.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * OpenZeppelin Monitor's webhook trigger (version 1.1.0 or later: see WebhookAuthenticator for the
 * signature): template mode {@code {title, body}}, or raw mode (payload_mode "raw", version 1.2.0 or
 * later), the serialised MonitorMatch {@code {"EVM": {monitor, transaction, receipt, logs, network_slug,
 * matched_on, matched_on_args}}}. Raw mode is read for EVM monitors only. The monitor states no
 * severity: its events are UNKNOWN until triaged. The payload kept is the body as received.
 *
 * <p>The contracts an alert concerns are the monitored addresses the transaction touched: the Monitor
 * matches a transaction when one of the monitor's addresses is its sender, its recipient or the
 * emitter of one of its logs. A monitor watching several contracts names only the ones matched, not
 * all of them and not every address of the transaction.
 */
final class OpenZeppelinMonitorAdapter {

  static final String SOURCE = "openzeppelin-monitor";

  private OpenZeppelinMonitorAdapter() {}

  static NormalisedAlert alert(ReceivedJson received) {
    JsonNode root = received.root();
    if (root.has("EVM")) {
      return raw(object(root, "EVM", "EVM"), received.text());
    }
    for (String chain : new String[] {"Stellar", "Midnight", "Solana"}) {
      if (root.has(chain)) {
        throw IntakeRejected.invalid(chain, "raw mode is read for EVM monitors only; use template mode"
            + " {title, body} for a " + chain + " monitor");
      }
    }
    if (!root.has("title") && !root.has("body")) {
      throw new IntakeRejected(400, "missing-field", "title",
          "expected template mode {title, body} or raw mode {\"EVM\": {...}}");
    }
    String title = text(root, "title", "title");
    String body = text(root, "body", "body");
    return new NormalisedAlert(SOURCE, SOURCE, "OpenZeppelin Monitor: " + title, body, null,
        SourceSeverity.UNKNOWN, null, false, NormalisedAlert.derivedFingerprint(SOURCE, title, body),
        received.text(), false);
  }

  private static NormalisedAlert raw(JsonNode evm, String payload) {
    JsonNode monitor = object(evm, "monitor", "EVM.monitor");
    String monitorName = text(monitor, "name", "EVM.monitor.name");
    JsonNode transaction = object(evm, "transaction", "EVM.transaction");
    String hash = text(transaction, "hash", "EVM.transaction.hash");
    String network = optionalText(evm, "network_slug", "EVM.network_slug");
    List<String> contracts = matchedContracts(evm, monitor, transaction);
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
        payload, false)
        // its network slug names no chain id, so contracts match on any chain
        .raisedBy(null, new AlertEmitter(SOURCE, monitorName), null);
  }

  /**
   * The monitored addresses the transaction touched (compared without regard to case: the Monitor
   * writes the transaction's addresses checksummed, the monitor's as configured). When none was
   * touched (the Monitor does not send such a match) all monitored addresses stand, and the
   * transaction's recipient when the monitor lists none.
   */
  private static List<String> matchedContracts(JsonNode evm, JsonNode monitor, JsonNode transaction) {
    Set<String> touched = new HashSet<>();
    String to = optionalText(transaction, "to", "EVM.transaction.to");
    for (String address : new String[] {optionalText(transaction, "from", "EVM.transaction.from"), to}) {
      if (address != null) {
        touched.add(address.toLowerCase(Locale.ROOT));
      }
    }
    JsonNode logs = evm.get("logs");
    if (logs != null && logs.isArray()) {
      for (int i = 0; i < logs.size(); i++) {
        String emitter = optionalText(logs.get(i), "address", "EVM.logs[" + i + "].address");
        if (emitter != null) {
          touched.add(emitter.toLowerCase(Locale.ROOT));
        }
      }
    }
    List<String> monitored = new ArrayList<>();
    JsonNode addresses = monitor.get("addresses");
    if (addresses != null && addresses.isArray()) {
      for (int i = 0; i < addresses.size(); i++) {
        String path = "EVM.monitor.addresses[" + i + "]";
        JsonNode entry = addresses.get(i);
        String address = entry.isObject() ? optionalText(entry, "address", path + ".address")
            : JsonFields.storable(entry.asText(), path);
        if (address != null && !address.isBlank()) {
          monitored.add(address);
        }
      }
    }
    List<String> matched = monitored.stream().filter(address -> touched.contains(address.toLowerCase(Locale.ROOT)))
        .distinct().toList();
    if (!matched.isEmpty()) {
      return matched;
    }
    return monitored.isEmpty() && to != null ? List.of(to) : monitored;
  }
}
