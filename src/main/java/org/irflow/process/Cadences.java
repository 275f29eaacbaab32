package org.irflow.process;

import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import org.springframework.stereotype.Component;

/**
 * The programme's cadences as timer expressions, for the models: a duration for a timer that fires
 * once ({@code ${cadences.actionItemReview}}) or a repeating cycle ({@code ${cadences.planReviewCycle}}).
 */
@Component("cadences")
public class Cadences {

  private final CadenceProperties properties;

  public Cadences(CadenceProperties properties) {
    this.properties = properties;
  }

  public CadenceProperties getProperties() {
    return properties;
  }

  public String getActionItemReview() {
    return properties.actionItemReview().toString();
  }

  public String getReadinessReviewCycle() {
    return "R/" + properties.readinessReview();
  }

  public String getPlanReviewCycle() {
    return "R/" + properties.planReview();
  }

  public String getTrainingDeadline() {
    return properties.trainingDeadline().toString();
  }

  public String getTrainingRefresher() {
    return properties.trainingRefresher().toString();
  }

  /** An instant plus a calendar period, counted in UTC (months and years have no fixed length). */
  public static Instant plus(Instant instant, Period period) {
    return instant.atZone(ZoneOffset.UTC).plus(period).toInstant();
  }

  public static Instant minus(Instant instant, Period period) {
    return instant.atZone(ZoneOffset.UTC).minus(period).toInstant();
  }
}
