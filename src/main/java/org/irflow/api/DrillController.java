package org.irflow.api;

import java.time.Instant;
import java.util.List;
import org.irflow.api.ApiExceptionHandler.BadRequest;
import org.irflow.readiness.drill.Drill;
import org.irflow.readiness.drill.DrillService;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Drills: when the next one is due, and every planned drill with its status and incident. */
@RestController
@RequestMapping("/api/drills")
public class DrillController {

  private static final int MAX_LIMIT = 500;

  private final DrillService drills;
  private final CurrentUser currentUser;

  public DrillController(DrillService drills, CurrentUser currentUser) {
    this.drills = drills;
    this.currentUser = currentUser;
  }

  /**
   * @param nextDrillDue when the next drill is due by the rule (interval after the last real incident
   *     or drill), as of now
   */
  public record Drills(Instant nextDrillDue, Instant lastRealIncidentAt, Instant lastDrillAt,
      List<Drill> drills) {}

  @GetMapping
  public Drills list(@RequestParam(defaultValue = "100") int limit) {
    currentUser.requireProgrammeMember();
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new BadRequest("limit", "limit must be between 1 and " + MAX_LIMIT);
    }
    DrillService.DueDate due = drills.nextDue();
    return new Drills(due.due(), due.lastRealIncident(), due.lastDrill(), drills.list(limit));
  }
}
