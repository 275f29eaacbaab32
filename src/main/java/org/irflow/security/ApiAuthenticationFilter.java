package org.irflow.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.webapp.impl.security.filter.util.CsrfConstants;

/**
 * Camunda's REST authentication filter for irflow's API (/api), with {@link
 * WebappSessionOrBasicAuthenticationProvider}; a change made with a webapp session but without the
 * session's CSRF token is answered 403 naming the missing header, rather than the 401 Basic challenge
 * that would make a browser ask for a password.
 */
public class ApiAuthenticationFilter extends ProcessEngineAuthenticationFilter {

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    if (request instanceof HttpServletRequest http
        && WebappSessionOrBasicAuthenticationProvider.isSessionChangeWithoutCsrfToken(http)) {
      Refusals.refuse((HttpServletResponse) response, HttpServletResponse.SC_FORBIDDEN, "Forbidden",
          CsrfConstants.CSRF_TOKEN_HEADER_NAME, "a change with the Camunda webapp session needs the session's CSRF"
              + " token in the " + CsrfConstants.CSRF_TOKEN_HEADER_NAME + " header (or HTTP Basic credentials)");
      return;
    }
    super.doFilter(request, response, chain);
  }
}
