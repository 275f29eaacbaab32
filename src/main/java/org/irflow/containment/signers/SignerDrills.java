package org.irflow.containment.signers;

import static org.irflow.process.SignerDrillVariables.SIGNER_DRILL_CHAIN_ID;
import static org.irflow.process.SignerDrillVariables.SIGNER_DRILL_ID;
import static org.irflow.process.SignerDrillVariables.SIGNER_DRILL_PROCESS;
import static org.irflow.process.SignerDrillVariables.SIGNER_DRILL_SAFE;
import static org.irflow.process.SignerDrillVariables.SIGNER_DRILL_SIGNERS;
import static org.irflow.process.SignerDrillVariables.SIGNER_DRILL_WINDOW_ENDS_AT;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.camunda.bpm.engine.RuntimeService;
import org.irflow.containment.ChainAccess;
import org.irflow.containment.readiness.PauseReadiness;
import org.irflow.security.GroupMembers;
import org.irflow.security.Groups;
import org.springframework.context.annotation.Lazy;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Signer drills: every member of the signers group signs a harmless EIP-712 message
 * ({@link SignerDrillMessage}) for one Safe within the drill's window. A signature counts when it
 * recovers to an owner of the Safe as read on-chain at that moment; the drill records when the
 * threshold's worth of distinct owners had signed, and who did not answer. Slower than the limit, or
 * never, is a readiness gap of the Safe ("Fix the pause path", kept by {@link PauseReadiness}), which
 * the next drill within the limit closes.
 */
@Service
public class SignerDrills {

  /** How a drill ended. */
  public enum Outcome { WITHIN_LIMIT, OVER_LIMIT, THRESHOLD_NOT_REACHED }

  /** One signer's part: when they signed, with which owner address, or that they did not answer. */
  public record DrillSigner(String userId, Instant signedAt, String address, String owner, boolean unanswered) {}

  /**
   * A drill of one Safe.
   *
   * @param timeToThresholdSeconds from the start until the threshold's worth of distinct owners had signed; null if never
   * @param outcome null while the window is open
   */
  public record SignerDrill(long id, long chainId, String safe, int threshold, int owners, String startedBy,
      Long incidentDrillId, Instant startedAt, Instant windowEndsAt, long limitSeconds, String processInstanceId,
      Instant thresholdReachedAt, Long timeToThresholdSeconds, Instant endedAt, Outcome outcome,
      List<DrillSigner> signers) {

    public List<String> didNotAnswer() {
      return signers.stream().filter(DrillSigner::unanswered).map(DrillSigner::userId).toList();
    }
  }

  private final JdbcTemplate jdbc;
  private final ChainAccess chains;
  private final SignerCoverage coverage;
  private final SignerAddresses addresses;
  private final GroupMembers groupMembers;
  private final PauseReadiness readiness;
  private final RuntimeService runtime;
  private final SignerDrillProperties properties;
  private final Clock clock;

  public SignerDrills(JdbcTemplate jdbc, ChainAccess chains, SignerCoverage coverage, SignerAddresses addresses,
      GroupMembers groupMembers, PauseReadiness readiness, @Lazy RuntimeService runtime,
      SignerDrillProperties properties, Clock clock) {
    this.jdbc = jdbc;
    this.chains = chains;
    this.coverage = coverage;
    this.addresses = addresses;
    this.groupMembers = groupMembers;
    this.readiness = readiness;
    this.runtime = runtime;
    this.properties = properties;
    this.clock = clock;
  }

  /** The Safes that pause a registered contract, each with the contracts it pauses. */
  public Map<SignerCoverage.ChainSafe, List<String>> drillableSafes() {
    return coverage.pausingSafes();
  }

