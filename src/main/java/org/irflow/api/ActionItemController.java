package org.irflow.api;

import java.util.Arrays;
import java.util.List;
import org.irflow.api.ApiExceptionHandler.BadRequest;
import org.irflow.incident.IncidentService;
import org.irflow.postmortem.ActionItem;
import org.irflow.postmortem.ActionItemStatus;
import org.irflow.postmortem.ActionItems;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Post-mortem action items: who owes what by when, and where each stands. */
@RestController
@RequestMapping("/api/action-items")
public class ActionItemController {

  private final ActionItems actionItems;
  private final IncidentService incidents;
  private final CurrentUser currentUser;

  public ActionItemController(ActionItems actionItems, IncidentService incidents, CurrentUser currentUser) {
    this.actionItems = actionItems;
    this.incidents = incidents;
    this.currentUser = currentUser;
  }

  @GetMapping
  public List<ActionItem> list(@RequestParam(required = false) String incidentId,
      @RequestParam(required = false) String status) {
    currentUser.requireProgrammeMember();
    ActionItemStatus parsedStatus = null;
    if (status != null && !status.isBlank()) {
      try {
        parsedStatus = ActionItemStatus.valueOf(status.trim().toUpperCase());
      } catch (IllegalArgumentException e) {
        throw new BadRequest("status", "'" + status + "' is not a valid status; expected one of "
            + Arrays.toString(ActionItemStatus.values()));
      }
    }
    String incident = incidentId == null || incidentId.isBlank() ? null : incidentId.trim();
    if (incident != null) {
      incidents.get(incident);  // 404 for an unknown incident
    }
    return actionItems.list(incident, parsedStatus);
  }
}
