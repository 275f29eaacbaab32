package org.irflow.containment.pause;

import static org.irflow.process.ContainmentVariables.PAUSE_BATCH_ID;
import static org.irflow.process.ContainmentVariables.PAUSE_TRANSACTION_HASH;
import static org.irflow.process.ContainmentVariables.SELECTED_CONTRACTS;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.irflow.containment.ContractRegistry;
import org.irflow.process.forms.FormRule;
import org.irflow.response.StartContractPausesDelegate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Lazy;
import org.springframework.context.annotation.Configuration;

/** Rules of the pause forms that their JSON cannot say. */
@Configuration
class PauseFormRules {

  static final Pattern TRANSACTION_HASH = Pattern.compile("0x[0-9a-fA-F]{64}");

  /** "Pause contracts": at least one name, each a registered contract. */
  @Bean
  FormRule pauseContractsFormRule(ContractRegistry registry) {
    return new FormRule() {
      @Override
      public String formId() {
        return "pause-contracts";
      }

      @Override
      public List<String> problems(Map<String, Object> values, VariableScope scope) {
        List<String> names = StartContractPausesDelegate.parse(values.get(SELECTED_CONTRACTS));
        List<String> problems = new ArrayList<>();
        if (names.isEmpty()) {
          problems.add("Contracts to pause: tick at least one contract");
        }
        for (String name : names) {
          if (registry.contract(name).isEmpty()) {
            problems.add("Contracts to pause: " + name + " is not a registered contract; choose from "
                + String.join(", ", registry.contracts().stream().map(ContractRegistry.RegisteredContract::name).toList()));
          }
        }
        return problems;
      }
    };
  }

  /**
   * "Execute the pause in Safe{Wallet}": a transaction hash that, where irflow can read the chain, is
   * mined, succeeded and left every contract of the pause paused.
   */
  @Bean
  FormRule executePauseManuallyFormRule(@Lazy PauseService pauses) {
    return new FormRule() {
      @Override
      public String formId() {
        return "execute-pause-manually";
      }

      @Override
      public List<String> problems(Map<String, Object> values, VariableScope scope) {
        Object hash = values.get(PAUSE_TRANSACTION_HASH);
        if (!(hash instanceof String text && TRANSACTION_HASH.matcher(text.trim()).matches())) {
          return List.of("Transaction hash: enter the hash of the pause transaction, 0x followed by 64 hex digits");
        }
        long batchId = ((Number) scope.getVariable(PAUSE_BATCH_ID)).longValue();
        return pauses.manualExecutionProblem(batchId, text).map(problem -> List.of("Transaction hash: " + problem))
            .orElse(List.of());
      }
    };
  }
}