  /**
   * Starts a drill of the Safe: one signing task and one page per member of the signers group.
   *
   * @throws IllegalArgumentException naming the field, when the Safe pauses no registered contract
   * @throws IllegalStateException when the group has no member or the Safe cannot be read
   */
  // a refusal leaves the caller's transaction usable: the six-month drill goes on without this Safe
  @Transactional(noRollbackFor = {IllegalArgumentException.class, IllegalStateException.class})
  public SignerDrill start(long chainId, String safe, String startedBy, Long incidentDrillId) {
    String address = SignerAddresses.normalized(safe);
    if (!drillableSafes().containsKey(new SignerCoverage.ChainSafe(chainId, address))) {
      throw new IllegalArgumentException("safe: " + safe + " on chain " + chainId
          + " pauses no registered contract; a signer drill drills a Safe listed as 'safe:<address>' among the"
          + " pausers of a registered contract");
    }
    List<String> signers = groupMembers.of(List.of(Groups.SIGNERS));
    if (signers.isEmpty()) {
      throw new IllegalStateException("the group " + Groups.SIGNERS + " has no member, so nobody could sign a drill");
    }
    ChainAccess.SafeState state = safeState(chainId, address);
    Instant now = clock.instant();
    Instant windowEnds = now.plus(properties.window());
    jdbc.update("""
        insert into signer_drill (chain_id, safe, threshold, owners, started_by, incident_drill_id, started_at,
                                  window_ends_at, limit_seconds)
        values (?, ?, ?, ?, ?, ?, ?, ?, ?)""", chainId, address, state.threshold(), state.owners().size(), startedBy,
        incidentDrillId, Timestamp.from(now), Timestamp.from(windowEnds), properties.timeToThresholdLimit().toSeconds());
    long id = jdbc.queryForObject("select max(id) from signer_drill where chain_id = ? and safe = ?", Long.class,
        chainId, address);
    for (String signer : signers) {
      jdbc.update("insert into signer_drill_signer (drill_id, user_id, typed_data) values (?, ?, ?)", id, signer,
          SignerDrillMessage.typedData(id, signer, address, now));
    }
    Map<String, Object> variables = new HashMap<>();
    variables.put(SIGNER_DRILL_ID, id);
    variables.put(SIGNER_DRILL_SIGNERS, new ArrayList<>(signers));
    variables.put(SIGNER_DRILL_WINDOW_ENDS_AT, windowEnds.toString());
    variables.put(SIGNER_DRILL_SAFE, SignerAddresses.checksummed(address));
    variables.put(SIGNER_DRILL_CHAIN_ID, chainId);
    String processInstanceId = runtime.startProcessInstanceByKey(SIGNER_DRILL_PROCESS, "signer-drill-" + id,
        variables).getId();
    jdbc.update("update signer_drill set process_instance_id = ? where id = ?", processInstanceId, id);
    return get(id);
  }

  /** The exact typed data the signer signs in this drill. */
  public String typedData(long drillId, String userId) {
    return jdbc.queryForObject("select typed_data from signer_drill_signer where drill_id = ? and user_id = ?",
        String.class, drillId, userId);
  }

  /** What a signature proves: the owner it recovers to in words, or why it does not count. */
  private record Verdict(String address, String owner, String problem) {}

  /**
   * Why the signature does not count for the signer in this drill, naming the field; empty when it does.
   */
  public Optional<String> signatureProblem(long drillId, String userId, Object signature, String field) {
    return Optional.ofNullable(verdict(drillId, userId, signature, field).problem());
  }

  /** The owner a signature counts as, in words ("0xAb… is owner 2 of 3 of Safe 0x…"); empty if it does not count. */
  public Optional<String> ownerInWords(long drillId, String userId, Object signature) {
    Verdict verdict = verdict(drillId, userId, signature, "signature");
    return verdict.problem() == null ? Optional.of(verdict.owner()) : Optional.empty();
  }

  private Verdict verdict(long drillId, String userId, Object signature, String field) {
    SignerDrill drill = get(drillId);
    String shownSafe = SignerAddresses.checksummed(drill.safe());
    if (drill.endedAt() != null || !clock.instant().isBefore(drill.windowEndsAt())) {
      return refused(field + ": the window of signer drill " + drillId + " ended at " + drill.windowEndsAt()
          + "; this drill no longer takes signatures");
    }
    if (!SignerAddresses.looksLikeSignature(signature)) {
      return refused(field + ": paste the signature your wallet made, 0x followed by 130 hex digits");
    }
    Optional<String> signer = SignerDrillMessage.recover(typedData(drillId, userId), (String) signature);
    if (signer.isEmpty()) {
      return refused(field + ": no address can be recovered from this signature; sign the typed data above with"
          + " \"Sign typed data\" (eth_signTypedData_v4) in your wallet and paste the result");
    }
    List<String> owners;
    try {
      owners = safeState(drill.chainId(), drill.safe()).owners().stream().map(SignerAddresses::normalized).toList();
    } catch (IllegalStateException unreadable) {
      return refused(field + ": " + unreadable.getMessage() + "; try again in a minute");
    }
    String shownSigner = SignerAddresses.checksummed(signer.get());
    int index = owners.indexOf(signer.get());
    if (index < 0) {
      return refused(field + ": this signature recovers to " + shownSigner + ", which is not an owner of Safe "
          + shownSafe + " on chain " + drill.chainId() + " (its " + owners.size() + " owners: "
          + String.join(", ", owners.stream().map(SignerAddresses::checksummed).toList()) + "). Sign with your owner"
          + " key, and sign the typed data above exactly as shown: a signature of anything else recovers to another"
          + " address");
    }
    StringBuilder owner = new StringBuilder(shownSigner + " is owner " + (index + 1) + " of " + owners.size()
        + " of Safe " + shownSafe + " (threshold " + drill.threshold() + ")");
    boolean onRecord = addresses.of(userId).stream().anyMatch(recorded -> recorded.address().equals(signer.get()));
    if (!onRecord) {
      owner.append("; not on record for ").append(userId).append(": prove it with \"Prove my signing address\"");
    }
    return new Verdict(signer.get(), owner.toString(), null);
  }

