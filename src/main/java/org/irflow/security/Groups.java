package org.irflow.security;

import java.util.List;
import java.util.Map;

/** The Camunda groups of irflow's roles. */
public final class Groups {
  public static final String INCIDENT_COMMANDERS = "incident-commanders";
  public static final String COMMUNICATIONS = "communications";
  public static final String RESPONDERS = "responders";
  public static final String SIGNERS = "signers";
  public static final String MANAGERS = "managers";
  public static final String ADMINS = "camunda-admin";
  /** May read /actuator/prometheus and nothing else: the group of a Prometheus service user. */
  public static final String METRICS_SCRAPERS = "metrics-scrapers";

  /** Groups of the incident response programme (all but the operators). */
  public static final List<String> PROGRAMME = List.of(
      INCIDENT_COMMANDERS, COMMUNICATIONS, RESPONDERS, SIGNERS, MANAGERS);

  private static final Map<String, String> MEMBER_NOUNS = Map.of(
      INCIDENT_COMMANDERS, "an incident command supervisor",
      COMMUNICATIONS, "a public communications officer",
      RESPONDERS, "a responder",
      SIGNERS, "a multisig signer",
      MANAGERS, "a programme manager",
      ADMINS, "an operator");

  /** What a member of the group is, in words: "an incident command supervisor". */
  public static String memberNoun(String group) {
    return MEMBER_NOUNS.getOrDefault(group, "a member of the group " + group);
  }

  private Groups() {}
}
