package org.irflow.process;

/** Key and variable names of the customer notification (IR-7), declared once. */
public final class CustomerNotificationVariables {
  public static final String PROCESS_KEY = "CustomerNotificationProcess";

  /** triage: the supervisor ticked "Customers are affected: notify them (IR-7)"; pre-set from informationSpill */
  public static final String CUSTOMERS_AFFECTED = "customersAffected";

  /** the customer_notification row this instance works on */
  public static final String CUSTOMER_NOTIFICATION_ID = "customerNotificationId";
  /** who asked for it (the triage's supervisor, the lead from "Review progress") */
  public static final String REQUESTED_BY = "customerNotificationRequestedBy";
  /** where it goes, for people to read: the configured customer contacts (a drill's goes to the drill channel) */
  public static final String RECIPIENTS = "customerNotificationRecipients";
  // "Draft customer notification"
  public static final String SUBJECT = "customerNotificationSubject";
  public static final String BODY = "customerNotificationBody";
  public static final String DRAFTED_BY = "customerNotificationDraftedBy";
  // "Approve customer notification"
  /** APPROVE or REDRAFT */
  public static final String DECISION = "customerNotificationDecision";
  /** why the supervisor sent it back; shown on the next draft */
  public static final String REDRAFT_REASON = "redraftReason";
  public static final String APPROVED_BY = "customerNotificationApprovedBy";
  // "Send customer notification"
  /** the outbound_message row of the e-mail */
  public static final String MESSAGE_ID = "customerNotificationMessageId";

  private CustomerNotificationVariables() {}
}
