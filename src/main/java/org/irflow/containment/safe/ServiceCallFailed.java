package org.irflow.containment.safe;

import org.irflow.http.CallFailure;

/**
 * A call to an outside service (Safe Transaction Service, OpenZeppelin Relayer) failed: an I/O error,
 * a 5xx, an unexpected 4xx, or 429 more often than the retry budget allows. It names the service,
 * the method and the endpoint, never the API key. Thrown out of an asynchronous job, it makes the
 * engine retry the job and, once the retries are spent, raise a Cockpit incident.
 */
public class ServiceCallFailed extends RuntimeException {

  private final int status;

  public ServiceCallFailed(String message, int status, Throwable cause) {
    super(message, cause);
    this.status = status;
  }

  /** A failed call as the shared HTTP client reports it; a rate limit keeps its status 429. */
  public static ServiceCallFailed of(CallFailure failure) {
    return new ServiceCallFailed(failure.message(), failure.status(), null);
  }

  /** The HTTP status, or 0 when no answer came (I/O error, timeout). */
  public int status() {
    return status;
  }
}
