package org.irflow.security;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * A refusal written by a servlet filter, before Spring MVC: the same JSON body as every 4xx of irflow's
 * API ({@code org.irflow.api.ApiError}).
 */
final class Refusals {

  private Refusals() {}

  static void refuse(HttpServletResponse response, int status, String error, String field, String message)
      throws IOException {
    response.setStatus(status);
    response.setContentType("application/json");
    response.getWriter().write("{\"status\":" + status + ",\"error\":\"" + error + "\",\"field\":"
        + (field == null ? "null" : quoted(field)) + ",\"message\":" + quoted(message) + "}");
  }

  private static String quoted(String text) {
    return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
