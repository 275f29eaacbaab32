package org.irflow.containment.readiness;

import static org.irflow.process.PauseReadinessVariables.PAUSE_GAP_FIX;
import static org.irflow.process.PauseReadinessVariables.PAUSE_GAP_ID;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Task listener of "Fix the pause path" ({@code pauseReadinessGapTasks}): what the owner reports doing
 * is kept with the gap. The gap itself stays open until a check finds the path working.
 */
@Component("pauseReadinessGapTasks")
public class PauseReadinessGapTasks {

  private final JdbcTemplate jdbc;

  public PauseReadinessGapTasks(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  public void fixReported(DelegateTask task) {
    Object fix = task.getVariable(PAUSE_GAP_FIX);
    String by = task.getAssignee() == null ? "a person" : task.getAssignee();
    jdbc.update("update pause_readiness_gap set fix_reported = ? where id = ?",
        by + ": " + (fix == null || fix.toString().isBlank() ? "(no note)" : fix.toString()),
        ((Number) task.getVariable(PAUSE_GAP_ID)).longValue());
  }
}
