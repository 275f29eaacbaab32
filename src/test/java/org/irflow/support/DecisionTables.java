package org.irflow.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.delegate.DmnDecisionTableEvaluationEvent;
import org.camunda.bpm.dmn.engine.delegate.DmnEvaluatedDecisionRule;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;

/** Evaluates a DMN file of bpmn/ and tells which rules matched. */
public final class DecisionTables {

  private final DmnDecision decision;
  private final DmnEngine dmn;
  private final List<String> matchedRules = new ArrayList<>();

  public DecisionTables(String file, String decisionKey) {
    DefaultDmnEngineConfiguration configuration = new DefaultDmnEngineConfiguration();
    // as the process engine evaluates them (application.yaml dmnFeelEnableLegacyBehavior, ADR 0005)
    configuration.enableFeelLegacyBehavior(true);
    configuration.customPostDecisionTableEvaluationListeners(List.of(event ->
        ((DmnDecisionTableEvaluationEvent) event).getMatchingRules().stream()
            .map(DmnEvaluatedDecisionRule::getId).forEach(matchedRules::add)));
    dmn = configuration.buildEngine();
    try (InputStream in = Files.newInputStream(Path.of("bpmn", file))) {
      decision = dmn.parseDecision(decisionKey, in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The single result, and (in {@link #matchedRules()}) the rules that matched. */
  public Map<String, Object> evaluate(Map<String, Object> inputs) {
    matchedRules.clear();
    DmnDecisionResult result = dmn.evaluateDecision(decision, inputs);
    return result.getSingleResult().getEntryMap();
  }

  public List<String> matchedRules() {
    return List.copyOf(matchedRules);
  }
}
