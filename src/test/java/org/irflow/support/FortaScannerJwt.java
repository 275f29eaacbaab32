package org.irflow.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;
import org.web3j.utils.Numeric;

/**
 * Signs JWTs exactly as forta-node does for its webhook requests, written again from forta-core-go's
 * {@code security/jwt.go} (golang-jwt v4 with a signing method "ETH") and forta-node's publisher:
 *
 * <ul>
 *   <li>header {@code {"alg":"ETH","typ":"JWT"}} and the claims, each JSON with its keys sorted (Go
 *       writes a map so) and base64url without padding;</li>
 *   <li>claims {@code jti} (a UUID), {@code sub} (the scanner's checksummed address), {@code iat} (now),
 *       {@code nbf} (now - 30 s), {@code exp} (now + 30 s), and the publisher's {@code localMode: "true"};</li>
 *   <li>signature: go-ethereum's {@code crypto.Sign} over the Keccak-256 hash of
 *       {@code header + "." + claims}: r, s and v (0 or 1), 65 bytes, base64url without padding.</li>
 * </ul>
 *
 * <p>The keys are hardhat's public test accounts: #9 is the scanner application-e2e.yaml trusts.
 */
public final class FortaScannerJwt {

  /** hardhat's account #9, the trusted scanner of the e2e profile. */
  public static final String TRUSTED_SCANNER_KEY =
      "0x2a871d0798f97d79848a013d4936a73bf4cc922c825d33c1cf7073dff6d409c6";
  /** hardhat's account #8: a key no irflow configuration trusts. */
  public static final String UNTRUSTED_KEY =
      "0xdbda1821b80551c9d65939329250298aa3472ba22feea921c0cf5d620ea67b97";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

  private FortaScannerJwt() {}

  /** The checksummed address of a key, as forta-node writes it in {@code sub}. */
  public static String address(String privateKey) {
    return Keys.toChecksumAddress(Credentials.create(privateKey).getAddress());
  }

  /** The claims forta-node's publisher gives the JWT of a local-mode webhook request made at {@code now}. */
  public static Map<String, Object> localModeClaims(String privateKey, Instant now) {
    Map<String, Object> claims = new TreeMap<>();
    claims.put("jti", UUID.randomUUID().toString());
    claims.put("sub", address(privateKey));
    claims.put("iat", now.getEpochSecond());
    claims.put("nbf", now.minusSeconds(30).getEpochSecond());
    claims.put("exp", now.plusSeconds(30).getEpochSecond());
    claims.put("localMode", "true");
    return claims;
  }

  /** The JWT forta-node would send now with this key. */
  public static String localModeToken(String privateKey) {
    return sign(privateKey, localModeClaims(privateKey, Instant.now()));
  }

  /** A JWT with these claims, signed with the key as forta-core-go's "ETH" signing method signs. */
  public static String sign(String privateKey, Map<String, Object> claims) {
    return sign(privateKey, Map.of("alg", "ETH", "typ", "JWT"), claims);
  }

  /** A JWT with this header and these claims, signed with the "ETH" method whatever the header says. */
  public static String sign(String privateKey, Map<String, Object> header, Map<String, Object> claims) {
    String signingInput = segment(header) + "." + segment(claims);
    ECKeyPair key = ECKeyPair.create(Numeric.toBigInt(privateKey));
    // web3j's signMessage hashes with Keccak-256 like go-ethereum's crypto.Keccak256 and adds no prefix
    Sign.SignatureData signature = Sign.signMessage(signingInput.getBytes(StandardCharsets.US_ASCII), key);
    byte[] rsv = new byte[65];
    System.arraycopy(signature.getR(), 0, rsv, 0, 32);
    System.arraycopy(signature.getS(), 0, rsv, 32, 32);
    // go-ethereum writes the recovery id (0 or 1) where web3j writes 27 or 28
    rsv[64] = (byte) (new BigInteger(1, signature.getV()).intValueExact() - 27);
    return signingInput + "." + BASE64URL.encodeToString(rsv);
  }

  private static String segment(Map<String, Object> object) {
    try {
      return BASE64URL.encodeToString(JSON.writeValueAsBytes(new TreeMap<>(object)));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }
}
