package org.irflow.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Set;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.rest.security.auth.AuthenticationProvider;
import org.camunda.bpm.engine.rest.security.auth.AuthenticationResult;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;
import org.camunda.bpm.webapp.impl.security.filter.util.CsrfConstants;

/**
 * For irflow's own API (/api): the user logged into the Camunda webapps (Cockpit, Tasklist) in this
 * HTTP session, else HTTP Basic as before. So that the Cockpit plugin reads the API, and an incident
 * commander moves events and merges incidents from it, without asking for the password again.
 *
 * <p>Only the user id is taken from the session: the authentication filter then reads the user's
 * groups and tenants from the identity service, so the same authorizations apply as with Basic.
 * Reading requests (GET, HEAD) need nothing else. A change needs Camunda's own CSRF protection: the
 * {@value CsrfConstants#CSRF_TOKEN_HEADER_NAME} header carrying the token the webapps issued to this
 * session (which Cockpit hands to its plugins), so that a page of another site, which can make a
 * logged-in browser send the cookie but cannot read the token, changes nothing. Without a session user
 * and without valid Basic credentials the answer stays 401; {@link ApiAuthenticationFilter} answers a
 * change with the session but without its token 403.
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

  /**
   * The webapp user of this session for this engine, on a reading request or on a change carrying the
   * session's CSRF token; null otherwise, and whenever the request brings credentials of its own.
   */
  static String sessionUser(HttpServletRequest request, ProcessEngine engine) {
    if (request.getHeader("Authorization") != null) {
      return null;
    }
    if (!READING.contains(request.getMethod()) && !carriesTheSessionsCsrfToken(request)) {
      return null;
    }
    Authentications authentications = authentications(request.getSession(false));
    if (authentications == null || !(authentications.getAuthenticationForProcessEngine(engine.getName())
        instanceof UserAuthentication user)) {
      return null;
    }
    return user.getIdentityId();
  }

  /**
   * A change that relies on a webapp session (no credentials of its own) but lacks the session's CSRF
   * token: what a page of another site would send through a logged-in browser.
   */
  static boolean isSessionChangeWithoutCsrfToken(HttpServletRequest request) {
    if (READING.contains(request.getMethod()) || request.getHeader("Authorization") != null) {
      return false;
    }
    Authentications authentications = authentications(request.getSession(false));
    return authentications != null && !authentications.getAuthentications().isEmpty()
        && !carriesTheSessionsCsrfToken(request);
  }

  /** The request's CSRF header equals the token Camunda's CSRF filter issued to the session (compared in constant time). */
  private static boolean carriesTheSessionsCsrfToken(HttpServletRequest request) {
    HttpSession session = request.getSession(false);
    Object issued = session == null ? null : session.getAttribute(CsrfConstants.CSRF_TOKEN_SESSION_ATTR_NAME);
    String sent = request.getHeader(CsrfConstants.CSRF_TOKEN_HEADER_NAME);
    return issued instanceof String token && !token.isEmpty() && sent != null
        && MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8), sent.getBytes(StandardCharsets.UTF_8));
  }

  private static Authentications authentications(HttpSession session) {
    return session == null ? null : AuthenticationUtil.getAuthsFromSession(session);
  }
}
