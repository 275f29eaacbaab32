package org.irflow.triage.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.irflow.support.FortaScannerJwt.TRUSTED_SCANNER_KEY;
import static org.irflow.support.FortaScannerJwt.UNTRUSTED_KEY;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.irflow.support.FortaScannerJwt;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * The rules for forta-node's scanner JWTs on the Forta webhook's Authorization header, on a fixed clock:
 * which tokens a trusted scanner's forta-node sends are taken, and every token an attacker could bring
 * (another key, a bot's token from the scanner's own JWT provider, another service's token, an old or
 * long-lived one, a second use) is refused. Over HTTP on the running application: FortaScannerWebhookTest.
 */
class ScannerJwtRulesTest {

  private static final Instant NOW = Instant.parse("2026-11-22T09:00:00Z");
  private static final String SCANNER = FortaScannerJwt.address(TRUSTED_SCANNER_KEY);
  private static final String TOKEN = "forta-token-of-our-own";

  /**
   * forta-node's webhook JWT from hardhat's account #9 at {@link #NOW}, made apart from irflow's code
   * (ethers' SigningKey over the Keccak-256 hash of the signing input, r s v with v 0 or 1, as
   * go-ethereum's crypto.Sign; Go's sorted JSON keys; base64url without padding).
   */
  private static final String INDEPENDENTLY_SIGNED = "eyJhbGciOiJFVEgiLCJ0eXAiOiJKV1QifQ"
      + ".eyJleHAiOjE3OTUzMzgwMzAsImlhdCI6MTc5NTMzODAwMCwianRpIjoiNmMwZjVhMmUtYzg0Yi0xMWYwLThkZTktMDI0MmFjMTIwMDAyIiwib"
      + "G9jYWxNb2RlIjoidHJ1ZSIsIm5iZiI6MTc5NTMzNzk3MCwic3ViIjoiMHhhMEVlN0ExNDJkMjY3QzFmMzY3MTRFNGE4Rjc1NjEyRjIwYTc5NzIwIn0"
      + ".2rbZrPOAMnL17lHGlU0N0FaPBvJX8ga5Xp4l2J0ox-BOg-kD5BHuFeSSq-3vzoYQrDqS3hvCweybmVruu8FSrAA";

  private static WebhookAuthenticator authenticator(Instant now, Map<String, String> forta) {
    Map<String, String> settings = new HashMap<>();
    forta.forEach((name, value) -> settings.put("irflow.intake.sources.forta." + name, value));
    IntakeProperties properties = new Binder(new MapConfigurationPropertySource(settings))
        .bindOrCreate("irflow.intake", IntakeProperties.class);
    return new WebhookAuthenticator(properties, Clock.fixed(now, ZoneOffset.UTC), new ObjectMapper());
  }

  private static WebhookAuthenticator trustingTheScanner(Instant now) {
    return authenticator(now, Map.of("scanners", SCANNER));
  }

  private static String bearer(String token) {
    return "Bearer " + token;
  }

  /** forta-node's token from the trusted scanner at {@link #NOW}, its claims changed first. */
  private static String scannerToken(Consumer<Map<String, Object>> change) {
    Map<String, Object> claims = FortaScannerJwt.localModeClaims(TRUSTED_SCANNER_KEY, NOW);
    change.accept(claims);
    return FortaScannerJwt.sign(TRUSTED_SCANNER_KEY, claims);
  }

  private static String scannerToken() {
    return scannerToken(claims -> { });
  }

  private static String forta(WebhookAuthenticator authenticator, String token) {
    return authenticator.verifyBearerOrScannerJwt("forta", bearer(token));
  }

  private static void assertRefused(WebhookAuthenticator authenticator, String token, int status, String reason) {
    assertThatThrownBy(() -> forta(authenticator, token))
        .isInstanceOfSatisfying(IntakeRejected.class, rejected -> {
          assertThat(rejected.reason()).as(rejected.getMessage()).isEqualTo(reason);
          assertThat(rejected.status()).isEqualTo(status);
          assertThat(rejected.field()).isEqualTo("Authorization");
        });
  }

