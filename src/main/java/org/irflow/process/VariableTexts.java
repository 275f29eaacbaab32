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
}
