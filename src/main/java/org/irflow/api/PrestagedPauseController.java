package org.irflow.api;

import java.time.Instant;
import java.util.List;
import org.irflow.containment.pause.PrestagedPauses;
import org.irflow.containment.pause.PrestagedPauses.PrestagedPause;
import org.irflow.security.Groups;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The pre-staged pause of each Safe: what it is, what it was built against, and whether it still
 * matches the chain; a refresh on demand. No key, no RPC URL.
 */
@RestController
@RequestMapping("/api/prestaged-pauses")
public class PrestagedPauseController {

  private final PrestagedPauses prestagedPauses;
  private final CurrentUser currentUser;

  public PrestagedPauseController(PrestagedPauses prestagedPauses, CurrentUser currentUser) {
    this.prestagedPauses = prestagedPauses;
    this.currentUser = currentUser;
  }

  /** A contract the pause pauses. */
  public record Contract(String name, String address) {}

  /**
   * @param matchesChain whether a pause started now would propose it (null: the chain cannot be read)
   * @param drift what no longer matches, in words; empty when it matches
   * @param refreshProblem why the last refresh could not check or rebuild it; null when it could
   */
  public record PrestagedPauseView(long chainId, String safe, String safeTxHash, long nonce, List<String> owners,
      int threshold, List<Contract> contracts, Instant builtAt, String buildReason, Instant refreshedAt,
      String refreshProblem, Boolean matchesChain, List<String> drift) {}

  @GetMapping
  public List<PrestagedPauseView> list() {
    currentUser.requireProgrammeMember();
    return prestagedPauses.statuses().stream().map(status -> {
      PrestagedPause pause = status.pause();
      List<Contract> contracts = new java.util.ArrayList<>();
      for (int i = 0; i < pause.contractNames().size(); i++) {
        contracts.add(new Contract(pause.contractNames().get(i), pause.contractAddresses().get(i)));
      }
      return new PrestagedPauseView(pause.chainId(), pause.safe(), pause.safeTxHash(), pause.nonce(), pause.owners(),
          pause.threshold(), contracts, pause.builtAt(), pause.buildReason(), pause.refreshedAt(),
          pause.refreshProblem(), status.matchesChain(), status.drift());
    }).toList();
  }

  /** Incident commanders and admins: checks every Safe now and rebuilds what drifted. */
  @PostMapping("/refresh")
  public List<PrestagedPauses.Refresh> refresh() {
    CurrentUser.Member member = currentUser.requireMember();
    if (!member.inAny(List.of(Groups.INCIDENT_COMMANDERS, Groups.ADMINS))) {
      throw new ApiExceptionHandler.Forbidden("user " + member.userId() + " is in neither " + Groups.INCIDENT_COMMANDERS
          + " nor " + Groups.ADMINS + ": only they refresh the pre-staged pauses");
    }
    return prestagedPauses.refreshAll();
  }
}
