package org.irflow.readiness.review;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.irflow.readiness.training.TrainingStatus;
import org.irflow.readiness.training.TrainingStatusService;
import org.springframework.stereotype.Component;

/**
 * Every member of the response groups has current training (IR-2): completed within the refresher
 * period and not invalidated by a radical system change. A new member inside the first deadline is
 * listed as pending, not as a gap.
 */
@Component
public class TrainingCheck implements ReadinessCheck {

  static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

  private final TrainingStatusService training;

  public TrainingCheck(TrainingStatusService training) {
    this.training = training;
  }

  @Override
  public String id() {
    return "training";
  }

  @Override
  public List<Finding> run(Instant now) {
    List<Finding> findings = new ArrayList<>();
    for (TrainingStatus member : training.all()) {
      String who = member.userId() + " (" + member.responseGroup() + ")";
      switch (member.status()) {
        case CURRENT -> { }
        case PENDING -> findings.add(Finding.pending(member.userId(), member.dueAt() == null
            ? who + ": new member, training not yet scheduled"
            : who + ": new member, initial training due by " + DAY.format(member.dueAt())));
        case DUE -> findings.add(Finding.gap(member.userId(),
            who + ": " + kind(member) + " due by " + DAY.format(member.dueAt())));
        case OVERDUE -> findings.add(Finding.gap(member.userId(),
            who + ": " + kind(member) + " overdue since " + DAY.format(member.dueAt())));
      }
    }
    return findings;
  }

  private static String kind(TrainingStatus member) {
    return member.kind() == null ? "training" : switch (member.kind()) {
      case INITIAL -> "initial training";
      case REFRESHER -> "refresher training";
      case RETRAINING -> "retraining after a radical system change";
    };
  }

}