  @Test
  void theTokenFortaNodeSendsFromATrustedScannerIsTakenOnce() {
    WebhookAuthenticator authenticator = trustingTheScanner(NOW);
    Map<String, Object> claims = FortaScannerJwt.localModeClaims(TRUSTED_SCANNER_KEY, NOW);
    String token = FortaScannerJwt.sign(TRUSTED_SCANNER_KEY, claims);

    String key = forta(authenticator, token);

    assertThat(key).isEqualTo("forta:jwt:" + SCANNER.toLowerCase() + ":" + claims.get("jti"));
    // forta-node makes a new JWT for every request: the same one twice is someone else
    assertRefused(authenticator, token, 409, "replayed");
    // unless irflow failed to keep the first request: the sender may then send it again
    authenticator.forget(key);
    assertThat(forta(authenticator, token)).isEqualTo(key);
  }

  @Test
  void aTokenSignedApartFromIrflowIsTakenAndTheTestSignerMakesTheSameOne() {
    assertThat(forta(trustingTheScanner(NOW), INDEPENDENTLY_SIGNED))
        .isEqualTo("forta:jwt:" + SCANNER.toLowerCase() + ":6c0f5a2e-c84b-11f0-8de9-0242ac120002");

    Map<String, Object> claims = FortaScannerJwt.localModeClaims(TRUSTED_SCANNER_KEY, NOW);
    claims.put("jti", "6c0f5a2e-c84b-11f0-8de9-0242ac120002");
    // both sign deterministically (RFC 6979) with a low s: the same token, byte for byte
    assertThat(FortaScannerJwt.sign(TRUSTED_SCANNER_KEY, claims)).isEqualTo(INDEPENDENTLY_SIGNED);
  }

  @Test
  void aScannerAddressIsTrustedInAnyCase() {
    WebhookAuthenticator authenticator = authenticator(NOW, Map.of("scanners", SCANNER.toUpperCase().replace("0X", "0x")));
    assertThat(forta(authenticator, scannerToken())).startsWith("forta:jwt:");
  }

  @Test
  void anotherKeyIsRefusedNamingTheAddressThatSigned() {
    String token = FortaScannerJwt.sign(UNTRUSTED_KEY, FortaScannerJwt.localModeClaims(UNTRUSTED_KEY, NOW));
    assertThatThrownBy(() -> forta(trustingTheScanner(NOW), token))
        .isInstanceOf(IntakeRejected.class)
        .hasMessageContaining(FortaScannerJwt.address(UNTRUSTED_KEY).toLowerCase())
        .hasMessageContaining("irflow.intake.sources.forta.scanners");
    assertRefused(trustingTheScanner(NOW), token, 401, "untrusted-scanner");
  }

  @Test
  void claimsChangedAfterSigningAreRefused() {
    String[] parts = scannerToken().split("\\.");
    String claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
    long exp = NOW.plusSeconds(30).getEpochSecond();
    String longer = claims.replace("\"exp\":" + exp, "\"exp\":" + (exp + 3600));
    assertThat(longer).isNotEqualTo(claims);
    String tampered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
        .encodeToString(longer.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];

    // the signature no longer matches: it recovers some other address, or none
    assertThatThrownBy(() -> forta(trustingTheScanner(NOW), tampered))
        .isInstanceOfSatisfying(IntakeRejected.class, rejected -> {
          assertThat(rejected.status()).isEqualTo(401);
          assertThat(rejected.reason()).isIn("untrusted-scanner", "bad-signature");
        });
  }

  @Test
  void expiryAndNotBeforeAreCheckedWithTheClockSkew() {
    // exp is NOW + 30 s, the skew 30 s
    assertThat(forta(trustingTheScanner(NOW.plusSeconds(59)), scannerToken())).isNotNull();
    assertRefused(trustingTheScanner(NOW.plusSeconds(61)), scannerToken(), 401, "expired-token");
    // iat is NOW (nbf 30 s earlier): a receiver up to the skew behind the scanner still takes it
    assertThat(forta(trustingTheScanner(NOW.minusSeconds(29)), scannerToken())).isNotNull();
    assertRefused(trustingTheScanner(NOW.minusSeconds(31)), scannerToken(), 401, "token-not-yet-valid");
    // an nbf after iat counts too
    assertRefused(trustingTheScanner(NOW.plusSeconds(29)),
        scannerToken(claims -> claims.put("nbf", NOW.plusSeconds(60).getEpochSecond())), 401, "token-not-yet-valid");
  }

  @Test
  void aTokenValidForLongerThanTheReplayWindowIsRefused() {
    assertRefused(trustingTheScanner(NOW), scannerToken(claims -> claims.put("exp", NOW.plusSeconds(3600).getEpochSecond())),
        401, "token-lifetime");
  }

