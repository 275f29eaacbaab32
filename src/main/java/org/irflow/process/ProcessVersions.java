package org.irflow.process;

import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * Which deployed process versions an incident ran under, from the engine history: every historic process
 * instance with the incident id as business key, and those named by id (its triage, which runs before the
 * incident has an id). Read for the audit export, without the caller's authorizations: the caller is
 * checked by the API.
 */
@Component
public class ProcessVersions {

  /** One process instance and the deployed definition it ran. */
  public record ProcessRun(String processInstanceId, String businessKey, String processDefinitionKey,
      String processDefinitionName, int version, String processDefinitionId, String deploymentId,
      Instant deploymentTime, Instant startTime, Instant endTime, String state) {}

  private final ProcessEngine engine;

  public ProcessVersions(@Lazy ProcessEngine engine) {
    this.engine = engine;
  }

  public List<ProcessRun> of(String businessKey, Collection<String> processInstanceIds) {
    return ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getCommandExecutorTxRequired()
        .execute(commandContext -> {
          commandContext.disableAuthorizationCheck();
          try {
            return query(businessKey, processInstanceIds);
          } finally {
            commandContext.enableAuthorizationCheck();
          }
        });
  }

  private List<ProcessRun> query(String businessKey, Collection<String> processInstanceIds) {
    var history = engine.getHistoryService();
    Map<String, HistoricProcessInstance> instances = new LinkedHashMap<>();
    history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(businessKey).list()
        .forEach(instance -> instances.put(instance.getId(), instance));
    Set<String> ids = new HashSet<>(processInstanceIds);
    ids.removeIf(id -> id == null || instances.containsKey(id));
    if (!ids.isEmpty()) {
      history.createHistoricProcessInstanceQuery().processInstanceIds(ids).list()
          .forEach(instance -> instances.put(instance.getId(), instance));
    }
    var repository = engine.getRepositoryService();
    Map<String, Deployment> deployments = new LinkedHashMap<>();
    return instances.values().stream().map(instance -> {
      ProcessDefinition definition = repository.getProcessDefinition(instance.getProcessDefinitionId());
      Deployment deployment = deployments.computeIfAbsent(definition.getDeploymentId(),
          id -> repository.createDeploymentQuery().deploymentId(id).singleResult());
      return new ProcessRun(instance.getId(), instance.getBusinessKey(), definition.getKey(), definition.getName(),
          definition.getVersion(), definition.getId(), definition.getDeploymentId(),
          deployment == null ? null : instant(deployment.getDeploymentTime()), instant(instance.getStartTime()),
          instant(instance.getEndTime()), instance.getState());
    }).sorted(Comparator.comparing(ProcessRun::startTime, Comparator.nullsLast(Comparator.naturalOrder()))
        .thenComparing(ProcessRun::processInstanceId)).toList();
  }

  private static Instant instant(Date date) {
    return date == null ? null : date.toInstant();
  }
}
