package org.irflow.readiness.planreview;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.repository.DeploymentQuery;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.irflow.process.EngineAccess;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/** The response plan as deployed: process and decision versions from the engine's repository. */
@Component
public class PlanVersions {

  static final String PROCESS = "PROCESS";
  static final String DECISION = "DECISION";

  private final RepositoryService repository;

  public PlanVersions(@Lazy RepositoryService repository) {
    this.repository = repository;
  }

  /** Every process and decision version deployed after {@code since} (all of them when null). */
  public List<DeployedVersion> deployedSince(Instant since) {
    return EngineAccess.asProcess(() -> {
      DeploymentQuery query = repository.createDeploymentQuery();
      if (since != null) {
        query.deploymentAfter(Date.from(since));
      }
      List<DeployedVersion> versions = new ArrayList<>();
      for (Deployment deployment : query.list()) {
        Instant deployedAt = deployment.getDeploymentTime().toInstant();
        for (ProcessDefinition process : repository.createProcessDefinitionQuery()
            .deploymentId(deployment.getId()).list()) {
          ProcessDefinition previous = process.getVersion() <= 1 ? null
              : repository.createProcessDefinitionQuery().processDefinitionKey(process.getKey())
                  .processDefinitionVersion(process.getVersion() - 1).singleResult();
          versions.add(new DeployedVersion(PROCESS, process.getKey(), process.getName(),
              process.getVersion(), deployedAt, previous == null
                  || !sameResource(process.getDeploymentId(), process.getResourceName(),
                      previous.getDeploymentId(), previous.getResourceName())));
        }
        for (DecisionDefinition decision : repository.createDecisionDefinitionQuery()
            .deploymentId(deployment.getId()).list()) {
          DecisionDefinition previous = decision.getVersion() <= 1 ? null
              : repository.createDecisionDefinitionQuery().decisionDefinitionKey(decision.getKey())
                  .decisionDefinitionVersion(decision.getVersion() - 1).singleResult();
          versions.add(new DeployedVersion(DECISION, decision.getKey(), decision.getName(),
              decision.getVersion(), deployedAt, previous == null
                  || !sameResource(decision.getDeploymentId(), decision.getResourceName(),
                      previous.getDeploymentId(), previous.getResourceName())));
        }
      }
      versions.sort(Comparator.comparing(DeployedVersion::deployedAt)
          .thenComparing(DeployedVersion::kind).thenComparing(DeployedVersion::key)
          .thenComparing(DeployedVersion::version));
      return versions;
    });
  }

  private boolean sameResource(String deploymentId, String resourceName, String previousDeploymentId,
      String previousResourceName) {
    return Arrays.equals(bytes(deploymentId, resourceName), bytes(previousDeploymentId, previousResourceName));
  }

  private byte[] bytes(String deploymentId, String resourceName) {
    try (InputStream in = repository.getResourceAsStream(deploymentId, resourceName)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
