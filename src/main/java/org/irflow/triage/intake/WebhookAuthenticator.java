package org.irflow.triage.intake;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;

/**
 * Checks that a webhook comes from its source: an HMAC-SHA256 signature over body + timestamp
 * (OpenZeppelin Monitor, generic) within the replay window and never seen before, or a bearer token
 * (Forta, Alertmanager). Comparisons take constant time; secrets never appear in messages or logs.
 */
@Component
public class WebhookAuthenticator {

  private final IntakeProperties properties;
  private final Clock clock;
  /** Signatures accepted within the replay window, with the epoch millisecond they expire. */
  private final Map<String, Long> seenSignatures = new ConcurrentHashMap<>();
  private final AtomicInteger sincePurge = new AtomicInteger();

  public WebhookAuthenticator(IntakeProperties properties, Clock clock) {
    this.properties = properties;
    this.clock = clock;
  }

  /**
   * Verifies {@code X-Signature} = hex(HMAC-SHA256(secret, body + X-Timestamp)) and remembers the
   * signature; returns it so that a request that then fails for a server reason can {@link #forget} it.
   */
  public String verifySignature(String source, byte[] body, String timestamp, String signature) {
    String secret = properties.secret(source);
    if (secret == null) {
      throw notConfigured(source, "X-Signature", "secret");
    }
    if (timestamp == null || timestamp.isBlank()) {
      throw new IntakeRejected(401, "missing-timestamp", "X-Timestamp", "the X-Timestamp header is required");
    }
    long millis;
    try {
      millis = Long.parseLong(timestamp.trim());
    } catch (NumberFormatException e) {
      throw new IntakeRejected(401, "bad-timestamp", "X-Timestamp",
          "X-Timestamp must be the epoch time in milliseconds");
    }
    long now = clock.millis();
    long window = properties.replayWindow().toMillis();
    if (Math.abs(now - millis) > window) {
      throw new IntakeRejected(401, "stale-timestamp", "X-Timestamp",
          "X-Timestamp is outside the replay window of " + properties.replayWindow());
    }
    if (signature == null || signature.isBlank()) {
      throw new IntakeRejected(401, "missing-signature", "X-Signature", "the X-Signature header is required");
    }
    String given = signature.trim().toLowerCase(Locale.ROOT);
    if (given.startsWith("sha256=")) {
      given = given.substring("sha256=".length());
    }
    byte[] expected = HexFormat.of().formatHex(hmac(secret, body, timestamp.trim())).getBytes(StandardCharsets.US_ASCII);
    if (!MessageDigest.isEqual(expected, given.getBytes(StandardCharsets.US_ASCII))) {
      throw new IntakeRejected(401, "bad-signature", "X-Signature",
          "X-Signature does not match the body and X-Timestamp");
    }
    purgeNow(now);
    String key = source + ":" + given;
    if (seenSignatures.putIfAbsent(key, millis + window) != null) {
      throw new IntakeRejected(409, "replayed", "X-Signature",
          "this signature was already received within the replay window");
    }
    return key;
  }

  /** The request with this signature was not kept (a server failure): its sender may retry it. */
  public void forget(String signatureKey) {
    if (signatureKey != null) {
      seenSignatures.remove(signatureKey);
    }
  }

  /** Verifies {@code Authorization: Bearer <token>}. */
  public void verifyBearer(String source, String authorization) {
    String token = properties.token(source);
    if (token == null) {
      throw notConfigured(source, "Authorization", "token");
    }
    if (authorization == null || authorization.isBlank()) {
      throw new IntakeRejected(401, "missing-token", "Authorization",
          "the Authorization header with a bearer token is required");
    }
    String given = authorization.trim();
    if (!given.regionMatches(true, 0, "Bearer ", 0, 7)) {
      throw new IntakeRejected(401, "bad-token", "Authorization", "Authorization must be 'Bearer <token>'");
    }
    // digests of equal length: the comparison time says nothing about the token's length or prefix
    if (!MessageDigest.isEqual(sha256(given.substring(7).trim()), sha256(token))) {
      throw new IntakeRejected(401, "bad-token", "Authorization", "the bearer token is not valid");
    }
  }

  /** A source that takes no request: turned off by its operator, or on without its credential. */
  private IntakeRejected notConfigured(String source, String header, String credential) {
    return new IntakeRejected(401, "source-not-configured", header, properties.enabled(source)
        ? "no " + credential + " is configured for source '" + source + "'"
        : "the " + source + " webhook is turned off (" + IntakeProperties.environmentVariable(source, "enabled") + "=false)");
  }

  /** hex(HMAC-SHA256(secret, body + timestamp)), as the sender computes it. */
  public static String sign(String secret, byte[] body, String timestamp) {
    return HexFormat.of().formatHex(hmac(secret, body, timestamp));
  }

  private static byte[] hmac(String secret, byte[] body, String timestamp) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      mac.update(body);
      mac.update(timestamp.getBytes(StandardCharsets.UTF_8));
      return mac.doFinal();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private void purgeNow(long now) {
    if (sincePurge.incrementAndGet() % 1000 == 0) {
      seenSignatures.values().removeIf(expiry -> expiry < now);
    }
  }
}
