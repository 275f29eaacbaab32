package org.irflow.security;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Prints the refused start-up as Spring Boot's "APPLICATION FAILED TO START" report, without a stack trace. */
public class UnsafeConfigurationFailureAnalyzer extends AbstractFailureAnalyzer<UnsafeConfigurationException> {

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, UnsafeConfigurationException cause) {
    return new FailureAnalysis(cause.getMessage(),
        "Set the environment variables named above (docs/configuration.md, \"Production configuration\"), or try irflow"
            + " on your own machine with the demo profile: ./mvnw spring-boot:run -Dspring-boot.run.profiles="
            + FailClosedStartupCheck.DEMO_PROFILE,
        cause);
  }
}
