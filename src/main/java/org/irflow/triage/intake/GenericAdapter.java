package org.irflow.triage.intake;

import static org.irflow.triage.intake.JsonFields.optionalBoolean;
import static org.irflow.triage.intake.JsonFields.optionalText;
import static org.irflow.triage.intake.JsonFields.text;
import static org.irflow.triage.intake.JsonFields.textOrList;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A generic JSON event: {@code {source, severity, title, description, fingerprint, affected,
 * findingType, fundsAtRisk, informationSpill, chainId, rule}}; source, severity and title are required;
 * affected is a string or a list; the two booleans are false when absent; chainId (the chain the
 * affected contracts are on) and rule (the detector that raised it) are optional. This is irflow's own
 * schema: an unknown severity or finding type is a 400 naming it (the one alert of the request would
 * otherwise be kept as something its sender did not mean). The finding types are Forta's, by either of
 * its names.
 */
final class GenericAdapter {

  static final String SOURCE = "generic";

  private GenericAdapter() {}

  static NormalisedAlert alert(ReceivedJson body) {
    JsonNode root = body.root();
    String source = text(root, "source", "source");
    if (source.length() > 100) {
      throw IntakeRejected.invalid("source", "'source' must be at most 100 characters");
    }
    SourceSeverity severity = SourceSeverity.parse(text(root, "severity", "severity"), "severity");
    String title = text(root, "title", "title");
    String description = optionalText(root, "description", "description");
    String fingerprint = optionalText(root, "fingerprint", "fingerprint");
    String affected = textOrList(root, "affected", "affected");
    String sentType = optionalText(root, "findingType", "findingType");
    String findingType = sentType == null ? null : FortaAdapter.findingType(sentType);
    if (sentType != null && findingType == null) {
      throw IntakeRejected.unknownValue("findingType", sentType, FortaAdapter.findingTypeNames());
    }
    boolean fundsAtRisk = optionalBoolean(root, "fundsAtRisk", "fundsAtRisk");
    boolean informationSpill = optionalBoolean(root, "informationSpill", "informationSpill");
    String rule = optionalText(root, "rule", "rule");
    if (rule != null && rule.length() > 200) {
      throw IntakeRejected.invalid("rule", "'rule' must be at most 200 characters");
    }
    return new NormalisedAlert(SOURCE, source, title,
        description == null || description.isBlank() ? title : description, affected, severity, findingType,
        fundsAtRisk,
        fingerprint == null || fingerprint.isBlank()
            ? NormalisedAlert.derivedFingerprint(SOURCE, source, title, affected)
            : NormalisedAlert.givenFingerprint(SOURCE, source + ":" + fingerprint),
        body.text(), informationSpill)
        .raisedBy(JsonFields.optionalChainId(root, "chainId"), new AlertEmitter(SOURCE, source), rule);
  }
}
