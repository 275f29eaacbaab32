package org.irflow.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.irflow.incident.IncidentService;
import org.irflow.incident.Severity;
import org.irflow.metrics.ProgrammeMetrics.Durations;
import org.irflow.metrics.ProgrammeMetrics.OpenBySeverity;
import org.irflow.metrics.ProgrammeMetrics.OverdueItem;
import org.irflow.metrics.ProgrammeMetrics.SystemCount;
import org.irflow.metrics.ProgrammeMetricsService.Filter;
import org.irflow.readiness.training.TrainingStatus;
import org.irflow.readiness.training.TrainingStatusService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.transaction.annotation.Transactional;

/**
 * The programme metrics of a fixed set of incidents in 2020 (far before any other test's rows, which
 * are in 2026), inserted directly and rolled back after each test. One drill incident with its event,
 * pause and action item is among them and must count nowhere. Expected figures worked out by hand.
 */
@SpringBootTest
@ActiveProfiles("test")
@Transactional
class ProgrammeMetricsTest {

  static final Instant FROM = Instant.parse("2020-01-01T00:00:00Z");
  static final Instant TO = Instant.parse("2021-01-01T00:00:00Z");
  static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
  static final String VAULT_ADDRESS = "0x000000000000000000000000000000000000a11c";
  static final String BRIDGE_ADDRESS = "0x000000000000000000000000000000000000B41D";

  @Autowired ProgrammeMetricsService metrics;
  @Autowired TrainingStatusService training;
  @Autowired JdbcTemplate jdbc;
  @Autowired IncidentService incidentService;

  @BeforeEach
  void incidentsOf2020() {
    // A: SEV1 on the Vault; ack 300 s, declare 600 s, contain 1200 s, recover 14400 s; closed
    incident("MET-2020-A", "SEV1", false, "Vault", "2020-02-01T10:00:00Z", "2020-02-01T10:05:00Z",
        "2020-02-01T10:10:00Z", "2020-02-01T14:10:00Z", "2020-02-10T00:00:00Z");
    pause("MET-2020-A", "PAUSED", false, "2020-02-01T10:30:00Z");
    // B: SEV1 on the Bridge, named by its address; ack 600, declare 1800, contain 3600 (the first verified pause,
    // not the failed one nor the later one), recover 86400; resolved, awaiting its post-mortem
    incident("MET-2020-B", "SEV1", false, "bridge at " + BRIDGE_ADDRESS, "2020-03-01T00:00:00Z",
        "2020-03-01T00:10:00Z", "2020-03-01T00:30:00Z", "2020-03-02T00:30:00Z", null);
    pause("MET-2020-B", "FAILED", false, "2020-03-01T00:45:00Z");
    pause("MET-2020-B", "PAUSED", false, "2020-03-01T05:00:00Z");
    pause("MET-2020-B", "PAUSED", false, "2020-03-01T01:30:00Z");
    // C: SEV2 on the Vault and the website; ack 60, declare 120, no pause, recover 7200; closed
    incident("MET-2020-C", "SEV2", false, "Vault, Website", "2020-06-01T00:00:00Z", "2020-06-01T00:01:00Z",
        "2020-06-01T00:02:00Z", "2020-06-01T02:02:00Z", "2020-06-05T00:00:00Z");
    // D: SEV2 on the website; ack 1200, declare 3600; still responding
    incident("MET-2020-D", "SEV2", false, "website", "2020-12-31T00:00:00Z", "2020-12-31T00:20:00Z",
        "2020-12-31T01:00:00Z", null, null);
    // E: SEV3 on the Vault, reported and triaged in 2019 (no acknowledgement in 2020), declared at the
    // period's start: declare 3600, recover 36000; closed
    incident("MET-2020-E", "SEV3", false, "Vault", "2019-12-31T23:00:00Z", "2019-12-31T23:30:00Z",
        "2020-01-01T00:00:00Z", "2020-01-01T10:00:00Z", "2020-01-02T00:00:00Z");
    // X: a drill on the Vault, fast everywhere, never closed, with a verified pause and an overdue item
    long drillEvent = incident("MET-2020-X", "SEV1", true, "Vault", "2020-04-01T00:00:00Z",
        "2020-04-01T00:00:01Z", "2020-04-01T00:00:02Z", "2020-04-01T00:00:03Z", null);
    pause("MET-2020-X", "PAUSED", true, "2020-04-01T00:00:02Z");
    jdbc.update("""
        insert into drill (status, due_at, planned_for, scenario, participants, suspected_severity,
                           affected_systems, planned_by, planned_at, started_at, event_id, incident_id)
        values ('STARTED', ?, ?, 'bridge replay', 'alice,bob', 'SEV1', 'Vault', 'maria', ?, ?, ?, 'MET-2020-X')""",
        at("2020-04-01T00:00:00Z"), at("2020-04-01T00:00:00Z"), at("2020-03-01T00:00:00Z"),
        at("2020-04-01T00:00:00Z"), drillEvent);
    // N: an event triaged as no incident: ack 900 (counts whatever the decision; no severity)
    event(null, "Website", "2020-05-01T00:00:00Z", "2020-05-01T00:15:00Z", null);

    // action items, as of 2021-01-01: overdue are A-1, C-1 (due the last day of 2020) and C-3 (done only in 2021)
    item("MET-2020-A", 1, "2020-03-01", "OPEN", "2020-02-05T00:00:00Z", null, null);
    item("MET-2020-A", 2, "2020-03-01", "DONE", "2020-02-05T00:00:00Z", "2020-02-20T00:00:00Z", null);
    item("MET-2020-C", 1, "2020-12-31", "OPEN", "2020-06-03T00:00:00Z", null, null);
    item("MET-2020-C", 2, "2021-01-01", "OPEN", "2020-06-03T00:00:00Z", null, null);
    item("MET-2020-C", 3, "2020-07-01", "DONE", "2020-06-03T00:00:00Z", "2021-02-01T00:00:00Z", null);
    item("MET-2020-C", 4, "2020-07-01", "WAIVED", "2020-06-03T00:00:00Z", null, "2020-08-01T00:00:00Z");
    item("MET-2020-X", 1, "2020-05-01", "OPEN", "2020-04-02T00:00:00Z", null, null);

    jdbc.update("""
        insert into readiness_review (started_at, assessment, confirmed_by, confirmed_at)
        values (?, 'READY_WITH_GAPS', 'maria', ?)""", at("2020-11-14T00:00:00Z"), at("2020-11-15T00:00:00Z"));
  }

