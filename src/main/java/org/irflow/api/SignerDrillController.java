package org.irflow.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.irflow.api.ApiExceptionHandler.BadRequest;
import org.irflow.containment.signers.SignerAddresses;
import org.irflow.containment.signers.SignerCoverage;
import org.irflow.containment.signers.SignerDrills;
import org.irflow.containment.signers.SignerDrills.SignerDrill;
import org.irflow.security.Groups;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Signer drills: started on demand by incident commanders and admins (one Safe, or every pausing Safe),
 * listed with who signed when, the time to threshold and who did not answer.
 */
@RestController
@RequestMapping("/api/signer-drills")
public class SignerDrillController {

  static final List<String> MAY_START_A_DRILL = List.of(Groups.INCIDENT_COMMANDERS, Groups.ADMINS);

  private final SignerDrills drills;
  private final CurrentUser currentUser;

  public SignerDrillController(SignerDrills drills, CurrentUser currentUser) {
    this.drills = drills;
    this.currentUser = currentUser;
  }

  @GetMapping
  public List<SignerDrill> list(@RequestParam(defaultValue = "50") int limit) {
    currentUser.requireProgrammeMember();
    if (limit < 1 || limit > 500) {
      throw new BadRequest("limit", "limit: " + limit + " is not between 1 and 500");
    }
    return drills.list(limit);
  }

  @GetMapping("/{id}")
  public SignerDrill get(@PathVariable long id) {
    currentUser.requireProgrammeMember();
    return drills.get(id);
  }

  /**
   * Starts a drill of the Safe named by {@code chainId} and {@code safe}, or, with neither, of every Safe
   * that pauses a registered contract.
   */
  @PostMapping
  @ResponseStatus(HttpStatus.CREATED)
  public List<SignerDrill> start(@RequestBody(required = false) Map<String, Object> body) {
    CurrentUser.Member member = currentUser.requireMember();
    if (!member.inAny(MAY_START_A_DRILL)) {
      throw new ApiExceptionHandler.Forbidden("user " + member.userId() + " is in neither "
          + String.join(" nor ", MAY_START_A_DRILL) + ": only they start a signer drill");
    }
    Object safe = body == null ? null : body.get("safe");
    Object chainId = body == null ? null : body.get("chainId");
    if (safe == null && chainId == null) {
      if (drills.drillableSafes().isEmpty()) {
        throw new ApiExceptionHandler.Conflict("no Safe pauses a registered contract, so there is no Safe to drill");
      }
      List<SignerDrill> started = new ArrayList<>();
      for (SignerCoverage.ChainSafe each : drills.drillableSafes().keySet()) {
        started.add(ApiExceptionHandler.Conflict.unlessRefused(
            () -> drills.start(each.chainId(), each.address(), member.userId(), null)));
      }
      return started;
    }
    SignerAddresses.addressProblem("safe", safe).ifPresent(problem -> {
      throw new BadRequest("safe", problem);
    });
    if (!(chainId instanceof Number number) || number.longValue() <= 0) {
      throw new BadRequest("chainId", "chainId: '" + (chainId == null ? "" : chainId)
          + "' is not a chain id; give the Safe's chain as a positive number, e.g. 1 for Ethereum mainnet");
    }
    try {
      return List.of(drills.start(number.longValue(), (String) safe, member.userId(), null));
    } catch (IllegalArgumentException notPausing) {
      throw new BadRequest("safe", notPausing.getMessage());
    } catch (IllegalStateException notPossible) {
      throw new ApiExceptionHandler.Conflict(notPossible.getMessage());
    }
  }
}
