package org.irflow.comms;

import org.irflow.http.CallFailure;

/** A message could not be delivered: the vendor's answer (status, error) or why it was not reached. */
public class DeliveryFailed extends RuntimeException {

  public DeliveryFailed(String message) {
    super(message);
  }

  public DeliveryFailed(String message, Throwable cause) {
    super(message, cause);
  }

  /** A vendor call that failed (timeout, unreachable, rate limited, an answer the adapter cannot use). */
  public static DeliveryFailed of(CallFailure failure) {
    return new DeliveryFailed(failure.message());
  }
}
