package org.irflow.api;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.irflow.api.ApiExceptionHandler.BadRequest;
import org.irflow.readiness.OnCall;
import org.irflow.readiness.OnCallService;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** "Who is on call for role R at instant T?" */
@RestController
@RequestMapping("/api/on-call")
public class OnCallController {

  private final OnCallService onCall;
  private final CurrentUser currentUser;
  private final Clock clock;

  public OnCallController(OnCallService onCall, CurrentUser currentUser, Clock clock) {
    this.onCall = onCall;
    this.currentUser = currentUser;
    this.clock = clock;
  }

  @GetMapping
  public OnCall onCall(@RequestParam(defaultValue = "incident-commanders") String role,
      @RequestParam(required = false) String at) {
    currentUser.requireProgrammeMember();
    if (!onCall.hasRole(role)) {
      throw new BadRequest("role", "no rotation is configured for role '" + role + "'");
    }
    Instant instant;
    try {
      instant = at == null ? clock.instant() : Instant.parse(at);
    } catch (DateTimeParseException e) {
      throw new BadRequest("at", "'" + at + "' is not an ISO 8601 instant such as 2026-11-22T09:30:00Z");
    }
    return onCall.onCall(role, instant);
  }
}
