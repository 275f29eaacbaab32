package org.irflow.triage.intake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SignatureException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;

/**
 * A JWT signed with a Forta scanner's key, as forta-node makes one for every request of its webhook
 * client (forta-core-go, {@code security.CreateScannerJWT}): a header with the algorithm "ETH", claims,
 * and as signature the 65 bytes r, s, v of an Ethereum ECDSA signature (v 0 or 1) over the Keccak-256
 * hash of the signing input {@code base64url(header) + "." + base64url(claims)}, without the
 * "Ethereum Signed Message" prefix, all three parts base64url without padding.
 *
 * <p>{@link #recover} checks the form and the signature and says who signed; whether that signer is
 * trusted and the claims are acceptable is the {@link WebhookAuthenticator}'s decision.
 *
 * @param signer the address that signed, 0x and 40 hex digits in lower case
 * @param claims the claims object (forta-node's: jti, sub = the signer's address, iat, nbf, exp, and its
 *     own, e.g. localMode)
 */
record ScannerJwt(String signer, JsonNode claims) {

  /** The "alg" of forta-core-go's signing method. */
  static final String ALGORITHM = "ETH";

  private static final int SIGNATURE_LENGTH = 65;

  /**
   * Whether this bearer credential has the form of a scanner JWT (three base64url parts whose header
   * names the "ETH" algorithm), without checking its signature: what tells it from a shared token.
   */
  static boolean looksLikeOne(String credential, ObjectReader json) {
    String[] parts = credential.split("\\.", -1);
    if (parts.length != 3) {
      return false;
    }
    try {
      return ALGORITHM.equals(object(parts[0], json).path("alg").asText(null));
    } catch (IntakeRejected notAJwt) {
      return false;
    }
  }

  /**
   * Parses the token and recovers its signer from the signature; any other algorithm, a malformed
   * part, or a signature from which no key can be recovered is a 401.
   */
  static ScannerJwt recover(String token, ObjectReader json) {
    String[] parts = token.split("\\.", -1);
    if (parts.length != 3) {
      throw malformed("the bearer token is not a JWT (three base64url parts separated by dots)");
    }
    JsonNode header = object(parts[0], json);
    if (!ALGORITHM.equals(header.path("alg").asText(null))) {
      throw malformed("the JWT's algorithm must be \"" + ALGORITHM + "\" (a Forta scanner's signature)");
    }
    JsonNode claims = object(parts[1], json);
    byte[] signature = base64url(parts[2]);
    if (signature.length != SIGNATURE_LENGTH) {
      throw malformed("the JWT's signature must be " + SIGNATURE_LENGTH + " bytes (r, s, v)");
    }
    // go-ethereum writes v as the recovery id (0 or 1); web3j takes it as 27 or 28
    int v = signature[64] & 0xFF;
    v = v < 27 ? v + 27 : v;
    if (v != 27 && v != 28) {
      throw malformed("the JWT's signature has no valid recovery id");
    }
    Sign.SignatureData signatureData = new Sign.SignatureData((byte) v,
        Arrays.copyOfRange(signature, 0, 32), Arrays.copyOfRange(signature, 32, 64));
    byte[] signingInput = (parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII);
    BigInteger publicKey;
    try {
      // signedMessageToKey hashes the message with Keccak-256 and adds no prefix, as go-ethereum's crypto.Sign
      publicKey = Sign.signedMessageToKey(signingInput, signatureData);
    } catch (SignatureException | RuntimeException unrecoverable) {
      throw new IntakeRejected(401, "bad-signature", "Authorization", "the JWT's signature is not valid");
    }
    return new ScannerJwt("0x" + Keys.getAddress(publicKey).toLowerCase(Locale.ROOT), claims);
  }

  private static JsonNode object(String part, ObjectReader json) {
    JsonNode node;
    try {
      node = json.readTree(base64url(part));
    } catch (IOException notJson) {
      throw malformed("a part of the JWT is not JSON");
    }
    if (node == null || !node.isObject()) {
      throw malformed("the JWT's header and claims must be JSON objects");
    }
    return node;
  }

  private static byte[] base64url(String part) {
    try {
      return Base64.getUrlDecoder().decode(part);
    } catch (IllegalArgumentException notBase64url) {
      throw malformed("a part of the JWT is not base64url");
    }
  }

  private static IntakeRejected malformed(String message) {
    return new IntakeRejected(401, "bad-token", "Authorization", message);
  }
}
