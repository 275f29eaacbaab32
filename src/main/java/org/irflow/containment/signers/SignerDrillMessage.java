package org.irflow.containment.signers;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.math.BigInteger;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;
import org.web3j.crypto.StructuredDataEncoder;

/**
 * The EIP-712 typed data a signer signs in a signer drill, and the address a signature of it recovers
 * to. The message names the drill, the signer, the Safe and when it was issued, and says it moves no
 * funds: it is no Safe transaction, no permit and no order, and no contract accepts it.
 */
public final class SignerDrillMessage {

  public static final String DOMAIN_NAME = "irflow signer drill";
  public static final String DOMAIN_VERSION = "1";
  public static final String PURPOSE = "irflow signer drill: proves you can sign with your Safe owner key in time."
      + " This signature moves no funds and authorises nothing.";

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private SignerDrillMessage() {}

  /** The typed data as JSON, ready to paste into a wallet's "sign typed data" (eth_signTypedData_v4). */
  public static String typedData(long drillId, String userId, String safe, Instant issuedAt) {
    Map<String, Object> types = new LinkedHashMap<>();
    types.put("EIP712Domain", List.of(field("name", "string"), field("version", "string")));
    types.put("SignerDrill", List.of(field("drillId", "uint256"), field("signer", "string"),
        field("safe", "address"), field("issuedAt", "string"), field("purpose", "string")));
    Map<String, Object> domain = new LinkedHashMap<>();
    domain.put("name", DOMAIN_NAME);
    domain.put("version", DOMAIN_VERSION);
    Map<String, Object> message = new LinkedHashMap<>();
    message.put("drillId", drillId);
    message.put("signer", userId);
    message.put("safe", SignerAddresses.checksummed(safe));
    message.put("issuedAt", issuedAt.toString());
    message.put("purpose", PURPOSE);
    Map<String, Object> typed = new LinkedHashMap<>();
    typed.put("types", types);
    typed.put("primaryType", "SignerDrill");
    typed.put("domain", domain);
    typed.put("message", message);
    try {
      return JSON.writeValueAsString(typed);
    } catch (JsonProcessingException impossible) {
      throw new IllegalStateException(impossible);
    }
  }

  /** The EIP-712 hash a wallet signs for the typed data. */
  public static byte[] hash(String typedData) {
    try {
      return new StructuredDataEncoder(typedData).hashStructuredData();
    } catch (java.io.IOException | RuntimeException unreadable) {
      throw new IllegalStateException("the drill's typed data cannot be encoded: " + unreadable.getMessage(), unreadable);
    }
  }

  /** The address, in lower case, whose key made the EIP-712 signature of the typed data. */
  public static Optional<String> recover(String typedData, String signature) {
    try {
      BigInteger key = Sign.signedMessageHashToKey(hash(typedData), SignerAddresses.signatureData(signature));
      return Optional.of("0x" + Keys.getAddress(key).toLowerCase(Locale.ROOT));
    } catch (java.security.SignatureException | RuntimeException unrecoverable) {
      return Optional.empty();
    }
  }

  private static Map<String, String> field(String name, String type) {
    Map<String, String> field = new LinkedHashMap<>();
    field.put("name", name);
    field.put("type", type);
    return field;
  }
}
