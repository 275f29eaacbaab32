package org.irflow.incident;

/** Where an incident stands. */
public enum IncidentStatus {
  /** declared; the response is running */
  DECLARED,
  /** objectives achieved; a post-mortem may still follow */
  RESOLVED,
  /** nothing more to do */
  CLOSED,
  /** merged into another incident by a person; that incident carries its events on */
  MERGED
}
