package org.irflow.containment.chain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.crypto.Hash;
import org.web3j.protocol.core.Response;
import org.web3j.utils.Numeric;

/**
 * Turns a revert into a sentence a person can act on: Error(string) (with the Safe's GS codes
 * explained), Panic(uint256), OpenZeppelin's custom errors with their arguments, else the
 * selector or the node's own message.
 */
public final class RevertReasons {

  private static final String ERROR_STRING = selector("Error(string)");
  private static final String PANIC = selector("Panic(uint256)");

  /** OpenZeppelin 5 custom errors a pause can meet: signature by selector. */
  private static final Map<String, String> CUSTOM_ERRORS = new LinkedHashMap<>();

  /** The Safe's error codes (contracts/README of safe-smart-account). */
  private static final Map<String, String> SAFE_CODES = Map.ofEntries(
      Map.entry("GS010", "not enough gas to execute the Safe transaction"),
      Map.entry("GS011", "could not pay gas costs with ether"),
      Map.entry("GS012", "could not pay gas costs with token"),
      Map.entry("GS013", "the Safe transaction failed (safeTxGas and gasPrice are 0)"),
      Map.entry("GS020", "signatures data too short: fewer signatures than the threshold"),
      Map.entry("GS021", "invalid contract signature location: inside static part"),
      Map.entry("GS022", "invalid contract signature location: length not present"),
      Map.entry("GS023", "invalid contract signature location: data not complete"),
      Map.entry("GS024", "invalid contract signature provided"),
      Map.entry("GS025", "hash has not been approved"),
      Map.entry("GS026", "invalid owner provided: a signature is not from an owner, or signatures are not sorted by owner"),
      Map.entry("GS030", "only owners can approve a hash"),
      Map.entry("GS031", "method can only be called from this contract"));

  static {
    for (String signature : List.of(
        "OwnableUnauthorizedAccount(address)",
        "OwnableInvalidOwner(address)",
        "AccessControlUnauthorizedAccount(address,bytes32)",
        "AccessControlBadConfirmation()",
        "EnforcedPause()",
        "ExpectedPause()",
        "ReentrancyGuardReentrantCall()",
        "AddressEmptyCode(address)",
        "FailedCall()")) {
      CUSTOM_ERRORS.put(selector(signature), signature);
    }
  }

  private final ObjectMapper json;

  /** @param json reads the JSON of an error's data */
  public RevertReasons(ObjectMapper json) {
    this.json = json;
  }

  /** Whether a JSON-RPC error is a revert (as opposed to a failing node). */
  public boolean isRevert(Response.Error error) {
    if (error == null) {
      return false;
    }
    String message = error.getMessage() == null ? "" : error.getMessage().toLowerCase(Locale.ROOT);
    return error.getCode() == 3 || message.contains("revert") || revertData(error) != null;
  }

  /** The readable reason of a JSON-RPC revert error. */
  public String reason(Response.Error error) {
    String data = revertData(error);
    if (data != null) {
      String decoded = decode(data);
      if (decoded != null) {
        return decoded;
      }
    }
    String message = error.getMessage() == null ? "reverted" : error.getMessage();
    return data == null || data.length() <= 2 ? message : message + " (" + data + ")";
  }

  /** Decodes revert data (0x hex); null when empty. */
  public static String decode(String data) {
    if (data == null || Numeric.cleanHexPrefix(data).isEmpty()) {
      return null;
    }
    String hex = Numeric.prependHexPrefix(data).toLowerCase(Locale.ROOT);
    if (hex.length() < 10) {
      return "reverted with " + hex;
    }
    String selector = hex.substring(0, 10);
    String arguments = "0x" + hex.substring(10);
    try {
      if (selector.equals(ERROR_STRING)) {
        List<Type> values = FunctionReturnDecoder.decode(arguments, List.of(asType(new TypeReference<Utf8String>() {})));
        String text = values.isEmpty() ? "" : values.get(0).getValue().toString();
        String safeCode = SAFE_CODES.get(text);
        return safeCode == null ? text : text + ": " + safeCode;
      }
      if (selector.equals(PANIC)) {
        return "Panic(0x" + new BigInteger(hex.substring(10), 16).toString(16) + ")";
      }
      String signature = CUSTOM_ERRORS.get(selector);
      if (signature != null) {
        return signature.substring(0, signature.indexOf('(') + 1) + String.join(", ", words(signature, hex.substring(10)))
            + ")";
      }
    } catch (RuntimeException e) {
      // malformed: fall through to the raw selector
    }
    return "reverted with custom error " + selector + (hex.length() > 10 ? " (" + hex + ")" : "");
  }

  /** The hex revert data inside an error's data (a string, or an object with "data"), else null. */
  String revertData(Response.Error error) {
    if (error == null || error.getData() == null || error.getData().isBlank()) {
      return null;
    }
    try {
      return findHex(json.readTree(error.getData()));
    } catch (Exception e) {
      String raw = error.getData().trim();
      return raw.matches("0x[0-9a-fA-F]*") ? raw : null;
    }
  }

  private static String findHex(JsonNode node) {
    if (node == null || node.isNull()) {
      return null;
    }
    if (node.isTextual()) {
      String text = node.asText();
      return text.matches("0x[0-9a-fA-F]*") ? text : null;
    }
    if (node.isObject()) {
      String direct = findHex(node.get("data"));
      if (direct != null) {
        return direct;
      }
      for (JsonNode child : node) {
        String found = findHex(child);
        if (found != null) {
          return found;
        }
      }
    }
    return null;
  }

  /** The static arguments of a custom error, as addresses, hashes or numbers. */
  private static List<String> words(String signature, String argumentsHex) {
    String list = signature.substring(signature.indexOf('(') + 1, signature.length() - 1);
    List<String> values = new ArrayList<>();
    if (list.isEmpty()) {
      return values;
    }
    String[] types = list.split(",");
    for (int i = 0; i < types.length && (i + 1) * 64 <= argumentsHex.length(); i++) {
      String word = argumentsHex.substring(i * 64, (i + 1) * 64);
      values.add(switch (types[i]) {
        case "address" -> "0x" + word.substring(24);
        case "bytes32" -> "0x" + word;
        default -> new BigInteger(word, 16).toString();
      });
    }
    return values;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static TypeReference<Type> asType(TypeReference<?> reference) {
    return (TypeReference) reference;
  }

  static String selector(String signature) {
    return Hash.sha3String(signature).substring(0, 10);
  }
}
