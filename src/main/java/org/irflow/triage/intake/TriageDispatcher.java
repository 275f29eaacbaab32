package org.irflow.triage.intake;

import static org.irflow.process.Variables.ACTIVELY_EXPLOITED;
import static org.irflow.process.Variables.AFFECTED_SYSTEMS;
import static org.irflow.process.Variables.CHANNEL;
import static org.irflow.process.Variables.DESCRIPTION;
import static org.irflow.process.Variables.EVENT_ID;
import static org.irflow.process.Variables.EVENT_TITLE;
import static org.irflow.process.Variables.EVIDENCE_COUNT;
import static org.irflow.process.Variables.EVIDENCE_SUMMARY;
import static org.irflow.process.Variables.FINDING_TYPE;
import static org.irflow.process.Variables.FUNDS_AT_RISK;
import static org.irflow.process.Variables.INFORMATION_SPILL;
import static org.irflow.process.Variables.REPORTER;
import static org.irflow.process.Variables.SOURCE;
import static org.irflow.process.Variables.SOURCE_SEVERITY;
import static org.irflow.process.Variables.SUSPECTED_SEVERITY;

import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.variable.Variables;
import org.irflow.incident.IncidentService;
import org.irflow.incident.Incidents;
import org.irflow.incident.SecurityEvents;
import org.irflow.incident.SecurityEvents.PendingEvent;
import org.irflow.process.ProcessKeys;
import org.irflow.process.VariableTexts;
import org.irflow.response.IncidentProcesses;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Lazy;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Takes each stored, not yet dispatched event (intake state PENDING) and, in one transaction with the
 * claim of the event, either attaches it as evidence to the open incident it concerns (a message to
 * the incident's running response) or starts its IncidentTriageProcess. A crash before the commit
 * leaves the event PENDING for the next round, on this node or another: no event is lost, none is
 * triaged twice. A failed dispatch is retried with a back-off that doubles up to 5 minutes; the error
 * stays on the row and in the log.
 */
@Component
public class TriageDispatcher {

  private static final Logger LOG = LoggerFactory.getLogger(TriageDispatcher.class);
  private static final int ROUND_SIZE = 100;
  private static final Duration LONGEST_BACKOFF = Duration.ofMinutes(5);
  private static final int EVIDENCE_LINES_SHOWN = 10;

  /** What a dispatch did with one event. */
  public enum Dispatched { TRIAGE_STARTED, ATTACHED, TAKEN_ELSEWHERE, FAILED }

  private final SecurityEvents events;
  private final EventCorrelation correlation;
  private final IncidentService incidentService;
  private final IncidentProcesses incidentProcesses;
  private final Incidents incidents;
  private final RuntimeService runtime;
  private final IntakeProperties properties;
  private final IntakeBacklog backlog;
  private final IntakeStats stats;
  private final Clock clock;
  private final TransactionTemplate transactions;
  private final Semaphore wakeUps = new Semaphore(0);
  private final ExecutorService workers;
  private volatile boolean running;
  private Thread thread;

  public TriageDispatcher(SecurityEvents events, EventCorrelation correlation, IncidentService incidentService,
      IncidentProcesses incidentProcesses, Incidents incidents, @Lazy RuntimeService runtime, IntakeProperties properties, IntakeBacklog backlog,
      IntakeStats stats, Clock clock, PlatformTransactionManager transactionManager) {
    this.events = events;
    this.correlation = correlation;
    this.incidentService = incidentService;
    this.incidentProcesses = incidentProcesses;
    this.incidents = incidents;
    this.runtime = runtime;
    this.properties = properties;
    this.backlog = backlog;
    this.stats = stats;
    this.clock = clock;
    this.transactions = new TransactionTemplate(transactionManager);
    AtomicInteger number = new AtomicInteger();
    this.workers = Executors.newFixedThreadPool(Math.max(1, properties.dispatcher().threads()), work -> {
      Thread worker = new Thread(work, "irflow-triage-dispatch-" + number.incrementAndGet());
      worker.setDaemon(true);
      return worker;
    });
  }

  /** Starts once the engine has deployed the models: events stored before a restart go first. */
  @EventListener(ApplicationReadyEvent.class)
  public void start() {
    if (!properties.dispatcher().enabled() || running) {
      return;
    }
    running = true;
    thread = new Thread(this::dispatchUntilStopped, "irflow-triage-dispatcher");
    thread.setDaemon(true);
    thread.start();
  }

  @PreDestroy
  void stop() throws InterruptedException {
    running = false;
    wakeUps.release();
    if (thread != null) {
      thread.join(5000);
    }
    workers.shutdown();
  }

  /** New events were committed: look now rather than at the next interval. */
  void wake() {
    wakeUps.release();
  }

  private void dispatchUntilStopped() {
    while (running) {
      try {
        wakeUps.tryAcquire(properties.dispatcher().interval().toMillis(), TimeUnit.MILLISECONDS);
        wakeUps.drainPermits();
        dispatchDue();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException failure) {
        // e.g. the database away for a while: the next round tries again
        LOG.warn("dispatch round failed: {}", failure.toString());
      }
    }
  }

  /**
   * Dispatches every event that is due now, {@code dispatcher.threads} at a time (each event is claimed
   * by one of them); answers how many were dispatched (taken or failed).
   */
  public int dispatchDue() {
    int dispatched = 0;
    List<Long> due;
    do {
      due = events.dueForDispatch(clock.instant(), ROUND_SIZE);
      List<Future<Dispatched>> round = new ArrayList<>(due.size());
      for (long eventId : due) {
        round.add(workers.submit(() -> dispatch(eventId)));
      }
      for (Future<Dispatched> one : round) {
        try {
          one.get();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return dispatched;
        } catch (ExecutionException e) {
          LOG.warn("dispatch worker failed: {}", e.getCause().toString());
        }
        dispatched++;
      }
    } while (due.size() == ROUND_SIZE && (running || thread == null));
    backlog.counted(events.countPending());
    return dispatched;
  }

  /** Dispatches one event, if it still waits. */
  public Dispatched dispatch(long eventId) {
    record Result(Dispatched what, String source) {}
    try {
      Result result = transactions.execute(status -> {
        Optional<PendingEvent> claimed = events.claimForDispatch(eventId);
        if (claimed.isEmpty()) {
          return new Result(Dispatched.TAKEN_ELSEWHERE, null);
        }
        PendingEvent event = claimed.get();
        Optional<EventCorrelation.Match> match = correlation.openIncidentConcerning(event);
        if (match.isPresent()) {
          attach(event, match.get());
          return new Result(Dispatched.ATTACHED, event.source());
        }
        startTriage(event);
        return new Result(Dispatched.TRIAGE_STARTED, event.source());
      });
      if (result.what() == Dispatched.TRIAGE_STARTED) {
        stats.triageStarted(result.source());
      } else if (result.what() == Dispatched.ATTACHED) {
        stats.attachedAsEvidence(result.source());
      }
      return result.what();
    } catch (RuntimeException failure) {
      recordFailure(eventId, failure);
      return Dispatched.FAILED;
    }
  }

  private void startTriage(PendingEvent event) {
    runtime.startProcessInstanceByKey(ProcessKeys.INCIDENT_TRIAGE, Variables.createVariables()
        .putValue(EVENT_ID, event.id())
        .putValue(EVENT_TITLE, event.title())
        .putValue(REPORTER, event.reporter())
        .putValue(CHANNEL, "MONITORING_ALERT")
        .putValue(DESCRIPTION, VariableTexts.fit(event.description(), "event " + event.id()))
        .putValue(AFFECTED_SYSTEMS, event.affectedSystems())
        .putValue(SUSPECTED_SEVERITY, event.suspectedSeverity())
        .putValue(FUNDS_AT_RISK, event.fundsAtRisk())
        .putValue(ACTIVELY_EXPLOITED, event.activelyExploited())
        .putValue(INFORMATION_SPILL, event.informationSpill())
        .putValue(SOURCE, event.source())
        .putValue(SOURCE_SEVERITY, event.sourceSeverity())
        .putValue(FINDING_TYPE, event.findingType()));
    events.markTriageStarted(event.id(), clock.instant());
  }

  private void attach(PendingEvent event, EventCorrelation.Match match) {
    // events about one incident are attached one at a time: each reads and extends the response's
    // evidence, which concurrent attachments would otherwise overwrite (optimistic locking)
    incidentProcesses.lock(match.incidentId());
    String line = event.receivedAt().truncatedTo(ChronoUnit.MINUTES) + " " + event.source() + " ("
        + event.sourceSeverity() + (event.findingType() == null ? "" : ", " + event.findingType()) + "): "
        + event.title() + " [event " + event.id() + ", " + match.matchedOn() + "]";
    incidentService.attachEvidence(event.id(), match.incidentId(), line, match.matchedOn());
    String response = incidents.find(match.incidentId()).map(incident -> incident.responseProcessInstanceId())
        .orElse(null);
    if (response == null || runtime.createProcessInstanceQuery().processInstanceId(response).count() == 0) {
      return;
    }
    Object count = runtime.getVariable(response, EVIDENCE_COUNT);
    String previous = (String) runtime.getVariable(response, EVIDENCE_SUMMARY);
    runtime.setVariables(response, Map.of(
        EVIDENCE_COUNT, (count instanceof Number n ? n.intValue() : 0) + 1,
        EVIDENCE_SUMMARY, newestFirst(line, previous)));
    // Cockpit shows each piece of evidence as an "Evidence added" event sub-process of the response
    runtime.createMessageCorrelation(ProcessKeys.MESSAGE_EVIDENCE_ADDED).processInstanceId(response).correlateAll();
  }

  /** The newest lines first, a bounded number of them (a storm must not grow a variable without end). */
  static String newestFirst(String line, String previous) {
    StringBuilder summary = new StringBuilder(line);
    if (previous != null && !previous.isBlank()) {
      String[] lines = previous.split("\n");
      for (int i = 0; i < Math.min(lines.length, EVIDENCE_LINES_SHOWN - 1); i++) {
        summary.append('\n').append(lines[i]);
      }
    }
    return summary.length() <= 3900 ? summary.toString() : summary.substring(0, 3899) + "…";
  }

  private void recordFailure(long eventId, RuntimeException failure) {
    try {
      transactions.executeWithoutResult(status -> {
        int attempts = events.dispatchAttempts(eventId);
        // another transaction changed the same engine state: try again at once, as the job executor does
        Duration backoff = failure instanceof OptimisticLockingException ? Duration.ZERO
            : properties.dispatcher().retryBackoff().multipliedBy(1L << Math.min(attempts, 10));
        if (backoff.compareTo(LONGEST_BACKOFF) > 0) {
          backoff = LONGEST_BACKOFF;
        }
        Instant next = clock.instant().plus(backoff);
        events.recordDispatchFailure(eventId, next, failure.toString());
        LOG.warn("dispatch of event {} failed (attempt {}), next try at {}: {}", eventId, attempts + 1, next,
            failure.toString());
      });
      stats.dispatchFailed(events.sourceOf(eventId));
    } catch (RuntimeException alsoFailed) {
      LOG.warn("dispatch of event {} failed and could not be recorded: {}", eventId, alsoFailed.toString());
    }
  }
}
