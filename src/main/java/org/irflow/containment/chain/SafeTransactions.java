package org.irflow.containment.chain;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.irflow.containment.SafeTransaction;
import org.irflow.containment.SafeTransactionService;
import org.springframework.stereotype.Component;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.Function;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Hash;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;
import org.web3j.utils.Numeric;

/**
 * Builds, hashes and signs Safe transactions without touching the network: the pause call (a
 * MultiSendCallOnly batch for several contracts), the EIP-712 SafeTx hash, owner signatures in the
 * r||s||v form the Safe checks, and the concatenation execTransaction expects.
 */
@Component
public class SafeTransactions {

  /** pause() */
  public static final String PAUSE = "0x8456cb59";
  /** paused() */
  public static final String PAUSED = "0x5c975abb";
  /** keccak256("PAUSER_ROLE"): the role that may pause an AccessControl contract. */
  public static final String PAUSER_ROLE = Hash.sha3String("PAUSER_ROLE");
  /** multiSend(bytes) of MultiSend / MultiSendCallOnly */
  public static final String MULTI_SEND = "0x8d80ff0a";

  /** keccak256("EIP712Domain(uint256 chainId,address verifyingContract)"), Safe >= 1.3.0 */
  static final byte[] DOMAIN_SEPARATOR_TYPEHASH =
      Hash.sha3("EIP712Domain(uint256 chainId,address verifyingContract)".getBytes());
  /** keccak256 of the SafeTx type */
  static final byte[] SAFE_TX_TYPEHASH = Hash.sha3(("SafeTx(address to,uint256 value,bytes data,uint8 operation,"
      + "uint256 safeTxGas,uint256 baseGas,uint256 gasPrice,address gasToken,address refundReceiver,uint256 nonce)")
      .getBytes());

  /**
   * The Safe transaction that pauses the contracts: one contract is called directly (operation 0);
   * several go into one DELEGATECALL (operation 1) to MultiSendCallOnly.multiSend(bytes), each
   * pause() packed as operation 0 (uint8), to (address), value (uint256), data length (uint256), data.
   */
  public SafeTransaction pause(List<String> contracts, String multiSendCallOnly, BigInteger nonce) {
    if (contracts == null || contracts.isEmpty()) {
      throw new IllegalArgumentException("no contract to pause");
    }
    if (contracts.size() == 1) {
      return SafeTransaction.of(address(contracts.get(0)), PAUSE, 0, nonce);
    }
    if (multiSendCallOnly == null || multiSendCallOnly.isBlank()) {
      throw new IllegalArgumentException("several contracts to pause but no MultiSendCallOnly address for the chain");
    }
    byte[] pause = Numeric.hexStringToByteArray(PAUSE);
    ByteArrayOutputStream packed = new ByteArrayOutputStream();
    for (String contract : contracts) {
      packed.write(0);
      packed.writeBytes(Numeric.hexStringToByteArray(address(contract)));
      packed.writeBytes(Numeric.toBytesPadded(BigInteger.ZERO, 32));
      packed.writeBytes(Numeric.toBytesPadded(BigInteger.valueOf(pause.length), 32));
      packed.writeBytes(pause);
    }
    String data = FunctionEncoder.encode(
        new Function("multiSend", List.of(new DynamicBytes(packed.toByteArray())), List.of()));
    return SafeTransaction.of(address(multiSendCallOnly), data, 1, nonce);
  }