  private static Verdict refused(String problem) {
    return new Verdict(null, null, problem);
  }

  /**
   * Records the signer's signature and, when it brings the distinct owners who signed to the threshold,
   * when the threshold was reached.
   *
   * @throws IllegalStateException when it does not count (see {@link #signatureProblem})
   */
  @Transactional
  public DrillSigner recordSignature(long drillId, String userId, String signature) {
    Verdict verdict = verdict(drillId, userId, signature, "signature");
    if (verdict.problem() != null) {
      throw new IllegalStateException(verdict.problem());
    }
    Instant now = clock.instant();
    jdbc.update("""
        update signer_drill_signer set signed_at = ?, address = ?, signature = ?, owner_text = ?
        where drill_id = ? and user_id = ?""", Timestamp.from(now), verdict.address(), signature.trim(),
        verdict.owner(), drillId, userId);
    SignerDrill drill = get(drillId);
    long distinctOwners = drill.signers().stream().map(DrillSigner::address).filter(a -> a != null).distinct().count();
    if (drill.thresholdReachedAt() == null && distinctOwners >= drill.threshold()) {
      jdbc.update("update signer_drill set threshold_reached_at = ? where id = ?", Timestamp.from(now), drillId);
    }
    return new DrillSigner(userId, now, verdict.address(), verdict.owner(), false);
  }

  /**
   * Ends the drill: those who did not sign are recorded as not answering, the outcome is decided, and a
   * drill slower than the limit, or that never reached the threshold, opens the Safe's readiness gap; one
   * within the limit closes it.
   */
  @Transactional
  public SignerDrill finish(long drillId) {
    Instant now = clock.instant();
    jdbc.update("update signer_drill_signer set unanswered = true where drill_id = ? and signed_at is null", drillId);
    SignerDrill drill = get(drillId);
    Outcome outcome = drill.timeToThresholdSeconds() == null ? Outcome.THRESHOLD_NOT_REACHED
        : drill.timeToThresholdSeconds() > drill.limitSeconds() ? Outcome.OVER_LIMIT : Outcome.WITHIN_LIMIT;
    jdbc.update("update signer_drill set ended_at = ?, outcome = ? where id = ? and ended_at is null",
        Timestamp.from(now), outcome.name(), drillId);
    String subject = gapSubject(drill);
    if (outcome == Outcome.WITHIN_LIMIT) {
      readiness.closeGap(subject, PauseReadiness.SIGNER_DRILL_PATH, "signer drill " + drillId + " reached the threshold in "
          + words(Duration.ofSeconds(drill.timeToThresholdSeconds())));
    } else {
      String findings = findings(drill, outcome);
      readiness.openGap(subject, PauseReadiness.SIGNER_DRILL_PATH, "signer drill: time to threshold", findings, null,
          "Signer drill too slow: " + subject, findings + "\nThe task \"Fix the pause path\" is in Tasklist; a later"
              + " signer drill within the limit closes it.");
    }
    return get(drillId);
  }

  /** The gap's subject: the Safe and its chain. */
  static String gapSubject(SignerDrill drill) {
    return "Safe " + SignerAddresses.checksummed(drill.safe()) + " (chain " + drill.chainId() + ")";
  }

