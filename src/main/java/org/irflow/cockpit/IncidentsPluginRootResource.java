package org.irflow.cockpit;

import jakarta.ws.rs.Path;
import org.camunda.bpm.cockpit.plugin.resource.AbstractCockpitPluginRootResource;

/**
 * The plugin's root resource in Cockpit's API: it serves the plugin's static assets
 * (/camunda/api/cockpit/plugin/irflow-incidents/static/app/plugin.js). The data itself comes from
 * irflow's /api, so it has no other resources.
 */
@Path("plugin/" + IncidentsCockpitPlugin.ID)
public class IncidentsPluginRootResource extends AbstractCockpitPluginRootResource {

  public IncidentsPluginRootResource() {
    super(IncidentsCockpitPlugin.ID);
  }
}
