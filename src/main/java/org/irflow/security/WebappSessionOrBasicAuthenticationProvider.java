package org.irflow.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.util.Set;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.rest.security.auth.AuthenticationProvider;
import org.camunda.bpm.engine.rest.security.auth.AuthenticationResult;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;

/**
 * For irflow's own API (/api): the user logged into the Camunda webapps (Cockpit, Tasklist) in this
 * HTTP session, else HTTP Basic as before. So that Cockpit plugins can read the API without asking for
 * the password again.
 *
 * <p>Only the user id is taken from the session: the authentication filter then reads the user's
 * groups and tenants from the identity service, so the same authorizations apply as with Basic. The
 * session is accepted for reading requests only (GET, HEAD): a change still needs Basic credentials,
 * so a page of another site cannot make a logged-in browser change anything (no CSRF through /api).
 * Without a session user and without valid Basic credentials the answer stays 401.
 */
public class WebappSessionOrBasicAuthenticationProvider implements AuthenticationProvider {

  private static final Set<String> READING = Set.of("GET", "HEAD");

  private final HttpBasicAuthenticationProvider basic = new HttpBasicAuthenticationProvider();

  @Override
  public AuthenticationResult extractAuthenticatedUser(HttpServletRequest request, ProcessEngine engine) {
    String sessionUser = sessionUser(request, engine);
    if (sessionUser != null) {
      return AuthenticationResult.successful(sessionUser);
    }
    return basic.extractAuthenticatedUser(request, engine);
  }

  @Override
  public void augmentResponseByAuthenticationChallenge(HttpServletResponse response, ProcessEngine engine) {
    basic.augmentResponseByAuthenticationChallenge(response, engine);
  }

  /** The webapp user of this session for this engine, on a reading request; null otherwise. */
  static String sessionUser(HttpServletRequest request, ProcessEngine engine) {
    if (!READING.contains(request.getMethod()) || request.getHeader("Authorization") != null) {
      return null;
    }
    HttpSession session = request.getSession(false);
    if (session == null) {
      return null;
    }
    Authentications authentications = AuthenticationUtil.getAuthsFromSession(session);
    if (authentications == null) {
      return null;
    }
    if (!(authentications.getAuthenticationForProcessEngine(engine.getName())
        instanceof UserAuthentication user)) {
      return null;
    }
    return user.getIdentityId();
  }
}
