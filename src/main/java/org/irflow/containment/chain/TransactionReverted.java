package org.irflow.containment.chain;

/**
 * A call or transaction the chain refuses: the simulation of execTransaction reverted (e.g. GS020,
 * too few signatures), or a read on a contract that is not what the configuration says. The message
 * is the decoded revert reason.
 */
public class TransactionReverted extends RuntimeException {

  public TransactionReverted(String reason) {
    super(reason);
  }

  public String reason() {
    return getMessage();
  }
}
