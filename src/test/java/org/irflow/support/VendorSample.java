package org.irflow.support;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * The vendors' webhook bodies of src/test/resources/vendor-payloads, made unique to one test: its
 * placeholders {@code ${run}} (in alert ids and fingerprints), {@code ${vault}} (a contract address of
 * this run) and {@code ${hash}} are filled in, so that no two tests share a fingerprint.
 *
 * @param run 12 hex digits of this test
 * @param vault a contract address ending in {@code run + "a11c"}
 */
public record VendorSample(String run, String vault) {

  /** Placeholders of a new run. */
  public static VendorSample newRun() {
    String run = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    return new VendorSample(run, "0x000000000000000000000000" + run + "a11c");
  }

  /** The sample {@code name} with this run's values. */
  public String read(String name) {
    try (InputStream in = VendorSample.class.getResourceAsStream("/vendor-payloads/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8)
          .replace("${run}", run).replace("${vault}", vault)
          .replace("${hash}", "0x" + run + "0".repeat(52));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
