package org.irflow.process;

/**
 * Process keys and variable names of the post-mortem (PostMortemProcess, ActionItemProcess), and of
 * the response's decision to start one. Ids and short texts, never payloads: the gathered timeline
 * and the document live in the post_mortem table.
 */
public final class PostMortemVariables {
  public static final String POST_MORTEM_PROCESS = "PostMortemProcess";
  public static final String ACTION_ITEM_PROCESS = "ActionItemProcess";

  // response: whether a post-mortem is owed
  public static final String POST_MORTEM_MANDATORY = "postMortemMandatory";
  public static final String POST_MORTEM_REQUESTED = "postMortemRequested";
  public static final String POST_MORTEM_OWED = "postMortemOwed";
  /** true for a drill; missing means false. */
  public static final String DRILL = "drill";

  // post-mortem
  public static final String PRIMARY_SUPERVISOR = "primarySupervisor";
  /** the timeline as pre-filled in "Draft post-mortem", at most {@link #TIMELINE_VARIABLE_MAX} characters */
  public static final String POST_MORTEM_TIMELINE = "postMortemTimeline";
  public static final int TIMELINE_VARIABLE_MAX = 4000;
  public static final String POST_MORTEM_SUMMARY = "postMortemSummary";
  public static final String ROOT_CAUSE = "rootCause";
  public static final String WENT_WELL = "wentWell";
  public static final String WENT_WRONG = "wentWrong";
  /**
   * the action items added so far in "Add an action item", set only by irflow: Json rows
   * {@code [{"title", "priority", "owner", "committedDate", "optional"}]}
   */
  public static final String ACTION_ITEMS = "actionItems";
  /** the items added so far in words, shown above the form's fields */
  public static final String ACTION_ITEMS_SO_FAR = "actionItemsSoFar";
  // the one item a person enters in "Add an action item"
  public static final String NEW_ACTION_ITEM_TITLE = "newActionItemTitle";
  public static final String NEW_ACTION_ITEM_PRIORITY = "newActionItemPriority";
  public static final String NEW_ACTION_ITEM_OWNER = "newActionItemOwner";
  public static final String NEW_ACTION_ITEM_COMMITTED_DATE = "newActionItemCommittedDate";
  public static final String NEW_ACTION_ITEM_OPTIONAL = "newActionItemOptional";
  /** API users: several items at once, rows or one per line "title | P1 | owner | 2026-12-31 | optional" */
  public static final String ACTION_ITEMS_TO_ADD = "actionItemsToAdd";
  /** what "Add an action item" does next: ADD_ANOTHER, ADD_LAST, REMOVE_LAST or FINISH */
  public static final String ACTION_ITEMS_NEXT = "actionItemsNext";
  /** whether "Add an action item" comes again */
  public static final String MORE_ACTION_ITEMS = "moreActionItems";
  /** true when the post-mortem ended its list without a committed item */
  public static final String NO_ACTION_ITEMS = "noActionItems";
  public static final String COMMITTED_ITEMS_OPEN = "committedItemsOpen";
  /** a short text: one line per action item with its state */
  public static final String ACTION_ITEM_SUMMARY = "actionItemSummary";
  public static final String REVIEW_NOTES = "reviewNotes";
  public static final String PUBLICATION_DECISION = "publicationDecision";
  public static final String PUBLISHED_WHERE = "publishedWhere";
  public static final String WITHHOLD_REASON = "withholdReason";
  public static final String CLOSING_NOTES = "closingNotes";
  /** set on the processes the drill signal starts (camunda:in target) */
  public static final String DRILL_INCIDENT_ID = "drillIncidentId";

  // action item
  public static final String ACTION_ITEM_ID = "actionItemId";
  public static final String ACTION_ITEM_TITLE = "actionItemTitle";
  public static final String ACTION_ITEM_PRIORITY = "actionItemPriority";
  public static final String ACTION_ITEM_DUE_DATE = "actionItemDueDate";
  public static final String ACTION_ITEM_KIND = "actionItemKind";
  public static final String ACTION_ITEM_OWNER = "actionItemOwner";
  public static final String REMINDER_AT = "reminderAt";
  public static final String OVERDUE_AT = "overdueAt";
  public static final String ACTION_ITEM_OUTCOME = "actionItemOutcome";
  /** the outcomes "Complete action item" offers its owner (JSON options): waiving only for an optional item */
  public static final String ACTION_ITEM_OUTCOMES = "actionItemOutcomes";
  /** message to the post-mortem: the last open committed action item was done or waived */
  public static final String MESSAGE_COMMITTED_ITEMS_CLOSED = "CommittedActionItemsClosed";
  public static final String COMPLETION_NOTES = "completionNotes";
  public static final String FOLLOW_UP_OUTCOME = "followUpOutcome";
  public static final String FOLLOW_UP_NOTES = "followUpNotes";

  private PostMortemVariables() {}
}
