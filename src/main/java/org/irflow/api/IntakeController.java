package org.irflow.api;

import java.util.Map;
import org.irflow.triage.intake.IntakeStats;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Counters of the monitoring webhooks: accepted, duplicates, triages started, rejections by reason. */
@RestController
public class IntakeController {

  private final CurrentUser currentUser;
  private final IntakeStats stats;

  public IntakeController(CurrentUser currentUser, IntakeStats stats) {
    this.currentUser = currentUser;
    this.stats = stats;
  }

  @GetMapping("/api/intake/stats")
  public Map<String, Map<String, Long>> stats() {
    currentUser.requireProgrammeMember();
    return stats.snapshot();
  }
}
