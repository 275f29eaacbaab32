package org.irflow.postmortem;

/** What happens to the post-mortem document. */
public enum Publication {
  /** published where recorded */
  PUBLISHED,
  /** withheld, because publication could present further risk */
  WITHHELD,
  /** a drill's post-mortem: published internally, no decision needed */
  INTERNAL
}