  @Test
  void figuresOfTheYearLeaveTheDrillOut() {
    ProgrammeMetrics year = metrics.compute(FROM, TO, Filter.NONE, NOW);

    assertThat(year.asOf()).isEqualTo(TO);
    // acknowledge: 60, 300, 600, 900, 1200 -> mean 3060 / 5 = 612; p90: the ceil(4.5) = 5th -> 1200
    assertThat(year.timeToAcknowledge()).isEqualTo(new Durations(5, 612.0, 1200L));
    // declare: 120, 600, 1800, 3600, 3600 -> mean 9720 / 5 = 1944; p90: 5th -> 3600
    assertThat(year.timeToDeclare()).isEqualTo(new Durations(5, 1944.0, 3600L));
    // contain: 1200, 3600 -> mean 2400; p90: the ceil(1.8) = 2nd -> 3600
    assertThat(year.timeToContain()).isEqualTo(new Durations(2, 2400.0, 3600L));
    // recover: 7200, 14400, 36000, 86400 -> mean 144000 / 4 = 36000; p90: the ceil(3.6) = 4th -> 86400
    assertThat(year.timeToRecover()).isEqualTo(new Durations(4, 36000.0, 86400L));

    assertThat(year.incidentsDeclared()).isEqualTo(5);
    assertThat(year.incidentsPerSystem()).containsExactlyInAnyOrder(
        new SystemCount("Bridge", true, 1), new SystemCount("Vault", true, 3), new SystemCount("Website", false, 2));

    // at the end of 2020: B awaits its post-mortem, D is responding; the drill is not open
    assertThat(year.openIncidents().total()).isEqualTo(2);
    assertThat(year.openIncidents().bySeverity()).containsExactly(
        new OpenBySeverity("SEV1", 0, 1), new OpenBySeverity("SEV2", 1, 0),
        new OpenBySeverity("SEV3", 0, 0), new OpenBySeverity("SEV4", 0, 0));

    assertThat(year.overdueActionItems().count()).isEqualTo(3);
    assertThat(year.overdueActionItems().items()).extracting(OverdueItem::incidentId, OverdueItem::itemNumber,
        OverdueItem::dueDate).containsExactly(
        tuple("MET-2020-A", 1, LocalDate.parse("2020-03-01")),
        tuple("MET-2020-C", 3, LocalDate.parse("2020-07-01")),
        tuple("MET-2020-C", 1, LocalDate.parse("2020-12-31")));

    // the only drill started on 2020-04-01; P6M later (2020-10-01) is before the end of the year
    assertThat(year.drillCadence().kept()).isFalse();
    assertThat(year.drillCadence().lastDrillStartedAt()).isEqualTo(Instant.parse("2020-04-01T00:00:00Z"));
    assertThat(year.drillCadence().nextDueBy()).isEqualTo(Instant.parse("2020-10-01T00:00:00Z"));

    assertThat(year.readiness().confirmed()).isTrue();
    assertThat(year.readiness().lastConfirmedAt()).isEqualTo(Instant.parse("2020-11-15T00:00:00Z"));
    assertThat(year.readiness().assessment()).isEqualTo("READY_WITH_GAPS");
  }

