package org.irflow.readiness.planreview;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.irflow.readiness.drill.DrillService;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Response plan reviews (IR-8): what changed since the last review, the review, its distribution. */
@Service
@Transactional
public class PlanReviewService {

  private final PlanReviews reviews;
  private final DrillService drills;
  private final PlanChangesChannel channel;
  private final Clock clock;
  private final ObjectMapper json;

  public PlanReviewService(PlanReviews reviews, DrillService drills, PlanChangesChannel channel,
      Clock clock, ObjectMapper json) {
    this.reviews = reviews;
    this.drills = drills;
    this.channel = channel;
    this.clock = clock;
    this.json = json;
  }

  /** A review opened: its row, and the text summary of the versions to review. */
  public record Opened(long reviewId, PlanReviewReason reason, String summary) {}

  /** Completion of the last completed review, from which the next review looks at changes. */
  @Transactional(readOnly = true)
  public Instant lastCompletedAt() {
    return reviews.lastCompletedAt().orElse(null);
  }

  /**
   * Opens a review of the versions deployed since the last completed review ({@code since}, null for
   * the first review). After a drill, the drill is marked as having closed its post-mortem.
   */
  public Opened open(String drillIncidentId, String processInstanceId, Instant since,
      List<DeployedVersion> versions) {
    PlanReviewReason reason = drillIncidentId == null ? PlanReviewReason.YEARLY : PlanReviewReason.AFTER_DRILL;
    long id = reviews.insert(reason, drillIncidentId, processInstanceId, clock.instant(), since,
        toJson(versions));
    if (drillIncidentId != null) {
      drills.postMortemClosed(drillIncidentId);
    }
    return new Opened(id, reason, summary(reason, drillIncidentId, since, versions));
  }

  static String summary(PlanReviewReason reason, String drillIncidentId, Instant since,
      List<DeployedVersion> versions) {
    StringBuilder text = new StringBuilder();
    text.append(reason == PlanReviewReason.AFTER_DRILL
        ? "Review after the post-mortem of drill incident " + drillIncidentId + ".\n"
        : "Yearly review.\n");
    String period = since == null ? "since the first deployment (no earlier review)"
        : "since the last review, completed " + since;
    if (versions.isEmpty()) {
      return text.append("No process or decision version was deployed ").append(period).append('.').toString();
    }
    long changed = versions.stream().filter(DeployedVersion::changed).count();
    text.append(versions.size()).append(" version(s) deployed ").append(period).append(", ")
        .append(changed).append(" with a changed model:\n");
    for (DeployedVersion version : versions) {
      text.append("- ").append(version.kind().toLowerCase()).append(' ').append(version.key())
          .append(version.name() == null ? "" : " (" + version.name() + ")")
          .append(" version ").append(version.version()).append(", deployed ").append(version.deployedAt())
          .append(version.changed() ? ", changed" : ", unchanged").append('\n');
    }
    return text.toString().stripTrailing();
  }

  public void reviewed(long reviewId, String reviewedBy, String notes, String changesDecided) {
    reviews.reviewed(reviewId, reviewedBy, clock.instant(), notes, changesDecided);
  }

  public void changesRecorded(long reviewId, String recordedBy, String planChanges) {
    reviews.changesRecorded(reviewId, recordedBy, planChanges);
  }

  /** Distributes the recorded changes to the recipients (recorded; see {@link PlanChangesChannel}). */
  public PlanReview distribute(long reviewId, List<String> recipients) {
    channel.distribute(get(reviewId), recipients);
    reviews.distributed(reviewId, String.join(", ", recipients), clock.instant());
    return get(reviewId);
  }

  @Transactional(readOnly = true)
  public PlanReview get(long reviewId) {
    return reviews.find(reviewId).orElseThrow(() -> new NoSuchElementException("no plan review " + reviewId));
  }

  @Transactional(readOnly = true)
  public List<PlanReview> list(int limit) {
    return reviews.list(limit);
  }

  private String toJson(List<DeployedVersion> versions) {
    List<Map<String, Object>> rows = versions.stream().map(version -> {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("kind", version.kind());
      row.put("key", version.key());
      row.put("name", version.name());
      row.put("version", version.version());
      row.put("deployedAt", version.deployedAt().toString());
      row.put("changed", version.changed());
      return row;
    }).toList();
    try {
      return json.writeValueAsString(rows);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
