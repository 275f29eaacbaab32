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
import static org.irflow.process.Variables.GATHERED_EVENTS;
import static org.irflow.process.Variables.INFORMATION_SPILL;
import static org.irflow.process.Variables.RELATED_TO;
import static org.irflow.process.Variables.REPORTER;
import static org.irflow.process.Variables.SOURCE;
import static org.irflow.process.Variables.SOURCE_SEVERITY;
import static org.irflow.process.Variables.SUSPECTED_SEVERITY;
import static org.irflow.process.Variables.TRIAGE_EVENT_COUNT;

import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
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
 * the incident's running response), gathers it into the open triage holding its keys (one more event
 * counted on that triage's one task), or starts its IncidentTriageProcess ({@link EventCorrelation}
 * decides which). A crash before the commit
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
  public enum Dispatched { TRIAGE_STARTED, ATTACHED, GATHERED, TAKEN_ELSEWHERE, FAILED }

  private static final String TRIAGE_TASK = "Task_TriageEvent";

  private final SecurityEvents events;
  private final EventCorrelation correlation;
  private final CorrelationKeys correlationKeys;
  private final TaskService tasks;
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

  public TriageDispatcher(SecurityEvents events, EventCorrelation correlation, CorrelationKeys correlationKeys,
      IncidentService incidentService, IncidentProcesses incidentProcesses, Incidents incidents,
      @Lazy RuntimeService runtime, @Lazy TaskService tasks, IntakeProperties properties, IntakeBacklog backlog,
      IntakeStats stats, Clock clock, PlatformTransactionManager transactionManager) {
    this.events = events;
    this.correlation = correlation;
    this.correlationKeys = correlationKeys;
    this.tasks = tasks;
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
      Optional<PendingEvent> waiting = events.pending(eventId);
      if (waiting.isEmpty()) {
        return Dispatched.TAKEN_ELSEWHERE;
      }
      CorrelationKeys.Keys keys = keysOf(waiting.get());
      List<String> locks = correlationLocks(keys);
      transactions.executeWithoutResult(status -> events.createFingerprints(locks, clock.instant()));
      Result result = transactions.execute(status -> {
        Optional<PendingEvent> claimed = events.claimForDispatch(eventId);
        if (claimed.isEmpty()) {
          return new Result(Dispatched.TAKEN_ELSEWHERE, null);
        }
        // events sharing a key are dispatched one at a time, on every node: the second of two alerts
        // from one storm sees the first one's triage and joins it instead of starting another
        Set<String> unlocked = events.lockFingerprints(locks);
        if (!unlocked.isEmpty()) {
          throw new IllegalStateException("no lock rows for the correlation keys " + unlocked);
        }
        PendingEvent event = claimed.get();
        EventCorrelation.Outcome outcome = correlation.correlate(event, keys);
        events.storeKeys(event.id(), event.receivedAt(), keys.all());
        if (outcome instanceof EventCorrelation.Join join && join.target().incident()) {
          attach(event, join);
          return new Result(Dispatched.ATTACHED, event.source());
        }
        if (outcome instanceof EventCorrelation.Join join) {
          gather(event, join);
          return new Result(Dispatched.GATHERED, event.source());
        }
        startTriage(event, ((EventCorrelation.OwnTriage) outcome).related());
        return new Result(Dispatched.TRIAGE_STARTED, event.source());
      });
      if (result.what() == Dispatched.TRIAGE_STARTED) {
        stats.triageStarted(result.source());
      } else if (result.what() == Dispatched.ATTACHED) {
        stats.attachedAsEvidence(result.source());
      } else if (result.what() == Dispatched.GATHERED) {
        stats.gatheredIntoTriage(result.source());
      }
      return result.what();
    } catch (RuntimeException failure) {
      recordFailure(eventId, failure);
      return Dispatched.FAILED;
    }
  }

  private CorrelationKeys.Keys keysOf(PendingEvent event) {
    return correlationKeys.of(event.source(), event.fingerprint(), event.chainId(), event.monitorRule(),
        event.affectedSystems());
  }

  /**
   * The lock rows of an event's keys: rows of intake_fingerprint in a namespace of their own (the
   * hashed key), never a fingerprint's own row, which the intake writer locks and must not wait for.
   */
  static List<String> correlationLocks(CorrelationKeys.Keys keys) {
    return keys.all().stream().map(key -> "correlation:" + NormalisedAlert.sha256(key)).sorted().toList();
  }

  private void startTriage(PendingEvent event, List<EventCorrelation.Related> related) {
    String relatedTo = related.isEmpty() ? null : String.join("\n", related.stream()
        .map(link -> "Related to " + link.target().label() + ": " + link.why()).toList());
    String triage = startTriage(event, relatedTo);
    for (EventCorrelation.Related link : related) {
      linkRelated(event, triage, link);
    }
  }

  /**
   * Starts the triage of an event a person moved off its incident, in the caller's transaction (the
   * event is DISPATCHING again); {@code note} says where it came from. Answers the triage's process instance.
   */
  public String startTriageOfMovedEvent(long eventId, String note) {
    return startTriage(events.pending(eventId).orElseThrow(), note);
  }

  /**
   * Starts the event's triage; {@code relatedTo}, when not null, is shown to the supervisor as a
   * variable of the triage and as the description of its task.
   */
  private String startTriage(PendingEvent event, String relatedTo) {
    String triage = runtime.startProcessInstanceByKey(ProcessKeys.INCIDENT_TRIAGE, Variables.createVariables()
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
        .putValue(FINDING_TYPE, event.findingType())
        .putValue(TRIAGE_EVENT_COUNT, 1)
        .putValue(RELATED_TO, relatedTo)).getId();
    events.markTriageStarted(event.id(), clock.instant());
    if (relatedTo != null) {
      // the supervisor sees the link in Tasklist's task list, not only in the form
      Task task = tasks.createTaskQuery().processInstanceId(triage).taskDefinitionKey(TRIAGE_TASK).singleResult();
      if (task != null) {
        task.setDescription(VariableTexts.fit(relatedTo, "the related incidents and triages"));
        tasks.saveTask(task);
      }
    }
    return triage;
  }

  /** Both sides of a link: the timeline of each, and a variable the supervisor of each reads. */
  private void linkRelated(PendingEvent event, String triage, EventCorrelation.Related link) {
    EventCorrelation.Target target = link.target();
    incidentService.recordRelated(event.id(), triage, target.incidentId(), target.originEventId(),
        target.triageProcessInstanceId(), link.why());
    String line = "Event " + event.id() + " (" + event.title() + ") started its own triage: " + link.why();
    String process = target.triageProcessInstanceId();
    if (target.incident()) {
      incidentProcesses.lock(target.incidentId());
      process = incidents.find(target.incidentId()).map(incident -> incident.responseProcessInstanceId()).orElse(null);
    }
    if (process != null && runtime.createProcessInstanceQuery().processInstanceId(process).count() == 1) {
      runtime.setVariable(process, RELATED_TO, newestFirst(line, (String) runtime.getVariable(process, RELATED_TO)));
    }
  }

  private static String evidenceLine(PendingEvent event, String matchedOn) {
    return event.receivedAt().truncatedTo(ChronoUnit.MINUTES) + " " + event.source() + " ("
        + event.sourceSeverity() + (event.findingType() == null ? "" : ", " + event.findingType()) + "): "
        + event.title() + " [event " + event.id() + ", " + matchedOn + "]";
  }

  private void attach(PendingEvent event, EventCorrelation.Join match) {
    String incidentId = match.target().incidentId();
    // events about one incident are attached one at a time: each reads and extends the response's
    // evidence, which concurrent attachments would otherwise overwrite (optimistic locking)
    incidentProcesses.lock(incidentId);
    String line = evidenceLine(event, match.matchedOn());
    incidentService.attachEvidence(event.id(), incidentId, line, match.matchedOn());
    String response = incidents.find(incidentId).map(incident -> incident.responseProcessInstanceId())
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

  /**
   * One more event of an open triage: its task stays the one task, counting the triage's events. The
   * triage's event row is locked first, so that the triage's decision, which is also the decision of
   * the events gathered into it, sees this one or is seen by it.
   */
  private void gather(PendingEvent event, EventCorrelation.Join match) {
    String triage = match.target().triageProcessInstanceId();
    if (!events.lockUndecidedTriage(match.target().originEventId())
        || runtime.createProcessInstanceQuery().processInstanceId(triage).count() == 0) {
      // decided, or ended by hand, since correlation read it: correlate again at once
      throw new OptimisticLockingException("the triage of event " + match.target().originEventId()
          + " was decided while event " + event.id() + " joined it");
    }
    String line = evidenceLine(event, match.matchedOn());
    events.markGathered(event.id(), triage, clock.instant());
    incidentService.gatherIntoTriage(event.id(), triage, match.target().originEventId(), line, match.matchedOn());
    runtime.setVariables(triage, Map.of(
        TRIAGE_EVENT_COUNT, events.countOfTriage(triage),
        GATHERED_EVENTS, newestFirst(line, (String) runtime.getVariable(triage, GATHERED_EVENTS))));
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
