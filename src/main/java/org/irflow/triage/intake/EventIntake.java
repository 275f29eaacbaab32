package org.irflow.triage.intake;

import static org.irflow.process.Variables.ACTIVELY_EXPLOITED;
import static org.irflow.process.Variables.AFFECTED_SYSTEMS;
import static org.irflow.process.Variables.CHANNEL;
import static org.irflow.process.Variables.DESCRIPTION;
import static org.irflow.process.Variables.EVENT_ID;
import static org.irflow.process.Variables.EVENT_TITLE;
import static org.irflow.process.Variables.FUNDS_AT_RISK;
import static org.irflow.process.Variables.REPORTER;
import static org.irflow.process.Variables.SUSPECTED_SEVERITY;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.locks.ReentrantLock;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.variable.Variables;
import org.irflow.incident.SecurityEvents;
import org.irflow.incident.SecurityEvents.ReceivedEvent;
import org.irflow.incident.Timeline;
import org.irflow.incident.TimelineKind;
import org.irflow.process.EngineAccess;
import org.irflow.process.ProcessKeys;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps the alerts of one request in one transaction: each new fingerprint is stored as a security
 * event and starts its IncidentTriageProcess (linked by {@code eventId}); a fingerprint already stored
 * within the de-duplication window only counts one more duplicate on that first event. When this
 * returns, everything is committed.
 *
 * <p>Requests with the same fingerprints are serialised by lock stripes held until the commit (one
 * node; a cluster needs a database-side guard, see the report).
 */
@Service
public class EventIntake {

  private static final int TITLE_LENGTH = 300;
  private static final int DESCRIPTION_LENGTH = 20000;
  private static final int AFFECTED_LENGTH = 2000;
  private static final int REPORTER_LENGTH = 200;

  /** One stored or counted alert: its event, whether it was a duplicate, the triage it started. */
  public record Outcome(long eventId, String fingerprint, boolean duplicate, String triageProcessInstanceId) {}

  private final SecurityEvents events;
  private final Timeline timeline;
  private final RuntimeService runtime;
  private final IntakeProperties properties;
  private final Clock clock;
  private final TransactionTemplate transactions;
  private final ReentrantLock[] stripes = new ReentrantLock[256];

  public EventIntake(SecurityEvents events, Timeline timeline, @Lazy RuntimeService runtime,
      IntakeProperties properties, Clock clock, PlatformTransactionManager transactionManager) {
    this.events = events;
    this.timeline = timeline;
    this.runtime = runtime;
    this.properties = properties;
    this.clock = clock;
    this.transactions = new TransactionTemplate(transactionManager);
    for (int i = 0; i < stripes.length; i++) {
      stripes[i] = new ReentrantLock();
    }
  }

  public List<Outcome> accept(List<NormalisedAlert> alerts) {
    // stripes taken in ascending order: two batches never wait for each other in a circle
    TreeSet<Integer> needed = new TreeSet<>();
    alerts.forEach(alert -> needed.add(Math.floorMod(alert.fingerprint().hashCode(), stripes.length)));
    List<ReentrantLock> held = new ArrayList<>();
    try {
      for (int index : needed) {
        stripes[index].lock();
        held.add(stripes[index]);
      }
      return transactions.execute(status -> {
        List<Outcome> outcomes = new ArrayList<>();
        for (NormalisedAlert alert : alerts) {
          outcomes.add(keep(alert));
        }
        return outcomes;
      });
    } finally {
      held.forEach(ReentrantLock::unlock);
    }
  }

  private Outcome keep(NormalisedAlert alert) {
    Instant now = clock.instant();
    var first = events.findByFingerprintSince(alert.fingerprint(), now.minus(properties.deduplicationWindow()));
    if (first.isPresent()) {
      events.countDuplicate(first.get(), now);
      return new Outcome(first.get(), alert.fingerprint(), true, null);
    }
    String title = cut(alert.title(), TITLE_LENGTH);
    String description = cut(alert.description(), DESCRIPTION_LENGTH);
    String affected = cut(alert.affectedSystems() == null || alert.affectedSystems().isBlank()
        ? "not stated by " + alert.source() : alert.affectedSystems(), AFFECTED_LENGTH);
    String reporter = cut(alert.reporter(), REPORTER_LENGTH);
    String suspected = alert.sourceSeverity().suspectedSeverity();
    long eventId = events.insertReceived(new ReceivedEvent(now, alert.source(), reporter, title, description,
        affected, suspected, alert.sourceSeverity().name(), alert.findingType(), alert.fingerprint(),
        alert.payload()));
    timeline.append(new Timeline.Source(null, eventId, null, null), TimelineKind.EVENT_REPORTED, reporter,
        "Event received from " + alert.source() + " (MONITORING_ALERT): " + title,
        "source severity " + alert.sourceSeverity() + (alert.findingType() == null ? ""
            : ", finding type " + alert.findingType()) + ", fingerprint " + alert.fingerprint());
    ProcessInstance triage = EngineAccess.asProcess(() -> runtime.startProcessInstanceByKey(
        ProcessKeys.INCIDENT_TRIAGE,
        Variables.createVariables()
            .putValue(EVENT_ID, eventId)
            .putValue(EVENT_TITLE, title)
            .putValue(REPORTER, reporter)
            .putValue(CHANNEL, "MONITORING_ALERT")
            .putValue(DESCRIPTION, description)
            .putValue(AFFECTED_SYSTEMS, affected)
            .putValue(SUSPECTED_SEVERITY, suspected)
            .putValue(FUNDS_AT_RISK, alert.fundsAtRisk())
            .putValue(ACTIVELY_EXPLOITED, alert.activelyExploited())));
    return new Outcome(eventId, alert.fingerprint(), false, triage.getId());
  }

  private static String cut(String text, int length) {
    return text == null || text.length() <= length ? text : text.substring(0, length - 1) + "…";
  }
}
