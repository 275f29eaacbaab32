package org.irflow.triage.intake;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.springframework.stereotype.Component;

/**
 * Counters of the intake since start, by source: events accepted, duplicates counted, triages started,
 * events attached as evidence to an open incident, failed dispatches (retried), and rejections by
 * reason (bad-signature, stale-timestamp, malformed-json, ...); for a pulling source (the Forta GraphQL
 * poller) also its polls, failed polls by reason, and polls cut short. Served at
 * GET /api/intake/stats (Micrometer is not on the classpath).
 */
@Component
public class IntakeStats {

  private final Map<String, Map<String, LongAdder>> counters = new ConcurrentHashMap<>();

  /** Alerts acknowledged (committed), of which duplicates counted on an earlier event. */
  public void accepted(String source, int events, int duplicates) {
    add(source, "accepted", events);
    add(source, "duplicates", duplicates);
  }

  public void triageStarted(String source) {
    add(source, "triagesStarted", 1);
  }

  public void attachedAsEvidence(String source) {
    add(source, "attachedAsEvidence", 1);
  }

  /** An event joined the open triage holding its keys. */
  public void gatheredIntoTriage(String source) {
    add(source, "gathered", 1);
  }

  public void dispatchFailed(String source) {
    add(source, "dispatchFailures", 1);
  }

  public void rejected(String source, String reason) {
    add(source, "rejected." + reason, 1);
  }

  /** A poll whose pages were all received and handed over (also one stopped at its page limit). */
  public void polled(String source) {
    add(source, "polls", 1);
  }

  /** A poll that failed (http-error, graphql-errors, timeout, io-error, bad-response, intake-error). */
  public void pollFailed(String source, String reason) {
    add(source, "pollsFailed", 1);
    add(source, "pollsFailed." + reason, 1);
  }

  /** A poll that stopped at its page limit; the next one continues. */
  public void pollTruncated(String source) {
    add(source, "pollsTruncated", 1);
  }

  private void add(String source, String counter, long amount) {
    counters.computeIfAbsent(source, s -> new ConcurrentHashMap<>())
        .computeIfAbsent(counter, c -> new LongAdder()).add(amount);
  }

  public long count(String source, String counter) {
    Map<String, LongAdder> bySource = counters.get(source);
    LongAdder adder = bySource == null ? null : bySource.get(counter);
    return adder == null ? 0 : adder.sum();
  }

  /** source → counter → value, sorted. */
  public Map<String, Map<String, Long>> snapshot() {
    Map<String, Map<String, Long>> snapshot = new TreeMap<>();
    counters.forEach((source, bySource) -> {
      Map<String, Long> values = new TreeMap<>();
      bySource.forEach((counter, adder) -> values.put(counter, adder.sum()));
      snapshot.put(source, values);
    });
    return snapshot;
  }
}
