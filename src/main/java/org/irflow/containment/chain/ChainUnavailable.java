package org.irflow.containment.chain;

/**
 * No RPC endpoint of the chain answered (each failed with an I/O or node error): a technical failure,
 * left to the job's retries. The message names the endpoints without their paths or credentials.
 */
public class ChainUnavailable extends RuntimeException {

  public ChainUnavailable(String message) {
    super(message);
  }
}
