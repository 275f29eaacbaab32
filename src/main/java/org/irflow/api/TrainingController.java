package org.irflow.api;

import java.util.Arrays;
import java.util.List;
import org.irflow.api.ApiExceptionHandler.BadRequest;
import org.irflow.readiness.training.TrainingStatus;
import org.irflow.readiness.training.TrainingStatusService;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Training status (IR-2) of every member of the response groups: current, due, overdue or pending. */
@RestController
@RequestMapping("/api/training")
public class TrainingController {

  private final TrainingStatusService training;
  private final CurrentUser currentUser;

  public TrainingController(TrainingStatusService training, CurrentUser currentUser) {
    this.training = training;
    this.currentUser = currentUser;
  }

  @GetMapping
  public List<TrainingStatus> list(@RequestParam(required = false) String status) {
    currentUser.requireProgrammeMember();
    TrainingStatus.Status wanted = null;
    if (status != null && !status.isBlank()) {
      try {
        wanted = TrainingStatus.Status.valueOf(status.trim().toUpperCase());
      } catch (IllegalArgumentException e) {
        throw new BadRequest("status", "'" + status + "' is not a valid status; expected one of "
            + Arrays.toString(TrainingStatus.Status.values()));
      }
    }
    TrainingStatus.Status filter = wanted;
    return training.all().stream().filter(member -> filter == null || member.status() == filter).toList();
  }
}
