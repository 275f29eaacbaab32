package org.irflow.api;

import java.util.Optional;
import org.irflow.incidentpage.StepFeedback;
import org.irflow.incidentpage.StepFeedback.Feedback;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * What Tasklist shows right after a person's step (its script irflow-feedback.js asks here): the
 * event's number or the incident's id, who has it now and what comes next. 204 when irflow has nothing
 * to add or the step was not the caller's.
 */
@RestController
@RequestMapping("/api/feedback")
public class StepFeedbackController {

  private final StepFeedback feedback;
  private final CurrentUser currentUser;

  public StepFeedbackController(StepFeedback feedback, CurrentUser currentUser) {
    this.feedback = feedback;
    this.currentUser = currentUser;
  }

  /** After the caller started a process (a report, a declaration). */
  @GetMapping("/started/{processInstanceId}")
  public ResponseEntity<Feedback> started(@PathVariable String processInstanceId) {
    return answer(feedback.afterStart(processInstanceId, currentUser.requireProgrammeMember()));
  }

  /** After the caller completed a task. */
  @GetMapping("/completed-task/{taskId}")
  public ResponseEntity<Feedback> completedTask(@PathVariable String taskId) {
    return answer(feedback.afterTask(taskId, currentUser.requireProgrammeMember()));
  }

  private static ResponseEntity<Feedback> answer(Optional<Feedback> found) {
    return found.map(ResponseEntity::ok).orElseGet(StepFeedbackController::noContent);
  }

  private static ResponseEntity<Feedback> noContent() {
    return ResponseEntity.noContent().build();
  }
}
