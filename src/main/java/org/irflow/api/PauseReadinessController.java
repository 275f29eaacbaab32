package org.irflow.api;

import static org.irflow.process.PauseReadinessVariables.MESSAGE_CHECK_REQUESTED;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.irflow.containment.readiness.PauseReadiness;
import org.irflow.containment.readiness.PausePathResult;
import org.irflow.process.EngineAccess;
import org.irflow.security.Groups;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Pause readiness: the latest check of each pause path of each registered contract, with its open gap;
 * a check on demand (incident commanders and admins), run by PauseReadinessProcess like the daily one.
 */
@RestController
@RequestMapping("/api/pause-readiness")
public class PauseReadinessController {

  public static final List<String> MAY_START_A_CHECK = List.of(Groups.INCIDENT_COMMANDERS, Groups.ADMINS);

  private final PauseReadiness readiness;
  private final RuntimeService runtime;
  private final ProcessEngine engine;
  private final CurrentUser currentUser;

  public PauseReadinessController(PauseReadiness readiness, RuntimeService runtime, ProcessEngine engine,
      CurrentUser currentUser) {
    this.readiness = readiness;
    this.runtime = runtime;
    this.engine = engine;
    this.currentUser = currentUser;
  }

  /**
   * One path as the API shows it.
   *
   * @param reason "ready", "broken: " and the failed checks, or "manual: nothing to check on chain"
   * @param openGap null when the path has none
   */
  public record PathReadiness(String contract, long chainId, String path, String pathInWords, String status,
      String reason, Instant checkedAt, List<PausePathResult.Item> checks, OpenGap openGap) {}

  public record OpenGap(long id, String owner, Instant openedAt, String summary) {}

  @GetMapping
  public List<PathReadiness> latest() {
    currentUser.requireProgrammeMember();
    List<PauseReadiness.Gap> gaps = readiness.openGaps();
    return readiness.latest().stream().map(result -> new PathReadiness(result.contract(), result.chainId(),
        result.path(), result.pathInWords(), result.status().name(), result.reasonInWords(), result.checkedAt(),
        result.items(),
        gaps.stream().filter(gap -> gap.contract().equals(result.contract()) && gap.path().equals(result.path()))
            .findFirst().map(gap -> new OpenGap(gap.id(), gap.owner(), gap.openedAt(), gap.summary())).orElse(null)))
        .toList();
  }

  /** Starts a check now; the results appear under GET once the engine has run it (seconds). */
  @PostMapping("/check")
  @ResponseStatus(HttpStatus.ACCEPTED)
  public Map<String, String> check() {
    CurrentUser.Member member = currentUser.requireMember();
    if (!member.inAny(MAY_START_A_CHECK)) {
      throw new ApiExceptionHandler.Forbidden("user " + member.userId() + " is in neither "
          + String.join(" nor ", MAY_START_A_CHECK) + ": only they start a pause readiness check");
    }
    // irflow's own process, started for them: the caller's group was checked above, not a Camunda
    // permission on PauseReadinessProcess, which no group of people has
    String id = EngineAccess.inCommandAsProcess(engine,
        () -> runtime.startProcessInstanceByMessage(MESSAGE_CHECK_REQUESTED).getId());
    return Map.of("processInstanceId", id, "status", "started");
  }
}
