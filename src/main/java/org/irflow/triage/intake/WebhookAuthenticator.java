package org.irflow.triage.intake;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;

/**
 * Checks that a webhook comes from its source: an HMAC-SHA256 signature over body + timestamp
 * (OpenZeppelin Monitor, generic) within the replay window and never seen before, a bearer token
 * (Forta, Alertmanager), or for Forta the JWT forta-node signs with its scanner key ({@link ScannerJwt})
 * from a trusted scanner, within its validity and never seen before. Comparisons of secrets take
 * constant time; secrets never appear in messages or logs.
 */
@Component
public class WebhookAuthenticator {

  /** The claim forta-node's alert publisher puts in the JWTs of its local-mode webhook requests. */
  static final String LOCAL_MODE_CLAIM = "localMode";
  /** The claim forta-node's JWT provider puts in every JWT it signs for a bot, with the bot's id. */
  static final String BOT_CLAIM = "bot-id";
  /** 9999-12-31T23:59:59Z. */
  private static final long LATEST_TIME_SECONDS = 253_402_300_799L;

  private final IntakeProperties properties;
  private final Clock clock;
  /** Strict: a claim given twice is refused, not read one way here and another way by the signer. */
  private final ObjectReader json;
  /**
   * Signatures and scanner JWT ids accepted, with the epoch millisecond after which they can no longer
   * be accepted anyway (the end of the replay window, the token's expiry).
   */
  private final Map<String, Long> seenSignatures = new ConcurrentHashMap<>();
  private final AtomicInteger sincePurge = new AtomicInteger();

  public WebhookAuthenticator(IntakeProperties properties, Clock clock, ObjectMapper objectMapper) {
    this.properties = properties;
    this.clock = clock;
    this.json = objectMapper.reader().with(StreamReadFeature.STRICT_DUPLICATE_DETECTION);
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
    return remember(source + ":" + given, millis + window, now, "X-Signature",
        "this signature was already received within the replay window");
  }

  /** The request with this signature (or scanner JWT) was not kept (a server failure): its sender may retry it. */
  public void forget(String signatureKey) {
    if (signatureKey != null) {
      seenSignatures.remove(signatureKey);
    }
  }

  /** Verifies {@code Authorization: Bearer <token>} against the source's token. */
  public void verifyBearer(String source, String authorization) {
    verifyToken(source, bearerCredential(source, authorization));
  }

  /**
   * Verifies {@code Authorization: Bearer <credential>} where the credential is either the source's
   * token or a scanner JWT from one of its trusted scanners, each accepted only when configured. A
   * JWT's id is remembered until it expires; the key returned lets a request that then fails for a
   * server reason {@link #forget} it (null for a token, which is not single-use).
   */
  public String verifyBearerOrScannerJwt(String source, String authorization) {
    String credential = bearerCredential(source, authorization);
    List<String> scanners = properties.scanners(source);
    boolean tokenConfigured = properties.token(source) != null;
    if (!scanners.isEmpty() && (!tokenConfigured || ScannerJwt.looksLikeOne(credential, json))) {
      return verifyScannerJwt(source, credential, scanners);
    }
    verifyToken(source, credential);
    return null;
  }

  private String bearerCredential(String source, String authorization) {
    if (properties.token(source) == null && properties.scanners(source).isEmpty()) {
      throw notConfigured(source, "Authorization", "token or scanner");
    }
    if (authorization == null || authorization.isBlank()) {
      throw new IntakeRejected(401, "missing-token", "Authorization",
          "the Authorization header with a bearer token is required");
    }
    String given = authorization.trim();
    if (!given.regionMatches(true, 0, "Bearer ", 0, 7)) {
      throw new IntakeRejected(401, "bad-token", "Authorization", "Authorization must be 'Bearer <token>'");
    }
    return given.substring(7).trim();
  }

  /** A source that takes no request: turned off by its operator, or on without its credential. */
  private IntakeRejected notConfigured(String source, String header, String credential) {
    return new IntakeRejected(401, "source-not-configured", header, properties.enabled(source)
        ? "no " + credential + " is configured for source '" + source + "'"
        : "the " + source + " webhook is turned off (" + IntakeProperties.environmentVariable(source, "enabled") + "=false)");
  }