  @Test
  void anIncidentMergedIntoAnotherIsNeitherOpenNorASecondIncident() {
    // M: the Bridge's side of D, declared on its own an hour after D (ack 600 s), then merged into D by a person
    incident("MET-2020-M", "SEV2", false, "Bridge", "2020-12-31T01:30:00Z", "2020-12-31T01:40:00Z",
        "2020-12-31T02:00:00Z", null, null);
    incidentService.merge("MET-2020-D", "MET-2020-M", "alice");

    ProgrammeMetrics year = metrics.compute(FROM, TO, Filter.NONE, NOW);

    // still five incidents declared, the same times to declare and recover, D and B the only open ones
    assertThat(year.incidentsDeclared()).isEqualTo(5);
    assertThat(year.timeToDeclare()).isEqualTo(new Durations(5, 1944.0, 3600L));
    assertThat(year.timeToRecover()).isEqualTo(new Durations(4, 36000.0, 86400L));
    assertThat(year.openIncidents().total()).isEqualTo(2);
    assertThat(year.openIncidents().bySeverity()).contains(new OpenBySeverity("SEV2", 1, 0));
    // D carries M's event now, and with it the Bridge
    assertThat(year.incidentsPerSystem()).contains(new SystemCount("Bridge", true, 2), new SystemCount("Website", false, 2));
    // M's alert was acknowledged all the same: 60, 300, 600, 600, 900, 1200 -> mean 610; p90: the 6th -> 1200
    assertThat(year.timeToAcknowledge()).isEqualTo(new Durations(6, 610.0, 1200L));
  }

  @Test
  void aPeriodThatEndsEarlierHasItsOwnPointInTimeFigures() {
    ProgrammeMetrics spring = metrics.compute(FROM, Instant.parse("2020-06-01T00:00:00Z"), Filter.NONE, NOW);

    // declared: E (Jan), A (Feb), B (Mar); C is declared at 00:02 on 2020-06-01, outside
    assertThat(spring.incidentsDeclared()).isEqualTo(3);
    assertThat(spring.timeToRecover()).isEqualTo(new Durations(3, (36000.0 + 14400 + 86400) / 3, 86400L));
    // on 2020-06-01: B awaits its post-mortem; A-1 (due 2020-03-01) is overdue
    assertThat(spring.openIncidents().total()).isEqualTo(1);
    assertThat(spring.overdueActionItems().items()).extracting(OverdueItem::incidentId, OverdueItem::itemNumber)
        .containsExactly(tuple("MET-2020-A", 1));
    // the drill of 2020-04-01 is within six months of 2020-06-01; no readiness review confirmed yet
    assertThat(spring.drillCadence().kept()).isTrue();
    assertThat(spring.readiness().confirmed()).isFalse();
  }

  @Test
  void severityFilter() {
    ProgrammeMetrics sev2 = metrics.compute(FROM, TO, new Filter(Severity.SEV2, null), NOW);

    assertThat(sev2.timeToAcknowledge()).isEqualTo(new Durations(2, 630.0, 1200L));
    assertThat(sev2.timeToDeclare()).isEqualTo(new Durations(2, 1860.0, 3600L));
    assertThat(sev2.timeToContain()).isEqualTo(new Durations(0, null, null));
    assertThat(sev2.timeToRecover()).isEqualTo(new Durations(1, 7200.0, 7200L));
    assertThat(sev2.openIncidents().bySeverity()).containsExactly(new OpenBySeverity("SEV2", 1, 0));
    assertThat(sev2.overdueActionItems().count()).isEqualTo(2);
  }

