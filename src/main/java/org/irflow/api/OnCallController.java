package org.irflow.api;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.NoSuchElementException;
import org.irflow.api.ApiExceptionHandler.BadRequest;
import org.irflow.readiness.OnCall;
import org.irflow.readiness.OnCallService;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** "Who is on call for role R at instant T?", and who takes over next. */
@RestController
@RequestMapping("/api/on-call")
public class OnCallController {

  /** How far ahead "next" looks: two weeks cover every weekly rotation's next hand-over. */
  static final Duration NEXT_HORIZON = Duration.ofDays(14);

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
    return onCall.onCall(checkedRole(role), instant(at));
  }

  /** Who is on call from the next change of primary or secondary on; its {@code at} is when that is. */
  @GetMapping("/next")
  public OnCall next(@RequestParam(defaultValue = "incident-commanders") String role,
      @RequestParam(required = false) String at) {
    return onCall.next(checkedRole(role), instant(at), NEXT_HORIZON).orElseThrow(() -> new NoSuchElementException(
        "nobody takes over from the current " + role + " on call within " + NEXT_HORIZON.toDays() + " days"));
  }

  private String checkedRole(String role) {
    currentUser.requireProgrammeMember();
    if (!onCall.hasRole(role)) {
      throw new BadRequest("role", "no rotation is configured for role '" + role + "'");
    }
    return role;
  }

  private Instant instant(String at) {
    try {
      return at == null ? clock.instant() : Instant.parse(at);
    } catch (DateTimeParseException e) {
      throw new BadRequest("at", "'" + at + "' is not an ISO 8601 instant such as 2026-11-22T09:30:00Z");
    }
  }
}