  private void verifyToken(String source, String given) {
    String token = properties.token(source);
    if (token == null) {
      throw notConfigured(source, "Authorization", "token");
    }
    // digests of equal length: the comparison time says nothing about the token's length or prefix
    if (!MessageDigest.isEqual(sha256(given), sha256(token))) {
      throw new IntakeRejected(401, "bad-token", "Authorization", "the bearer token is not valid");
    }
  }

  /**
   * A scanner JWT is taken when a trusted scanner signed it, it names that scanner as its subject, it
   * is one forta-node's alert publisher makes for its local-mode webhook (claim localMode "true"; the
   * JWTs the scanner's JWT provider signs for the bots it runs carry bot-id and are refused), it is
   * valid now within the clock skew and for no longer than the replay window, and its id (jti) was
   * not seen before: forta-node makes a new JWT for every request and never sends one twice.
   */
  private String verifyScannerJwt(String source, String token, List<String> scanners) {
    ScannerJwt jwt = ScannerJwt.recover(token, json);
    if (!scanners.contains(jwt.signer())) {
      throw new IntakeRejected(401, "untrusted-scanner", "Authorization", "the JWT is signed by "
          + jwt.signer() + ", which is not a trusted scanner (irflow.intake.sources." + source + ".scanners)");
    }
    JsonNode claims = jwt.claims();
    if (!jwt.signer().equalsIgnoreCase(claims.path("sub").asText(""))) {
      throw new IntakeRejected(401, "bad-token", "Authorization",
          "the JWT's subject (claim sub) is not the scanner that signed it");
    }
    if (claims.has(BOT_CLAIM) || !"true".equals(claims.path(LOCAL_MODE_CLAIM).asText(""))) {
      throw new IntakeRejected(401, "not-a-webhook-token", "Authorization",
          "the JWT is not one forta-node's alert publisher makes for its webhook (claim localMode \"true\","
              + " no claim bot-id)");
    }
    long now = clock.millis();
    long skew = properties.clockSkew().toMillis();
    long expires = epochMillis(claims, "exp");
    long issued = epochMillis(claims, "iat");
    long notBefore = claims.has("nbf") ? epochMillis(claims, "nbf") : issued;
    if (now > expires + skew) {
      throw new IntakeRejected(401, "expired-token", "Authorization", "the JWT has expired (claim exp)");
    }
    if (now < notBefore - skew || now < issued - skew) {
      throw new IntakeRejected(401, "token-not-yet-valid", "Authorization",
          "the JWT is not valid yet (claims nbf, iat)");
    }
    Duration lifetime = Duration.ofMillis(expires - issued);
    if (lifetime.compareTo(properties.replayWindow()) > 0) {
      throw new IntakeRejected(401, "token-lifetime", "Authorization", "the JWT is valid for " + lifetime
          + " (claims iat to exp), longer than the replay window of " + properties.replayWindow());
    }
    String id = claims.path("jti").asText("");
    if (id.isBlank()) {
      throw new IntakeRejected(401, "bad-token", "Authorization", "the JWT has no id (claim jti)");
    }
    return remember(source + ":jwt:" + jwt.signer() + ":" + id, expires + skew, now, "Authorization",
        "this JWT (claim jti) was already received");
  }

  /**
   * A JWT time claim (NumericDate: whole seconds since the epoch) in epoch milliseconds; a time before
   * the epoch or after the year 9999 is refused, so that no sum or difference of times can overflow.
   */
  private static long epochMillis(JsonNode claims, String claim) {
    JsonNode value = claims.get(claim);
    if (value == null || !value.isIntegralNumber() || !value.canConvertToLong()
        || value.longValue() < 0 || value.longValue() > LATEST_TIME_SECONDS) {
      throw new IntakeRejected(401, "bad-token", "Authorization",
          "the JWT's claim " + claim + " must be a time in seconds since the epoch");
    }
    return value.longValue() * 1000;
  }

  /** Remembers a single-use credential until it could no longer be accepted; a second time is a 409. */
  private String remember(String key, long acceptableUntil, long now, String field, String replayMessage) {
    purgeNow(now);
    if (seenSignatures.putIfAbsent(key, acceptableUntil) != null) {
      throw new IntakeRejected(409, "replayed", field, replayMessage);
    }
    return key;
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
