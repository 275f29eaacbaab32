package org.irflow.api;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Who is calling, so that a page shows only the controls its user may use. */
@RestController
public class CallerController {

  private final CurrentUser currentUser;

  public CallerController(CurrentUser currentUser) {
    this.currentUser = currentUser;
  }

  /**
   * @param mayRegroup may move events into triages of their own and merge incidents (incident commanders)
   * @param mayCheckPauseReadiness may start a pause readiness check (incident commanders and admins)
   */
  public record Caller(String userId, boolean mayRegroup, boolean mayCheckPauseReadiness) {}

  @GetMapping("/api/me")
  public Caller me() {
    CurrentUser.Member member = currentUser.requireMember();
    return new Caller(member.userId(), currentUser.mayRegroup(),
        member.inAny(PauseReadinessController.MAY_START_A_CHECK));
  }
}
