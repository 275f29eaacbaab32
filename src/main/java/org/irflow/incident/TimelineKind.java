package org.irflow.incident;

/** What a timeline entry records. */
public enum TimelineKind {
  EVENT_REPORTED,
  DECISION,
  TASK_COMPLETED,
  ESCALATION,
  EVENT_RECORDED,
  /** an operator changed variables of a running process by hand (Cockpit, the engine REST API) */
  VARIABLES_CHANGED_BY_OPERATOR,
  /** a monitoring event attached to the open incident it concerns, instead of a triage of its own */
  EVIDENCE_ADDED,
  /** a monitoring event joined the open triage holding its keys, instead of a triage of its own */
  EVENT_GATHERED,
  /** an event started its own triage although it shares a key with an open incident or triage */
  EVENT_RELATED,
  /** a person moved an event off its incident into a triage of its own */
  EVENT_DETACHED,
  /** a person merged one incident into another */
  INCIDENTS_MERGED,
  INCIDENT_DECLARED,
  WAR_ROOM_OPENED,
  RESPONDERS_ACTIVATED,
  OBJECTIVE_STATED,
  SYNC_CALL,
  HAND_OFF,
  INCIDENT_RESOLVED,
  // changes made on the incident page
  /** a supervisor raised or lowered the incident's severity */
  SEVERITY_CHANGED,
  /** a supervisor gave a role (supervisor, communications officer, responders) to other people */
  ROLE_REASSIGNED,
  /** a supervisor posted a public update at once, outside the drafting cadence */
  PUBLIC_UPDATE_POSTED,
  /** a person of the incident wrote a note on its timeline */
  NOTE_ADDED,
  // post-mortem
  POST_MORTEM_STARTED,
  POST_MORTEM_DRAFTED,
  ACTION_ITEM_DEFINED,
  ACTION_ITEM_REMINDER,
  ACTION_ITEM_OVERDUE,
  ACTION_ITEM_COMPLETED,
  ACTION_ITEM_WAIVED,
  ACTION_ITEMS_REVIEWED,
  POST_MORTEM_PUBLICATION,
  POST_MORTEM_CLOSED,
  INCIDENT_CLOSED,
  // drills
  DRILL_STARTED,
  // containment
  /** the automatic-pause policy's decision for a contract: paused automatically, or proposed to the supervisor */
  AUTOMATIC_PAUSE_DECISION,
  /** the supervisor declined a proposed pause */
  PAUSE_DECLINED,
  PAUSE_REQUESTED,
  PAUSE_SUBMITTED,
  CONTRACTS_PAUSED,
  PAUSE_FAILED,
  /** a step of a pause failed for a technical reason (RPC, service, relayer) and will be tried again */
  PAUSE_ATTEMPT_FAILED,
  // communications: every outbound message, whatever became of it
  MESSAGE_QUEUED,
  MESSAGE_SENT,
  MESSAGE_FAILED,
  MESSAGE_SENT_BY_HAND,
  MESSAGE_SKIPPED,
  CHAT_CHANNELS_CREATED,
  CHAT_MEMBERS_INVITED,
  // customer notification (IR-7)
  CUSTOMER_NOTIFICATION_REQUESTED,
  CUSTOMERS_NOTIFIED,
  // information spill (IR-9)
  SPILL_RESPONSE_STARTED,
  SPILL_LOCATED,
  SYSTEM_OWNER_NOTIFIED,
  SPILL_CONTAINED
}
