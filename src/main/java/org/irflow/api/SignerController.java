package org.irflow.api;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.function.Supplier;
import org.camunda.bpm.engine.ProcessEngine;
import org.irflow.process.EngineAccess;
import org.irflow.api.ApiExceptionHandler.BadRequest;
import org.irflow.containment.signers.SignerAddresses;
import org.irflow.containment.signers.SignerAddresses.OwnerAddress;
import org.irflow.containment.signers.SignerCoverage;
import org.irflow.security.GroupMembers;
import org.irflow.security.Groups;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The signers and the Safe owner addresses they sign with; operators enter and remove unproven ones
 * (a signer proves theirs in Tasklist, "Prove my signing address"); the 7-day signer coverage.
 */
@RestController
@RequestMapping("/api/signers")
public class SignerController {

  /** How far ahead the coverage looks. */
  static final Duration COVERAGE_HORIZON = Duration.ofDays(7);

  private final SignerAddresses addresses;
  private final SignerCoverage coverage;
  private final GroupMembers groupMembers;
  private final CurrentUser currentUser;
  private final Clock clock;
  private final ProcessEngine engine;

  public SignerController(SignerAddresses addresses, SignerCoverage coverage, GroupMembers groupMembers,
      CurrentUser currentUser, Clock clock, ProcessEngine engine) {
    this.engine = engine;
    this.addresses = addresses;
    this.coverage = coverage;
    this.groupMembers = groupMembers;
    this.currentUser = currentUser;
    this.clock = clock;
  }

  /** A signer and their addresses, proven or not. */
  public record Signer(String userId, List<OwnerAddress> addresses) {}

  /** Every member of the signers group, with each address recorded, how and when. */
  @GetMapping
  public List<Signer> signers() {
    currentUser.requireProgrammeMember();
    List<OwnerAddress> all = addresses.all().stream().map(SignerController::shown).toList();
    return signerIds().stream()
        .map(userId -> new Signer(userId, all.stream().filter(address -> address.userId().equals(userId)).toList()))
        .toList();
  }

  @PostMapping("/{userId}/owner-addresses")
  @ResponseStatus(HttpStatus.CREATED)
  public OwnerAddress enter(@PathVariable String userId, @RequestBody(required = false) Map<String, Object> body) {
    String operator = requireOperator();
    Object address = body == null ? null : body.get("address");
    SignerAddresses.addressProblem("address", address).ifPresent(problem -> {
      throw new BadRequest("address", problem);
    });
    requireSigner(userId);
    return shown(addresses.enter(userId, (String) address, operator));
  }

  @DeleteMapping("/{userId}/owner-addresses/{address}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  public void remove(@PathVariable String userId, @PathVariable String address) {
    requireOperator();
    SignerAddresses.addressProblem("address", address).ifPresent(problem -> {
      throw new BadRequest("address", problem);
    });
    if (!addresses.remove(userId, address)) {
      throw new NoSuchElementException("signer " + userId + " has no recorded owner address " + address);
    }
  }

  /** For each pausing Safe and each hour of the next 7 days, the reachable owners against the threshold. */
  @GetMapping("/coverage")
  public SignerCoverage.Coverage coverage() {
    currentUser.requireProgrammeMember();
    return asIrflowCommand(() -> coverage.coverage(clock.instant(), COVERAGE_HORIZON));
  }

  private String requireOperator() {
    CurrentUser.Member member = currentUser.requireMember();
    if (!member.groupIds().contains(Groups.ADMINS)) {
      throw new ApiExceptionHandler.Forbidden("only an operator (group " + Groups.ADMINS
          + ") enters or removes a signer's owner address; a signer proves their own in Tasklist with"
          + " \"Prove my signing address\"");
    }
    return member.userId();
  }

  private void requireSigner(String userId) {
    if (!signerIds().contains(userId)) {
      throw new BadRequest("userId", "'" + userId + "' is not a member of the group " + Groups.SIGNERS);
    }
  }

  /** The members of signers, whoever asks (GroupMembers reads them for the process). */
  private List<String> signerIds() {
    return groupMembers.of(List.of(Groups.SIGNERS));
  }

  /** Runs the work in an engine command with authorization checks off (reads of users and groups). */
  private <T> T asIrflowCommand(Supplier<T> work) {
    return EngineAccess.inCommandAsProcess(engine, work);
  }

  private static OwnerAddress shown(OwnerAddress address) {
    return new OwnerAddress(address.userId(), SignerAddresses.checksummed(address.address()), address.proven(),
        address.how(), address.recordedBy(), address.recordedAt());
  }
}
