package org.irflow.containment;

import java.math.BigInteger;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Checks a configured Ethereum address and says what is wrong with it in words an operator can act on.
 *
 * <p>The usual mistake is an unquoted address in application.yaml: YAML 1.1, which Spring Boot reads
 * with SnakeYAML, takes {@code 0x5FbDB2315678afecb367f032d93F642f64180aa3} for a hexadecimal integer,
 * and binding that integer to a String property gives its decimal digits
 * ({@code 546584486846459126461364135121053344201067465379}). Such a value is turned back into hex so
 * that the message shows which address it was (in lower case: the number has lost the checksum's
 * capitals, and any case is a valid address).
 */
final class AddressSetting {

  static final Pattern ADDRESS = Pattern.compile("0x[0-9a-fA-F]{40}");
  private static final Pattern DIGITS = Pattern.compile("[0-9]+");
  private static final int ADDRESS_HEX_DIGITS = 40;

  private AddressSetting() {}

  /**
   * Why {@code value} is not an address, or empty when it is one.
   *
   * @param property the setting's full name, e.g. irflow.containment.contracts[0].address
   * @param yamlLine how the setting is written correctly, with %s where the address goes, e.g.
   *     {@code address: "%s"}
   */
  static Optional<String> problem(String property, String value, String yamlLine) {
    if (value == null || value.isBlank()) {
      return Optional.of(property + " is missing: expected 0x followed by 40 hex digits");
    }
    if (ADDRESS.matcher(value).matches()) {
      return Optional.empty();
    }
    Optional<String> address = addressReadAsNumber(value);
    if (address.isPresent()) {
      return Optional.of(property + " is " + value + ", a number: YAML reads an unquoted 0x... as a"
          + " hexadecimal number, here " + address.get() + "; write the address in quotes: "
          + yamlLine.formatted(address.get()));
    }
    if (DIGITS.matcher(value).matches()) {
      return Optional.of(property + " is " + value + ", a number: YAML reads an unquoted 0x... as a"
          + " hexadecimal number, here 0x" + new BigInteger(value).toString(16) + ", longer than an address"
          + " (40 hex digits); write the address in quotes: " + yamlLine.formatted("0x<40 hex digits>"));
    }
    return Optional.of(property + " is '" + value + "', not an address: expected 0x followed by 40 hex digits");
  }

  /** The address whose unquoted 0x... YAML read as this number (decimal digits), if it fits in 20 bytes. */
  static Optional<String> addressReadAsNumber(String value) {
    if (value == null || !DIGITS.matcher(value).matches()) {
      return Optional.empty();
    }
    String hex = new BigInteger(value).toString(16);
    return hex.length() > ADDRESS_HEX_DIGITS ? Optional.empty()
        : Optional.of("0x" + "0".repeat(ADDRESS_HEX_DIGITS - hex.length()) + hex);
  }
}
