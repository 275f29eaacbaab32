package org.irflow.comms;

/** A message could not be delivered: the vendor's answer (status, error) or why it was not reached. */
public class DeliveryFailed extends RuntimeException {

  public DeliveryFailed(String message) {
    super(message);
  }

  public DeliveryFailed(String message, Throwable cause) {
    super(message, cause);
  }
}
