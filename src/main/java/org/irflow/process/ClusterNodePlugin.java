package org.irflow.process;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Names this node in the shared engine tables when {@code irflow.cluster.node-name} is set: the job
 * executor locks jobs with it ({@code ACT_RU_JOB.LOCK_OWNER_}) and the job log records it
 * ({@code ACT_HI_JOB_LOG.HOSTNAME_}), so an operator can tell which node holds or ran a job, e.g. the
 * jobs a dead node still holds until their lock expires. Unset, Camunda's defaults stay (a random
 * lock owner per start, the host's address as host name). Each node of a cluster needs its own name.
 */
@Component
public class ClusterNodePlugin extends AbstractProcessEnginePlugin {

  private final String nodeName;

  public ClusterNodePlugin(@Value("${irflow.cluster.node-name:}") String nodeName) {
    this.nodeName = nodeName == null ? "" : nodeName.strip();
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    if (!nodeName.isEmpty()) {
      // before the engine's init, which otherwise asks its host-name provider
      configuration.setHostname(nodeName);
    }
  }

  @Override
  public void postInit(ProcessEngineConfigurationImpl configuration) {
    if (nodeName.isEmpty()) {
      return;
    }
    // the starter sets its job executor in preInit; the lock owner is read at every acquisition
    JobExecutor jobExecutor = configuration.getJobExecutor();
    if (jobExecutor != null) {
      jobExecutor.setLockOwner(nodeName);
    }
  }
}
