package org.irflow.containment.signers;

import static java.time.ZoneOffset.UTC;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.irflow.containment.ChainAccess;
import org.irflow.containment.ContractRegistry;
import org.irflow.containment.ContractRegistry.RegisteredContract;
import org.irflow.containment.signers.SignerAddresses.OwnerAddress;
import org.irflow.readiness.OnCallService;
import org.irflow.security.GroupMembers;
import org.irflow.security.Groups;
import org.springframework.stereotype.Service;

/**
 * Whether enough owners of each pausing Safe can be reached, hour by hour: the Safe's owners and
 * threshold read on-chain, the signers who hold those owner keys, and which of them the roster has on
 * shift (rotations of the role "signers" in their time zones, and overrides). Without a rotation for
 * "signers" every signer counts as reachable at every hour. An address an operator entered counts,
 * marked unproven.
 */
@Service
public class SignerCoverage {

  /** The roster role whose rotations say when a signer can be reached. */
  public static final String ROLE = Groups.SIGNERS;

  private static final DateTimeFormatter DAY_AND_HOUR = DateTimeFormatter.ofPattern("EEE HH:mm", Locale.ENGLISH);
  private static final DateTimeFormatter DAY_DATE_AND_HOUR =
      DateTimeFormatter.ofPattern("EEE d MMM HH:mm", Locale.ENGLISH);
  private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH);

  private final ContractRegistry registry;
  private final ChainAccess chains;
  private final SignerAddresses addresses;
  private final OnCallService onCall;
  private final GroupMembers groupMembers;

  public SignerCoverage(ContractRegistry registry, ChainAccess chains, SignerAddresses addresses,
      OnCallService onCall, GroupMembers groupMembers) {
    this.registry = registry;
    this.chains = chains;
    this.addresses = addresses;
    this.onCall = onCall;
    this.groupMembers = groupMembers;
  }

  /** An owner of a Safe and the signers who sign with it ("bob", "erin (unproven)"); none for an owner nobody holds. */
  public record Owner(String address, List<String> signers) {}

  /**
   * One Safe's coverage.
   *
   * @param contracts the registered contracts this Safe pauses
   * @param reachableOwnersByHour the number of owners reachable in each hour from {@code from} on
   * @param problem why the Safe could not be read, else null
   */
  public record SafeCoverage(long chainId, String safe, List<String> contracts, int threshold, List<Owner> owners,
      List<Integer> reachableOwnersByHour, List<CoverageGap> gaps, String problem) {}

  /**
   * The coverage of every pausing Safe.
   *
   * @param from the first hour (the hour {@code at} falls in)
   * @param roster how reachability was decided, in words
   */
  public record Coverage(Instant from, int hours, String roster, List<SafeCoverage> safes) {}

  /** The hours below threshold of every pausing Safe, from the hour {@code from} falls in, over the horizon. */
  public List<CoverageGap> gaps(Instant from, Duration horizon) {
    return coverage(from, horizon).safes().stream().flatMap(safe -> safe.gaps().stream()).toList();
  }

  public Coverage coverage(Instant at, Duration horizon) {
    Instant from = at.truncatedTo(ChronoUnit.HOURS);
    int hours = (int) Math.max(1, (horizon.toMinutes() + 59) / 60);
    boolean rostered = onCall.hasRole(ROLE);
    String roster = rostered
        ? "a signer counts in the hours a rotation of the role '" + ROLE + "' has them on shift, or an override names them"
        : "no rotation for the role '" + ROLE + "' is configured: every member of the group '" + Groups.SIGNERS
            + "' counts as reachable at every hour";
    List<String> everySigner = rostered ? List.of() : groupMembers.of(List.of(Groups.SIGNERS));
    List<Set<String>> reachableByHour = new ArrayList<>();
    for (int hour = 0; hour < hours; hour++) {
      reachableByHour.add(rostered ? onCall.onShift(ROLE, from.plus(Duration.ofHours(hour))) : Set.copyOf(everySigner));
    }
    List<OwnerAddress> recorded = addresses.all();
    List<SafeCoverage> safes = new ArrayList<>();
    pausingSafes().forEach((safe, contracts) -> safes.add(
        safeCoverage(safe, contracts, from, hours, reachableByHour, recorded)));
    return new Coverage(from, hours, roster, safes);
  }

  /** A Safe on a chain; the address in lower case. */
  public record ChainSafe(long chainId, String address) {}

  /** Each Safe that pauses a registered contract, with the contracts it pauses, in registry order. */
  public Map<ChainSafe, List<String>> pausingSafes() {
    Map<ChainSafe, List<String>> safes = new LinkedHashMap<>();
    for (RegisteredContract contract : registry.contracts()) {
      for (String pauser : contract.pausers()) {
        if (pauser.startsWith(ContractRegistry.SAFE_PREFIX)) {
          ChainSafe safe = new ChainSafe(contract.chainId(),
              SignerAddresses.normalized(pauser.substring(ContractRegistry.SAFE_PREFIX.length())));
          safes.computeIfAbsent(safe, key -> new ArrayList<>()).add(contract.name());
        }
      }
    }
    return safes;
  }

  private SafeCoverage safeCoverage(ChainSafe safe, List<String> contracts, Instant from, int hours,
      List<Set<String>> reachableByHour, List<OwnerAddress> recorded) {
    String shown = SignerAddresses.checksummed(safe.address());
    ChainAccess.SafeState state;
    try {
      if (!chains.configured(safe.chainId())) {
        throw new IllegalStateException("irflow has no RPC endpoint for chain " + safe.chainId());
      }
      state = chains.safeState(safe.chainId(), safe.address());
    } catch (RuntimeException unreadable) {
      String problem = "the owners and threshold of Safe " + shown + " on chain " + safe.chainId()
          + " could not be read (" + unreadable.getMessage() + "), so its signer coverage is unknown";
      Instant to = from.plus(Duration.ofHours(hours));
      return new SafeCoverage(safe.chainId(), shown, contracts, 0, List.of(), List.of(),
          List.of(new CoverageGap(safe.chainId(), shown, from, to, 0, 0, 0, List.of(),
              "Safe " + shown + " (chain " + safe.chainId() + ") " + span(from, to) + ": " + problem)), problem);
    }
    Set<String> owners = new LinkedHashSet<>();
    state.owners().forEach(owner -> owners.add(SignerAddresses.normalized(owner)));
    List<OwnerAddress> held = recorded.stream().filter(address -> owners.contains(address.address())).toList();
    List<Owner> ownerList = owners.stream().map(owner -> new Owner(SignerAddresses.checksummed(owner),
        held.stream().filter(address -> address.address().equals(owner)).map(SignerCoverage::named).toList())).toList();

    List<Integer> counts = new ArrayList<>();
    List<CoverageGap> gaps = new ArrayList<>();
    CoverageGap open = null;
    for (int hour = 0; hour < hours; hour++) {
      Set<String> reachable = reachableByHour.get(hour);
      List<OwnerAddress> reachableHeld = held.stream().filter(address -> reachable.contains(address.userId())).toList();
      int reachableOwners = (int) reachableHeld.stream().map(OwnerAddress::address).distinct().count();
      counts.add(reachableOwners);
      if (reachableOwners >= state.threshold()) {
        open = null;
        continue;
      }
      List<String> signers = new ArrayList<>(new TreeSet<>(reachableHeld.stream().map(SignerCoverage::named).toList()));
      Instant start = from.plus(Duration.ofHours(hour));
      if (open != null && open.reachableSigners().equals(signers)) {
        gaps.remove(gaps.size() - 1);
        start = open.from();
      }
      Instant end = from.plus(Duration.ofHours(hour + 1));
      open = new CoverageGap(safe.chainId(), shown, start, end, reachableOwners, owners.size(), state.threshold(),
          signers, "Safe " + shown + " (chain " + safe.chainId() + ") " + span(start, end) + ": " + reachableOwners
              + " of " + owners.size() + " owners reachable (" + (signers.isEmpty() ? "nobody" : String.join(", ", signers))
              + "), threshold " + state.threshold());
      gaps.add(open);
    }
    return new SafeCoverage(safe.chainId(), shown, contracts, state.threshold(), ownerList, counts, gaps, null);
  }

  private static String named(OwnerAddress address) {
    return address.proven() ? address.userId() : address.userId() + " (unproven)";
  }

  /**
   * "Tue 03:00–05:00 UTC", "Tue 23:00–Wed 02:00 UTC" across midnight, and with dates when it lasts a
   * day or more: "Mon 23 Nov 10:00–Mon 30 Nov 10:00 UTC".
   */
  static String span(Instant from, Instant to) {
    ZonedDateTime start = from.atZone(UTC);
    ZonedDateTime end = to.atZone(UTC);
    if (!Duration.between(from, to).minusDays(1).isNegative()) {
      return DAY_DATE_AND_HOUR.format(start) + "–" + DAY_DATE_AND_HOUR.format(end) + " UTC";
    }
    boolean endsThatDay = end.toLocalDate().equals(start.toLocalDate());
    boolean endsAtItsMidnight = end.toLocalTime().equals(LocalTime.MIDNIGHT)
        && end.minusDays(1).toLocalDate().equals(start.toLocalDate());
    String until = endsThatDay ? HOUR.format(end) : endsAtItsMidnight ? "24:00" : DAY_AND_HOUR.format(end);
    return DAY_AND_HOUR.format(start) + "–" + until + " UTC";
  }
}
