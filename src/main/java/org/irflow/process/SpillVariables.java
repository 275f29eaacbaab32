package org.irflow.process;

/** Key and variable names of the information spill response (IR-9), declared once. */
public final class SpillVariables {
  public static final String PROCESS_KEY = "InformationSpillProcess";

  /** the information_spill row this instance works on */
  public static final String INFORMATION_SPILL_ID = "informationSpillId";
  // "Locate the spilled information"
  /** what was spilled, described (never the spilled information itself) */
  public static final String SPILLED_INFORMATION = "spilledInformation";
  /** where it is: systems, files, channels, mailboxes, recipients */
  public static final String SPILL_LOCATION = "spillLocation";
  /** the systems holding it, matched against irflow.spills.system-owners; pre-filled from the event */
  public static final String SPILL_SYSTEMS = "spillSystems";
  // "Notify the system owner"
  /** the addresses the owner notice went to, for people to read */
  public static final String SYSTEM_OWNERS = "systemOwners";
  /** the outbound_message row of the owner notice */
  public static final String SYSTEM_OWNER_MESSAGE_ID = "systemOwnerMessageId";
  // "Remove the spilled information", "Restrict access to affected systems"
  public static final String REMOVAL_METHOD = "removalMethod";
  public static final String ACCESS_RESTRICTION = "accessRestriction";
  // "Confirm removal"
  /** YES (removed everywhere it should not be) or NO (traces remain: remove again) */
  public static final String REMOVAL_CONFIRMED = "removalConfirmed";
  /** how the removal was verified (required either way) */
  public static final String REMOVAL_VERIFICATION = "removalVerification";

  private SpillVariables() {}
}
