package org.irflow.triage.intake;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * One alert as irflow keeps it, whatever the source: what the triage form asks for, the source's own
 * severity and finding type, a fingerprint for de-duplication, the alert's JSON as received, whether
 * the source says customer data or an information spill is involved, and what the source says beyond
 * the text: the chain the alert is about (null when it does not say), the monitor that raised it
 * ({@link AlertEmitter}: the automatic-pause policy's notion of an independent monitor) and the
 * monitor rule built from it that correlation keys on (null when the alert names no rule).
 */
public record NormalisedAlert(String source, String reporter, String title, String description,
    String affectedSystems, SourceSeverity sourceSeverity, String findingType, boolean fundsAtRisk,
    String fingerprint, String payload, boolean informationSpill, Long chainId, AlertEmitter emitter,
    String monitorRule) {

  /** An alert whose source names neither its chain nor the monitor that raised it. */
  public NormalisedAlert(String source, String reporter, String title, String description,
      String affectedSystems, SourceSeverity sourceSeverity, String findingType, boolean fundsAtRisk,
      String fingerprint, String payload, boolean informationSpill) {
    this(source, reporter, title, description, affectedSystems, sourceSeverity, findingType, fundsAtRisk,
        fingerprint, payload, informationSpill, null, null, null);
  }

  /**
   * The same alert, raised by the monitor {@code emitter} on the chain its source names; {@code detector}
   * is the part of the monitor that fired when the monitor has several (a Forta bot's alert id, a
   * generic sender's rule).
   */
  NormalisedAlert raisedBy(Long chainId, AlertEmitter emitter, String detector) {
    return new NormalisedAlert(source, reporter, title, description, affectedSystems, sourceSeverity,
        findingType, fundsAtRisk, fingerprint, payload, informationSpill, chainId, emitter, emitter.rule(detector));
  }

  /**
   * The texts as PostgreSQL can store them: a text column cannot hold the NUL character (the insert
   * fails), so a NUL that a source sent escaped in its JSON becomes U+FFFD, the replacement character.
   * The payload needs nothing: it is JSON text again, in which a NUL is written as an escape. An alert
   * that does not say which monitor raised it comes from its source's anonymous emitter.
   */
  public NormalisedAlert {
    reporter = storable(reporter);
    title = storable(title);
    description = storable(description);
    affectedSystems = storable(affectedSystems);
    findingType = storable(findingType);
    fingerprint = storable(fingerprint);
    monitorRule = storable(monitorRule);
    emitter = emitter == null ? new AlertEmitter(source, null)
        : new AlertEmitter(emitter.source(), storable(emitter.name()));
  }

  static String storable(String text) {
    return text == null || text.indexOf('\u0000') < 0 ? text : text.replace('\u0000', '\uFFFD');
  }

  /** The longest fingerprint kept as given; longer ones are hashed. */
  static final int FINGERPRINT_LENGTH = 128;

  public boolean activelyExploited() {
    return "EXPLOIT".equals(findingType);
  }

  /** A source-given fingerprint, prefixed with the source (hashed when too long). */
  static String givenFingerprint(String source, String given) {
    String fingerprint = source + ":" + given;
    return fingerprint.length() <= FINGERPRINT_LENGTH ? fingerprint : source + ":sha256:" + sha256(given);
  }

  /** A derived fingerprint: the source and the hash of the parts that identify the alert. */
  static String derivedFingerprint(String source, String... parts) {
    return source + ":" + sha256(String.join("|", java.util.Arrays.stream(parts)
        .map(part -> part == null ? "" : part).toList()));
  }

  static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