  @Test
  void systemFilterByAContractAddressCountsTheContractsIncidents() {
    ProgrammeMetrics vault = metrics.compute(FROM, TO, new Filter(null, VAULT_ADDRESS.toUpperCase()), NOW);

    // A, C and E name the Vault; the drill does too but never counts
    assertThat(vault.incidentsDeclared()).isEqualTo(3);
    assertThat(vault.incidentsPerSystem()).containsExactly(new SystemCount("Vault", true, 3));
    // acknowledged in 2020: A (300) and C (60); E was triaged in 2019
    assertThat(vault.timeToAcknowledge()).isEqualTo(new Durations(2, 180.0, 300L));
    // recover: 7200, 14400, 36000 -> mean 19200; p90: the ceil(2.7) = 3rd -> 36000
    assertThat(vault.timeToRecover()).isEqualTo(new Durations(3, 19200.0, 36000L));
    assertThat(vault.openIncidents().total()).isZero();
    assertThat(vault.overdueActionItems().count()).isEqualTo(3);

    ProgrammeMetrics website = metrics.compute(FROM, TO, new Filter(null, "WEBSITE"), NOW);
    assertThat(website.incidentsPerSystem()).containsExactly(new SystemCount("Website", false, 2));
    // C (60), D (1200) and the event that was no incident (900)
    assertThat(website.timeToAcknowledge()).isEqualTo(new Durations(3, 720.0, 1200L));
  }

  @Test
  void trainingComplianceIsTheShareOfMembersWithCurrentTraining() {
    var members = training.all();
    long current = members.stream().filter(m -> m.status() == TrainingStatus.Status.CURRENT).count();

    ProgrammeMetrics.TrainingCompliance compliance = metrics.compute(FROM, TO, Filter.NONE, NOW).trainingCompliance();

    assertThat(compliance.members()).isEqualTo(members.size()).isPositive();
    assertThat(compliance.current()).isEqualTo(current);
    assertThat(compliance.ratio()).isEqualTo((double) current / members.size());
  }

  /** An incident with its reporting event; returns the event's id. */
  private long incident(String id, String severity, boolean drill, String systems, String reportedAt,
      String decidedAt, String declaredAt, String resolvedAt, String closedAt) {
    long eventId = event(severity, systems, reportedAt, decidedAt, null);
    String status = closedAt != null ? "CLOSED" : resolvedAt != null ? "RESOLVED" : "DECLARED";
    jdbc.update("""
        insert into incident (id, title, severity, status, drill, event_id, reported_at, declared_at,
                              resolved_at, closed_at)
        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", id, "metrics " + id, severity, status, drill, eventId,
        at(reportedAt), at(declaredAt), at(resolvedAt), at(closedAt));
    jdbc.update("update security_event set incident_id = ?, disposition = 'INCIDENT' where id = ?", id, eventId);
    return eventId;
  }

  private long event(String severity, String systems, String reportedAt, String decidedAt, String incidentId) {
    jdbc.update("""
        insert into security_event (reported_at, reporter, channel, title, description, affected_systems,
                                    disposition, severity, incident_id, decided_at, decided_by)
        values (?, 'dave', 'SECURITY_EMAIL', 'metrics', 'metrics test event', ?, ?, ?, ?, ?, 'alice')""",
        at(reportedAt), systems, severity == null ? "NOT_AN_INCIDENT" : null, severity, incidentId, at(decidedAt));
    return jdbc.queryForObject("select max(id) from security_event", Long.class);
  }

  private void pause(String incidentId, String status, boolean drill, String verifiedAt) {
    jdbc.update("""
        insert into pause_batch (incident_id, chain_id, contract_names, contract_addresses, pausers, pauser_index,
                                 status, requested_by, requested_at, automatic, drill, verified_at)
        values (?, 1, 'Vault', ?, 'safe:0x00000000000000000000000000000000000005af', 0, ?, 'alice', ?, false, ?, ?)""",
        incidentId, VAULT_ADDRESS, status, at(verifiedAt).minusMinutes(5), drill,
        "PAUSED".equals(status) ? at(verifiedAt) : null);
  }

  private void item(String incidentId, int number, String dueDate, String status, String createdAt,
      String completedAt, String waivedAt) {
    jdbc.update("""
        insert into action_item (incident_id, item_number, title, priority, owner_id, due_date, optional_item,
                                 status, created_at, completed_at, waived_at)
        values (?, ?, ?, 'P2', 'bob', ?, false, ?, ?, ?, ?)""", incidentId, number, "item " + number,
        LocalDate.parse(dueDate), status, at(createdAt), at(completedAt), at(waivedAt));
  }

  private static OffsetDateTime at(String instant) {
    return instant == null ? null : Instant.parse(instant).atOffset(ZoneOffset.UTC);
  }
}
