package org.irflow.process;

/** Camunda keeps a string variable in a varchar(4000): what a longer text becomes in a process. */
public final class VariableTexts {

  /** The longest text a string variable holds. */
  public static final int LONGEST = 4000;

  private VariableTexts() {}

  /** The text, or its start with a note saying where the whole text is kept. */
  public static String fit(String text, String wholeTextIsOn) {
    if (text == null || text.length() <= LONGEST) {
      return text;
    }
    String note = "… (cut; the whole text is on " + wholeTextIsOn + ")";
    return text.substring(0, LONGEST - note.length()) + note;
  }

  /**
   * A running log with one more line at its end. When it would outgrow a variable, its oldest lines
   * give way (the newest are what a person acts on), under a first line saying where all are kept.
   */
  public static String appendLine(String log, String line, String allLinesAreOn) {
    String appended = log == null || log.isEmpty() ? line : log + "\n" + line;
    if (appended.length() <= LONGEST) {
      return appended;
    }
    String note = "… (earlier lines on " + allLinesAreOn + ")";
    String kept = appended.startsWith(note) ? appended.substring(note.length() + 1) : appended;
    while (note.length() + 1 + kept.length() > LONGEST && kept.indexOf('\n') >= 0) {
      kept = kept.substring(kept.indexOf('\n') + 1);
    }
    return fit(note + "\n" + kept, allLinesAreOn);
  }
}
