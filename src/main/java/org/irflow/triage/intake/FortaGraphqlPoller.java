package org.irflow.triage.intake;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.locks.ReentrantLock;
import org.irflow.http.OutboundHttp;
import org.irflow.triage.intake.FortaPollerCursors.Cursor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Pulls the alerts of the configured bots from Forta's GraphQL API (only when
 * irflow.intake.forta-poller.enabled=true; {@link FortaPollerSchedule} runs {@link #poll()} every
 * interval). Each alert is mapped as the webhook maps it ({@link FortaAdapter#alert}) and handed to
 * {@link EventIntake#accept} page by page, so it becomes a security_event with source {@code forta}
 * and the same fingerprint as the same alert pushed to /webhooks/forta.
 *
 * <p>Cursor: a poll asks for the alerts created since {@code max(newest createdAt seen, start of the
 * last complete poll) - overlap} (first poll: since {@code look-back}), pages through them, and only
 * when every page has been handed over stores the new cursor (table forta_poller_cursor). A failed
 * poll (HTTP error, GraphQL errors, timeout, intake failure) is logged without the API key, counted
 * under source {@code forta-graphql}, and leaves the cursor where it was: the next poll asks again.
 * Alerts of the overlap window already handed over are remembered by their hash (forta_poller_seen)
 * and not handed over again, also after a restart; the intake's fingerprints remain the guard for
 * anything else received twice.
 */
@Component
@ConditionalOnProperty(name = "irflow.intake.forta-poller.enabled", havingValue = "true")
public class FortaGraphqlPoller {

  /** The source under which the poller's counters appear in IntakeStats. */
  public static final String STATS_SOURCE = "forta-graphql";
  /** Safety net against an answer that never stops saying hasNextPage. */
  static final int MAX_PAGES = 1000;
  /** createdSince is a GraphQL NonNegativeInt (32 bits): about 24.8 days back at most. */
  static final long MAX_CREATED_SINCE_MILLIS = Integer.MAX_VALUE;
  private static final int HASH_LENGTH = 200;

  private static final Logger LOG = LoggerFactory.getLogger(FortaGraphqlPoller.class);

  /** What one call of {@link #poll()} did. */
  public record Result(boolean ran, boolean failed, int pages, int received, int handedOver, int alreadySeen,
      int refused) {
    static final Result SKIPPED = new Result(false, false, 0, 0, 0, 0, 0);
  }

  private final FortaPollerProperties properties;
  private final FortaGraphqlClient client;
  private final EventIntake intake;
  private final IntakeStats stats;
  private final FortaPollerCursors cursors;
  private final Clock clock;
  private final String cursorKey;
  private final String scope;
  private final ReentrantLock running = new ReentrantLock();

  public FortaGraphqlPoller(FortaPollerProperties properties, EventIntake intake, IntakeStats stats,
      FortaPollerCursors cursors, Clock clock, OutboundHttp http) {
    this.properties = properties;
    this.client = new FortaGraphqlClient(properties, http);
    this.intake = intake;
    this.stats = stats;
    this.cursors = cursors;
    this.clock = clock;
    String bots = String.join(",", new TreeSet<>(properties.bots()));
    String chain = properties.chainId() == null ? "all" : properties.chainId().toString();
    // one cursor per set of bots and chain: another set starts with its own look-back
    this.cursorKey = NormalisedAlert.sha256("bots=" + bots + ";chainId=" + chain);
    String described = "bots=" + bots + "; chainId=" + chain;
    this.scope = described.length() <= 2000 ? described : described.substring(0, 1999) + "…";
  }

  /** The key of this poller's row in forta_poller_cursor. */
  public String cursorKey() {
    return cursorKey;
  }

  /** One poll: all pages since the cursor; returns at once if the previous poll is still running. */
  public Result poll() {
    if (!running.tryLock()) {
      LOG.debug("Forta GraphQL poll skipped: the previous one is still running");
      return Result.SKIPPED;
    }
    try {
      return pollOnce();
    } finally {
      running.unlock();
    }
  }

  private Result pollOnce() {
    Instant started = clock.instant();
    Optional<Cursor> cursor = cursors.find(cursorKey);
    Instant since = cursor.map(this::since).orElse(started.minus(properties.lookBack()));
    long createdSince = Math.max(0, Duration.between(since, started).toMillis());
    if (createdSince > MAX_CREATED_SINCE_MILLIS) {
      LOG.warn("Forta GraphQL poll reaches back only {} (the API's limit), not to {}",
          Duration.ofMillis(MAX_CREATED_SINCE_MILLIS), since);
      createdSince = MAX_CREATED_SINCE_MILLIS;
    }
    Map<String, Instant> seen = cursors.seen(cursorKey);
    Map<String, Instant> handed = new HashMap<>();
    Instant newest = cursor.map(Cursor::newestCreatedAt).orElse(null);
    int pages = 0;
    int received = 0;
    int handedOver = 0;
    int alreadySeen = 0;
    int refused = 0;
    boolean complete = false;
    JsonNode after = null;
    try {
      while (true) {
        FortaGraphqlClient.Page page = client.fetch(createdSince, after);
        pages++;
        List<NormalisedAlert> batch = new ArrayList<>();
        for (int i = 0; i < page.alerts().size(); i++) {
          JsonNode node = page.alerts().get(i);
          received++;
          String hash = seenKey(node);
          if (seen.containsKey(hash) || handed.containsKey(hash)) {
            alreadySeen++;
            continue;
          }
          Instant createdAt = createdAt(node);
          try {
            batch.add(FortaAdapter.alert(node, "alerts[" + i + "]", node.toString()));
          } catch (IntakeRejected rejected) {
            // one bad alert must not hold the cursor back for ever: counted, logged once, skipped
            refused++;
            stats.rejected(STATS_SOURCE, rejected.reason());
            LOG.warn("Forta GraphQL alert skipped ({}): {}", rejected.reason(), rejected.getMessage());
          }
          handed.put(hash, createdAt == null ? started : createdAt);
          if (createdAt != null && (newest == null || createdAt.isAfter(newest))) {
            newest = createdAt;
          }
        }
        if (!batch.isEmpty()) {
          List<EventIntake.Outcome> outcomes = intake.accept(batch);
          int duplicates = (int) outcomes.stream().filter(EventIntake.Outcome::duplicate).count();
          stats.accepted(STATS_SOURCE, outcomes.size(), duplicates);
          handedOver += batch.size();
        }
        if (!page.hasNextPage() || page.endCursor() == null) {
          complete = true;
          break;
        }
        if (pages >= MAX_PAGES) {
          stats.pollTruncated(STATS_SOURCE);
          LOG.warn("Forta GraphQL poll stopped after {} pages; the next poll continues from the newest alert "
              + "received", pages);
          break;
        }
        after = page.endCursor();
      }
    } catch (FortaGraphqlClient.Failure failure) {
      return failed(failure.reason(), failure.getMessage(), cursor, pages, received, handedOver, alreadySeen, refused);
    } catch (RuntimeException failure) {
      return failed("intake-error", failure.toString(), cursor, pages, received, handedOver, alreadySeen, refused);
    }
    Instant polledAt = complete ? started : cursor.map(Cursor::polledAt).orElse(null);
    Cursor next = new Cursor(cursorKey, scope, newest, polledAt);
    Instant nextSince = since(next);
    Map<String, Instant> keep = new HashMap<>();
    seen.forEach((hash, createdAt) -> keepIfRecent(keep, hash, createdAt, nextSince));
    handed.forEach((hash, createdAt) -> keepIfRecent(keep, hash, createdAt, nextSince));
    cursors.save(next, keep, clock.instant());
    stats.polled(STATS_SOURCE);
    if (handedOver > 0 || refused > 0) {
      LOG.info("Forta GraphQL poll: {} alerts on {} pages, {} handed to the intake, {} already received, {} refused",
          received, pages, handedOver, alreadySeen, refused);
    }
    return new Result(true, false, pages, received, handedOver, alreadySeen, refused);
  }

  private Result failed(String reason, String message, Optional<Cursor> cursor, int pages, int received,
      int handedOver, int alreadySeen, int refused) {
    stats.pollFailed(STATS_SOURCE, reason);
    LOG.warn("Forta GraphQL poll failed ({}): {}; the cursor stays at {}, the next poll asks again", reason,
        message, cursor.map(this::since).map(Instant::toString).orElse("the look-back"));
    return new Result(true, true, pages, received, handedOver, alreadySeen, refused);
  }

  /** Where the next poll starts: the cursor less the overlap. */
  private Instant since(Cursor cursor) {
    Instant anchor = cursor.polledAt();
    if (cursor.newestCreatedAt() != null && (anchor == null || cursor.newestCreatedAt().isAfter(anchor))) {
      anchor = cursor.newestCreatedAt();
    }
    return anchor == null ? clock.instant().minus(properties.lookBack()) : anchor.minus(properties.overlap());
  }

  private static void keepIfRecent(Map<String, Instant> keep, String hash, Instant createdAt, Instant since) {
    if (createdAt != null && !createdAt.isBefore(since)) {
      keep.put(hash, createdAt);
    }
  }

  /** Forta's alert hash; a hash of the whole node for an alert without one. */
  private static String seenKey(JsonNode alert) {
    JsonNode hash = alert.get("hash");
    if (hash != null && hash.isTextual() && !hash.asText().isBlank()) {
      String text = hash.asText().strip();
      return text.length() <= HASH_LENGTH ? text : "sha256:" + NormalisedAlert.sha256(text);
    }
    return "sha256:" + NormalisedAlert.sha256(alert.toString());
  }

  private static Instant createdAt(JsonNode alert) {
    JsonNode createdAt = alert.get("createdAt");
    if (createdAt == null || !createdAt.isTextual()) {
      return null;
    }
    try {
      return Instant.parse(createdAt.asText().strip());
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
