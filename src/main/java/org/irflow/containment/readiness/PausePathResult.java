package org.irflow.containment.readiness;

import java.time.Instant;
import java.util.List;

/**
 * One check of one pause path of a registered contract.
 *
 * @param path "safe:0x...", "relayer:&lt;id&gt;", or {@link #MANUAL} for a chain irflow has no RPC for
 * @param items what was checked, in order, each with what irflow found
 */
public record PausePathResult(String contract, long chainId, String path, Status status, List<Item> items,
    Instant checkedAt) {

  public static final String MANUAL = "manual";

  public enum Status {
    /** every item passed: a pause on this path would work now */
    PASSED,
    /** at least one item failed */
    FAILED,
    /** paused by hand in Safe{Wallet}: nothing to check on chain */
    MANUAL
  }

  public enum ItemStatus { PASSED, FAILED, SKIPPED }

  /**
   * @param check what was checked, e.g. "the Safe may pause the contract"
   * @param found what irflow found, in words; for a failure, what is wrong
   */
  public record Item(String check, ItemStatus status, String found) {}

  /** The failed items in one text: "check: found; check: found". */
  public String failures() {
    return String.join("; ", items.stream().filter(item -> item.status() == ItemStatus.FAILED)
        .map(item -> item.check() + ": " + item.found()).toList());
  }

  /** What a person reads beside the path: "ready", the failed checks, or that a manual path has none. */
  public String reasonInWords() {
    return switch (status) {
      case PASSED -> "ready";
      case FAILED -> "broken: " + failures();
      case MANUAL -> "manual: nothing to check on chain";
    };
  }

  /** Where a person reads the path: "the Safe 0x...", "the relayer local-pauser", "by hand". */
  public String pathInWords() {
    return inWords(path);
  }

  public static String inWords(String path) {
    if (path.startsWith("safe:")) {
      return "the Safe " + path.substring("safe:".length());
    }
    if (path.startsWith("relayer:")) {
      return "the relayer " + path.substring("relayer:".length());
    }
    return "by hand in Safe{Wallet}";
  }
}
