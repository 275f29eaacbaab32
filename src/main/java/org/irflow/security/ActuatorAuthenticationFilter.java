package org.irflow.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.Base64;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The actuator endpoints other than health (that is: /actuator/prometheus) need HTTP Basic
 * authentication against Camunda's identity service, as /api does, and membership of a programme
 * group, the operators, or {@link Groups#METRICS_SCRAPERS} (a Prometheus service user needs nothing
 * else). Anonymous or wrong credentials: 401; another user: 403. /actuator/health stays open with the
 * status only (what a load balancer needs); with an operator's or Prometheus' user's Basic credentials it
 * also shows each component and its details (management.endpoint.health.roles).
 */
public class ActuatorAuthenticationFilter extends OncePerRequestFilter {

  private static final String BASIC = "basic ";
  private final IdentityService identity;

  public ActuatorAuthenticationFilter(IdentityService identity) {
    this.identity = identity;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
    String userId = authenticatedUser(request);
    if (path.equals("/actuator/health") || path.startsWith("/actuator/health/")) {
      chain.doFilter(userId == null ? request : withUser(request, userId), response);
      return;
    }
    if (userId == null) {
      response.setHeader("WWW-Authenticate", "Basic realm=\"irflow\"");
      Refusals.refuse(response, HttpServletResponse.SC_UNAUTHORIZED, "Unauthorized", null, "authentication required");
      return;
    }
    boolean allowed = groups(userId).stream().anyMatch(group -> Groups.PROGRAMME.contains(group)
        || Groups.ADMINS.equals(group) || Groups.METRICS_SCRAPERS.equals(group));
    if (!allowed) {
      Refusals.refuse(response, HttpServletResponse.SC_FORBIDDEN, "Forbidden", null,
          "user " + userId + " may not read the metrics");
      return;
    }
    chain.doFilter(request, response);
  }

  /** The user whose Basic credentials the request carries and the identity service accepts; else null. */
  private String authenticatedUser(HttpServletRequest request) {
    String header = request.getHeader("Authorization");
    if (header == null || !header.regionMatches(true, 0, BASIC, 0, BASIC.length())) {
      return null;
    }
    String decoded;
    try {
      decoded = new String(Base64.getDecoder().decode(header.substring(BASIC.length()).trim()),
          StandardCharsets.UTF_8);
    } catch (IllegalArgumentException notBase64) {
      return null;
    }
    int colon = decoded.indexOf(':');
    return colon > 0 && identity.checkPassword(decoded.substring(0, colon), decoded.substring(colon + 1))
        ? decoded.substring(0, colon) : null;
  }

  private List<String> groups(String userId) {
    return identity.createGroupQuery().groupMember(userId).list().stream().map(Group::getId).toList();
  }

  /** The request as the health endpoint sees it: this user, in the roles of their groups. */
  private HttpServletRequest withUser(HttpServletRequest request, String userId) {
    List<String> groups = groups(userId);
    Principal principal = () -> userId;
    return new HttpServletRequestWrapper(request) {
      @Override
      public Principal getUserPrincipal() {
        return principal;
      }

      @Override
      public String getRemoteUser() {
        return userId;
      }

      @Override
      public boolean isUserInRole(String role) {
        return groups.contains(role);
      }
    };
  }
}