  /**
   * forta-node's JWT provider signs, with the scanner's key, a JWT for any bot it runs, with claims the
   * bot chooses and a bot-id it cannot leave out: a bot must not be able to post alerts as its scanner.
   * The scanner's JWTs for Forta's own services (batches, telemetry, bot logs) are not webhook requests
   * either.
   */
  @Test
  void aTokenTheScannerSignedForOneOfItsBotsOrForAnotherServiceIsRefused() {
    assertRefused(trustingTheScanner(NOW), scannerToken(claims -> claims.put("bot-id",
        "0x17381ae942ee1fe141d0652e9dad7d001761552f906fb1684b2812603de31049")), 401, "not-a-webhook-token");
    assertRefused(trustingTheScanner(NOW), scannerToken(claims -> {
      claims.remove("localMode");
      claims.put("access", "telemetry");
    }), 401, "not-a-webhook-token");
  }

  @Test
  void aSubjectOtherThanTheSignerIsRefused() {
    assertRefused(trustingTheScanner(NOW),
        scannerToken(claims -> claims.put("sub", FortaScannerJwt.address(UNTRUSTED_KEY))), 401, "bad-token");
  }

  @Test
  void aTokenWithoutIdOrTimesIsRefused() {
    for (String claim : new String[] {"jti", "exp", "iat"}) {
      assertRefused(trustingTheScanner(NOW), scannerToken(claims -> claims.remove(claim)), 401, "bad-token");
    }
    assertRefused(trustingTheScanner(NOW), scannerToken(claims -> claims.put("exp", "tomorrow")), 401, "bad-token");
    // times whose difference would overflow: an "issued long ago, valid for ever" token in disguise
    assertRefused(trustingTheScanner(NOW), scannerToken(claims -> {
      claims.put("iat", -9_000_000_000_000_000L);
      claims.put("nbf", -9_000_000_000_000_000L);
      claims.put("exp", 9_000_000_000_000_000L);
    }), 401, "bad-token");
  }

  @Test
  void anAlgorithmOtherThanEthIsRefused() {
    Map<String, Object> claims = FortaScannerJwt.localModeClaims(TRUSTED_SCANNER_KEY, NOW);
    String none = FortaScannerJwt.sign(TRUSTED_SCANNER_KEY, Map.of("alg", "none"), claims);
    String hs256 = FortaScannerJwt.sign(TRUSTED_SCANNER_KEY, Map.of("alg", "HS256", "typ", "JWT"), claims);
    // scanners only: every bearer credential is taken for a scanner JWT
    assertRefused(trustingTheScanner(NOW), none, 401, "bad-token");
    assertRefused(trustingTheScanner(NOW), hs256, 401, "bad-token");
    assertRefused(trustingTheScanner(NOW), none.substring(0, none.lastIndexOf('.') + 1), 401, "bad-token");
    assertRefused(trustingTheScanner(NOW), "not-a-jwt", 401, "bad-token");
  }

  @Test
  void eachMethodIsTakenOnlyWhenConfigured() {
    String jwt = scannerToken();

    WebhookAuthenticator tokenOnly = authenticator(NOW, Map.of("token", TOKEN));
    assertThat(forta(tokenOnly, TOKEN)).isNull();
    assertRefused(tokenOnly, jwt, 401, "bad-token");

    WebhookAuthenticator scannersOnly = trustingTheScanner(NOW);
    assertRefused(scannersOnly, TOKEN, 401, "bad-token");

    WebhookAuthenticator both = authenticator(NOW, Map.of("token", TOKEN, "scanners", SCANNER));
    assertThat(forta(both, TOKEN)).isNull();
    assertThat(forta(both, jwt)).startsWith("forta:jwt:");

    WebhookAuthenticator turnedOff = authenticator(NOW, Map.of("token", TOKEN, "scanners", SCANNER, "enabled", "false"));
    assertRefused(turnedOff, TOKEN, 401, "source-not-configured");
    assertRefused(turnedOff, jwt, 401, "source-not-configured");
  }

  @Test
  void aScannerThatIsNotAnAddressStopsTheBinding() {
    assertThatThrownBy(() -> authenticator(NOW, Map.of("scanners", SCANNER + ",0x1234")))
        .isInstanceOf(BindException.class)
        .hasStackTraceContaining("scanners: '0x1234' is not an Ethereum address");
  }
}
