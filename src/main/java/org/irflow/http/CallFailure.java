package org.irflow.http;

/**
 * Why a call to a remote service failed, as {@link ServiceClient} classifies it; each family of
 * callers turns it into its own exception ({@code DeliveryFailed} for the communication adapters,
 * {@code ServiceCallFailed} for the Safe Transaction Service and the relayer, a failed poll for Forta).
 *
 * @param kind what went wrong
 * @param status the HTTP status of the answer, or 0 when none came
 * @param message names the service and the operation, never a secret of the service's settings
 */
public record CallFailure(Kind kind, int status, String message) {

  public enum Kind {
    /** No complete answer within the exchange timeout (or no connection within the connect timeout). */
    TIMEOUT,
    /** The service could not be reached or the connection broke (refused, reset, unknown host). */
    UNREACHABLE,
    /** The calling thread was interrupted (the node is shutting down). */
    INTERRUPTED,
    /** 429 (or Statuspage's 420) after the one retry, or asking for a longer wait than a call may spend. */
    RATE_LIMITED,
    /** A 5xx answer. */
    SERVER_ERROR,
    /** Any other answer the caller cannot use (a 4xx, a 2xx without what it needs). */
    UNUSABLE_ANSWER
  }

  /** Turns a failure into the exception a family of callers throws. */
  @FunctionalInterface
  public interface Mapping<E extends RuntimeException> {
    E toException(CallFailure failure);
  }
}
