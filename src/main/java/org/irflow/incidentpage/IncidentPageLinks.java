package org.irflow.incidentpage;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Where the incident page is: a static page of irflow's own origin, opened with the Tasklist or Cockpit
 * login (src/main/resources/static/incident.html). Task forms link to it with the same path.
 */
public final class IncidentPageLinks {

  /** The page; without an incident it searches all incidents. */
  public static final String PATH = "/incident.html";

  private IncidentPageLinks() {}

  /** The page of one incident, as a path on irflow's origin. */
  public static String of(String incidentId) {
    return PATH + "?id=" + URLEncoder.encode(incidentId, StandardCharsets.UTF_8);
  }
}
