package org.irflow.process;

/** ResponderTrainingProcess and RadicalSystemChangeProcess: keys, signal and variable names. */
public final class TrainingVariables {
  /** Process keys (file names under bpmn/). */
  public static final String RESPONDER_TRAINING_PROCESS = "ResponderTrainingProcess";
  public static final String RADICAL_SYSTEM_CHANGE_PROCESS = "RadicalSystemChangeProcess";
  /** Signal thrown by RadicalSystemChangeProcess, caught by every waiting training. */
  public static final String RADICAL_SYSTEM_CHANGE_SIGNAL = "radical-system-change";

  /** The member being trained (user id; also the business key). */
  public static final String TRAINEE = "trainee";
  /** The response group the member was found in when the training started. */
  public static final String RESPONSE_GROUP = "responseGroup";
  /** Input of the "Schedule ..." service tasks: INITIAL, REFRESHER or RETRAINING. */
  public static final String ROUND_KIND = "roundKind";
  /** The training_record row of the current round, its kind and its dates (ISO 8601 instants). */
  public static final String TRAINING_RECORD_ID = "trainingRecordId";
  public static final String TRAINING_KIND = "trainingKind";
  public static final String TRAINING_DUE_AT = "trainingDueAt";
  public static final String TRAINING_REMINDER_AT = "trainingReminderAt";
  /** False when the member has left every response group: the training ends. */
  public static final String STILL_IN_RESPONSE_GROUP = "stillInResponseGroup";
  /** Form "complete-training". */
  public static final String ATTENDED_ON = "attendedOn";
  public static final String NOTES_LOCATION = "notesLocation";
  public static final String ATTENDANCE_CONFIRMED = "attendanceConfirmed";
  /** Form "follow-up-overdue-training". */
  public static final String FOLLOW_UP_NOTES = "followUpNotes";
  /** Start form "signal-radical-system-change". */
  public static final String CHANGE_DESCRIPTION = "changeDescription";

  private TrainingVariables() {}
}
