package org.irflow.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.irflow.api.ApiExceptionHandler.BadRequest;
import org.irflow.containment.signers.SignerAddresses;
import org.irflow.containment.signers.SignerCoverage;
import org.irflow.containment.signers.SignerDrills;
import org.irflow.containment.signers.SignerDrills.SignerDrill;
import org.irflow.process.EngineAccess;
import org.irflow.security.Groups;
import org.springframework.context.annotation.Lazy;
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
  private final ProcessEngine engine;

  public SignerDrillController(SignerDrills drills, CurrentUser currentUser, @Lazy ProcessEngine engine) {
    this.drills = drills;
    this.currentUser = currentUser;
    this.engine = engine;
  }

  /**
   * The drill is irflow's own process, started once the caller's groups allowed it: in irflow's command,
   * where neither the caller's Camunda permissions nor the guard of a person's variables apply.
   */
  private SignerDrill startedAsIrflow(long chainId, String safe, String startedBy) {
    return EngineAccess.inCommandAsProcess(engine, () -> drills.start(chainId, safe, startedBy, null));
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
      // every Safe that can be drilled now; one irflow cannot read (no RPC for its chain) is left out, as
      // the six-month drill's step leaves it out, and only when none can be drilled is the answer a 409
      List<SignerDrill> started = new ArrayList<>();
      List<String> leftOut = new ArrayList<>();
      for (SignerCoverage.ChainSafe each : drills.drillableSafes().keySet()) {
        try {
          started.add(startedAsIrflow(each.chainId(), each.address(), member.userId()));
        } catch (IllegalStateException notPossible) {
          leftOut.add(notPossible.getMessage());
        }
      }
      if (started.isEmpty()) {
        throw new ApiExceptionHandler.Conflict(String.join("; ", leftOut));
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
      return List.of(startedAsIrflow(number.longValue(), (String) safe, member.userId()));
    } catch (IllegalArgumentException notPausing) {
      throw new BadRequest("safe", notPausing.getMessage());
    } catch (IllegalStateException notPossible) {
      throw new ApiExceptionHandler.Conflict(notPossible.getMessage());
    }
  }
}
