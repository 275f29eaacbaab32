package org.irflow.api;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.util.NoSuchElementException;
import org.camunda.bpm.webapp.impl.security.filter.util.CsrfConstants;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The CSRF token Camunda's webapps issued to this browser session, for irflow's own pages outside the
 * webapps' path (the incident page): Camunda's cookie carrying it is scoped to /camunda, and its
 * response header only comes with the session's first request. A page of another site cannot read this
 * answer (no CORS), so the token stays as unreadable to other origins as Camunda's cookie.
 */
@RestController
public class SessionTokenController {

  private final CurrentUser currentUser;

  public SessionTokenController(CurrentUser currentUser) {
    this.currentUser = currentUser;
  }

  /** The header to send with a change and its value. */
  public record SessionToken(String header, String token) {}

  @GetMapping("/api/session/csrf-token")
  public SessionToken csrfToken(HttpServletRequest request) {
    currentUser.requireProgrammeMember();
    HttpSession session = request.getSession(false);
    Object token = session == null ? null : session.getAttribute(CsrfConstants.CSRF_TOKEN_SESSION_ATTR_NAME);
    if (!(token instanceof String value) || value.isEmpty()) {
      throw new NoSuchElementException("no Camunda webapp session: log in to Tasklist or Cockpit first");
    }
    return new SessionToken(CsrfConstants.CSRF_TOKEN_HEADER_NAME, value);
  }
}
