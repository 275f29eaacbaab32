package org.irflow.containment.signers;

import static java.time.ZoneOffset.UTC;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;
import org.web3j.utils.Numeric;

/**
 * Which Safe owner addresses each signer signs with: proven by a signed one-time challenge (EIP-191
 * personal_sign, the address recovered from the signature), or entered by an operator and unproven.
 * irflow never sees a private key: only the signature, which anyone may read.
 */
@Service
public class SignerAddresses {

  /** How long a challenge can be signed: enough to open a wallet, short enough not to linger. */
  public static final Duration CHALLENGE_VALIDITY = Duration.ofHours(1);

  private static final Pattern ADDRESS = Pattern.compile("0x[0-9a-fA-F]{40}");
  private static final Pattern SIGNATURE = Pattern.compile("0x[0-9a-fA-F]{130}");
  private static final SecureRandom RANDOM = new SecureRandom();

  /** How an address came to be recorded. */
  public enum How { SIGNED_CHALLENGE, ENTERED_BY_OPERATOR }

  /** An address of a signer, proven or not, and when and by whom it was recorded. */
  public record OwnerAddress(String userId, String address, boolean proven, How how, String recordedBy,
      Instant recordedAt) {}

  /** A challenge to sign: its id, the exact message and when it expires. */
  public record Challenge(String id, String userId, String address, String message, Instant issuedAt,
      Instant expiresAt, Instant usedAt) {}

  private final JdbcTemplate jdbc;
  private final Clock clock;

