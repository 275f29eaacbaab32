package org.irflow.api;

import java.util.Map;
import org.irflow.triage.intake.IntakeBacklog;
import org.irflow.triage.intake.IntakeProperties;
import org.irflow.triage.intake.IntakeStats;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Counters and backlog of the monitoring intake: accepted, duplicates, triages started, evidence, rejections. */
@RestController
public class IntakeController {

  private final CurrentUser currentUser;
  private final IntakeStats stats;
  private final IntakeBacklog backlog;
  private final IntakeProperties properties;

  public IntakeController(CurrentUser currentUser, IntakeStats stats, IntakeBacklog backlog,
      IntakeProperties properties) {
    this.currentUser = currentUser;
    this.stats = stats;
    this.backlog = backlog;
    this.properties = properties;
  }

  /** Events stored and not yet taken by the dispatcher, and the limit above which webhooks answer 429. */
  @GetMapping("/api/intake/backlog")
  public Map<String, Long> backlog() {
    currentUser.requireProgrammeMember();
    return Map.of("waiting", backlog.waiting(), "limit", (long) properties.maxBacklog());
  }

  @GetMapping("/api/intake/stats")
  public Map<String, Map<String, Long>> stats() {
    currentUser.requireProgrammeMember();
    return stats.snapshot();
  }
}
