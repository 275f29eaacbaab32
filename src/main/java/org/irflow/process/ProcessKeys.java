package org.irflow.process;

/** Process and decision keys, as in the file names under bpmn/. */
public final class ProcessKeys {
  public static final String INCIDENT_TRIAGE = "IncidentTriageProcess";
  public static final String INCIDENT_RESPONSE = "IncidentResponseProcess";
  public static final String TRIAGE_DECISION = "TriageDecision";
  public static final String RESPONSE_POLICY = "ResponsePolicy";
  /** message to a running response: a monitoring event concerning the incident was attached as evidence */
  public static final String MESSAGE_EVIDENCE_ADDED = "EvidenceAdded";

  private ProcessKeys() {}
}
