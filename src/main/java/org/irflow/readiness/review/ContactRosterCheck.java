package org.irflow.readiness.review;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.irflow.process.Cadences;
import org.springframework.stereotype.Component;

/** Every contact roster (irflow.readiness.contact-rosters) was reviewed within its period. */
@Component
public class ContactRosterCheck implements ReadinessCheck {

  private final ContactRosters rosters;

  public ContactRosterCheck(ContactRosters rosters) {
    this.rosters = rosters;
  }

  @Override
  public String id() {
    return "contact-rosters";
  }

  @Override
  public List<Finding> run(Instant now) {
    List<Finding> findings = new ArrayList<>();
    for (ContactRosters.Roster roster : rosters.all()) {
      String what = roster.name() + (roster.owner() == null ? "" : " (owner " + roster.owner() + ")");
      if (roster.lastReviewedAt() == null) {
        findings.add(Finding.gap(roster.name(), what + ": never reviewed; review every " + roster.reviewEvery()));
        continue;
      }
      Instant due = Cadences.plus(roster.lastReviewedAt(), roster.reviewEvery());
      if (!now.isBefore(due)) {
        findings.add(Finding.gap(roster.name(), what + ": last reviewed "
            + TrainingCheck.DAY.format(roster.lastReviewedAt()) + ", review was due "
            + TrainingCheck.DAY.format(due)));
      }
    }
    return findings;
  }
}
