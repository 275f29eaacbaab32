package org.irflow.triage.intake;

import static org.irflow.triage.intake.JsonFields.array;
import static org.irflow.triage.intake.JsonFields.object;
import static org.irflow.triage.intake.JsonFields.optionalStringMap;
import static org.irflow.triage.intake.JsonFields.optionalText;
import static org.irflow.triage.intake.JsonFields.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Prometheus Alertmanager's webhook (version 4): {@code {version, groupKey, status, receiver, groupLabels,
 * commonLabels, commonAnnotations, externalURL, alerts: [{status, labels, annotations, startsAt, endsAt,
 * generatorURL, fingerprint}]}}. Firing alerts become events; resolved ones are acknowledged and
 * counted as ignored. The free-text {@code severity} label maps onto the source severities
 * (critical/page, high/error, warning/medium, low, info/none); another value counts as UNKNOWN.
 * Labels and annotations are maps of strings (Alertmanager's KV): another value is a 400 naming it.
 * Each alert's payload is its text as received.
 */
final class AlertmanagerAdapter {

  static final String SOURCE = "alertmanager";

  private AlertmanagerAdapter() {}

  record Parsed(List<NormalisedAlert> firing, int resolved) {}

  static Parsed alerts(ReceivedJson body) {
    JsonNode root = body.root();
    String version = optionalText(root, "version", "version");
    if (version != null && !"4".equals(version)) {
      throw IntakeRejected.unknownValue("version", version, "[4]");
    }
    JsonNode alerts = array(root, "alerts", "alerts");
    List<NormalisedAlert> firing = new ArrayList<>();
    int resolved = 0;
    for (int i = 0; i < alerts.size(); i++) {
      String path = "alerts[" + i + "]";
      JsonNode alert = alerts.get(i);
      if (!alert.isObject()) {
        throw IntakeRejected.invalid(path, "'" + path + "' must be an object");
      }
      String status = text(alert, "status", path + ".status");
      JsonNode labels = object(alert, "labels", path + ".labels");
      optionalStringMap(alert, "labels", path + ".labels");
      String alertName = text(labels, "alertname", path + ".labels.alertname");
      if ("resolved".equals(status)) {
        resolved++;
        continue;
      }
      if (!"firing".equals(status)) {
        throw IntakeRejected.unknownValue(path + ".status", status, "[firing, resolved]");
      }
      JsonNode annotations = optionalStringMap(alert, "annotations", path + ".annotations");
      String summary = optionalText(annotations, "summary", path + ".annotations.summary");
      String description = optionalText(annotations, "description", path + ".annotations.description");
      String instance = optionalText(labels, "instance", path + ".labels.instance");
      String affected = instance != null ? instance : optionalText(labels, "job", path + ".labels.job");
      String given = optionalText(alert, "fingerprint", path + ".fingerprint");
      Map<String, String> sortedLabels = new TreeMap<>();
      labels.fields().forEachRemaining(label -> sortedLabels.put(label.getKey(), label.getValue().textValue()));
      firing.add(new NormalisedAlert(SOURCE, SOURCE,
          "Alertmanager: " + alertName + (instance == null ? "" : " on " + instance),
          String.join("\n", java.util.stream.Stream.of(summary, description,
                  "Labels: " + sortedLabels, optionalText(alert, "startsAt", path + ".startsAt") == null ? null
                      : "Since: " + alert.get("startsAt").asText())
              .filter(part -> part != null && !part.isBlank()).toList()),
          affected,
          severity(optionalText(labels, "severity", path + ".labels.severity")),
          null, false,
          given == null || given.isBlank()
              ? NormalisedAlert.derivedFingerprint(SOURCE, sortedLabels.toString())
              : NormalisedAlert.givenFingerprint(SOURCE, given),
          body.elementText("alerts", i), false).raisedBy(null, new AlertEmitter(SOURCE, alertName), null));
    }
    return new Parsed(firing, resolved);
  }

  static SourceSeverity severity(String label) {
    if (label == null) {
      return SourceSeverity.UNKNOWN;
    }
    return switch (label.trim().toLowerCase(Locale.ROOT)) {
      case "critical", "page", "emergency", "fatal" -> SourceSeverity.CRITICAL;
      case "high", "error", "major" -> SourceSeverity.HIGH;
      case "warning", "warn", "medium", "minor" -> SourceSeverity.MEDIUM;
      case "low" -> SourceSeverity.LOW;
      case "info", "informational", "none" -> SourceSeverity.INFO;
      default -> SourceSeverity.UNKNOWN;
    };
  }
}
