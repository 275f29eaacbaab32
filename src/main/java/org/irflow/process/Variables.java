package org.irflow.process;

/** Process variable names, declared once. Ids, not payloads; never a secret. */
public final class Variables {
  // the reported event (start form "Report security event")
  public static final String EVENT_ID = "eventId";
  public static final String EVENT_TITLE = "eventTitle";
  public static final String REPORTER = "reporter";
  /** the sender of a report to the security address, acknowledged by e-mail */
  public static final String REPORTER_EMAIL = "reporterEmail";
  public static final String CHANNEL = "channel";
  public static final String DESCRIPTION = "description";
  public static final String AFFECTED_SYSTEMS = "affectedSystems";
  public static final String SUSPECTED_SEVERITY = "suspectedSeverity";
  public static final String FUNDS_AT_RISK = "fundsAtRisk";
  public static final String ACTIVELY_EXPLOITED = "activelyExploited";
  /** customer data or an information spill involved (IR-7, IR-9): asked in the report, set by sources that say so */
  public static final String INFORMATION_SPILL = "informationSpill";
  // what a monitoring source said of the event (null for a person's report); TriageDecision reads them
  /** the monitoring source, e.g. "forta" */
  public static final String SOURCE = "source";
  /** the source's own severity: CRITICAL, HIGH, MEDIUM, LOW, INFO, UNKNOWN */
  public static final String SOURCE_SEVERITY = "sourceSeverity";
  /** the source's finding type: EXPLOIT, SUSPICIOUS, DEGRADED, INFO, SCAM, UNKNOWN */
  public static final String FINDING_TYPE = "findingType";
  /** a contract of the registry is named in the affected systems (set when the event is recorded) */
  public static final String REGISTERED_CONTRACT_AFFECTED = "registeredContractAffected";
  /** when the event was reported, for people to read (ISO 8601, UTC, minutes) */
  public static final String REPORTED_AT = "reportedAt";

  // triage
  public static final String DISPOSITION = "disposition";
  public static final String SEVERITY = "severity";
  public static final String ESCALATE_AFTER = "escalateAfter";
  public static final String ON_CALL_PRIMARY = "onCallPrimary";
  public static final String ON_CALL_SECONDARY = "onCallSecondary";
  public static final String TRIAGE_OUTCOME = "triageOutcome";
  public static final String INCIDENT_COMMANDER = "incidentCommander";
  public static final String TRIAGE_NOTES = "triageNotes";
  /** due date of "Triage event": when the escalation to the secondary fires */
  public static final String TRIAGE_DUE_AT = "triageDueAt";
  /** TriageDecision output: propose pausing the affected registered contracts at once */
  public static final String PROPOSE_PAUSE = "proposePause";

  // response
  public static final String INCIDENT_ID = "incidentId";
  public static final String INCIDENT_TITLE = "incidentTitle";
  public static final String INCIDENT_SUPERVISOR = "incidentSupervisor";
  // outputs of the ResponsePolicy decision table
  public static final String TEAM_LEAD_SYNC_EVERY = "teamLeadSyncEvery";
  public static final String COMMS_SYNC_EVERY = "commsSyncEvery";
  public static final String HAND_OFF_TIME_OF_DAY = "handOffTimeOfDay";
  public static final String POST_MORTEM_MANDATORY = "postMortemMandatory";
  public static final String TEAM_LEAD_SYNC_CYCLE = "teamLeadSyncCycle";
  public static final String COMMS_SYNC_CYCLE = "commsSyncCycle";
  public static final String HAND_OFF_CYCLE = "handOffCycle";
  /** ResponsePolicy output: how often the communications officer drafts a public update */
  public static final String PUBLIC_UPDATE_EVERY = "publicUpdateEvery";
  public static final String PUBLIC_UPDATE_CYCLE = "publicUpdateCycle";
  // war room (chat): the channels' ids at the chat service, beside the names people read
  public static final String WAR_ROOM_CHANNEL_ID = "warRoomChannelId";
  public static final String BACKUP_CHANNEL_ID = "backupChannelId";
  // public updates: the communications officer's draft and the supervisor's decision
  public static final String PUBLIC_UPDATE_TITLE = "publicUpdateTitle";
  public static final String PUBLIC_UPDATE_TEXT = "publicUpdateText";
  public static final String PUBLIC_UPDATE_APPROVAL = "publicUpdateApproval";
  public static final String WAR_ROOM_CHANNEL = "warRoomChannel";
  public static final String BACKUP_CHANNEL = "backupChannel";
  public static final String RESPONDERS = "responders";
  public static final String COMMUNICATIONS_OFFICER = "communicationsOfficer";
  public static final String OBJECTIVE = "objective";
  public static final String RESOLUTION_SUMMARY = "resolutionSummary";
  public static final String OUTGOING_SUPERVISOR = "outgoingSupervisor";
  public static final String INCOMING_SUPERVISOR = "incomingSupervisor";
  public static final String HAND_OFF_BRIEFING = "handOffBriefing";
  public static final String LAST_BRIEFING = "lastBriefing";
  /** "Review progress": customers are affected, start a customer notification (IR-7) */
  public static final String NOTIFY_CUSTOMERS = "notifyCustomers";
  /** evidence attached to the running response by correlated events, newest first, for people to read */
  public static final String EVIDENCE_SUMMARY = "evidenceSummary";
  public static final String EVIDENCE_COUNT = "evidenceCount";
  /** How many events an open triage holds: the one it was started for and those gathered into it. */
  public static final String TRIAGE_EVENT_COUNT = "triageEventCount";
  /** The events gathered into an open triage, newest first (a bounded number of lines). */
  public static final String GATHERED_EVENTS = "gatheredEvents";
  /** The open incidents and triages a triage's event relates to but did not join, and why. */
  public static final String RELATED_TO = "relatedTo";

  private Variables() {}
}
