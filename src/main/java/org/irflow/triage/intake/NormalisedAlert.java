package org.irflow.triage.intake;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * One alert as irflow keeps it, whatever the source: what the triage form asks for, the source's own
 * severity and finding type, a fingerprint for de-duplication, the alert's JSON as received, and
 * whether the source says customer data or an information spill is involved.
 */
public record NormalisedAlert(String source, String reporter, String title, String description,
    String affectedSystems, SourceSeverity sourceSeverity, String findingType, boolean fundsAtRisk,
    String fingerprint, String payload, boolean informationSpill) {

  /**
   * The texts as PostgreSQL can store them: a text column cannot hold the NUL character (the insert
   * fails), so a NUL that a source sent escaped in its JSON becomes U+FFFD, the replacement character.
   * The payload needs nothing: it is JSON text again, in which a NUL is written as an escape.
   */
  public NormalisedAlert {
    reporter = storable(reporter);
    title = storable(title);
    description = storable(description);
    affectedSystems = storable(affectedSystems);
    findingType = storable(findingType);
    fingerprint = storable(fingerprint);
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
