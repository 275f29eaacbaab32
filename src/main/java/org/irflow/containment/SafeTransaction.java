package org.irflow.containment;

import java.math.BigInteger;

/**
 * The fields of a Safe transaction as the Safe hashes them (EIP-712 SafeTx). irflow keeps
 * safeTxGas and gasPrice at 0, so that a failing inner call reverts the whole execution.
 *
 * @param data hex, 0x-prefixed
 * @param operation 0 call, 1 delegatecall (MultiSendCallOnly)
 */
public record SafeTransaction(String to, BigInteger value, String data, int operation,
    BigInteger safeTxGas, BigInteger baseGas, BigInteger gasPrice, String gasToken,
    String refundReceiver, BigInteger nonce) {

  public static final String ZERO_ADDRESS = "0x0000000000000000000000000000000000000000";

  /** A call without value, gas refund or gas token. */
  public static SafeTransaction of(String to, String data, int operation, BigInteger nonce) {
    return new SafeTransaction(to, BigInteger.ZERO, data, operation, BigInteger.ZERO, BigInteger.ZERO,
        BigInteger.ZERO, ZERO_ADDRESS, ZERO_ADDRESS, nonce);
  }
}
