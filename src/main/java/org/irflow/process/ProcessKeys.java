package org.irflow.process;

/** Process and decision keys, as in the file names under bpmn/. */
public final class ProcessKeys {
  public static final String INCIDENT_TRIAGE = "IncidentTriageProcess";
  public static final String INCIDENT_RESPONSE = "IncidentResponseProcess";
  public static final String TRIAGE_DECISION = "TriageDecision";
  public static final String RESPONSE_POLICY = "ResponsePolicy";

  private ProcessKeys() {}
}