  /** The EIP-712 SafeTx hash (0x hex) that owners sign and the Safe's getTransactionHash returns. */
  public String hash(long chainId, String safe, SafeTransaction tx) {
    byte[] domainSeparator = Hash.sha3(concat(
        DOMAIN_SEPARATOR_TYPEHASH,
        word(BigInteger.valueOf(chainId)),
        addressWord(safe)));
    byte[] structHash = Hash.sha3(concat(
        SAFE_TX_TYPEHASH,
        addressWord(tx.to()),
        word(tx.value()),
        Hash.sha3(Numeric.hexStringToByteArray(tx.data() == null ? "0x" : tx.data())),
        word(BigInteger.valueOf(tx.operation())),
        word(tx.safeTxGas()),
        word(tx.baseGas()),
        word(tx.gasPrice()),
        addressWord(tx.gasToken()),
        addressWord(tx.refundReceiver()),
        word(tx.nonce())));
    return Numeric.toHexString(Hash.sha3(concat(new byte[] {0x19, 0x01}, domainSeparator, structHash)));
  }

  /**
   * Signs the SafeTx hash itself (no message prefix), as an owner's wallet does for typed data: 65
   * bytes r||s||v, v 27 or 28.
   */
  public static String sign(String safeTxHash, String privateKeyHex) {
    ECKeyPair keyPair = ECKeyPair.create(Numeric.toBigInt(privateKeyHex));
    Sign.SignatureData signature = Sign.signMessage(hash32(safeTxHash), keyPair, false);
    return Numeric.toHexString(concat(signature.getR(), signature.getS(), signature.getV()));
  }

  /** The owners' signatures concatenated in ascending order of owner address (as a number). */
  public static String joinSignatures(List<SafeTransactionService.Confirmation> confirmations) {
    StringBuilder joined = new StringBuilder("0x");
    confirmations.stream()
        .sorted(Comparator.comparing(c -> Numeric.toBigInt(c.owner())))
        .forEach(c -> joined.append(Numeric.cleanHexPrefix(c.signature())));
    return joined.toString();
  }

  /**
   * The address (0x, lower case) whose key made the signature: v 27/28 over the hash itself, v 31/32
   * (eth_sign, as the Safe encodes it) over the "\x19Ethereum Signed Message:\n32" prefixed hash.
   *
   * @throws IllegalArgumentException for a signature that is not 65 bytes or has another v
   */
  public static String recoverSigner(String safeTxHash, String signature) {
    byte[] bytes = Numeric.hexStringToByteArray(signature);
    if (bytes.length != 65) {
      throw new IllegalArgumentException("a signature has 65 bytes, not " + bytes.length);
    }
    byte[] r = Arrays.copyOfRange(bytes, 0, 32);
    byte[] s = Arrays.copyOfRange(bytes, 32, 64);
    int v = bytes[64] & 0xff;
    try {
      BigInteger publicKey;
      if (v == 27 || v == 28) {
        publicKey = Sign.signedMessageHashToKey(hash32(safeTxHash), new Sign.SignatureData((byte) v, r, s));
      } else if (v == 31 || v == 32) {
        publicKey = Sign.signedPrefixedMessageToKey(hash32(safeTxHash), new Sign.SignatureData((byte) (v - 4), r, s));
      } else {
        throw new IllegalArgumentException("unsupported signature type v=" + v);
      }
      return "0x" + Keys.getAddress(publicKey).toLowerCase();
    } catch (java.security.SignatureException e) {
      throw new IllegalArgumentException("invalid signature: " + e.getMessage(), e);
    }
  }

  private static byte[] hash32(String hash) {
    byte[] bytes = Numeric.hexStringToByteArray(hash);
    if (bytes.length != 32) {
      throw new IllegalArgumentException("a SafeTx hash has 32 bytes, not " + bytes.length);
    }
    return bytes;
  }

  private static String address(String address) {
    String clean = Numeric.cleanHexPrefix(address == null ? "" : address);
    if (clean.length() != 40 || !clean.matches("[0-9a-fA-F]{40}")) {
      throw new IllegalArgumentException("not an address: " + address);
    }
    return "0x" + clean.toLowerCase();
  }

  private static byte[] word(BigInteger value) {
    return Numeric.toBytesPadded(value == null ? BigInteger.ZERO : value, 32);
  }

  private static byte[] addressWord(String address) {
    return word(Numeric.toBigInt(address(address)));
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }
}
