package org.irflow.readiness.training;

import static org.irflow.process.TrainingVariables.RESPONDER_TRAINING_PROCESS;
import static org.irflow.process.TrainingVariables.RESPONSE_GROUP;
import static org.irflow.process.TrainingVariables.TRAINEE;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.variable.Variables;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Camunda raises no event when a person joins a group, so irflow looks: every member of a response
 * group without a running ResponderTrainingProcess is enrolled (joined now) and gets one, with the
 * user id as business key. Runs at start and every irflow.cadences.membership-check
 * ({@link MembershipCheckSchedule}).
 */
@Component
public class MembershipCheck {

  private static final Logger LOG = LoggerFactory.getLogger(MembershipCheck.class);

  private final ResponseGroupMembers members;
  private final TrainingRecords records;
  private final RuntimeService runtime;
  private final TransactionTemplate transaction;
  private final Clock clock;

  public MembershipCheck(ResponseGroupMembers members, TrainingRecords records,
      @Lazy RuntimeService runtime, TransactionTemplate transaction, Clock clock) {
    this.members = members;
    this.records = records;
    this.runtime = runtime;
    this.transaction = transaction;
    this.clock = clock;
  }

  /** Starts a training for every member who has none running; returns their user ids. */
  public synchronized List<String> run() {
    List<String> started = new ArrayList<>();
    for (Map.Entry<String, String> member : members.members().entrySet()) {
      String userId = member.getKey();
      if (hasTraining(userId)) {
        continue;
      }
      try {
        transaction.executeWithoutResult(status -> start(userId, member.getValue()));
        started.add(userId);
      } catch (RuntimeException e) {
        LOG.error("Could not start the training of {}; next check retries", userId, e);
      }
    }
    if (!started.isEmpty()) {
      LOG.info("Training started for new members of the response groups: {}", started);
    }
    return started;
  }

  private boolean hasTraining(String userId) {
    return runtime.createProcessInstanceQuery().processDefinitionKey(RESPONDER_TRAINING_PROCESS)
        .processInstanceBusinessKey(userId).count() > 0;
  }

  private void start(String userId, String group) {
    if (records.isEnrolled(userId)) {
      // the member left every response group and has come back: a new initial training
      records.rejoined(userId, group, clock.instant());
    } else {
      records.enrol(userId, group, clock.instant());
    }
    ProcessInstance training = runtime.startProcessInstanceByKey(RESPONDER_TRAINING_PROCESS, userId,
        Variables.createVariables().putValue(TRAINEE, userId).putValue(RESPONSE_GROUP, group));
    records.trainingStarted(userId, training.getId());
  }
}
