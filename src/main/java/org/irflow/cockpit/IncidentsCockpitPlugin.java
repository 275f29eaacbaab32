package org.irflow.cockpit;

import java.util.Set;
import org.camunda.bpm.cockpit.plugin.spi.impl.AbstractCockpitPlugin;

/**
 * The Cockpit plugin "Incidents": a navigation entry and a page listing the open incidents, read from
 * irflow's own REST API with the logged-in Cockpit session. Cockpit finds it through
 * META-INF/services and serves its assets from plugin-webapp/irflow-incidents/ at
 * /camunda/api/cockpit/plugin/irflow-incidents/static/app/plugin.js.
 */
public class IncidentsCockpitPlugin extends AbstractCockpitPlugin {

  public static final String ID = "irflow-incidents";

  @Override
  public String getId() {
    return ID;
  }

  @Override
  public Set<Class<?>> getResourceClasses() {
    return Set.of(IncidentsPluginRootResource.class);
  }

  @Override
  public String getAssetDirectory() {
    return "plugin-webapp/" + ID;
  }
}