  private static String findings(SignerDrill drill, Outcome outcome) {
    String limit = words(Duration.ofSeconds(drill.limitSeconds()));
    String signed = drill.signers().stream().filter(signer -> signer.signedAt() != null)
        .map(signer -> signer.userId() + " at " + signer.signedAt()).reduce((a, b) -> a + ", " + b).orElse("nobody");
    String silent = drill.didNotAnswer().isEmpty() ? "nobody" : String.join(", ", drill.didNotAnswer());
    String verdict = outcome == Outcome.THRESHOLD_NOT_REACHED
        ? "Signer drill " + drill.id() + " never reached the threshold of " + drill.threshold() + " owners within its"
            + " window (until " + drill.windowEndsAt() + "); the limit is " + limit + "."
        : "Signer drill " + drill.id() + " took " + words(Duration.ofSeconds(drill.timeToThresholdSeconds()))
            + " until " + drill.threshold() + " distinct owners had signed; the limit is " + limit + ".";
    return verdict + "\nSigned: " + signed + ".\nDid not answer: " + silent + ".";
  }

  /** "1 h 5 min 3 s", "42 s". */
  static String words(Duration duration) {
    StringBuilder text = new StringBuilder();
    if (duration.toHours() > 0) {
      text.append(duration.toHours()).append(" h ");
    }
    if (duration.toMinutesPart() > 0) {
      text.append(duration.toMinutesPart()).append(" min ");
    }
    if (duration.toSecondsPart() > 0 || text.isEmpty()) {
      text.append(duration.toSecondsPart()).append(" s");
    }
    return text.toString().strip();
  }

  private ChainAccess.SafeState safeState(long chainId, String safe) {
    try {
      if (!chains.configured(chainId)) {
        throw new IllegalStateException("irflow has no RPC endpoint for chain " + chainId);
      }
      return chains.safeState(chainId, safe);
    } catch (RuntimeException unreadable) {
      throw new IllegalStateException("the owners of Safe " + SignerAddresses.checksummed(safe) + " on chain " + chainId
          + " could not be read (" + unreadable.getMessage() + ")", unreadable);
    }
  }

  public SignerDrill get(long id) {
    return find(id).orElseThrow(() -> new NoSuchElementException("no signer drill " + id));
  }

  public Optional<SignerDrill> find(long id) {
    return jdbc.query("select * from signer_drill where id = ?", (rs, row) -> drill(rs), id).stream().findFirst();
  }

  /** Drills, newest first. */
  public List<SignerDrill> list(int limit) {
    return jdbc.query("select * from signer_drill order by started_at desc, id desc limit " + limit,
        (rs, row) -> drill(rs));
  }

  /** The latest drill of each Safe that had ended before {@code asOf}, oldest Safe first. */
  public List<SignerDrill> latestEndedPerSafe(Instant asOf) {
    Map<String, SignerDrill> latest = new LinkedHashMap<>();
    jdbc.query("select * from signer_drill where ended_at is not null and ended_at < ? order by ended_at, id",
        (ResultSet rs) -> {
          SignerDrill drill = drill(rs);
          latest.remove(drill.chainId() + drill.safe());
          latest.put(drill.chainId() + drill.safe(), drill);
        }, Timestamp.from(asOf));
    return List.copyOf(latest.values());
  }

  private SignerDrill drill(ResultSet rs) throws SQLException {
    long id = rs.getLong("id");
    Instant started = rs.getTimestamp("started_at").toInstant();
    Instant reached = instant(rs, "threshold_reached_at");
    String outcome = rs.getString("outcome");
    List<DrillSigner> signers = jdbc.query("select * from signer_drill_signer where drill_id = ? order by user_id",
        (signer, row) -> new DrillSigner(signer.getString("user_id"), instant(signer, "signed_at"),
            signer.getString("address") == null ? null : SignerAddresses.checksummed(signer.getString("address")),
            signer.getString("owner_text"), signer.getBoolean("unanswered")), id);
    return new SignerDrill(id, rs.getLong("chain_id"), rs.getString("safe"), rs.getInt("threshold"), rs.getInt("owners"),
        rs.getString("started_by"), rs.getObject("incident_drill_id", Long.class), started,
        rs.getTimestamp("window_ends_at").toInstant(), rs.getLong("limit_seconds"), rs.getString("process_instance_id"),
        reached, reached == null ? null : Duration.between(started, reached).toSeconds(), instant(rs, "ended_at"),
        outcome == null ? null : Outcome.valueOf(outcome), signers);
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    Timestamp value = rs.getTimestamp(column);
    return value == null ? null : value.toInstant();
  }
}
