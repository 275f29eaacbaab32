package org.irflow.readiness.review;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.irflow.support.RestClient;
import org.irflow.support.RestClient.Response;
import org.irflow.support.RunningApplicationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The running application on PostgreSQL: the membership check ran at start (a training for every
 * demo member of a response group), /api/training and /api/readiness-reviews answer as documented.
 */
class ReadinessApiTest extends RunningApplicationTest {

  @Autowired JdbcTemplate jdbc;
  RestClient rest;

  @BeforeEach
  void client() {
    rest = new RestClient(baseUrl());
  }

  @Test
  void trainingStatusListsEveryMemberOfTheResponseGroups() {
    Response answer = rest.get("maria", "/api/training");
    assertThat(answer.status()).isEqualTo(200);
    List<String> users = new ArrayList<>();
    for (JsonNode member : answer.body()) {
      users.add(member.path("userId").asText());
      assertThat(member.path("status").asText()).isIn("CURRENT", "PENDING", "DUE", "OVERDUE");
    }
    assertThat(users).contains("alice", "bob", "kai", "carol", "dave", "erin").doesNotContain("maria", "admin");
    // started at start-up: one training process and enrolment per member
    assertThat(jdbc.queryForList("select user_id from training_enrolment where process_instance_id is not null",
        String.class)).contains("alice", "carol", "dave", "erin");

    assertThat(rest.get("dave", "/api/training?status=pending").status()).isEqualTo(200);
    Response bad = rest.get("dave", "/api/training?status=late");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.body().path("field").asText()).isEqualTo("status");
    assertThat(rest.get(null, "/api/training").status()).isEqualTo(401);
  }

  @Test
  void readinessReviewsAreListedWithTheirGaps() {
    long reviewId = jdbc.queryForObject("""
        insert into readiness_review (started_at, assessment) values (current_timestamp, 'READY_WITH_GAPS')
        returning id""", Long.class);
    jdbc.update("""
        insert into readiness_gap (review_id, check_name, finding_kind, subject, summary, status)
        values (?, 'contact-rosters', 'GAP', 'abuse roster', 'abuse roster (owner maria): never reviewed', 'OPEN')""",
        reviewId);

    Response answer = rest.get("carol", "/api/readiness-reviews?limit=5");
    assertThat(answer.status()).isEqualTo(200);
    JsonNode review = null;
    for (JsonNode candidate : answer.body()) {
      if (candidate.path("id").asLong() == reviewId) {
        review = candidate;
      }
    }
    assertThat(review).isNotNull();
    assertThat(review.path("assessment").asText()).isEqualTo("READY_WITH_GAPS");
    assertThat(review.path("gaps").get(0).path("summary").asText()).isEqualTo("abuse roster (owner maria): never reviewed");
    assertThat(rest.get("carol", "/api/readiness-reviews/" + reviewId).status()).isEqualTo(200);
    assertThat(rest.get("carol", "/api/readiness-reviews/999999").status()).isEqualTo(404);
    assertThat(rest.get("carol", "/api/readiness-reviews?limit=0").body().path("field").asText()).isEqualTo("limit");
    assertThat(jdbc.queryForList("select name from contact_roster order by sort_order", String.class))
        .containsExactly("abuse roster", "external contacts");
  }
}