  public SignerAddresses(JdbcTemplate jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /** Why a text is not an address, naming the field; empty when it is one. */
  public static Optional<String> addressProblem(String field, Object value) {
    if (value instanceof String text && ADDRESS.matcher(text.trim()).matches()) {
      return Optional.empty();
    }
    return Optional.of(field + ": '" + (value == null ? "" : value) + "' is not an address; enter 0x followed by"
        + " 40 hex digits, the owner address as your wallet shows it");
  }

  /** An address as the chain reads it back: lower case. */
  public static String normalized(String address) {
    return address.trim().toLowerCase(Locale.ROOT);
  }

  /** An address as wallets show it (EIP-55 mixed case). */
  public static String checksummed(String address) {
    return Keys.toChecksumAddress(address);
  }

  /** A new one-time challenge for the signer to sign with the key of the address. */
  @Transactional
  public Challenge issueChallenge(String userId, String address) {
    String id = UUID.randomUUID().toString();
    byte[] nonce = new byte[32];
    RANDOM.nextBytes(nonce);
    Instant issued = clock.instant();
    Instant expires = issued.plus(CHALLENGE_VALIDITY);
    String message = "irflow: I, " + userId + ", sign Safe transactions with the owner address "
        + checksummed(normalized(address)) + ".\n"
        + "Challenge: " + HexFormat.of().formatHex(nonce) + "\n"
        + "Issued: " + issued + "\n"
        + "Expires: " + expires;
    jdbc.update("""
        insert into signer_challenge (id, user_id, address, message, issued_at, expires_at)
        values (?, ?, ?, ?, ?, ?)""", id, userId, normalized(address), message, issued.atOffset(UTC), expires.atOffset(UTC));
    return new Challenge(id, userId, normalized(address), message, issued, expires, null);
  }

  public Optional<Challenge> challenge(String id) {
    return jdbc.query("select * from signer_challenge where id = ?", (rs, row) -> new Challenge(rs.getString("id"),
        rs.getString("user_id"), rs.getString("address"), rs.getString("message"),
        rs.getObject("issued_at", OffsetDateTime.class).toInstant(),
        rs.getObject("expires_at", OffsetDateTime.class).toInstant(),
        rs.getObject("used_at", OffsetDateTime.class) == null ? null
            : rs.getObject("used_at", OffsetDateTime.class).toInstant()), id).stream().findFirst();
  }

  /**
   * Why the signature does not prove the challenge's address, in words naming the field
   * {@code field}; empty when it does.
   */
  public Optional<String> proofProblem(String challengeId, Object signature, String field) {
    Challenge challenge = challenge(challengeId).orElse(null);
    if (challenge == null) {
      return Optional.of(field + ": this challenge is unknown; start \"Prove my signing address\" again");
    }
    if (challenge.usedAt() != null) {
      return Optional.of(field + ": this challenge was already used at " + challenge.usedAt()
          + "; start \"Prove my signing address\" again for a new one");
    }
    if (!clock.instant().isBefore(challenge.expiresAt())) {
      return Optional.of(field + ": this challenge expired at " + challenge.expiresAt()
          + "; start \"Prove my signing address\" again for a new one");
    }
    if (!(signature instanceof String text && looksLikeSignature(text))) {
      return Optional.of(field + ": paste the signature your wallet made, 0x followed by 130 hex digits");
    }
    Optional<String> signer = recover(challenge.message(), text.trim());
    if (signer.isEmpty()) {
      return Optional.of(field + ": no address can be recovered from this signature; sign the message above"
          + " with personal_sign (\"Sign message\" in your wallet) and paste the result");
    }
    if (!signer.get().equals(challenge.address())) {
      return Optional.of(field + ": this signature was made by " + checksummed(signer.get()) + ", not by "
          + checksummed(challenge.address()) + "; sign the message above, exactly as shown, with the owner key of "
          + checksummed(challenge.address()));
    }
    return Optional.empty();
  }

  /**
   * Records the challenge's address as proven for its signer and uses the challenge up.
   *
   * @throws IllegalStateException when the signature does not prove it (see {@link #proofProblem})
   */
  @Transactional
  public OwnerAddress prove(String challengeId, String signature) {
    proofProblem(challengeId, signature, "signature").ifPresent(problem -> {
      throw new IllegalStateException(problem);
    });
    Challenge challenge = challenge(challengeId).orElseThrow();
    Instant now = clock.instant();
    int used = jdbc.update("update signer_challenge set used_at = ? where id = ? and used_at is null",
        now.atOffset(UTC), challengeId);
    if (used == 0) {
      throw new IllegalStateException("signature: this challenge was already used; start \"Prove my signing address\" again");
    }
    jdbc.update("delete from signer_owner_address where user_id = ? and address = ?", challenge.userId(),
        challenge.address());
    jdbc.update("""
        insert into signer_owner_address (user_id, address, proven, how, recorded_by, recorded_at, challenge_id)
        values (?, ?, true, ?, ?, ?, ?)""", challenge.userId(), challenge.address(), How.SIGNED_CHALLENGE.name(),
        challenge.userId(), now.atOffset(UTC), challengeId);
    return new OwnerAddress(challenge.userId(), challenge.address(), true, How.SIGNED_CHALLENGE, challenge.userId(), now);
  }

  /**
   * An operator's entry: unproven until the signer proves it. An address already recorded for the
   * signer stays as it is (a proven one is not made unproven).
   *
   * @return the address as recorded
   */
  @Transactional
  public OwnerAddress enter(String userId, String address, String operator) {
    Optional<OwnerAddress> existing = of(userId).stream()
        .filter(recorded -> recorded.address().equals(normalized(address))).findFirst();
    if (existing.isPresent()) {
      return existing.get();
    }
    Instant now = clock.instant();
    jdbc.update("""
        insert into signer_owner_address (user_id, address, proven, how, recorded_by, recorded_at)
        values (?, ?, false, ?, ?, ?)""", userId, normalized(address), How.ENTERED_BY_OPERATOR.name(), operator,
        now.atOffset(UTC));
    return new OwnerAddress(userId, normalized(address), false, How.ENTERED_BY_OPERATOR, operator, now);
  }

  /** Removes an address of a signer; whether there was one. */
  @Transactional
  public boolean remove(String userId, String address) {
    return jdbc.update("delete from signer_owner_address where user_id = ? and address = ?", userId,
        normalized(address)) > 0;
  }

  public List<OwnerAddress> of(String userId) {
    return all().stream().filter(address -> address.userId().equals(userId)).toList();
  }

  public List<OwnerAddress> all() {
    return jdbc.query("select * from signer_owner_address order by user_id, recorded_at, address", (rs, row) ->
        new OwnerAddress(rs.getString("user_id"), rs.getString("address"), rs.getBoolean("proven"),
            How.valueOf(rs.getString("how")), rs.getString("recorded_by"),
            rs.getObject("recorded_at", OffsetDateTime.class).toInstant()));
  }

  /** The address whose key made an EIP-191 personal_sign signature of the message, in lower case. */
  static Optional<String> recover(String message, String signature) {
    try {
      BigInteger key = Sign.signedPrefixedMessageToKey(message.getBytes(StandardCharsets.UTF_8),
          signatureData(signature));
      return Optional.of("0x" + Keys.getAddress(key).toLowerCase(Locale.ROOT));
    } catch (java.security.SignatureException | RuntimeException unrecoverable) {
      return Optional.empty();
    }
  }

  /** Whether the text is a signature as wallets give it: 0x and 65 bytes (r, s, v) in hex. */
  static boolean looksLikeSignature(Object text) {
    return text instanceof String value && SIGNATURE.matcher(value.trim()).matches();
  }

  /** r, s and v of a signature as wallets give it (r||s||v, hex). */
  static Sign.SignatureData signatureData(String signature) {
    byte[] bytes = Numeric.hexStringToByteArray(signature.trim());
    byte v = bytes[64];
    // some wallets and libraries write the recovery id as 0/1 instead of 27/28
    if (v < 27) {
      v += 27;
    }
    return new Sign.SignatureData(v, java.util.Arrays.copyOfRange(bytes, 0, 32), java.util.Arrays.copyOfRange(bytes, 32, 64));
  }
}
